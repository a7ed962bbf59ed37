"""E7 — Regular pathways, admission procedures and visa requirements (SMP-DOMAIN §2.7, G10): E7.R1–E7.R11.

"Pathways used" (§2.6) are the routes to a partnership destination that cover at least one target
occupation; the helper lives in ``e6`` with the other definitions §2.6 gives for E5–E8 and R.
"""

from __future__ import annotations

from codelists.partnerships import PathwayStepKind, Phase, SocialProtectionBranch, Stage
from codelists.skills import BrainDrainSafeguard, LabourStatus
from codelists.stakeholders import OrganisationCategory
from feasibility.context import loaded
from feasibility.registry import Outcome, msg, register_defaults, rule, sentence
from feasibility.registry import rule_text as _
from feasibility.rules._common import (
    country_label,
    filled,
    join,
    label,
    labels,
    occupation_label,
    sector_name,
    shown,
    shown_list,
)
from feasibility.rules.e6 import (
    LONG_TYPES,
    REMOTE_WORK,
    migration_types,
    only_permanent,
    pathways_for,
    pathways_used,
    planned_destinations,
    present,
    worker_languages,
)

register_defaults(
    {
        "E7.R4.max_processing_days": 90,  # [product default]
        "E7.R4.min_facilitation_measures": 3,  # [product default]
    }
)

#
# Helpers
#


def _label(pathway) -> str:
    return pathway.name or shown(pathway, "permit_kind")


def _nothing_used() -> Outcome:
    return Outcome.warn(_("No pathway to a destination covering a target occupation is recorded yet."))


@rule(
    "E7.R1",
    title=_("Legal pathway mapped for every target occupation"),
    says=_(
        "Map the legal routes for each target occupation and destination; where a route must still be created, "
        "name who drafts the change and by when."
    ),
    source="G10 rec 1; G B30 Q1; G3 last rec; G13; C6 r1",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.feasibility_study",
        "partnerships.Partnership.pathway_mapping_done_on",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.target_occupations",
        "partnerships.FeasibilityStudy.scope",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.legal_basis",
        "partnerships.Pathway.name",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "partnerships.Pathway.reform_owner",
        "partnerships.Pathway.reform_target_date",
        "partnerships.Pathway.status",
        "skills.TargetOccupation.destinations",
        "skills.TargetOccupation.occupation",
    ),
)
def e7_r1(p, ctx) -> Outcome:
    occupations = ctx.target_occupations
    if not occupations:
        return Outcome.warn(_("No target occupation is recorded yet."))
    study = ctx.feasibility_study
    mapped = bool(p.pathway_mapping_done_on) or (study is not None and "legal" in (study.scope or []))
    fails, planned_only, weak_plans = [], [], []
    for to in occupations:
        for pc in planned_destinations(ctx, to):
            where = msg(
                "%(occupation)s → %(country)s", {"occupation": occupation_label(to), "country": country_label(pc)}
            )
            routes = pathways_for(ctx, to, pc)
            if not routes:
                fails.append(msg(_("%(where)s has no legal pathway"), {"where": where}))
            elif not any(pw.status == "existing" for pw in routes):
                planned_only.append(where)
                for pw in routes:
                    if not (filled(pw.legal_basis) and pw.reform_owner_id and pw.reform_target_date):
                        weak_plans.append(_label(pw))
    evidence = {"mapping_done_on": p.pathway_mapping_done_on, "planned_only": planned_only}
    if fails:
        return Outcome.fail(sentence(fails), **evidence)
    gaps = []
    if planned_only:
        gaps.append(msg(_("only planned routes for %(pairs)s"), {"pairs": join(planned_only)}))
    if weak_plans:
        gaps.append(
            msg(
                _("planned route(s) %(routes)s lack a legal basis, a reform owner or a target date"),
                {"routes": join(sorted(set(weak_plans)))},
            )
        )
    if not mapped:
        gaps.append(_("the legal mapping is not dated"))
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    if not p.pathway_mapping_done_on:
        return Outcome.passed(
            _("Every target occupation has an existing pathway to each of its destinations (mapped in the study)."),
            **evidence,
        )
    return Outcome.passed(
        msg(
            _("Every target occupation has an existing pathway to each of its destinations (mapped on %(date)s)."),
            {"date": p.pathway_mapping_done_on},
        ),
        **evidence,
    )


BOX27_PHASES = ("pre_departure", "travel_arrival", "stay_employment", "onward_migration", "return_reintegration")


@rule(
    "E7.R2",
    title=_("Procedures mapped along the migration continuum"),
    says=_(
        "Map each step of the journey — recruitment, visa, arrival, registration, stay, onward move and return "
        "— with the authority in charge, the usual duration and the known obstacles."
    ),
    source="G B27; G10; G10 rec 1; G B10",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.migration_types",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.name",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "partnerships.Pathway.skills_recognition_required",
        "partnerships.Pathway.steps",
        "partnerships.PathwayStep.kind",
        "partnerships.PathwayStep.name",
        "partnerships.PathwayStep.obstacle_owner",
        "partnerships.PathwayStep.obstacle_status",
        "partnerships.PathwayStep.phase",
        "partnerships.PathwayStep.responsible",
        "partnerships.PathwayStep.typical_days",
        "skills.TargetOccupation.occupation",
    ),
)
def e7_r2(p, ctx) -> Outcome:
    used = pathways_used(ctx)
    if not used:
        return _nothing_used()
    fails, gaps = [], []
    for pw in used:
        steps = list(loaded(pw, "steps"))
        if not steps:
            fails.append(msg(_("%(pw)s has no procedure step mapped"), {"pw": _label(pw)}))
            continue
        if pw.permit_kind == REMOTE_WORK:
            phases = ("pre_departure",)
        elif only_permanent(p):
            phases = BOX27_PHASES[:3]
        else:
            phases = BOX27_PHASES
        mapped = {step.phase for step in steps}
        unmapped = [phase for phase in phases if phase not in mapped]
        if unmapped:
            gaps.append(
                msg(_("%(pw)s: no step in %(phases)s"), {"pw": _label(pw), "phases": join(labels(Phase, unmapped))})
            )
        kinds = {step.kind for step in steps if step.phase == "pre_departure"}
        needed = ["recruitment", "visa_work_permit"] + (
            ["skills_recognition"] if pw.skills_recognition_required else []
        )
        absent = [kind for kind in needed if kind not in kinds]
        if absent:
            gaps.append(
                msg(
                    _("%(pw)s: before departure, %(kinds)s not mapped"),
                    {"pw": _label(pw), "kinds": join(labels(PathwayStepKind, absent))},
                )
            )
        vague = [step.name for step in steps if step.responsible_id is None or step.typical_days is None]
        if vague:
            gaps.append(
                msg(
                    _("%(pw)s: steps without authority or duration: %(steps)s"),
                    {"pw": _label(pw), "steps": join(vague)},
                )
            )
        orphan = [step.name for step in steps if step.obstacle_status == "open" and step.obstacle_owner_id is None]
        if orphan:
            gaps.append(
                msg(
                    _("%(pw)s: open obstacles without an owner at %(steps)s"), {"pw": _label(pw), "steps": join(orphan)}
                )
            )
    if fails:
        return Outcome.fail(sentence(fails), gaps=[str(g) for g in fails + gaps])
    if gaps:
        return Outcome.warn(sentence(gaps), gaps=[str(g) for g in gaps])
    return Outcome.passed(_("Every pathway used is mapped step by step along the migration continuum."))


@rule(
    "E7.R3",
    title=_("Migration agency and visa-issuing consulate involved from planning"),
    says=_(
        "Involve the destination's migration agency and the consulate that issues visas from the design stage, "
        "and find a champion there who can unblock procedures."
    ),
    source="G10; G10 rec 3; BP §3",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.participations",
        "stakeholders.Organisation.category",
        "stakeholders.Organisation.name",
        "stakeholders.Organisation.portfolio",
        "stakeholders.Participation.is_champion",
        "stakeholders.Participation.joined_stage",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.roles",
        "stakeholders.Participation.side",
    ),
)
def e7_r3(p, ctx) -> Outcome:
    authorities = [part for part in ctx.participations_with_role("permit_authority") if part.side == "destination"]
    agencies = [part for part in authorities if "migration_interior" in (part.organisation.portfolio or [])]
    consulates = [part for part in authorities if part.organisation.category == "embassy_consulate"]
    evidence = {
        "migration_authorities": [part.organisation.name for part in agencies],
        "consulates": [part.organisation.name for part in consulates],
    }
    if not agencies:
        return Outcome.fail(
            _("No destination migration authority takes part with the permit-authority role."), **evidence
        )
    gaps = []
    early = [part for part in agencies if part.joined_stage in ("exploration", "assessment", "design")]
    if not early:
        gaps.append(
            msg(
                _("%(orgs)s joined only at %(stages)s"),
                {
                    "orgs": join(part.organisation.name for part in agencies),
                    "stages": join(
                        label(Stage, stage) for stage in sorted({part.joined_stage or "" for part in agencies})
                    ),
                },
            )
        )
    if not consulates:
        gaps.append(_("no visa-issuing consulate takes part"))
    if not any(part.is_champion is True for part in agencies + consulates):
        gaps.append(_("no champion in the migration authority or consulate"))
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(
        msg(
            _("%(orgs)s take part from the design stage, with a champion."),
            {"orgs": join(part.organisation.name for part in agencies + consulates)},
        ),
        **evidence,
    )


def _processing_days(ctx, pw) -> int | None:
    if pw.processing_days_observed is not None:
        return pw.processing_days_observed
    if pw.processing_days_typical is not None:
        return pw.processing_days_typical
    steps = [step for step in loaded(pw, "steps") if step.phase == "pre_departure"]
    if steps and all(step.typical_days is not None for step in steps):
        return sum(step.typical_days for step in steps)
    return None


FACILITATION_MEASURES = {
    "digital_application": _("digital application"),
    "visa_centre_in_origin": _("a visa centre in the origin"),
    "fast_track": _("fast track"),
    "registered_sponsor_scheme": _("registered sponsor scheme"),
    "fees_waived": _("fees waived"),
    "gender_sensitive_procedures": _("gender-sensitive procedures"),
    "info_in_worker_language": _("information in a worker language"),
    "intermediary": _("an intermediary"),
}


@rule(
    "E7.R4",
    title=_("Procedures fast, simple and transparent"),
    says=_(
        "Make visas and permits quick and simple: online applications, a visa centre in the origin country, "
        "fast-tracking or registered sponsors, published processing times and explanations in the migrants' "
        "languages."
    ),
    source="G10 (simplifying procedures); G10 recs 3–5; G B30; BP §3; PT",
    can_fail=False,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.participations",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.recruitment_arrangements",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.languages",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.digital_application",
        "partnerships.Pathway.fast_track",
        "partnerships.Pathway.fees_waived",
        "partnerships.Pathway.gender_sensitive_procedures",
        "partnerships.Pathway.info_languages",
        "partnerships.Pathway.name",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "partnerships.Pathway.processing_days_observed",
        "partnerships.Pathway.processing_days_typical",
        "partnerships.Pathway.processing_time_published",
        "partnerships.Pathway.registered_sponsor_scheme",
        "partnerships.Pathway.steps",
        "partnerships.Pathway.visa_centre_in_origin",
        "partnerships.PathwayStep.phase",
        "partnerships.PathwayStep.typical_days",
        "recruitment.RecruitmentArrangement.origin",
        "recruitment.RecruitmentArrangement.worker_languages",
        "skills.TargetOccupation.occupation",
        "stakeholders.Participation.roles",
    ),
)
def e7_r4(p, ctx) -> Outcome:
    used = pathways_used(ctx)
    if not used:
        return _nothing_used()
    max_days = ctx.cfg["E7.R4.max_processing_days"]
    min_measures = ctx.cfg["E7.R4.min_facilitation_measures"]
    languages = worker_languages(ctx)
    has_intermediary = bool(ctx.participations_with_role("intermediary"))
    gaps, evidence = [], {}
    for pw in used:
        days = _processing_days(ctx, pw)
        measures = {
            "digital_application": pw.digital_application in ("partly_digital", "fully_digital"),
            "visa_centre_in_origin": pw.visa_centre_in_origin is True,
            "fast_track": pw.fast_track is True,
            "registered_sponsor_scheme": pw.registered_sponsor_scheme is True,
            "fees_waived": pw.fees_waived is True,
            "gender_sensitive_procedures": pw.gender_sensitive_procedures is True,
            "info_in_worker_language": bool(set(pw.info_languages or []) & languages),
            "intermediary": has_intermediary,
        }
        count = sum(measures.values())
        evidence[pw.name or pw.permit_kind] = {
            "processing_days": days,
            "measures": sorted(k for k, v in measures.items() if v),
        }
        if days is None:
            gaps.append(msg(_("%(pw)s: processing time unknown"), {"pw": _label(pw)}))
        elif days > max_days:
            gaps.append(
                msg(
                    _("%(pw)s: processing takes %(days)d days (limit %(max)d)"),
                    {"pw": _label(pw), "days": days, "max": max_days},
                )
            )
        if pw.processing_time_published is not True:
            gaps.append(msg(_("%(pw)s: processing time not published"), {"pw": _label(pw)}))
        if count < min_measures:
            gaps.append(
                msg(
                    _("%(pw)s: only %(n)d facilitation measures (missing: %(missing)s)"),
                    {
                        "pw": _label(pw),
                        "n": count,
                        "missing": join(FACILITATION_MEASURES[k] for k, v in measures.items() if not v),
                    },
                )
            )
    if gaps:
        return Outcome.warn(sentence(gaps), pathways=evidence)
    return Outcome.passed(_("Every pathway used is quick, published and facilitated."), pathways=evidence)


@rule(
    "E7.R5",
    title=_("Workers can change employer"),
    says=_(
        "Let workers change employer — at least within the sector or with a public authority's approval; where "
        "permits stay tied to one employer, add a way out in case of abuse and time to find a new job."
    ),
    source="G10; G12 rec 2; BP §3; PT",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.change_of_employer_allowed",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.employer_tied",
        "partnerships.Pathway.name",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "partnerships.Pathway.tied_safeguards",
        "skills.TargetOccupation.occupation",
    ),
)
def e7_r5(p, ctx) -> Outcome:
    used = pathways_used(ctx)
    if not used:
        return _nothing_used()
    fails, warns = [], []
    for pw in used:
        if pw.employer_tied in ("none", "sector") or pw.change_of_employer_allowed is True:
            continue
        if pw.employer_tied != "single_employer":
            warns.append(msg(_("%(pw)s: whether the permit is employer-tied is unknown"), {"pw": _label(pw)}))
        elif pw.change_of_employer_allowed is None:
            warns.append(msg(_("%(pw)s: whether workers may change employer is unknown"), {"pw": _label(pw)}))
        elif pw.tied_safeguards:
            warns.append(
                msg(
                    _("%(pw)s ties workers to one employer; safeguards: %(safeguards)s"),
                    {"pw": _label(pw), "safeguards": join(shown_list(pw, "tied_safeguards"))},
                )
            )
        else:
            fails.append(
                msg(
                    _("%(pw)s ties workers to one employer with no right to change and no safeguard"),
                    {"pw": _label(pw)},
                )
            )
    if fails:
        return Outcome.fail(sentence(fails), gaps=[str(g) for g in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(g) for g in warns])
    return Outcome.passed(_("Workers can change employer on every pathway used."))


# Permit kinds that are time-limited by nature (§7.1): an empty ``max_stay_months`` cannot mean "unlimited".
TIME_LIMITED_PERMITS = frozenset(
    {"temporary_work_visa", "seasonal_work", "job_search_visa", "traineeship", "student", "youth_mobility"}
)


@rule(
    "E7.R6",
    title=_("Length of stay, renewal and residence options match the mobility promised"),
    says=_(
        "Check that permit length, renewals and any route to permanent residence fit the mobility you promise, "
        "and leave migrants free to decide how long they stay."
    ),
    source="G10 rec (longer-term stay); G10; G9 (c); G B29; G T2; C6 r2; PT",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.migration_types",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.convertible_to",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.max_stay_months",
        "partnerships.Pathway.name",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "partnerships.Pathway.renewable",
        "partnerships.Pathway.route_to_permanent_residence",
        "skills.TargetOccupation.occupation",
    ),
)
def e7_r6(p, ctx) -> Outcome:
    used = pathways_used(ctx)
    if not used:
        return _nothing_used()
    fails, warns = [], []
    if migration_types(p) & LONG_TYPES:
        for to in ctx.target_occupations:
            routes = pathways_for(ctx, to, pathways=used)
            settled = [
                pw
                for pw in routes
                if pw.permit_kind == "permanent_residence"
                or (pw.renewable is True and pw.route_to_permanent_residence is True)
            ]
            if settled:
                continue
            unknown = [pw for pw in routes if pw.renewable is None or pw.route_to_permanent_residence is None]
            if unknown:
                warns.append(
                    msg(
                        _("%(occ)s: whether its routes lead to permanent residence is unknown"),
                        {"occ": occupation_label(to)},
                    )
                )
            else:
                fails.append(
                    msg(
                        _(
                            "%(occ)s: long-term migration is promised but no route is renewable with "
                            "a path to residence"
                        ),
                        {"occ": occupation_label(to)},
                    )
                )
    for pw in used:
        if pw.max_stay_months is None and pw.permit_kind in TIME_LIMITED_PERMITS:
            # An empty length means "unlimited" (Appendix A), which these permits never are: it is missing.
            warns.append(msg(_("%(pw)s: the maximum length of stay is not recorded"), {"pw": _label(pw)}))
            continue
        if pw.permit_kind == "permanent_residence" or pw.max_stay_months is None:
            continue  # unlimited stay: nothing to renew
        if pw.renewable is True or pw.convertible_to:
            continue
        if pw.renewable is None:
            warns.append(msg(_("%(pw)s: whether it can be renewed is unknown"), {"pw": _label(pw)}))
        else:
            warns.append(
                msg(
                    _("%(pw)s: a %(months)d-month permit that can be neither renewed nor converted"),
                    {"pw": _label(pw), "months": pw.max_stay_months},
                )
            )
    if fails:
        return Outcome.fail(sentence(fails), gaps=[str(g) for g in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(g) for g in warns])
    return Outcome.passed(_("Stay, renewal and residence options match the mobility promised."))


CIRCULAR_TYPES = frozenset({"seasonal", "circular"})


@rule(
    "E7.R7",
    title=_("Seasonal and circular schemes let workers come back, protected abroad and supported at home"),
    says=_(
        "In seasonal or circular schemes give returning workers an easy way back (priority re-entry, "
        "multiple-entry visas), decent-work protection while abroad and support at home between stays."
    ),
    source="G10 rec; G11; G B27; C6 r2; WS ¶4a; BP §3; PT",
    draft_lenient=True,  # its only FAIL is ⏳ (each returns lenient=True as well)
    reads=(
        "partnerships.Partnership.continuum_provisions",
        "partnerships.Partnership.countries",
        "partnerships.Partnership.migration_types",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.social_protection_covers",
        "partnerships.Partnership.target_occupations",
        "partnerships.ContinuumProvision.phase",
        "partnerships.ContinuumProvision.status",
        "partnerships.ContinuumProvision.topic",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.convertible_to",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.multiple_entry",
        "partnerships.Pathway.name",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "partnerships.Pathway.reentry_facilitated",
        "partnerships.SocialProtectionCover.branch",
        "partnerships.SocialProtectionCover.coverage",
        "partnerships.SocialProtectionCover.destination",
        "partnerships.SocialProtectionCover.pathway",
        "skills.TargetOccupation.occupation",
    ),
)
def e7_r7(p, ctx) -> Outcome:
    circular = bool(migration_types(p) & CIRCULAR_TYPES)
    used = pathways_used(ctx)
    relevant = [
        pw
        for pw in used
        if pw.permit_kind == "seasonal_work"
        or (circular and pw.permit_kind not in ("permanent_residence", REMOTE_WORK))
    ]
    if not circular and not any(pw.permit_kind == "seasonal_work" for pw in ctx.pathways):
        return Outcome.na(_("No seasonal or circular migration and no seasonal-work permit."))
    if not relevant:
        return _nothing_used()
    return_present = [
        row.topic for row in loaded(p, "continuum_provisions") if row.phase == "return_reintegration" and present(row)
    ]
    covers = list(loaded(p, "social_protection_covers"))
    fails, warns = [], []
    for pw in relevant:
        if pw.reentry_facilitated is False and pw.multiple_entry is False:
            fails.append(
                msg(
                    _("%(pw)s offers neither facilitated re-entry nor multiple entry: circulation is impossible"),
                    {"pw": _label(pw)},
                )
            )
            continue
        if pw.reentry_facilitated is not True:
            warns.append(msg(_("%(pw)s: re-entry not facilitated (or unknown)"), {"pw": _label(pw)}))
        if pw.multiple_entry is not True:
            warns.append(msg(_("%(pw)s: no multiple-entry visa (or unknown)"), {"pw": _label(pw)}))
        if not pw.convertible_to:
            warns.append(msg(_("%(pw)s: cannot be converted to another permit"), {"pw": _label(pw)}))
        for branch in ("health_care", "employment_injury"):
            rows = [
                c
                for c in covers
                if c.branch == branch
                and c.destination_id == pw.destination_country_id
                and c.pathway_id in (None, pw.id)
            ]
            if not rows or any(c.coverage != "equal_treatment" for c in rows):
                warns.append(
                    msg(
                        _("%(pw)s: %(branch)s cover not on equal terms"),
                        {"pw": _label(pw), "branch": label(SocialProtectionBranch, branch)},
                    )
                )
    if not return_present:
        warns.append(_("no support between stays (no return-phase provision)"))
    if fails:
        # Only this FAIL is draft-lenient (§2.7: "FAIL ⏳").
        return Outcome.fail(sentence(fails), lenient=True, gaps=[str(g) for g in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(g) for g in warns])
    return Outcome.passed(_("Seasonal and circular workers can come back, are protected and supported at home."))


BLMA_CLAUSES = (
    "responsible_authorities",
    "migration_types_covered",
    "covered_groups",
    "model_employment_contract",
    "equal_treatment",
    "health_social_benefits",
)
SOCIAL_PARTNERS = ("workers_org", "employer_org", "ngo_cso")


@rule(
    "E7.R8",
    title=_("Agreement covers the BLMA checklist"),
    says=_(
        "Check the agreement against the BLMA checklist — responsible authorities, migration types and groups "
        "covered, a model employment contract, equal treatment, health and social benefits — and negotiate it "
        "with social partners and civil society."
    ),
    source="G B27; G gl.; BP §4; G10 further resources",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.agreement_clauses",
        "partnerships.Partnership.participations",
        "stakeholders.Organisation.category",
        "stakeholders.Participation.joined_stage",
        "stakeholders.Participation.organisation",
    ),
)
def e7_r8(p, ctx) -> Outcome:
    clauses = set(p.agreement_clauses or [])
    missing = [code for code in BLMA_CLAUSES if code not in clauses]
    evidence = {"missing_clauses": missing}
    if len(missing) >= 3:
        return Outcome.fail(
            msg(
                _("The agreement lacks %(n)d of the six BLMA clauses: %(missing)s."),
                {"n": len(missing), "missing": join(shown_list(p, "agreement_clauses", missing))},
            ),
            **evidence,
        )
    gaps = []
    if missing:
        gaps.append(
            msg(_("the agreement lacks %(missing)s"), {"missing": join(shown_list(p, "agreement_clauses", missing))})
        )
    for category in SOCIAL_PARTNERS:
        parts = [part for part in ctx.participations if part.organisation.category == category]
        if not parts:
            gaps.append(msg(_("no %(category)s takes part"), {"category": label(OrganisationCategory, category)}))
        elif not any(part.joined_stage in ("exploration", "assessment", "design") for part in parts):
            gaps.append(
                msg(
                    _("%(category)s joined only at the agreement or later"),
                    {"category": label(OrganisationCategory, category)},
                )
            )
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(
        _("The agreement covers the BLMA checklist and was negotiated with social partners and civil society."),
        **evidence,
    )


@rule(
    "E7.R9",
    title=_("Admissions can legally be scaled per sector or skill (brain-drain safeguard)"),
    says=_(
        "Agree that either partner may scale admissions for a sector or skill up or down, with a clear trigger, "
        "so the scheme does not drain skills the origin country needs."
    ),
    source="G10 rec (scaling admissions); G12 rec 1; G T2; G3",
    draft_lenient=True,  # its only FAIL is ⏳ (each returns lenient=True as well)
    reads=(
        "partnerships.Partnership.admission_review_trigger",
        "partnerships.Partnership.agreement_clauses",
        "partnerships.Partnership.countries",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.stage",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.admissions_adjustable",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.name",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "skills.OccupationProfile.brain_drain_safeguards",
        "skills.OccupationProfile.country",
        "skills.OccupationProfile.labour_status",
        "skills.TargetOccupation.occupation",
        "skills.TargetOccupation.profiles",
    ),
)
def e7_r9(p, ctx) -> Outcome:
    used = pathways_used(ctx)
    if not used:
        return _nothing_used()
    trigger = filled(p.admission_review_trigger)
    origin_ids = {pc.id for pc in ctx.origin_countries}
    fails = []
    if not trigger:
        for to in ctx.target_occupations:
            sensitive = any(
                profile.country_id in origin_ids
                and (
                    profile.labour_status == LabourStatus.SHORTAGE
                    or BrainDrainSafeguard.ADMISSION_SCALING in (profile.brain_drain_safeguards or [])
                )
                for profile in loaded(to, "profiles")
            )
            routes = pathways_for(ctx, to, pathways=used)
            if sensitive and routes and not any(pw.admissions_adjustable is True for pw in routes):
                fails.append(
                    msg(
                        _("%(occ)s is short in the origin but its admissions cannot be scaled and no trigger is set"),
                        {"occ": occupation_label(to)},
                    )
                )
    if fails:
        # Only this FAIL is draft-lenient (§2.7: "FAIL ⏳").
        return Outcome.fail(sentence(fails), lenient=True)
    gaps = []
    fixed = [_label(pw) for pw in used if pw.admissions_adjustable is not True]
    if fixed:
        gaps.append(msg(_("admissions cannot be scaled (or unknown) on %(routes)s"), {"routes": join(fixed)}))
    if not trigger:
        gaps.append(_("no trigger for reviewing admissions"))
    if ctx.stage_reached("agreement") and "admission_review" not in (p.agreement_clauses or []):
        gaps.append(_("the agreement has no admission-review clause"))
    if gaps:
        return Outcome.warn(sentence(gaps))
    return Outcome.passed(_("Admissions can be scaled on every pathway used, with a recorded trigger."))


REMOTE_LEGAL_TERMS = ("contract_issuer", "taxation", "applicable_labour_law", "social_security_payer")
REMOTE_WORKPLACE_TERMS = (
    "working_hours",
    "time_tracking",
    "availability_productivity",
    "data_protection",
    "workplace_environment",
)


def _remote_terms(pw) -> set[str]:
    """Settled terms, counting the two older fields as §7.1 says."""
    terms = set(pw.remote_terms_settled or [])
    if filled(pw.remote_contract_issuer):
        terms.add("contract_issuer")
    if pw.remote_tax_social_security_settled is True:
        terms |= {"taxation", "social_security_payer"}
    return terms


@rule(
    "E7.R10",
    title=_("Remote-work track legally settled"),
    says=_(
        "Before offering remote work, settle who issues the contract, where tax and social contributions are "
        "paid, which labour law applies, and the rules on working time, availability and data protection."
    ),
    source="G B31; G10 rec (remote work); G B2",
    draft_lenient=True,  # its only FAIL is ⏳ (each returns lenient=True as well)
    reads=(
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.sectors",
        "partnerships.Pathway.name",
        "partnerships.Pathway.permit_kind",
        "partnerships.Pathway.remote_contract_issuer",
        "partnerships.Pathway.remote_model",
        "partnerships.Pathway.remote_tax_social_security_settled",
        "partnerships.Pathway.remote_terms_settled",
        "skills.Sector.remote_feasible",
    ),
)
def e7_r10(p, ctx) -> Outcome:
    remote = [pw for pw in ctx.pathways if pw.permit_kind == REMOTE_WORK]
    if not remote:
        return Outcome.na(_("No remote-work pathway."))
    fails, warns = [], []
    for pw in remote:
        terms = _remote_terms(pw)
        legal = [t for t in REMOTE_LEGAL_TERMS if t in terms]
        if not legal:
            fails.append(msg(_("%(pw)s: none of the legal terms is settled"), {"pw": _label(pw)}))
            continue
        if not pw.remote_model:
            warns.append(msg(_("%(pw)s: no remote-work model chosen"), {"pw": _label(pw)}))
        open_legal = [t for t in REMOTE_LEGAL_TERMS if t not in terms]
        if open_legal:
            warns.append(
                msg(
                    _("%(pw)s: %(terms)s not settled"),
                    {"pw": _label(pw), "terms": join(shown_list(pw, "remote_terms_settled", open_legal))},
                )
            )
        workplace = [t for t in REMOTE_WORKPLACE_TERMS if t in terms]
        if len(workplace) < 2:
            warns.append(msg(_("%(pw)s: fewer than two workplace terms settled"), {"pw": _label(pw)}))
    unfit = [sector_name(s) for s in ctx.sectors if not s.remote_feasible]
    if unfit:
        warns.append(msg(_("sectors not suited to remote work: %(sectors)s"), {"sectors": join(unfit)}))
    if fails:
        # Only this FAIL is draft-lenient (§2.7: "FAIL ⏳").
        return Outcome.fail(sentence(fails), lenient=True, gaps=[str(g) for g in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(g) for g in warns])
    return Outcome.passed(_("The remote-work track is legally settled."))


@rule(
    "E7.R11",
    title=_("Trained candidates can meet the admission criteria"),
    says=_(
        "Make sure every trained candidate can qualify: quota large enough, occupations on the shortage list, "
        "labour-market tests waived, recognition arranged — and check eligibility before employers commit."
    ),
    source="G10; G10 rec 2; G B30; G B10; C6 r1; PT",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.recognition_arrangements",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.eligibility_precheck",
        "partnerships.Pathway.labour_market_test",
        "partnerships.Pathway.lmt_waived_for_smp",
        "partnerships.Pathway.name",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.permit_kind",
        "partnerships.Pathway.quota",
        "partnerships.Pathway.quota_per_year",
        "partnerships.Pathway.shortage_list",
        "partnerships.Pathway.skills_recognition_required",
        "skills.OccupationProfile.country",
        "skills.OccupationProfile.on_shortage_list",
        "skills.RecognitionArrangement.countries",
        "skills.RecognitionArrangement.occupations",
        "skills.TargetOccupation.occupation",
        "skills.TargetOccupation.places_per_year",
        "skills.TargetOccupation.profiles",
    ),
)
def e7_r11(p, ctx) -> Outcome:
    used = pathways_used(ctx)
    if not used:
        return _nothing_used()
    to_by_code = {to.occupation_id: to for to in ctx.target_occupations}
    arrangements = list(loaded(p, "recognition_arrangements"))
    fails, warns = [], []
    for pw in used:
        route = _label(pw)
        covered = [to_by_code[occ.pk] for occ in loaded(pw, "occupations") if occ.pk in to_by_code]
        if pw.quota is True:
            places = [to.places_per_year for to in covered]
            if pw.quota_per_year is None or any(n is None for n in places):
                warns.append(msg(_("%(pw)s: quota or planned places unknown"), {"pw": route}))
            elif pw.quota_per_year < sum(places):
                fails.append(
                    msg(
                        _("%(pw)s: quota of %(quota)d a year is below the %(places)d places planned"),
                        {"pw": route, "quota": pw.quota_per_year, "places": sum(places)},
                    )
                )
        elif pw.quota is None:
            warns.append(msg(_("%(pw)s: whether a quota applies is unknown"), {"pw": route}))
        for to in covered:
            where = msg("%(occupation)s / %(route)s", {"occupation": occupation_label(to), "route": route})
            profile = next((pr for pr in loaded(to, "profiles") if pr.country_id == pw.destination_country_id), None)
            if pw.shortage_list is True:
                listed = profile.on_shortage_list if profile else None
                if listed is False:
                    fails.append(msg(_("%(where)s: the route requires a shortage listing it lacks"), {"where": where}))
                elif listed is None:
                    warns.append(msg(_("%(where)s: shortage listing unknown"), {"where": where}))
            elif pw.shortage_list is None:
                warns.append(msg(_("%(where)s: whether a shortage list applies is unknown"), {"where": where}))
            if pw.skills_recognition_required is True:
                if not any(
                    to.id in {o.id for o in loaded(a, "occupations")}
                    and pw.destination_country_id in {c.id for c in loaded(a, "countries")}
                    for a in arrangements
                ):
                    fails.append(
                        msg(
                            _("%(where)s: recognition is required but no recognition arrangement exists"),
                            {"where": where},
                        )
                    )
            elif pw.skills_recognition_required is None:
                warns.append(msg(_("%(where)s: whether recognition is required is unknown"), {"where": where}))
        if pw.labour_market_test is True and pw.lmt_waived_for_smp is not True:
            warns.append(msg(_("%(pw)s: a labour-market test applies"), {"pw": route}))
        elif pw.labour_market_test is None:
            warns.append(msg(_("%(pw)s: whether a labour-market test applies is unknown"), {"pw": route}))
        if pw.eligibility_precheck is not True:
            warns.append(msg(_("%(pw)s: no eligibility pre-check before employers commit"), {"pw": route}))
    if fails:
        return Outcome.fail(sentence(fails), gaps=[str(g) for g in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(g) for g in warns])
    return Outcome.passed(_("Trained candidates can meet every admission criterion on the pathways used."))
