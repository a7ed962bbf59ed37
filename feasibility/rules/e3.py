"""E3 — Data and information for evidence-based design (SMP-DOMAIN §2.3, G5): rules E3.R1–E3.R10.

Forward-looking evidence (forecasts, foresight) is E1.R3's; these rules check current needs, the mix and
quality of sources, the systems that produce and share data, and M&E.
"""

from __future__ import annotations

from codelists.skills import DATA_NEED_PROMPT_CODES, DATA_NEED_PROMPTS, SourceFamily
from feasibility.context import EMPLOYER_CATEGORIES, country_code, loaded, source_family
from feasibility.registry import Outcome, msg, register_defaults, rule, semicolons
from feasibility.registry import rule_text as _
from feasibility.rules._common import (
    NOT_RECORDED,
    SIDES,
    country_label,
    filled,
    join,
    labels,
    org_name,
    sector_name,
    side_names,
)

register_defaults(
    {
        "E3.R2.max_age_years": 3,  # labour-demand evidence older than this is not "current" [product default]
        "E3.R10.max_indicators": 25,  # PROMISE: too many indicators make M&E unworkable [product default]
        "E3.R10.min_impact_categories": 3,
    }
)

EMPLOYER_SOURCES = frozenset({"employer_survey", "expert_consultation", "private_sector_data"})
NEED_TOPICS = frozenset({"labour_demand", "skills_supply", "skills_mismatch"})
PERSON_LEVEL_CATEGORIES = frozenset({"earnings_remittances", "skills", "satisfaction"})
PROMPT_TEXT = {prompt.code: prompt.text for prompt in DATA_NEED_PROMPTS}


def prompts(codes) -> list[str]:
    """Checklist prompts by their question, in quotes (a code the checklist no longer has is shown as is)."""
    return [f"“{PROMPT_TEXT.get(code, code)}”" for code in codes]


def _no_sector_warning():
    return Outcome.warn(_("No sector is recorded for the partnership, so evidence cannot be checked sector by sector."))


@rule(
    "E3.R1",
    title=_("Data needs mapped and every gap has a filling strategy"),
    says=_(
        "Go through the information checklist, record what is known, and for every gap say how and by whom it "
        "will be filled during the partnership."
    ),
    source="G5 rec 1; G B10; G13",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.data_needs",
        "skills.DataNeed.answer",
        "skills.DataNeed.gap_owner",
        "skills.DataNeed.gap_strategy",
        "skills.DataNeed.prompt_code",
        "skills.DataNeed.status",
    ),
)
def e3_r1(p, ctx) -> Outcome:
    needs = list(loaded(p, "data_needs"))
    if not needs:
        return Outcome.fail(_("No answer to the information checklist is recorded."))
    answered = {need.prompt_code for need in needs}
    missing = [code for code in DATA_NEED_PROMPT_CODES if code not in answered]
    gaps_open = [n for n in needs if n.status == "gap" and not (filled(n.gap_strategy) and n.gap_owner_id)]
    na_unexplained = [n for n in needs if n.status == "not_applicable" and not filled(n.answer)]
    evidence = {
        "missing_prompts": missing,
        "gaps_without_strategy_or_owner": [n.prompt_code for n in gaps_open],
        "not_applicable_without_reason": [n.prompt_code for n in na_unexplained],
    }
    problems = []
    if missing:
        problems.append(
            msg(
                _("%(n)d of %(t)d prompts unanswered (%(c)s)"),
                {"n": len(missing), "t": len(DATA_NEED_PROMPT_CODES), "c": join(prompts(missing), limit=3)},
            )
        )
    if gaps_open:
        problems.append(
            msg(
                _("gaps without strategy or owner: %(c)s"),
                {"c": join(prompts(n.prompt_code for n in gaps_open), limit=3)},
            )
        )
    if na_unexplained:
        problems.append(
            msg(
                _("'not applicable' without a reason: %(c)s"),
                {"c": join(prompts(n.prompt_code for n in na_unexplained), limit=3)},
            )
        )
    if problems:
        return Outcome.warn(msg(_("Information checklist: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(
        msg(
            _("All %(n)d checklist prompts answered; every gap has a strategy and an owner."),
            {"n": len(DATA_NEED_PROMPT_CODES)},
        ),
        **evidence,
    )


@rule(
    "E3.R2",
    title=_("Current labour-market needs assessed in every partner country, jointly"),
    says=_(
        "Assess today's labour-market and skills needs in every partner country, sector by sector, together "
        "with the partner country."
    ),
    source="G5; G5 rec 3; G B12; G2",
    draft_lenient=True,
    reads=(
        "today",
        "partnerships.Partnership.countries",
        "partnerships.Partnership.labour_market_evidence",
        "partnerships.Partnership.sectors",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
        "skills.LabourMarketEvidence.country",
        "skills.LabourMarketEvidence.is_joint",
        "skills.LabourMarketEvidence.reference_year",
        "skills.LabourMarketEvidence.sector",
        "skills.LabourMarketEvidence.topics",
    ),
)
def e3_r2(p, ctx) -> Outcome:
    demand = [ev for ev in ctx.evidence if "labour_demand" in (ev.topics or [])]
    country_side = {pc.id: pc.side for pc in ctx.countries}
    sides_with = {country_side.get(ev.country_id) for ev in demand if ev.country_id}
    sides_without = [side for side in SIDES if side not in sides_with]
    if sides_without:
        return Outcome.fail(
            msg(_("No labour-demand evidence at all on the %(s)s side."), {"s": side_names(sides_without)}),
            sides_without_evidence=sides_without,
        )
    if not ctx.sectors:
        return _no_sector_warning()
    oldest = ctx.today.year - ctx.cfg["E3.R2.max_age_years"]
    current = {(ev.country_id, ev.sector_id) for ev in demand if ev.reference_year and ev.reference_year >= oldest}
    missing = [(pc, sector) for pc in ctx.countries for sector in ctx.sectors if (pc.id, sector.pk) not in current]
    gaps = [f"{country_code(pc)}/{sector.pk}" for pc, sector in missing]  # codes: evidence is for machines
    joint = [ev for ev in demand if ev.is_joint is True]
    evidence = {"missing_country_sector": gaps, "joint_items": [ev.id for ev in joint], "oldest_year_accepted": oldest}
    problems = []
    if gaps:
        named = join(
            msg("%(country)s/%(sector)s", {"country": country_label(pc), "sector": sector_name(sector)})
            for pc, sector in missing
        )
        problems.append(msg(_("no evidence from %(y)d or later for %(g)s"), {"y": oldest, "g": named}))
    if not joint:
        problems.append(_("no assessment was made jointly"))
    if problems:
        return Outcome.warn(msg(_("Labour-demand evidence: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(
        msg(
            _("Current labour-demand evidence for every country and sector, %(n)d item(s) produced jointly."),
            {"n": len(joint)},
        ),
        **evidence,
    )


@rule(
    "E3.R3",
    title=_("Employers and industry experts have fed in skills needs"),
    says=_(
        "Survey or interview employers and industry experts in each chosen sector about the skills they need "
        "before designing training."
    ),
    source="G5 rec 3, rec 4, rec 6; BP §2",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.labour_market_evidence",
        "partnerships.Partnership.sectors",
        "skills.LabourMarketEvidence.producer",
        "skills.LabourMarketEvidence.sector",
        "skills.LabourMarketEvidence.source_type",
        "stakeholders.Organisation.category",
    ),
)
def e3_r3(p, ctx) -> Outcome:
    def from_employers(ev) -> bool:
        producer = ev.producer
        return ev.source_type in EMPLOYER_SOURCES or (producer is not None and producer.category in EMPLOYER_CATEGORIES)

    employer_items = [ev for ev in ctx.evidence if from_employers(ev)]
    sectors_with = {ev.sector_id for ev in employer_items if ev.sector_id}
    if not ctx.sectors:
        if employer_items:
            return Outcome.warn(
                _("Employer-sourced evidence exists but no sector is recorded to check it against."),
                employer_items=[ev.id for ev in employer_items],
            )
        return Outcome.fail(_("No sector is recorded and no employer or expert input exists."))
    missing = [s for s in ctx.sectors if s.pk not in sectors_with]
    evidence = {"sectors_without_employer_input": [s.pk for s in missing]}
    if len(missing) == len(ctx.sectors):
        return Outcome.fail(_("No sector has employer or industry-expert input."), **evidence)
    if missing:
        return Outcome.warn(
            msg(_("No employer or expert input for %(s)s."), {"s": join(map(sector_name, missing))}), **evidence
        )
    return Outcome.passed(_("Every sector has employer or industry-expert input."), **evidence)


@rule(
    "E3.R4",
    title=_("Sources triangulated, not a single survey or a single scrape"),
    says=_(
        "Combine official statistics with real-time or employer-sourced data for each sector; do not rely on "
        "online job adverts alone for lower-skilled jobs."
    ),
    source="G5; G5 source list; G B12",
    can_fail=False,
    reads=(
        "partnerships.Partnership.labour_market_evidence",
        "partnerships.Partnership.sectors",
        "partnerships.Partnership.skill_levels",
        "skills.LabourMarketEvidence.sector",
        "skills.LabourMarketEvidence.source_type",
        "skills.LabourMarketEvidence.topics",
    ),
)
def e3_r4(p, ctx) -> Outcome:
    if not ctx.sectors:
        return _no_sector_warning()
    low_skilled = "low" in (p.skill_levels or [])
    families: dict[str, set] = {s.pk: set() for s in ctx.sectors}
    for ev in ctx.evidence:
        if ev.sector_id in families and NEED_TOPICS & set(ev.topics or []):
            families[ev.sector_id].add(source_family(ev))
    weak = []
    for sector in ctx.sectors:
        found = families[sector.pk]
        official = found & {"statistical", "administrative"}
        second = found & ({"employer", "qualitative"} if low_skilled else {"employer", "big_data", "qualitative"})
        if len(found) < 2 or not official or not second:
            weak.append(
                msg(
                    "%(sector)s (%(sources)s)",
                    {
                        "sector": sector_name(sector),
                        "sources": join(labels(SourceFamily, sorted(found))) or NOT_RECORDED,
                    },
                )
            )
    evidence = {"families_by_sector": {k: sorted(v) for k, v in families.items()}, "low_skilled": low_skilled}
    if weak:
        return Outcome.warn(
            msg(
                _(
                    "Sources not triangulated for %(w)s: each sector needs official data plus employer, big-data or "
                    "qualitative sources%(low)s."
                ),
                {"w": join(weak), "low": _(" (employer or qualitative for low-skilled jobs)") if low_skilled else ""},
            ),
            **evidence,
        )
    return Outcome.passed(_("Every sector combines official and employer-side or real-time sources."), **evidence)


@rule(
    "E3.R5",
    title=_("Labour migration built into each partner country's LMIS"),
    says=_(
        "Help each partner country bring labour-migration data into its labour-market information system, and "
        "budget the support where it is missing."
    ),
    source="G5 rec 2, rec 5, rec 9; G B11; G13; BP §2",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.capacity_activities",
        "partnerships.Partnership.countries",
        "partnerships.Partnership.participations",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.lmis_includes_labour_migration",
        "partnerships.PartnershipCountry.lmis_status",
        "stakeholders.CapacityActivity.target_participation",
        "stakeholders.CapacityActivity.topic",
        "stakeholders.Organisation.country",
        "stakeholders.Participation.organisation",
    ),
)
def e3_r5(p, ctx) -> Outcome:
    if not ctx.countries:
        return Outcome.warn(_("No partner country is recorded."))
    supported = set()
    for activity in ctx.capacity_activities:
        if activity.topic in ("lmis", "migration_statistics"):
            target = ctx.participation_by_id.get(activity.target_participation_id)
            if target is not None:
                supported.add(country_code(target.organisation))
    failing, warning = [], []
    for pc in ctx.countries:
        status, includes = pc.lmis_status, pc.lmis_includes_labour_migration
        if status == "functional" and includes is True:
            continue
        has_support = country_code(pc) in supported
        if (status == "none" or includes is False) and not has_support:
            failing.append(pc)
        else:
            warning.append(pc)
    evidence = {
        "failing": [country_code(pc) for pc in failing],
        "incomplete": [country_code(pc) for pc in warning],
        "countries_with_support": sorted(supported),
    }
    if failing:
        return Outcome.fail(
            msg(
                _("No LMIS, or one without labour migration, and no support planned in %(c)s."),
                {"c": join(country_label(pc) for pc in failing)},
            ),
            **evidence,
        )
    if warning:
        return Outcome.warn(
            msg(
                _("LMIS partial, unknown or without labour migration in %(c)s."),
                {"c": join(country_label(pc) for pc in warning)},
            ),
            **evidence,
        )
    return Outcome.passed(_("Every partner country has a functional LMIS that covers labour migration."), **evidence)


@rule(
    "E3.R6",
    title=_("Data broken down by sex and by subnational area"),
    says=_(
        "Use and collect data split by sex and by region or municipality, and split every participant indicator by sex."
    ),
    source="G5; G B10; G9 rec; BP §2; C6 r8; WS ¶4a",
    can_fail=False,
    reads=(
        "partnerships.Partnership.indicators",
        "partnerships.Partnership.labour_market_evidence",
        "partnerships.Partnership.sectors",
        "partnerships.Indicator.disaggregation",
        "partnerships.Indicator.impact_category",
        "partnerships.Indicator.name",
        "skills.LabourMarketEvidence.disaggregation",
        "skills.LabourMarketEvidence.sector",
    ),
)
def e3_r6(p, ctx) -> Outcome:
    if not ctx.sectors:
        return _no_sector_warning()
    by_sex = {ev.sector_id for ev in ctx.evidence if "sex" in (ev.disaggregation or [])}
    by_area = {ev.sector_id for ev in ctx.evidence if "subnational" in (ev.disaggregation or [])}
    no_sex = [s for s in ctx.sectors if s.pk not in by_sex]
    no_area = [s for s in ctx.sectors if s.pk not in by_area]
    person_indicators = [i for i in ctx.indicators if i.impact_category in PERSON_LEVEL_CATEGORIES]
    undisaggregated = [i for i in person_indicators if "sex" not in (i.disaggregation or [])]
    problems = []
    if no_sex:
        problems.append(msg(_("no evidence split by sex for %(s)s"), {"s": join(map(sector_name, no_sex))}))
    if no_area:
        problems.append(msg(_("no evidence split by region for %(s)s"), {"s": join(map(sector_name, no_area))}))
    if undisaggregated:
        problems.append(
            msg(_("participant indicators not split by sex: %(i)s"), {"i": join(i.name for i in undisaggregated)})
        )
    evidence = {
        "sectors_without_sex": [s.pk for s in no_sex],
        "sectors_without_subnational": [s.pk for s in no_area],
        "indicators_without_sex": [i.id for i in undisaggregated],
    }
    if problems:
        return Outcome.warn(msg(_("Disaggregation: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(
        _("Evidence split by sex and region in every sector; participant indicators split by sex."), **evidence
    )


@rule(
    "E3.R7",
    title=_("Data-sharing arrangement between public and private data holders across the corridor"),
    says=_(
        "Set up a platform or a sector working group through which employers and public bodies of both "
        "countries share live data on skills and certification needs."
    ),
    source="G5; G5 rec 2, rec 6; G B11 (d); BP §2; WS ¶6",
    can_fail=False,
    reads=(
        "partnerships.Partnership.data_sharing_arrangements",
        "partnerships.Partnership.participations",
        "skills.DataSharingArrangement.data_types",
        "skills.DataSharingArrangement.parties",
        "stakeholders.Organisation.category",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.side",
    ),
)
def e3_r7(p, ctx) -> Outcome:
    arrangements = list(loaded(p, "data_sharing_arrangements"))
    if not arrangements:
        return Outcome.warn(_("No data-sharing arrangement is recorded."))
    shortfalls = []
    for arrangement in arrangements:
        parties = [
            ctx.participation_by_id[x.id] for x in loaded(arrangement, "parties") if x.id in ctx.participation_by_id
        ]
        public = any(ctx.group_of(x) == "government" for x in parties)
        private = any(x.organisation.category in EMPLOYER_CATEGORIES for x in parties)
        sides = {x.side for x in parties}
        needs = bool({"skills_needs", "certification_needs"} & set(arrangement.data_types or []))
        if public and private and {"origin", "destination"} <= sides and needs:
            return Outcome.passed(
                msg(
                    _("Arrangement %(id)d links public and employer-side holders of both sides on skills needs."),
                    {"id": arrangement.id},
                ),
                arrangement=arrangement.id,
            )
        missing = []
        if not public:
            missing.append(_("government"))
        if not private:
            missing.append(_("employer side"))
        if not {"origin", "destination"} <= sides:
            missing.append(_("both sides"))
        if not needs:
            missing.append(_("skills or certification needs"))
        # "#12: government, both sides": a template with no words to translate; the words stay keys.
        shortfalls.append(
            msg("#%(id)d: %(missing)s", {"id": arrangement.id, "missing": join(missing, limit=len(missing))})
        )
    return Outcome.warn(
        msg(
            _("No arrangement joins government and employers of both sides on skills needs (missing — %(s)s)."),
            {"s": semicolons(shortfalls)},
        ),
        arrangements=[a.id for a in arrangements],
    )


@rule(
    "E3.R8",
    title=_("Evidence interpreted together with the social partners"),
    says=_(
        "Hold a joint session with ministries, employers and unions of both countries to agree what the data "
        "mean for the design."
    ),
    source="G5; G5 rec 8",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.evidence_reviews",
        "partnerships.Partnership.participations",
        "partnerships.PartnershipCountry.country",
        "skills.EvidenceReview.held_on",
        "skills.EvidenceReview.participants",
        "stakeholders.Organisation.category",
        "stakeholders.Organisation.country",
        "stakeholders.Participation.organisation",
    ),
)
def e3_r8(p, ctx) -> Outcome:
    reviews = list(loaded(p, "evidence_reviews"))
    if not reviews:
        return Outcome.fail(_("No joint review of the evidence is recorded."))
    countries = {country_code(pc): pc for pc in ctx.countries}
    best_gaps = None
    for review in reviews:
        people = [
            ctx.participation_by_id[x.id] for x in loaded(review, "participants") if x.id in ctx.participation_by_id
        ]
        groups = {
            _("ministries"): any(ctx.group_of(x) == "government" for x in people),
            _("employers"): any(x.organisation.category in EMPLOYER_CATEGORIES for x in people),
            _("unions"): any(x.organisation.category == "workers_org" for x in people),
        }
        present = {country_code(x.organisation) for x in people}
        # Who is missing, as words kept as keys ("unions") and country names, so the finding reads in the
        # reader's language; the evidence keeps them as English text (the check runs with translation off).
        gaps = [name for name, ok in groups.items() if not ok] + [
            country_label(countries[code]) for code in sorted(set(countries) - present)
        ]
        if not gaps:
            return Outcome.passed(
                msg(
                    _("Tripartite review held on %(d)s with participants from every partner country."),
                    {"d": review.held_on},
                ),
                review=review.id,
            )
        if best_gaps is None or len(gaps) < len(best_gaps):
            best_gaps = gaps
    return Outcome.warn(
        msg(
            _("%(n)d review(s) recorded, but none is tripartite with every country (missing: %(g)s)."),
            {"n": len(reviews), "g": join(best_gaps or [])},
        ),
        missing=[str(gap) for gap in best_gaps or []],
    )


@rule(
    "E3.R9",
    title=_("Skills-matching process defined, with a responsible body on each side"),
    says=_(
        "Describe step by step how candidates are matched to jobs and name the agency responsible on each side "
        "(such as the public employment service), with support where its capacity is low."
    ),
    source="G5; G5 rec 10; G B10; G B7; BP §3",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.capacity_activities",
        "partnerships.Partnership.matching_process",
        "partnerships.Partnership.participations",
        "stakeholders.CapacityActivity.target_participation",
        "stakeholders.CapacityActivity.topic",
        "stakeholders.Organisation.name",
        "stakeholders.Participation.capacity_level",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.roles",
        "stakeholders.Participation.side",
    ),
)
def e3_r9(p, ctx) -> Outcome:
    matchers = ctx.participations_with_role("skills_matching")
    if not matchers:
        return Outcome.fail(_("No participation holds the skills-matching role."))
    sides = {x.side for x in matchers}
    low_unsupported = [
        x
        for x in matchers
        if x.capacity_level == "low"
        and not any(a.topic == "matching" for a in ctx.activities_by_participation.get(x.id, []))
    ]
    problems = []
    if not filled(p.matching_process):
        problems.append(_("the matching process is not described"))
    missing_sides = [side for side in SIDES if side not in sides]
    if missing_sides:
        problems.append(msg(_("no matching body on the %(s)s side"), {"s": side_names(missing_sides)}))
    if low_unsupported:
        problems.append(
            msg(_("low-capacity matcher without support: %(o)s"), {"o": join(org_name(x) for x in low_unsupported)})
        )
    evidence = {"matchers": [x.id for x in matchers], "low_unsupported": [x.id for x in low_unsupported]}
    if problems:
        return Outcome.warn(msg(_("Skills matching: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(_("Matching process described, with a responsible body on each side."), **evidence)


@rule(
    "E3.R10",
    title=_("Monitoring, evaluation and learning framework with baseline and follow-up"),
    says=_(
        "Choose a small set of indicators across several impact areas, measure them before training and again "
        "during employment or after return, and budget for it."
    ),
    source="G5 rec 11; G B14; G T3; G3",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.cost_items",
        "partnerships.Partnership.indicators",
        "costs.CostItem.category",
        "partnerships.Indicator.collection_points",
        "partnerships.Indicator.impact_category",
        "partnerships.Indicator.measure_type",
    ),
)
def e3_r10(p, ctx) -> Outcome:
    indicators = ctx.indicators
    if not indicators:
        return Outcome.fail(_("No indicator is recorded."))
    categories = {i.impact_category for i in indicators if i.impact_category}
    measure_types = {i.measure_type for i in indicators}
    points = {point for i in indicators for point in (i.collection_points or [])}
    has_budget = any(item.category == "monitoring_evaluation" for item in loaded(p, "cost_items"))
    cap = ctx.cfg["E3.R10.max_indicators"]
    problems = []
    if len(categories) < ctx.cfg["E3.R10.min_impact_categories"]:
        problems.append(msg(_("only %(n)d impact categories"), {"n": len(categories)}))
    for kind, label in (
        ("quantitative", _("no quantitative indicator")),
        ("qualitative", _("no qualitative indicator")),
    ):
        if kind not in measure_types:
            problems.append(label)
    if "before_training" not in points:
        problems.append(_("no baseline collected before training"))
    if not points & {"during_employment", "after_return"}:
        problems.append(_("no follow-up during employment or after return"))
    if len(indicators) > cap:
        problems.append(msg(_("%(n)d indicators, more than %(cap)d"), {"n": len(indicators), "cap": cap}))
    if not has_budget:
        problems.append(_("no monitoring and evaluation cost item"))
    evidence = {
        "indicators": len(indicators),
        "impact_categories": sorted(categories),
        "collection_points": sorted(points),
        "me_budget": has_budget,
    }
    if problems:
        return Outcome.warn(msg(_("M&E framework: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(
        msg(
            _("%(n)d indicators over %(c)d impact categories, with baseline, follow-up and budget."),
            {"n": len(indicators), "c": len(categories)},
        ),
        **evidence,
    )
