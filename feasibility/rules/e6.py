"""E6 — Social aspects of employment and mobility (SMP-DOMAIN §2.6, G9): rules E6.R1–E6.R10.

The first section holds the helpers §2.6 defines for E5–E8 and the ethical-recruitment check as well —
"pathways used", continuum provisions that count as present, the workers' languages — so E5, E7 and
``recruitment`` import them from here rather than each keeping its own copy. Nothing here queries: every
relation read is prefetched by ``partnerships.selectors.partnership_get_for_check``.
"""

from __future__ import annotations

from codelists.partnerships import ContinuumContent, ContinuumService, InclusionSafeguard, SocialProtectionBranch, Stage
from feasibility.context import country_code, loaded
from feasibility.registry import (
    Outcome,
    alternatives,
    msg,
    register_defaults,
    rule,
    semicolons,
    sentence,
)
from feasibility.registry import rule_text as _
from feasibility.rules._common import (
    NOT_RECORDED,
    country_label,
    filled,
    join,
    label,
    labels,
    language_name,
    sector_name,
    shown,
    shown_list,
)

register_defaults(
    {
        # E6.R8: a pathway allowing more than this many months counts as long-stay [product default].
        "E6.R8.long_stay_months": 12,
        # E6.R8: longest acceptable wait before the family may join [product default].
        "E6.R8.max_family_waiting_months": 12,
    }
)

#
# Shared by E5–E8 and R (definitions of §2.6, §7.2 and §3.3)
#

REMOTE_WORK = "remote_work"
PRESENT_STATUSES = frozenset({"provided", "planned"})
# Migration types that imply a return (§1.3, §7.2): return-phase measures are expected for them.
TEMPORARY_TYPES = frozenset({"short_term", "temporary", "seasonal", "circular"})
LONG_TYPES = frozenset({"long_term", "permanent"})


def pathways_used(ctx) -> list:
    """§2.6: pathways whose destination is a partnership destination and which cover ≥1 target occupation."""

    def compute() -> list:
        destination_ids = {pc.id for pc in ctx.destination_countries}
        target_codes = {to.occupation_id for to in ctx.target_occupations}
        return [
            pathway
            for pathway in ctx.pathways
            if pathway.destination_country_id in destination_ids
            and any(occ.pk in target_codes for occ in loaded(pathway, "occupations"))
        ]

    return ctx.memo("pathways_used", compute)


def all_remote(used: list) -> bool:
    """True when pathways are used and every one is a remote-work track (no relocation)."""
    return bool(used) and all(pathway.permit_kind == REMOTE_WORK for pathway in used)


def pathways_for(ctx, target_occupation, destination=None, pathways=None) -> list:
    """Pathways covering one target occupation (to one destination row, when given)."""
    rows = ctx.pathways if pathways is None else pathways
    return [
        pathway
        for pathway in rows
        if any(occ.pk == target_occupation.occupation_id for occ in loaded(pathway, "occupations"))
        and (destination is None or pathway.destination_country_id == destination.id)
    ]


def planned_destinations(ctx, target_occupation) -> list:
    """Destination rows a target occupation is planned for (empty ``destinations`` = every destination)."""
    chosen = list(loaded(target_occupation, "destinations"))
    return chosen or list(ctx.destination_countries)


def provisions(p, ctx) -> dict[tuple[str, str], object]:
    """Continuum provisions keyed by (phase, topic) — unique together (Appendix A)."""
    return {(row.phase, row.topic): row for row in loaded(p, "continuum_provisions")}


def present(row) -> bool:
    """A continuum provision counts as present when provided or planned (§2.6)."""
    return row is not None and row.status in PRESENT_STATUSES


def migration_types(p) -> set[str]:
    return set(p.migration_types or [])


def only_permanent(p) -> bool:
    return migration_types(p) == {"permanent"}


def worker_languages(ctx) -> set[str]:
    """Languages the recruited workers read (§3.3): the arrangements' ``worker_languages``, defaulting to the
    origin's ``languages``; with no arrangement, the languages of every origin country."""
    return set(ctx.memo("worker_languages", lambda: frozenset(_worker_languages(ctx))))


def _worker_languages(ctx) -> set[str]:
    languages: set[str] = set()
    origin_languages = {pc.id: set(pc.languages or []) for pc in ctx.origin_countries}
    arrangements = list(loaded(ctx.partnership, "recruitment_arrangements"))
    for arrangement in arrangements:
        languages |= set(arrangement.worker_languages or []) or origin_languages.get(arrangement.origin_id, set())
    if not arrangements:
        for langs in origin_languages.values():
            languages |= langs
    return languages


def side_channels(channels: list, side: str, country=None) -> list:
    """Grievance channels reached on ``side`` (in ``country`` when given; a channel without country serves
    every country of its side)."""
    return [
        ch
        for ch in channels
        if ch.side == side and (country is None or ch.country_id is None or ch.country_id == country.id)
    ]


def independent(channel) -> bool:
    """§2.6: "independent" means the channel is not run by the employer itself."""
    return channel.kind != "employer_internal"


#
# Rules
#


@rule(
    "E6.R1",
    title=_("Aspirations of the target groups studied, by gender"),
    says=_(
        "Ask the people you plan to train and move — women and men separately, in surveys or focus groups — "
        "about their plans, their family situation and how long they want to stay."
    ),
    source="G9; G9 rec (aspirations of all genders; diaspora); G13",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.aspirations_by_gender",
        "partnerships.Partnership.aspirations_methods",
        "partnerships.Partnership.aspirations_study_on",
    ),
)
def e6_r1(p, ctx) -> Outcome:
    if not p.aspirations_study_on:
        return Outcome.fail(_("No study of the target groups' aspirations is recorded."))
    methods = set(p.aspirations_methods or [])
    gaps = []
    if not methods & {"survey", "focus_groups"}:
        gaps.append(
            msg(
                _("the study of %(date)s used only second-hand methods (%(methods)s), no survey or focus group"),
                {
                    "date": p.aspirations_study_on,
                    "methods": join(shown_list(p, "aspirations_methods", sorted(methods))) or NOT_RECORDED,
                },
            )
        )
    if p.aspirations_by_gender is not True:
        gaps.append(_("results are not broken down by gender"))
    evidence = {"study_on": p.aspirations_study_on, "methods": sorted(methods), "by_gender": p.aspirations_by_gender}
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(
        msg(
            _("Aspirations studied on %(date)s with direct methods (%(methods)s), broken down by gender."),
            {"date": p.aspirations_study_on, "methods": join(shown_list(p, "aspirations_methods", sorted(methods)))},
        ),
        **evidence,
    )


@rule(
    "E6.R2",
    title=_("Gender analysis before and after, with measures for what it finds"),
    says=_(
        "Analyse gender before launch and act on the imbalances found; repeat the analysis at evaluation to "
        "compare what the scheme did for women and for men."
    ),
    source="G9 rec (gender analysis before and after); G B10; C6 r8",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.gender_action_plan",
        "partnerships.Partnership.gender_analysis_ex_ante_on",
        "partnerships.Partnership.gender_analysis_ex_post_on",
        "partnerships.Partnership.gender_imbalances_found",
        "partnerships.Partnership.stage",
    ),
)
def e6_r2(p, ctx) -> Outcome:
    if not p.gender_analysis_ex_ante_on:
        return Outcome.fail(_("No ex-ante gender analysis is recorded."))
    gaps = []
    if p.gender_imbalances_found is None:
        gaps.append(_("whether the analysis found imbalances is not recorded"))
    elif p.gender_imbalances_found and not filled(p.gender_action_plan):
        gaps.append(_("imbalances were found but no action plan is recorded"))
    if ctx.stage_reached("evaluation") and not p.gender_analysis_ex_post_on:
        gaps.append(
            msg(
                _("the partnership is at stage %(stage)s but no ex-post analysis is recorded"),
                {"stage": label(Stage, ctx.stage)},
            )
        )
    evidence = {
        "ex_ante_on": p.gender_analysis_ex_ante_on,
        "ex_post_on": p.gender_analysis_ex_post_on,
        "imbalances_found": p.gender_imbalances_found,
    }
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(
        msg(_("Gender analysis done on %(date)s; its findings are acted on."), {"date": p.gender_analysis_ex_ante_on}),
        **evidence,
    )


CARE_SECTORS = frozenset({"domestic_work", "health_care"})


@rule(
    "E6.R3",
    title=_("Safeguards for women and for people with diverse SOGIESC"),
    says=_(
        "Provide maternity protection and prevention of harassment and gender-based violence with a way to "
        "report it, SOGIESC-inclusive orientation and safe referrals, and labour-law cover for domestic and "
        "care workers."
    ),
    source="G9 gender recs; G B23; G10; C6 r8; BP intro; PT",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.inclusion_safeguards",
        "partnerships.Partnership.sectors",
        "skills.Sector.code",
    ),
)
def e6_r3(p, ctx) -> Outcome:
    safeguards = set(p.inclusion_safeguards or [])
    care = sorted(s.code for s in ctx.sectors if s.code in CARE_SECTORS)
    evidence = {"safeguards": sorted(safeguards), "care_sectors": care}
    if not safeguards & {"maternity_protection", "harassment_gbv_prevention"}:
        return Outcome.fail(
            _("Neither maternity protection nor harassment and GBV prevention is provided."), **evidence
        )
    if care and "labour_law_cover_domestic_care" not in safeguards:
        return Outcome.fail(
            msg(
                _(
                    "The partnership targets %(sectors)s but domestic and care workers' labour-law "
                    "cover is not secured."
                ),
                {"sectors": join(sector_name(s) for s in ctx.sectors if s.code in CARE_SECTORS)},
            ),
            **evidence,
        )
    missing = []
    for code in ("maternity_protection", "harassment_gbv_prevention"):
        if code not in safeguards:
            missing.append(code)
    if not safeguards & {"sogiesc_orientation", "sogiesc_safe_referrals"}:
        missing.append("sogiesc_orientation | sogiesc_safe_referrals")
    if not safeguards & {"gender_balanced_staffing", "gender_sensitive_staff_training"}:
        missing.append("gender_balanced_staffing | gender_sensitive_staff_training")
    if missing:
        either = [alternatives(labels(InclusionSafeguard, codes.split(" | "))) for codes in missing]
        return Outcome.warn(
            msg(_("Safeguards missing: %(missing)s."), {"missing": join(either)}), missing=missing, **evidence
        )
    return Outcome.passed(_("Safeguards for women and people with diverse SOGIESC are in place."), **evidence)


PRE_DEPARTURE_CONTENT = (
    "rights_obligations",
    "working_conditions_contract",
    "grievance_support",
    "living_culture",
    "uncertainties",
)


@rule(
    "E6.R4",
    title=_("Pre-departure orientation covering rights, the job and uncertainties"),
    says=_(
        "Organise pre-departure orientation, with a named organiser and in the workers' languages, on rights, "
        "the job and contract, complaint channels, daily life abroad and what happens if the move does not take "
        "place."
    ),
    source="G gl.; G9 recs; G B10; G B27; G10; G8; C6 r7, r9; PT",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.continuum_provisions",
        "partnerships.Partnership.countries",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.recruitment_arrangements",
        "partnerships.Partnership.target_occupations",
        "partnerships.ContinuumProvision.content",
        "partnerships.ContinuumProvision.languages",
        "partnerships.ContinuumProvision.phase",
        "partnerships.ContinuumProvision.responsible",
        "partnerships.ContinuumProvision.status",
        "partnerships.ContinuumProvision.topic",
        "partnerships.PartnershipCountry.languages",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "recruitment.RecruitmentArrangement.origin",
        "recruitment.RecruitmentArrangement.worker_languages",
        "skills.TargetOccupation.occupation",
    ),
)
def e6_r4(p, ctx) -> Outcome:
    used = pathways_used(ctx)
    if all_remote(used):
        return Outcome.na(_("Every pathway used is remote work: nobody relocates."))
    rows = provisions(p, ctx)
    orientation = rows.get(("pre_departure", "pre_departure_orientation"))
    if not present(orientation):
        return Outcome.fail(_("No pre-departure orientation is provided or planned."))
    content = set(orientation.content or [])
    if "uncertainties" not in content and present(rows.get(("pre_decision", "expectation_management"))):
        content.add("uncertainties")  # covered by expectation management before the decision (§2.6)
    gaps = []
    if orientation.responsible_id is None:
        gaps.append(_("no organisation is responsible for it"))
    missing = [code for code in PRE_DEPARTURE_CONTENT if code not in content]
    if missing:
        gaps.append(msg(_("it does not cover %(missing)s"), {"missing": join(labels(ContinuumContent, missing))}))
    needed = worker_languages(ctx)
    if not needed:
        gaps.append(_("the workers' languages are not recorded"))
    else:
        absent = sorted(needed - set(orientation.languages or []))
        if absent:
            gaps.append(
                msg(_("it is not offered in %(langs)s"), {"langs": join(language_name(code) for code in absent)})
            )
    evidence = {
        "content": sorted(content),
        "languages": orientation.languages or [],
        "worker_languages": sorted(needed),
    }
    if gaps:
        return Outcome.warn(msg(_("Pre-departure orientation: %(gaps)s."), {"gaps": semicolons(gaps)}), **evidence)
    return Outcome.passed(_("Pre-departure orientation covers every topic in every worker language."), **evidence)


ARRIVAL_TOPICS = (
    ("travel_arrival", "reception_information"),
    ("travel_arrival", "admin_assistance"),
    ("stay_employment", "soft_landing_integration"),
    ("stay_employment", "housing"),
    ("stay_employment", "language_lifelong_learning"),
    ("stay_employment", "anti_discrimination"),
)


@rule(
    "E6.R5",
    title=_("Post-arrival orientation, soft landing and a contact point"),
    says=_(
        "Make arrival easy: housing, a bank account, help with registration and taxes, a mentor or welcome "
        "centre to turn to — and prepare the receiving teams for colleagues from abroad."
    ),
    source="G9 integration recs; G9 (c); G10; G8; C6 r7",
    draft_lenient=True,  # its only FAIL is ⏳ (each returns lenient=True as well)
    reads=(
        "partnerships.Partnership.continuum_provisions",
        "partnerships.Partnership.countries",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.target_occupations",
        "partnerships.ContinuumProvision.delivery",
        "partnerships.ContinuumProvision.phase",
        "partnerships.ContinuumProvision.services",
        "partnerships.ContinuumProvision.status",
        "partnerships.ContinuumProvision.topic",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "skills.TargetOccupation.occupation",
    ),
)
def e6_r5(p, ctx) -> Outcome:
    if all_remote(pathways_used(ctx)):
        return Outcome.na(_("Every pathway used is remote work: nobody relocates."))
    rows = provisions(p, ctx)
    found = {key: rows.get(key) for key in ARRIVAL_TOPICS}
    present_topics = [topic for (_phase, topic), row in found.items() if present(row)]
    if not present_topics:
        # Only this FAIL is draft-lenient (§2.6: "FAIL ⏳").
        return Outcome.fail(_("No arrival, soft-landing or integration measure is provided or planned."), lenient=True)
    gaps = []
    if not present(found[("travel_arrival", "reception_information")]):
        gaps.append(_("no post-arrival orientation or welcome package"))
    landing = found[("stay_employment", "soft_landing_integration")]
    if not present(landing):
        gaps.append(_("no soft-landing help"))
    else:
        missing = sorted({"bank_account", "administrative_help"} - set(landing.services or []))
        if missing:
            gaps.append(
                msg(_("soft-landing help lacks %(missing)s"), {"missing": join(labels(ContinuumService, missing))})
            )
    if not present(found[("stay_employment", "housing")]):
        gaps.append(_("no housing help"))
    if not any(present(row) and set(row.delivery or []) & {"mentor", "welcome_centre"} for row in found.values()):
        gaps.append(_("no mentor or welcome centre as a contact point"))
    if not (
        present(found[("stay_employment", "language_lifelong_learning")])
        or present(found[("stay_employment", "anti_discrimination")])
    ):
        gaps.append(_("neither language learning nor anti-discrimination measures"))
    evidence = {"present": present_topics}
    if gaps:
        return Outcome.warn(sentence(gaps), gaps=[str(g) for g in gaps], **evidence)
    return Outcome.passed(_("Arrival, soft landing and a contact point are provided."), **evidence)


def _covers_by_destination(p, ctx, branches) -> dict[int, dict[str, list]]:
    """Social-protection rows per destination id and branch."""
    by_dest: dict[int, dict[str, list]] = {pc.id: {b: [] for b in branches} for pc in ctx.destination_countries}
    for cover in loaded(p, "social_protection_covers"):
        if cover.destination_id in by_dest and cover.branch in branches:
            by_dest[cover.destination_id][cover.branch].append(cover)
    return by_dest


@rule(
    "E6.R6",
    title=_("Health and work-injury cover from arrival"),
    says=_(
        "Cover every worker for health care and work injuries from the day they arrive, on the same terms as "
        "nationals; bridge any waiting period with insurance the worker does not pay for."
    ),
    source="G9 (b), (c); G B27; G10; BP §1; BP intro; BP Annex",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.social_protection_covers",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "partnerships.SocialProtectionCover.branch",
        "partnerships.SocialProtectionCover.bridging_insurance",
        "partnerships.SocialProtectionCover.coverage",
        "partnerships.SocialProtectionCover.destination",
        "partnerships.SocialProtectionCover.waiting_days",
        "skills.TargetOccupation.occupation",
    ),
)
def e6_r6(p, ctx) -> Outcome:
    if all_remote(pathways_used(ctx)):
        return Outcome.na(_("Every pathway used is remote work; cover is settled under E7.R10."))
    if not ctx.destination_countries:
        return Outcome.warn(_("No destination country is recorded yet."))
    branches = ("health_care", "employment_injury")
    by_dest = _covers_by_destination(p, ctx, branches)
    fails, warns = [], []
    for pc in ctx.destination_countries:
        for branch in branches:
            rows = by_dest[pc.id][branch]
            name = label(SocialProtectionBranch, branch)
            if not rows:
                fails.append(
                    msg(_("%(country)s: no %(branch)s cover recorded"), {"country": country_label(pc), "branch": name})
                )
                continue
            for cover in rows:
                if cover.coverage == "none":
                    fails.append(
                        msg(_("%(country)s: no %(branch)s cover"), {"country": country_label(pc), "branch": name})
                    )
                elif cover.coverage != "equal_treatment":
                    warns.append(
                        msg(
                            _("%(country)s: %(branch)s cover is %(coverage)s"),
                            {"country": country_label(pc), "branch": name, "coverage": shown(cover, "coverage")},
                        )
                    )
                elif cover.waiting_days is None and cover.bridging_insurance is not True:
                    warns.append(
                        msg(
                            _(
                                "%(country)s: how long before %(branch)s starts is not recorded, and there is no "
                                "bridging insurance"
                            ),
                            {"country": country_label(pc), "branch": name},
                        )
                    )
                elif cover.waiting_days != 0 and cover.bridging_insurance is not True:
                    warns.append(
                        msg(
                            _("%(country)s: %(branch)s starts after %(days)s days without bridging insurance"),
                            {"country": country_label(pc), "branch": name, "days": cover.waiting_days},
                        )
                    )
    if fails:
        return Outcome.fail(sentence(fails), gaps=[str(f) for f in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(w) for w in warns])
    return Outcome.passed(_("Health and work-injury cover on equal terms from arrival in every destination."))


SOCIAL_SECURITY_BRANCHES = ("sickness_maternity", "old_age_pension", "unemployment", "family_benefits")


@rule(
    "E6.R7",
    title=_("Social-security coverage and portability assessed and agreed"),
    says=_(
        "Find out which social-security rights workers earn abroad and whether pensions and other benefits "
        "follow them home; seek a social-security agreement and a double-taxation agreement where none exists."
    ),
    source="G9 (b); G9 rec (portability); G B29; G B27; C6 r6; BP §1, §4; BP Annex",
    draft_lenient=True,  # its only FAIL is ⏳ (each returns lenient=True as well)
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.fiscal_cooperation",
        "partnerships.Partnership.migration_types",
        "partnerships.Partnership.social_protection_covers",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
        "partnerships.SocialProtectionCover.branch",
        "partnerships.SocialProtectionCover.coverage",
        "partnerships.SocialProtectionCover.destination",
        "partnerships.SocialProtectionCover.portable",
    ),
)
def e6_r7(p, ctx) -> Outcome:
    if not ctx.destination_countries:
        return Outcome.warn(_("No destination country is recorded yet."))
    by_dest = _covers_by_destination(p, ctx, SOCIAL_SECURITY_BRANCHES)
    unassessed = [pc for pc in ctx.destination_countries if not any(by_dest[pc.id].values())]
    if unassessed:
        # Only this FAIL is draft-lenient (§2.6: "FAIL ⏳").
        return Outcome.fail(
            msg(
                _("Social security not assessed for %(countries)s."),
                {"countries": join(country_label(pc) for pc in unassessed)},
            ),
            lenient=True,
            countries=[country_code(pc) for pc in unassessed],
        )
    temporary = bool(migration_types(p) & TEMPORARY_TYPES)
    gaps = []
    for pc in ctx.destination_countries:
        where = country_label(pc)
        for branch in SOCIAL_SECURITY_BRANCHES:
            rows = by_dest[pc.id][branch]
            name = label(SocialProtectionBranch, branch)
            if not rows:
                gaps.append(msg(_("%(country)s: %(branch)s not recorded"), {"country": where, "branch": name}))
                continue
            for cover in rows:
                if cover.coverage in ("", "unknown") or cover.portable in ("", "unknown"):
                    gaps.append(msg(_("%(country)s: %(branch)s partly unknown"), {"country": where, "branch": name}))
                if branch != "old_age_pension":
                    continue
                if cover.coverage == "none":
                    gaps.append(msg(_("%(country)s: workers earn no pension"), {"country": where}))
                elif cover.portable == "no" or (cover.portable == "not_applicable" and not only_permanent(p)):
                    message = msg(_("%(country)s: pensions do not follow workers home"), {"country": where})
                    if temporary:
                        message = msg(_("%(message)s although migration is temporary"), {"message": message})
                    gaps.append(message)
    if "double_taxation_agreement" not in (p.fiscal_cooperation or []):
        gaps.append(_("no double-taxation agreement"))
    if gaps:
        return Outcome.warn(sentence(gaps), gaps=[str(g) for g in gaps])
    return Outcome.passed(_("Social-security cover and portability are assessed for every destination."))


@rule(
    "E6.R8",
    title=_("Family reunification and visits provided for (or reform sought)"),
    says=_(
        "On long stays let spouses and children join the worker, with spouses allowed to work, and make home "
        "visits easy with multiple-entry visas; where the law does not yet allow it, request an exemption."
    ),
    source="G9 (a); G9 rec (family reunification and visits); G B28; G10; C6 r1; BP §1; PT",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.family_exemption_requested_on",
        "partnerships.Partnership.migration_types",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.family_reunification",
        "partnerships.Pathway.family_visits_facilitated",
        "partnerships.Pathway.family_waiting_months",
        "partnerships.Pathway.max_stay_months",
        "partnerships.Pathway.multiple_entry",
        "partnerships.Pathway.name",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "partnerships.Pathway.spouse_work_allowed",
        "skills.TargetOccupation.occupation",
    ),
)
def e6_r8(p, ctx) -> Outcome:
    used = [pw for pw in pathways_used(ctx) if pw.permit_kind != REMOTE_WORK]
    if not used:
        if all_remote(pathways_used(ctx)):
            return Outcome.na(_("Every pathway used is remote work: nobody relocates."))
        return Outcome.warn(_("No pathway used is recorded yet."))
    long_months = ctx.cfg["E6.R8.long_stay_months"]
    max_wait = ctx.cfg["E6.R8.max_family_waiting_months"]
    serves_long = bool(migration_types(p)) and migration_types(p) <= LONG_TYPES
    fails, warns = [], []
    for pw in used:
        long_stay = (
            pw.max_stay_months is None
            or pw.max_stay_months > long_months
            or pw.permit_kind == "permanent_residence"
            or serves_long
        )
        if long_stay:
            if pw.family_reunification is False:
                if p.family_exemption_requested_on:
                    warns.append(
                        msg(
                            _("%(pw)s bars family reunification (exemption requested on %(date)s)"),
                            {"pw": pw.name, "date": p.family_exemption_requested_on},
                        )
                    )
                else:
                    fails.append(msg(_("%(pw)s is a long-stay route that bars family reunification"), {"pw": pw.name}))
                continue
            if pw.family_reunification is None:
                warns.append(msg(_("%(pw)s: family reunification unknown"), {"pw": pw.name}))
            elif pw.family_waiting_months is None:
                warns.append(msg(_("%(pw)s: how long families wait is not recorded"), {"pw": pw.name}))
            elif pw.family_waiting_months > max_wait:
                warns.append(
                    msg(_("%(pw)s: families wait %(wait)s months"), {"pw": pw.name, "wait": pw.family_waiting_months})
                )
            if pw.spouse_work_allowed is not True:
                warns.append(msg(_("%(pw)s: spouses may not work (or unknown)"), {"pw": pw.name}))
            if pw.multiple_entry is not True:
                warns.append(msg(_("%(pw)s: no multiple-entry visa (or unknown)"), {"pw": pw.name}))
        elif pw.multiple_entry is not True and pw.family_visits_facilitated is not True:
            warns.append(msg(_("%(pw)s: neither multiple entry nor family visits are facilitated"), {"pw": pw.name}))
    if fails:
        return Outcome.fail(sentence(fails), gaps=[str(g) for g in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(w) for w in warns])
    return Outcome.passed(_("Family reunification and visits are provided for on every pathway used."))


@rule(
    "E6.R9",
    title=_("Independent support and complaint channels in destination and origin"),
    says=_(
        "Let workers complain — free of charge, in their language, without risk to their residence status — to "
        "a body independent of the employer, to their consulate and to a centre in their home country."
    ),
    source="G12 rec 3; G B25; G10; BP §1; WS ¶5 Q3; PT",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.grievance_channels",
        "partnerships.Partnership.recruitment_arrangements",
        "partnerships.GrievanceChannel.country",
        "partnerships.GrievanceChannel.covers",
        "partnerships.GrievanceChannel.free_of_charge",
        "partnerships.GrievanceChannel.kind",
        "partnerships.GrievanceChannel.languages",
        "partnerships.GrievanceChannel.safe_regardless_of_status",
        "partnerships.GrievanceChannel.side",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.languages",
        "partnerships.PartnershipCountry.side",
        "recruitment.RecruitmentArrangement.origin",
        "recruitment.RecruitmentArrangement.worker_languages",
    ),
)
def e6_r9(p, ctx) -> Outcome:
    if not ctx.destination_countries:
        return Outcome.warn(_("No destination country is recorded yet."))
    channels = list(loaded(p, "grievance_channels"))
    languages = worker_languages(ctx)
    fails, warns = [], []
    for pc in ctx.destination_countries:
        where = country_label(pc)
        here = side_channels(channels, "destination", pc)
        free_standing = [ch for ch in here if independent(ch)]
        if not free_standing:
            fails.append(msg(_("%(country)s has no complaint channel independent of the employer"), {"country": where}))
            continue
        good = [
            ch
            for ch in free_standing
            if {"wages", "working_conditions", "harassment_gbv"} <= set(ch.covers or [])
            and ch.free_of_charge is True
            and ch.safe_regardless_of_status is True
            and (set(ch.languages or []) & languages)
        ]
        if not good:
            warns.append(
                msg(
                    _(
                        "%(country)s: no independent channel is free, safe regardless of status, in a worker language "
                        "and covers wages, working conditions and harassment"
                    ),
                    {"country": where},
                )
            )
        if not any(ch.kind == "consular_service" for ch in here):
            warns.append(msg(_("%(country)s: no consular channel"), {"country": where}))
    if not side_channels(channels, "origin"):
        warns.append(_("no channel on the origin side"))
    if fails:
        return Outcome.fail(sentence(fails), gaps=[str(g) for g in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(w) for w in warns])
    return Outcome.passed(_("Independent, free and safe complaint channels exist at home and in every destination."))


@rule(
    "E6.R10",
    title=_("Return prepared, entitlements settled, reintegration supported"),
    says=_(
        "Prepare the return: information before going home, wages and benefits paid before departure, simple "
        "re-registration, a one-stop centre and financial products, with support that suits returning women too."
    ),
    source="G9 return and remittance recs; G B23; G B25; G B29; G10; G B27; BP §1; BP Annex",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.continuum_provisions",
        "partnerships.Partnership.fiscal_cooperation",
        "partnerships.Partnership.migration_types",
        "partnerships.Partnership.return_entitlements_guaranteed",
        "partnerships.Partnership.return_services",
        "partnerships.ContinuumProvision.phase",
        "partnerships.ContinuumProvision.status",
        "partnerships.ContinuumProvision.target_groups",
        "partnerships.ContinuumProvision.topic",
    ),
)
def e6_r10(p, ctx) -> Outcome:
    if only_permanent(p):
        return Outcome.na(_("Migration is permanent only: no return is foreseen."))
    services = set(p.return_services or [])
    return_rows = [
        row for row in loaded(p, "continuum_provisions") if row.phase == "return_reintegration" and present(row)
    ]
    if not services and not return_rows:
        return Outcome.fail(_("No return or reintegration measure is recorded."))
    gaps = []
    if "pre_return_orientation" not in services:
        gaps.append(_("no pre-return orientation"))
    if p.return_entitlements_guaranteed is not True:
        gaps.append(_("settlement of wages and benefits before return is not guaranteed"))
    if "simplified_registration" not in (p.fiscal_cooperation or []):
        gaps.append(_("no simplified re-registration"))
    support = [row for row in return_rows if row.topic == "return_support"]
    if not support:
        gaps.append(_("no return-support provision"))
    elif not any("women" in (row.target_groups or []) for row in support):
        gaps.append(_("return support is not adapted to returning women"))
    if not services & {"one_stop_centre", "financial_products"}:
        gaps.append(_("neither a one-stop centre nor financial products"))
    evidence = {"return_services": sorted(services), "return_provisions": sorted(row.topic for row in return_rows)}
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(_("Return is prepared and reintegration supported."), **evidence)
