"""E4 — Local development and job creation (SMP-DOMAIN §2.4, G6): rules E4.R1–E4.R10."""

from __future__ import annotations

from codelists.partnerships import TEMPORARY_MIGRATION_TYPES
from feasibility.context import EMPLOYER_CATEGORIES, SUBNATIONAL_LEVELS, country_code, loaded
from feasibility.registry import Outcome, msg, register_defaults, rule, semicolons
from feasibility.registry import rule_text as _
from feasibility.rules._common import country_label, filled, join, occupation_label, shown_list

register_defaults(
    {
        "E4.R2.min_safeguards": 2,
        "E4.R3.min_stay_share": 0.3,  # share of origin training places for people who stay [product default]
        "E4.R8.min_measures": 2,
    }
)

VOLUME_SAFEGUARDS = frozenset({"dual_track_training", "admission_scaling", "sector_limitation"})
BRINGS_BACK = frozenset({"circularity_incentives", "return_incentives"})
LASTING_TYPES = frozenset({"long_term", "permanent"})
REINTEGRATION_CATEGORIES = frozenset({"public_employment_service", "subnational_authority", "government_agency"})


def origin_profiles(ctx) -> list:
    origin_ids = {pc.id for pc in ctx.origin_countries}
    return [
        (target, profile)
        for target in ctx.target_occupations
        for profile in loaded(target, "profiles")
        if profile.country_id in origin_ids
    ]


def origin_programmes(ctx) -> list:
    return [tp for tp in ctx.training_programmes if tp.location in ("origin", "both")]


@rule(
    "E4.R1",
    title=_("Origin labour-market status known for every target occupation"),
    says=_(
        "For each origin country, check whether the occupations you plan to recruit for are in surplus or "
        "short at home before fixing numbers."
    ),
    source="G gl. (brain drain); G1; G T2; G B10 sector.1; BP §3",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.labour_market_evidence",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
        "skills.LabourMarketEvidence.country",
        "skills.OccupationProfile.country",
        "skills.OccupationProfile.labour_status",
        "skills.OccupationProfile.labour_status_evidence",
        "skills.TargetOccupation.occupation",
        "skills.TargetOccupation.profiles",
    ),
)
def e4_r1(p, ctx) -> Outcome:
    profiles = origin_profiles(ctx)
    if not profiles:
        return Outcome.fail(_("No origin-country profile records the labour-market status of any target occupation."))
    by_pair = {(target.id, profile.country_id): profile for target, profile in profiles}
    gaps = []
    for target in ctx.target_occupations:
        for pc in ctx.origin_countries:
            profile = by_pair.get((target.id, pc.id))
            label = msg(
                "%(occupation)s / %(country)s", {"occupation": occupation_label(target), "country": country_label(pc)}
            )
            if profile is None:
                gaps.append(msg(_("%(l)s: no profile"), {"l": label}))
                continue
            if profile.labour_status in ("", "unknown"):
                gaps.append(msg(_("%(l)s: status unknown"), {"l": label}))
                continue
            source = ctx.evidence_by_id.get(profile.labour_status_evidence_id)
            if source is None or source.country_id != pc.id:
                gaps.append(msg(_("%(l)s: no evidence from that country"), {"l": label}))
    if gaps:
        return Outcome.warn(msg(_("Origin labour-market status incomplete — %(g)s."), {"g": join(gaps)}), gaps=gaps)
    return Outcome.passed(
        msg(
            _("Labour-market status known and evidenced for every occupation in every origin country (%(n)d pairs)."),
            {"n": len(by_pair)},
        )
    )


@rule(
    "E4.R2",
    title=_("Safeguards for occupations that are short in the origin country"),
    says=_(
        "Where an occupation is already short at home, add safeguards — train more than you recruit, allow "
        "admissions to be scaled down, or limit recruitment — plus circulation or skills-transfer measures."
    ),
    source="G6 element 4; G10 rec 6; G12 rec 1; G T1; G12",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
        "skills.OccupationProfile.brain_drain_safeguards",
        "skills.OccupationProfile.country",
        "skills.OccupationProfile.labour_status",
        "skills.TargetOccupation.occupation",
        "skills.TargetOccupation.profiles",
    ),
)
def e4_r2(p, ctx) -> Outcome:
    short = [(target, profile) for target, profile in origin_profiles(ctx) if profile.labour_status == "shortage"]
    if not short:
        return Outcome.na(_("No target occupation is recorded as short in an origin country."))
    bare, thin = [], []
    for target, profile in short:
        safeguards = set(profile.brain_drain_safeguards or [])
        label = msg(
            "%(occupation)s / %(country)s",
            {"occupation": occupation_label(target), "country": country_label(ctx.country_by_id[profile.country_id])},
        )
        if not safeguards:
            bare.append(label)
        elif len(safeguards) < ctx.cfg["E4.R2.min_safeguards"] or not safeguards & VOLUME_SAFEGUARDS:
            thin.append(label)
    evidence = {"without_safeguard": bare, "insufficient": thin}
    if bare:
        return Outcome.fail(
            msg(_("Occupations short at home with no brain-drain safeguard: %(o)s."), {"o": join(bare)}), **evidence
        )
    if thin:
        return Outcome.warn(
            msg(_("Only one safeguard, or none limiting volumes, for %(o)s."), {"o": join(thin)}), **evidence
        )
    return Outcome.passed(
        msg(_("Every occupation short at home (%(n)d) has volume and circulation safeguards."), {"n": len(short)}),
        **evidence,
    )


@rule(
    "E4.R3",
    title=_("Dual track: training also serves those who stay"),
    says=_(
        "Train more people than will migrate — a home track or a free choice to stay — and involve local "
        "employers who can hire the graduates who stay."
    ),
    source="G T1; G T2; G8 rec 3; G11; G6",
    can_fail=False,
    reads=(
        "partnerships.Partnership.participations",
        "partnerships.Partnership.training_programmes",
        "skills.TrainingProgramme.location",
        "skills.TrainingProgramme.name",
        "skills.TrainingProgramme.places_migration",
        "skills.TrainingProgramme.places_total",
        "skills.TrainingProgramme.track",
        "stakeholders.Organisation.category",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.side",
    ),
)
def e4_r3(p, ctx) -> Outcome:
    programmes = origin_programmes(ctx)
    if not programmes:
        return Outcome.na(_("No training programme runs in an origin country."))
    unrecorded = [
        tp for tp in programmes if not tp.places_total or (tp.track != "stay" and tp.places_migration is None)
    ]
    total = sum(tp.places_total or 0 for tp in programmes)
    migrating = sum((tp.places_migration or 0) for tp in programmes if tp.track != "stay")
    share = round(1 - migrating / total, 3) if total else None
    employers = [x for x in ctx.participations_by_side["origin"] if x.organisation.category in EMPLOYER_CATEGORIES]
    minimum = ctx.cfg["E4.R3.min_stay_share"]
    evidence = {
        "stay_share": share,
        "places_total": total,
        "places_migration": migrating,
        "origin_employers": [x.id for x in employers],
    }
    problems = []
    if unrecorded:
        problems.append(msg(_("places not recorded for %(t)s"), {"t": join(tp.name for tp in unrecorded)}))
    elif share is not None and share < minimum:
        problems.append(msg(_("stay share %(s).0f%% below %(m).0f%%"), {"s": share * 100, "m": minimum * 100}))
    if not employers:
        problems.append(_("no origin employer to hire those who stay"))
    if problems:
        return Outcome.warn(msg(_("Dual track: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(
        msg(
            _("%(s).0f%% of origin training places serve people who stay, and origin employers take part."),
            {"s": share * 100},
        ),
        **evidence,
    )


@rule(
    "E4.R4",
    title=_("Investment in origin training systems, preferably public"),
    says=_(
        "Invest part of the training budget in origin institutions — curricula, equipment, trainers — "
        "preferably public ones that every learner can use."
    ),
    source="G T1; G6 rec 3; G8 intro, rec 3, rec 5; G B21; G11",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.training_programmes",
        "skills.TrainingProgramme.location",
        "skills.TrainingProgramme.name",
        "skills.TrainingProgramme.provider",
        "skills.TrainingProgramme.provider_choice_reason",
        "skills.TrainingProgramme.system_components",
        "stakeholders.Organisation.category",
    ),
)
def e4_r4(p, ctx) -> Outcome:
    programmes = origin_programmes(ctx)
    if not programmes:
        return Outcome.fail(_("No training programme, and so no system investment, in any origin country."))

    def public(tp) -> bool:
        return tp.provider is not None and tp.provider.category == "training_public"

    strong = [
        tp
        for tp in programmes
        if len(tp.system_components or []) >= 2 and (public(tp) or filled(tp.provider_choice_reason))
    ]
    evidence = {
        "programmes": [tp.id for tp in programmes],
        "public_with_components": [tp.id for tp in strong if public(tp)],
        "justified_non_public": [tp.id for tp in strong if not public(tp)],
    }
    if any(public(tp) for tp in strong):
        return Outcome.passed(
            msg(
                _("Origin training by a public provider invests in the system (%(t)s)."),
                {"t": join(tp.name for tp in strong if public(tp))},
            ),
            **evidence,
        )
    if strong:
        return Outcome.passed(
            msg(
                _(
                    "Origin training invests in the system through a non-public provider, with the "
                    "choice explained (%(t)s)."
                ),
                {"t": join(tp.name for tp in strong)},
            ),
            **evidence,
        )
    problems = []
    if not any(public(tp) for tp in programmes) and not any(filled(tp.provider_choice_reason) for tp in programmes):
        problems.append(_("only private or employer providers, with no reason given"))
    if not any(len(tp.system_components or []) >= 2 for tp in programmes):
        problems.append(_("fewer than two system components in every programme"))
    if not problems:
        problems.append(_("no programme combines a public (or justified) provider with two system components"))
    return Outcome.warn(msg(_("Origin training systems: %(p)s."), {"p": semicolons(problems)}), **evidence)


@rule(
    "E4.R5",
    title=_("Partnership embedded in wider development, investment or trade programmes"),
    says=_(
        "Link the partnership to development-cooperation, investment, trade or green-transition programmes in "
        "the origin country so that new skills meet new jobs."
    ),
    source="G6 rec 1; G13; G11 rec; C6 r3",
    can_fail=False,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.linked_initiatives",
        "partnerships.LinkedInitiative.country",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
    ),
)
def e4_r5(p, ctx) -> Outcome:
    origins = ctx.origin_countries
    if not origins:
        return Outcome.warn(_("No origin country is recorded."))
    linked = {li.country_id for li in loaded(p, "linked_initiatives") if li.country_id}
    missing = [pc for pc in origins if pc.id not in linked]
    if missing:
        return Outcome.warn(
            msg(_("No linked initiative in %(c)s."), {"c": join(country_label(pc) for pc in missing)}),
            countries_without=[country_code(pc) for pc in missing],
        )
    return Outcome.passed(_("Every origin country has a linked development, investment or trade initiative."))


@rule(
    "E4.R6",
    title=_("Territorial focus: origin regions named and their authorities involved"),
    says=_(
        "Name the origin regions or municipalities where training and recruitment happen, and bring their "
        "authorities into the partnership."
    ),
    source="G6; G B6; G4 rec; BP §1, §4; BP Annex",
    can_fail=False,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.participations",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
        "partnerships.PartnershipCountry.target_regions",
        "stakeholders.Organisation.category",
        "stakeholders.Organisation.country",
        "stakeholders.Organisation.level",
        "stakeholders.Participation.organisation",
    ),
)
def e4_r6(p, ctx) -> Outcome:
    origins = ctx.origin_countries
    if not origins:
        return Outcome.warn(_("No origin country is recorded."))
    local_countries = {
        country_code(x.organisation)
        for x in ctx.participations_by_group.get("government", [])
        if x.organisation.level in SUBNATIONAL_LEVELS
    }
    problems = []
    for pc in origins:
        regions = [r for r in (pc.target_regions or []) if filled(r)]
        if not regions:
            problems.append(msg(_("%(c)s names no target region"), {"c": country_label(pc)}))
        if country_code(pc) not in local_countries:
            problems.append(msg(_("%(c)s has no regional or local authority taking part"), {"c": country_label(pc)}))
    if problems:
        return Outcome.warn(msg(_("Territorial focus: %(p)s."), {"p": semicolons(problems)}), problems=problems)
    return Outcome.passed(_("Every origin country names its target regions and involves their authorities."))


@rule(
    "E4.R7",
    title=_("Business links and investment along the corridor"),
    says=_(
        "Plan business delegations, market information or SME matchmaking so destination firms can invest and "
        "create jobs in the origin country."
    ),
    source="G6 element 5, rec 2; G B15; G B8; G T2; C6",
    can_fail=False,
    reads=(
        "partnerships.Partnership.business_linkages",
        "partnerships.Partnership.countries",
        "partnerships.BusinessLinkage.destination_org",
        "partnerships.BusinessLinkage.origin_org",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
        "stakeholders.Organisation.category",
        "stakeholders.Organisation.country",
    ),
)
def e4_r7(p, ctx) -> Outcome:
    origin_isos = {country_code(pc) for pc in ctx.origin_countries}
    linkages = list(loaded(p, "business_linkages"))
    good = [
        bl
        for bl in linkages
        if bl.destination_org is not None
        and bl.destination_org.category in EMPLOYER_CATEGORIES
        and bl.origin_org is not None
        and country_code(bl.origin_org) in origin_isos
    ]
    if good:
        return Outcome.passed(
            msg(_("%(n)d business linkage(s) connect destination employers with origin firms."), {"n": len(good)}),
            linkages=[bl.id for bl in good],
        )
    if linkages:
        return Outcome.warn(
            msg(
                _("%(n)d business linkage(s), but none from a destination employer to an origin-country organisation."),
                {"n": len(linkages)},
            ),
            linkages=[bl.id for bl in linkages],
        )
    return Outcome.warn(_("No business linkage along the corridor is planned."))


@rule(
    "E4.R8",
    title=_("Skills transfer and circulation measures"),
    says=_(
        "Add measures that bring skills back: circulation incentives, diaspora knowledge exchange, extra "
        "training abroad that is useful at home."
    ),
    source="G6 element 4, rec 4; G9 rec; G10 rec 6; G B26; G gl.; C6 r2",
    can_fail=False,
    reads=(
        "partnerships.Partnership.migration_types",
        "partnerships.Partnership.skills_transfer_measures",
    ),
)
def e4_r8(p, ctx) -> Outcome:
    measures = set(p.skills_transfer_measures or [])
    temporary = set(p.migration_types or []) & TEMPORARY_MIGRATION_TYPES
    problems = []
    if len(measures) < ctx.cfg["E4.R8.min_measures"]:
        problems.append(msg(_("too few skills-transfer measures (%(n)d)"), {"n": len(measures)}))
    if temporary and not measures & BRINGS_BACK:
        problems.append(
            msg(
                _("%(t)s migration without circulation or return incentives"),
                {"t": join(shown_list(p, "migration_types", sorted(temporary)))},
            )
        )
    evidence = {"measures": sorted(measures), "temporary_types": sorted(temporary)}
    if problems:
        return Outcome.warn(msg(_("Skills transfer: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(msg(_("Skills-transfer measures recorded: %(n)d."), {"n": len(measures)}), **evidence)


@rule(
    "E4.R9",
    title=_("Returnees linked to the local labour market"),
    says=_(
        "Give returnees job matching and recognition of the skills gained abroad, run by the origin employment "
        "service or local authority."
    ),
    source="G B25; G B24; G9 rec; G7 rec 12; G10; G B27; WS ¶5 Q1; BP §4; C6",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.migration_types",
        "partnerships.Partnership.participations",
        "partnerships.Partnership.return_services",
        "stakeholders.Organisation.category",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.roles",
        "stakeholders.Participation.side",
    ),
)
def e4_r9(p, ctx) -> Outcome:
    types = set(p.migration_types or [])
    if types and types <= LASTING_TYPES:
        return Outcome.na(_("Migration is long-term or permanent only."))
    services = set(p.return_services or [])
    if not services:
        return Outcome.fail(_("No return or reintegration service is recorded."))
    runners = [
        x
        for x in ctx.participations_by_side["origin"]
        if "reintegration" in (x.roles or []) and x.organisation.category in REINTEGRATION_CATEGORIES
    ]
    missing = [code for code in ("return_job_matching", "return_skills_recognition") if code not in services]
    problems = []
    if missing:
        problems.append(msg(_("missing %(s)s"), {"s": join(shown_list(p, "return_services", missing))}))
    if not runners:
        problems.append(_("no origin employment service, agency or local authority holds the reintegration role"))
    evidence = {"return_services": sorted(services), "reintegration_bodies": [x.id for x in runners]}
    if problems:
        return Outcome.warn(msg(_("Return: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(
        _("Returnees get job matching and skills recognition from an origin public body."), **evidence
    )


@rule(
    "E4.R10",
    title=_("Local development results measured in the origin country"),
    says=_(
        "Add indicators for jobs created, firms expanding, and skills and remittances flowing back to the "
        "origin regions."
    ),
    source="G B14; G B15; G B32; G6",
    can_fail=False,
    reads=(
        "partnerships.Partnership.business_linkages",
        "partnerships.Partnership.countries",
        "partnerships.Partnership.indicators",
        "partnerships.BusinessLinkage.jobs_created_origin",
        "partnerships.Indicator.country",
        "partnerships.Indicator.impact_category",
        "partnerships.Indicator.side",
        "partnerships.PartnershipCountry.side",
    ),
)
def e4_r10(p, ctx) -> Outcome:
    origin_ids = {pc.id for pc in ctx.origin_countries}

    def covers_origin(indicator) -> bool:
        if indicator.country_id:
            return indicator.country_id in origin_ids
        return indicator.side in ("", None, "origin")

    origin_indicators = [i for i in ctx.indicators if covers_origin(i)]
    categories = {i.impact_category for i in origin_indicators}
    jobs_figures = [bl.id for bl in loaded(p, "business_linkages") if bl.jobs_created_origin is not None]
    missing = []
    if not categories & {"economy", "business"}:
        missing.append(_("jobs or business results"))
    if not categories & {"skills", "earnings_remittances"}:
        missing.append(_("skills or remittances"))
    evidence = {"origin_indicators": [i.id for i in origin_indicators], "linkages_with_jobs_figure": jobs_figures}
    if missing:
        return Outcome.warn(msg(_("No origin-side indicator for %(m)s."), {"m": join(missing)}), **evidence)
    return Outcome.passed(_("Origin indicators cover jobs or business and skills or remittances."), **evidence)
