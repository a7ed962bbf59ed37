"""E5 — Skills classification, recognition and development (SMP-DOMAIN §2.5, G7 + G8): rules E5.R1–E5.R13.

E5 is the one element spanning two chapters (§2.0), so each rule carries a tag: ``recognition`` (G7,
E5.R1–R8) or ``development`` (G8, E5.R9–R13); dashboards split the element in two with it.
"""

from __future__ import annotations

from codelists.stakeholders import EMPLOYER_CATEGORIES, MIGRANT_SIDE_CATEGORIES
from feasibility.context import country_code, loaded
from feasibility.registry import Outcome, msg, register_defaults, rule, sentence
from feasibility.registry import rule_text as _
from feasibility.rules._common import (
    NOT_RECORDED,
    country_label,
    filled,
    join,
    occupation_label,
    shown_list,
    side_names,
)
from feasibility.rules.e6 import TEMPORARY_TYPES, migration_types, pathways_for, pathways_used, planned_destinations

RECOGNITION = "recognition"
DEVELOPMENT = "development"

register_defaults(
    {
        # E5.R8: longest acceptable recognition procedure without a fast track, in weeks [product default].
        "E5.R8.max_weeks": 12,
    }
)

SKILLS_CLAUSES = (
    "recognition",
    "skills_development",
    "rpl",
    "certification",
    "skills_matching",
    "career_progression",
    "lifelong_learning",
)
MIGRATION_TRACKS = frozenset({"migration", "dual"})

#
# Helpers
#


def _side_of_country(ctx, pc_id) -> str | None:
    pc = ctx.country_by_id.get(pc_id)
    return pc.side if pc else None


def _profiles(ctx, side: str) -> list:
    """Occupation profiles on one side, each with its target occupation already at hand."""
    rows = []
    for to in ctx.target_occupations:
        for profile in loaded(to, "profiles"):
            if _side_of_country(ctx, profile.country_id) == side:
                rows.append(profile)
    return rows


def _to_by_id(ctx) -> dict:
    return ctx.memo("target_occupations_by_id", lambda: {to.id: to for to in ctx.target_occupations})


def _profile_label(ctx, profile) -> str:
    to = _to_by_id(ctx).get(profile.target_occupation_id)
    pc = ctx.country_by_id.get(profile.country_id)
    where = country_label(pc) if pc else NOT_RECORDED
    occupation = occupation_label(to) if to else str(profile.target_occupation_id)
    return msg("%(occupation)s (%(country)s)", {"occupation": occupation, "country": where})


def _participation_sides(ctx) -> dict[int, set[str]]:
    def compute() -> dict[int, set[str]]:
        sides: dict[int, set[str]] = {}
        for part in ctx.participations:
            if part.side:
                sides.setdefault(part.organisation_id, set()).add(part.side)
        return sides

    return ctx.memo("participation_sides", compute)


def _org_sides(ctx, organisation) -> set[str]:
    """Sides an organisation stands on: its country's side in the partnership, or its participation's side."""
    sides = set(_participation_sides(ctx).get(organisation.id, ()))
    side = ctx.side_of_iso.get(country_code(organisation))
    if side:
        sides.add(side)
    return sides


def _arrangements_for(ctx, p, to, countries=()) -> list:
    """Recognition arrangements covering a target occupation and including every given country row."""
    wanted = {pc.id for pc in countries}
    rows = []
    for arrangement in loaded(p, "recognition_arrangements"):
        if not any(o.id == to.id for o in loaded(arrangement, "occupations")):
            continue
        if wanted - {c.id for c in loaded(arrangement, "countries")}:
            continue
        rows.append(arrangement)
    return rows


def _migration_programmes(ctx) -> list:
    return [tp for tp in ctx.training_programmes if tp.track in MIGRATION_TRACKS]


def _participations(ctx, rows) -> list:
    """M2M participations (co-designers, validators) are loaded without their organisation; take the
    partnership's own participation rows, which carry it (partnerships.selectors)."""
    return [ctx.participation_by_id[row.id] for row in rows if row.id in ctx.participation_by_id]


def _targets(ctx, rows) -> list:
    """M2M target occupations (of programmes, arrangements) as the partnership's fully loaded rows."""
    by_id = _to_by_id(ctx)
    return [by_id[row.id] for row in rows if row.id in by_id]


def _employer_side(part) -> bool:
    return part.organisation.category in EMPLOYER_CATEGORIES


def _fed_destinations(ctx, programme) -> list:
    """Destination rows a programme feeds: those of the pathways covering its occupations, else the
    destinations its occupations are planned for."""
    occupations = _targets(ctx, loaded(programme, "occupations"))
    ids: dict[int, object] = {}
    for to in occupations:
        for pathway in pathways_for(ctx, to):
            pc = ctx.country_by_id.get(pathway.destination_country_id)
            if pc is not None:
                ids[pc.id] = pc
    if not ids:
        for to in occupations:
            for pc in planned_destinations(ctx, to):
                ids[pc.id] = pc
    return list(ids.values())


#
# Recognition (G7)
#


@rule(
    "E5.R1",
    title=_("Skills development and recognition written into the agreement"),
    says=_(
        "Put skills development and recognition into the MoU or agreement: the mechanisms used, who does what "
        "in each country, and who pays."
    ),
    source="G7 rec 1, rec 13; G fn49; G B10 skills.5; C6 r5",
    draft_lenient=True,
    tag=RECOGNITION,
    reads=(
        "partnerships.Partnership.agreement_clauses",
        "partnerships.Partnership.countries",
        "partnerships.Partnership.participations",
        "partnerships.Partnership.recognition_arrangements",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
        "skills.RecognitionArrangement.cost_payer",
        "skills.RecognitionArrangement.name",
        "skills.RecognitionArrangement.responsible_orgs",
        "stakeholders.Organisation.country",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.side",
    ),
)
def e5_r1(p, ctx) -> Outcome:
    clauses = set(p.agreement_clauses or []) & set(SKILLS_CLAUSES)
    evidence = {"skills_clauses": sorted(clauses)}
    if not clauses:
        return Outcome.fail(_("The agreement contains none of the seven skills clauses."), **evidence)
    gaps = []
    core_missing = [code for code in ("recognition", "skills_development") if code not in clauses]
    others = clauses - {"recognition", "skills_development"}
    if core_missing:
        gaps.append(
            msg(
                _("the agreement lacks %(missing)s"),
                {"missing": join(shown_list(p, "agreement_clauses", core_missing))},
            )
        )
    if len(others) < 2:
        gaps.append(
            msg(
                _(
                    "only %(n)d of recognition of prior learning, certification, skills matching, career progression "
                    "and lifelong learning"
                ),
                {"n": len(others)},
            )
        )
    for arrangement in loaded(p, "recognition_arrangements"):
        sides = set()
        for org in loaded(arrangement, "responsible_orgs"):
            sides |= _org_sides(ctx, org)
        if not {"origin", "destination"} <= sides:
            gaps.append(
                msg(
                    _("recognition arrangement %(name)s names no responsible organisation on the %(side)s side"),
                    {"name": arrangement.name, "side": side_names(sorted({"origin", "destination"} - sides))},
                )
            )
        if not arrangement.cost_payer:
            gaps.append(msg(_("recognition arrangement %(name)s does not say who pays"), {"name": arrangement.name}))
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(
        msg(
            _("The agreement covers %(clauses)s; every recognition arrangement names roles on both sides and a payer."),
            {"clauses": join(shown_list(p, "agreement_clauses", sorted(clauses)))},
        ),
        **evidence,
    )


@rule(
    "E5.R2",
    title=_("Every target occupation classified and its recognition route mapped"),
    says=_(
        "Record for each occupation its ISCO-08 code, its level in each national framework, whether each "
        "destination regulates it and how that destination recognises foreign qualifications."
    ),
    source="G7 rec 2, rec 9; G5 rec 7; G B17; G fn37; G gl.; G fn38; PT",
    draft_lenient=True,
    tag=RECOGNITION,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.nqf_status",
        "partnerships.PartnershipCountry.side",
        "skills.Occupation.code",
        "skills.OccupationProfile.classification_code",
        "skills.OccupationProfile.country",
        "skills.OccupationProfile.nqf_level",
        "skills.OccupationProfile.recognition_route",
        "skills.OccupationProfile.regulated",
        "skills.TargetOccupation.destinations",
        "skills.TargetOccupation.occupation",
        "skills.TargetOccupation.profiles",
    ),
)
def e5_r2(p, ctx) -> Outcome:
    occupations = ctx.target_occupations
    if not occupations:
        return Outcome.warn(_("No target occupation is recorded yet."))
    destination_profiles = _profiles(ctx, "destination")
    if not destination_profiles:
        return Outcome.fail(
            msg(_("No destination profile exists for any of the %(n)d target occupations."), {"n": len(occupations)}),
            occupations=[occupation_label(to) for to in occupations],
        )
    gaps = []
    for to in occupations:
        occupation = to.occupation
        if len(occupation.code or "") != 4:
            gaps.append(
                msg(_("%(occ)s is not a 4-digit ISCO-08 unit group"), {"occ": occupation_label(to)}),
            )
        profiles = {profile.country_id: profile for profile in loaded(to, "profiles")}
        for pc in planned_destinations(ctx, to):
            profile = profiles.get(pc.id)
            where = msg(
                "%(occupation)s (%(country)s)", {"occupation": occupation_label(to), "country": country_label(pc)}
            )
            if profile is None:
                gaps.append(msg(_("%(where)s: no profile"), {"where": where}))
                continue
            missing = []
            if not filled(profile.classification_code):
                missing.append(_("classification code"))
            if profile.regulated is None:
                missing.append(_("whether it is regulated"))
            if profile.recognition_route in ("", "unknown"):
                missing.append(_("recognition route"))
            if not filled(profile.nqf_level) and pc.nqf_status != "none":
                missing.append(_("qualifications framework level"))
            if missing:
                gaps.append(msg(_("%(where)s: %(missing)s missing"), {"where": where, "missing": join(missing)}))
        for pc in ctx.origin_countries:
            profile = profiles.get(pc.id)
            if (profile is None or not filled(profile.nqf_level)) and pc.nqf_status != "none":
                gaps.append(
                    msg(
                        _("%(occ)s (%(country)s): no level in the origin framework"),
                        {"occ": occupation_label(to), "country": country_label(pc)},
                    )
                )
    if gaps:
        return Outcome.warn(sentence(gaps), gaps=[str(g) for g in gaps])
    return Outcome.passed(
        msg(
            _("All %(n)d target occupations are classified and their recognition routes mapped."),
            {"n": len(occupations)},
        )
    )


@rule(
    "E5.R3",
    title=_("Regulated occupations: licensing body on board, bridging planned"),
    says=_(
        "For every regulated occupation, bring the licensing body into the partnership and plan bridging or "
        "adaptation courses that close the gap before licensing."
    ),
    source="G7 intro; G B16; G gl.; G7 rec 10; G8 mode (a); G T2; G10; PT; G B33",
    draft_lenient=True,
    tag=RECOGNITION,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.participations",
        "partnerships.Partnership.target_occupations",
        "partnerships.Partnership.training_programmes",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.side",
        "skills.OccupationProfile.country",
        "skills.OccupationProfile.recognition_gap",
        "skills.OccupationProfile.regulated",
        "skills.OccupationProfile.regulator",
        "skills.OccupationProfile.target_occupation",
        "skills.TargetOccupation.occupation",
        "skills.TargetOccupation.profiles",
        "skills.TrainingProgramme.mode",
        "skills.TrainingProgramme.occupations",
        "stakeholders.Organisation.name",
        "stakeholders.Participation.organisation",
    ),
)
def e5_r3(p, ctx) -> Outcome:
    regulated = [profile for profile in _profiles(ctx, "destination") if profile.regulated is True]
    if not regulated:
        return Outcome.na(_("No target occupation is regulated in a destination country."))
    participant_orgs = {part.organisation_id for part in ctx.participations}
    bridged = set()
    for tp in ctx.training_programmes:
        if tp.mode == "bridging":
            bridged |= {to.id for to in loaded(tp, "occupations")}
    fails, warns = [], []
    for profile in regulated:
        label = _profile_label(ctx, profile)
        if profile.regulator_id is None:
            fails.append(msg(_("%(occ)s is regulated but its licensing body is unknown"), {"occ": label}))
        elif profile.regulator_id not in participant_orgs:
            warns.append(
                msg(
                    _("%(occ)s: licensing body %(org)s does not take part"),
                    {"occ": label, "org": profile.regulator.name},
                )
            )
        if profile.recognition_gap is None:
            warns.append(msg(_("%(occ)s: whether a recognition gap exists is unknown"), {"occ": label}))
        elif profile.recognition_gap and profile.target_occupation_id not in bridged:
            fails.append(msg(_("%(occ)s has a recognition gap and no bridging programme"), {"occ": label}))
    if fails:
        return Outcome.fail(sentence(fails), gaps=[str(g) for g in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(g) for g in warns])
    return Outcome.passed(
        msg(
            _("Every regulated occupation (%(n)d) has its licensing body on board and bridging where needed."),
            {"n": len(regulated)},
        )
    )


@rule(
    "E5.R4",
    title=_("A cross-border recognition mechanism for every occupation that needs one"),
    says=_(
        "Agree a mutual-recognition route for each occupation — and where none can be agreed, give trainees a "
        "double or jointly recognised certificate."
    ),
    source="G7; G7 rec 3, 4, 5, 7, 17; G B17, B18, B20; G8; C6 r5; WS ¶5 Q2, ¶6; PT",
    tag=RECOGNITION,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.recognition_arrangements",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.nqf_status",
        "partnerships.PartnershipCountry.side",
        "skills.OccupationProfile.country",
        "skills.OccupationProfile.recognition_route",
        "skills.OccupationProfile.target_occupation",
        "skills.RecognitionArrangement.countries",
        "skills.RecognitionArrangement.kind",
        "skills.RecognitionArrangement.legal_basis",
        "skills.RecognitionArrangement.occupations",
        "skills.RecognitionArrangement.status",
        "skills.TargetOccupation.occupation",
        "skills.TargetOccupation.profiles",
    ),
)
def e5_r4(p, ctx) -> Outcome:
    destination_profiles = _profiles(ctx, "destination")
    if not destination_profiles:
        return Outcome.warn(_("No destination occupation profile is recorded yet."))
    needing = [pr for pr in destination_profiles if pr.recognition_route != "employer_assessment"]
    if not needing:
        return Outcome.na(_("Employers assess qualifications themselves for every occupation in every destination."))
    if not ctx.origin_countries:
        return Outcome.warn(_("No origin country is recorded yet."))
    to_by_id = _to_by_id(ctx)
    fails, warns = [], []
    for profile in needing:
        to = to_by_id[profile.target_occupation_id]
        destination = ctx.country_by_id[profile.country_id]
        covering = _arrangements_for(ctx, p, to, [destination])
        for origin in ctx.origin_countries:
            where = msg(
                "%(occupation)s (%(origin)s → %(destination)s)",
                {
                    "occupation": occupation_label(to),
                    "origin": country_label(origin),
                    "destination": country_label(destination),
                },
            )
            bilateral = [
                a for a in covering if a.kind != "unilateral" and origin.id in {c.id for c in loaded(a, "countries")}
            ]
            good = [
                a
                for a in bilateral
                if a.status == "existing" or (a.status in ("negotiating", "planned") and filled(a.legal_basis))
            ]
            if good:
                continue
            if bilateral or covering:
                warns.append(
                    msg(
                        _("%(where)s is covered only by a unilateral procedure or an arrangement without legal basis"),
                        {"where": where},
                    )
                )
            elif origin.nqf_status in ("operational", "in_development"):
                warns.append(msg(_("%(where)s has no recognition arrangement yet"), {"where": where}))
            else:
                fails.append(
                    msg(
                        _(
                            "%(where)s has no recognition arrangement and the origin has no working "
                            "qualifications framework"
                        ),
                        {"where": where},
                    )
                )
    if fails:
        return Outcome.fail(sentence(fails), gaps=[str(g) for g in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(g) for g in warns])
    return Outcome.passed(_("Every occupation that needs recognition has a cross-border arrangement."))


@rule(
    "E5.R5",
    title=_("Employers have validated the certification they will accept"),
    says=_(
        "Ask destination employers which certificates they trust, and record their agreement before the "
        "certification criteria are fixed."
    ),
    source="G7 rec 6; G13; G T2",
    tag=RECOGNITION,
    can_fail=False,
    reads=(
        "partnerships.Partnership.participations",
        "partnerships.Partnership.target_occupations",
        "skills.TargetOccupation.accepted_certification",
        "skills.TargetOccupation.certification_validated_by",
        "skills.TargetOccupation.occupation",
        "stakeholders.Organisation.category",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.side",
    ),
)
def e5_r5(p, ctx) -> Outcome:
    occupations = ctx.target_occupations
    if not occupations:
        return Outcome.warn(_("No target occupation is recorded yet."))
    gaps = []
    for to in occupations:
        if not filled(to.accepted_certification):
            gaps.append(msg(_("%(occ)s: no accepted certification named"), {"occ": occupation_label(to)}))
        validators = [
            part
            for part in _participations(ctx, loaded(to, "certification_validated_by"))
            if _employer_side(part) and part.side == "destination"
        ]
        if not validators:
            gaps.append(msg(_("%(occ)s: no destination employer has validated it"), {"occ": occupation_label(to)}))
    if gaps:
        return Outcome.warn(sentence(gaps), gaps=[str(g) for g in gaps])
    return Outcome.passed(_("Destination employers validated the certification for every target occupation."))


@rule(
    "E5.R6",
    title=_("Prior, informal and self-taught learning can be recognised"),
    says=_(
        "Use or build recognition of prior learning so that experienced and self-taught workers can be "
        "certified, and make sure the permit procedure accepts that evidence."
    ),
    source="G B16; G7; G7 rec 18, rec 19; G B10 skills.7; G B22; BP §4; C6 r5; WS ¶4c",
    tag=RECOGNITION,
    can_fail=False,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.recognition_arrangements",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.rpl_system",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.accepts_experience_evidence",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.occupations",
        "skills.RecognitionArrangement.countries",
        "skills.RecognitionArrangement.kind",
        "skills.TargetOccupation.informal_skills_common",
        "skills.TargetOccupation.occupation",
    ),
)
def e5_r6(p, ctx) -> Outcome:
    if not ctx.origin_countries:
        return Outcome.warn(_("No origin country is recorded yet."))
    rpl_countries = set()
    for arrangement in loaded(p, "recognition_arrangements"):
        if arrangement.kind == "rpl":
            rpl_countries |= {c.id for c in loaded(arrangement, "countries")}
    gaps = []
    for pc in ctx.origin_countries:
        if pc.id not in rpl_countries and pc.rpl_system not in ("operational", "pilot"):
            gaps.append(msg(_("%(country)s has no route to recognise prior learning"), {"country": country_label(pc)}))
    used = pathways_used(ctx)
    for to in ctx.target_occupations:
        if to.informal_skills_common is None:
            gaps.append(msg(_("%(occ)s: whether informal skills are common is unknown"), {"occ": occupation_label(to)}))
        elif to.informal_skills_common and not any(
            pw.accepts_experience_evidence is True for pw in pathways_for(ctx, to, pathways=used)
        ):
            gaps.append(
                msg(
                    _("%(occ)s: no pathway accepts work experience in place of formal qualifications"),
                    {"occ": occupation_label(to)},
                )
            )
    if gaps:
        return Outcome.warn(sentence(gaps), gaps=[str(g) for g in gaps])
    return Outcome.passed(_("Every origin country can recognise prior learning, and permits accept it where needed."))


@rule(
    "E5.R7",
    title=_("Portable skills documentation, free for migrants"),
    says=_(
        "Give participants a free, portable record of their skills — a skills passport or card — that goes with "
        "them and still counts when they return."
    ),
    source="G7 rec 8; G B19; G B24; G9; BP Annex; PT",
    tag=RECOGNITION,
    reads=(
        "partnerships.Partnership.skills_documentation_tools",
        "skills.SkillsDocumentationTool.data_protection_basis",
        "skills.SkillsDocumentationTool.free_to_migrant",
        "skills.SkillsDocumentationTool.name",
        "skills.SkillsDocumentationTool.offline_access",
        "skills.SkillsDocumentationTool.stages",
    ),
)
def e5_r7(p, ctx) -> Outcome:
    tools = list(loaded(p, "skills_documentation_tools"))
    if not tools:
        return Outcome.warn(_("No skills passport, card or registry is recorded."))
    charged = [tool.name for tool in tools if tool.free_to_migrant is False]
    if charged:
        return Outcome.fail(
            msg(_("Migrants pay for %(tools)s."), {"tools": join(charged)}),
            charged=charged,
        )
    good = [
        tool
        for tool in tools
        if "pre_departure" in (tool.stages or [])
        and {"in_employment", "return"} & set(tool.stages or [])
        and tool.free_to_migrant is True
        and tool.offline_access is True
        and filled(tool.data_protection_basis)
    ]
    if good:
        return Outcome.passed(
            msg(
                _("%(tools)s: free, usable offline, with a data-protection basis, from departure onwards."),
                {"tools": join(tool.name for tool in good)},
            )
        )
    gaps = []
    for tool in tools:
        missing = []
        stages = set(tool.stages or [])
        if "pre_departure" not in stages or not stages & {"in_employment", "return"}:
            missing.append(_("stages"))
        if tool.free_to_migrant is not True:
            missing.append(_("free to migrant"))
        if tool.offline_access is not True:
            missing.append(_("offline access"))
        if not filled(tool.data_protection_basis):
            missing.append(_("data-protection basis"))
        gaps.append(msg(_("%(tool)s lacks %(missing)s"), {"tool": tool.name, "missing": join(missing)}))
    return Outcome.warn(sentence(gaps), gaps=[str(g) for g in gaps])


@rule(
    "E5.R8",
    title=_("Recognition is fast, accessible and explained to candidates"),
    says=_(
        "Agree a fast-track or one-stop recognition procedure and tell candidates in their own language what "
        "they must prepare."
    ),
    source="G7; G7 rec 11, 14, 15, 20; G B30; PT",
    tag=RECOGNITION,
    can_fail=False,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.recognition_arrangements",
        "partnerships.Partnership.recognition_info_channels",
        "partnerships.Partnership.recognition_info_languages",
        "partnerships.Partnership.target_occupations",
        "partnerships.PartnershipCountry.country",
        "partnerships.PartnershipCountry.languages",
        "partnerships.PartnershipCountry.side",
        "skills.OccupationProfile.country",
        "skills.OccupationProfile.recognition_route",
        "skills.OccupationProfile.recognition_weeks",
        "skills.OccupationProfile.target_occupation",
        "skills.RecognitionArrangement.countries",
        "skills.RecognitionArrangement.is_fast_track",
        "skills.RecognitionArrangement.occupations",
        "skills.TargetOccupation.occupation",
        "skills.TargetOccupation.profiles",
    ),
)
def e5_r8(p, ctx) -> Outcome:
    destination_profiles = _profiles(ctx, "destination")
    if not destination_profiles:
        return Outcome.warn(_("No destination occupation profile is recorded yet."))
    max_weeks = ctx.cfg["E5.R8.max_weeks"]
    to_by_id = _to_by_id(ctx)
    gaps = []
    procedures = [pr for pr in destination_profiles if pr.recognition_route not in ("employer_assessment", "automatic")]
    for profile in procedures:
        to = to_by_id[profile.target_occupation_id]
        destination = ctx.country_by_id[profile.country_id]
        fast = any(a.is_fast_track is True for a in _arrangements_for(ctx, p, to, [destination]))
        if fast:
            continue
        label = _profile_label(ctx, profile)
        if profile.recognition_weeks is None:
            gaps.append(msg(_("%(occ)s: recognition time unknown and no fast track"), {"occ": label}))
        elif profile.recognition_weeks > max_weeks:
            gaps.append(
                msg(
                    _("%(occ)s: recognition takes %(weeks)d weeks (limit %(max)d) and there is no fast track"),
                    {"occ": label, "weeks": profile.recognition_weeks, "max": max_weeks},
                )
            )
    channels = list(p.recognition_info_channels or [])
    info_languages = set(p.recognition_info_languages or [])
    if not channels:
        gaps.append(_("no information channel on recognition for candidates"))
    else:
        for pc in ctx.origin_countries:
            if not set(pc.languages or []) & info_languages:
                gaps.append(
                    msg(
                        _("recognition information is not offered in a language of %(country)s"),
                        {"country": country_label(pc)},
                    )
                )
    evidence = {"procedures": len(procedures), "channels": channels, "info_languages": sorted(info_languages)}
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(
        _("Recognition is quick or fast-tracked and explained in the candidates' languages."), **evidence
    )


#
# Development (G8)
#


@rule(
    "E5.R9",
    title=_("Training designed with employers and migrants, gender needs assessed"),
    says=_(
        "Design each course together with destination employers and with migrants or their organisations, "
        "and find out what women and men need in order to take part."
    ),
    source="G8 rec 1, 2, 4, 8; G8; G B23; G4 public–private rec 1; PT",
    draft_lenient=True,
    tag=DEVELOPMENT,
    reads=(
        "partnerships.Partnership.participations",
        "partnerships.Partnership.training_programmes",
        "skills.TrainingProgramme.codesigned_by",
        "skills.TrainingProgramme.gender_needs_assessed",
        "skills.TrainingProgramme.name",
        "skills.TrainingProgramme.track",
        "stakeholders.Organisation.category",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.side",
    ),
)
def e5_r9(p, ctx) -> Outcome:
    programmes = _migration_programmes(ctx)
    if not programmes:
        return Outcome.warn(_("No migration or dual-track training programme is recorded yet."))
    any_employer = False
    gaps = []
    for tp in programmes:
        designers = _participations(ctx, loaded(tp, "codesigned_by"))
        employers = [part for part in designers if _employer_side(part)]
        any_employer = any_employer or bool(employers)
        if not any(part.side == "destination" for part in employers):
            gaps.append(msg(_("%(tp)s: no destination employer co-designed it"), {"tp": tp.name}))
        if not any(part.organisation.category in MIGRANT_SIDE_CATEGORIES for part in designers):
            gaps.append(msg(_("%(tp)s: no migrant, diaspora or workers' organisation co-designed it"), {"tp": tp.name}))
        if tp.gender_needs_assessed is not True:
            gaps.append(msg(_("%(tp)s: gender needs not assessed"), {"tp": tp.name}))
    if not any_employer:
        return Outcome.fail(
            msg(_("No employer co-designed any of the %(n)d migration training programmes."), {"n": len(programmes)}),
            programmes=[tp.name for tp in programmes],
        )
    if gaps:
        return Outcome.warn(sentence(gaps), gaps=[str(g) for g in gaps])
    return Outcome.passed(
        msg(
            _("All %(n)d migration training programmes were co-designed with employers and migrants."),
            {"n": len(programmes)},
        )
    )


@rule(
    "E5.R10",
    title=_("Curriculum aligned to destination standards; certificate valid on both sides"),
    says=_(
        "Align the curriculum with the destination standard — or a regional framework or joint certificate — so "
        "the certificate counts abroad and at home."
    ),
    source="G8; G fn52; G fn55; G B21; G7 rec 5; G10",
    draft_lenient=True,
    tag=DEVELOPMENT,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.target_occupations",
        "partnerships.Partnership.training_programmes",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.occupations",
        "skills.TargetOccupation.destinations",
        "skills.TargetOccupation.occupation",
        "skills.TrainingProgramme.certificate_recognised_in",
        "skills.TrainingProgramme.name",
        "skills.TrainingProgramme.occupations",
        "skills.TrainingProgramme.track",
    ),
)
def e5_r10(p, ctx) -> Outcome:
    programmes = _migration_programmes(ctx)
    if not programmes:
        return Outcome.warn(_("No migration or dual-track training programme is recorded yet."))
    origin_ids = {pc.id for pc in ctx.origin_countries}
    fails, warns = [], []
    for tp in programmes:
        recognised = {pc.id for pc in loaded(tp, "certificate_recognised_in")}
        fed = _fed_destinations(ctx, tp)
        fed_ids = {pc.id for pc in fed}
        destination_ids = {pc.id for pc in ctx.destination_countries}
        if not recognised & destination_ids:
            fails.append(msg(_("%(tp)s: the certificate is recognised in no destination country"), {"tp": tp.name}))
            continue
        missing = [country_label(pc) for pc in fed if pc.id not in recognised]
        if missing:
            warns.append(
                msg(
                    _("%(tp)s: the certificate is not recognised in %(countries)s"),
                    {"tp": tp.name, "countries": join(missing)},
                )
            )
        if not fed_ids:
            warns.append(msg(_("%(tp)s: no destination is known for its occupations"), {"tp": tp.name}))
        if not recognised & origin_ids:
            warns.append(
                msg(
                    _(
                        "%(tp)s: the certificate is not recognised in the origin country, "
                        "so stayers and returnees cannot use it"
                    ),
                    {"tp": tp.name},
                )
            )
    if fails:
        return Outcome.fail(sentence(fails), gaps=[str(g) for g in fails + warns])
    if warns:
        return Outcome.warn(sentence(warns), gaps=[str(g) for g in warns])
    return Outcome.passed(_("Every migration programme's certificate is recognised at home and in each destination."))


@rule(
    "E5.R11",
    title=_("Language, soft and cross-cutting skills in the course"),
    says=_(
        "Add to the technical course language training with a target level, soft and intercultural skills and "
        "a module on workers' rights."
    ),
    source="G8; G B22; G8 rec 2, rec 6; G B21; G B33; G3",
    tag=DEVELOPMENT,
    can_fail=False,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.target_occupations",
        "partnerships.Partnership.training_programmes",
        "partnerships.PartnershipCountry.languages",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.occupations",
        "skills.TargetOccupation.destinations",
        "skills.TargetOccupation.occupation",
        "skills.TrainingProgramme.language_target_level",
        "skills.TrainingProgramme.modules",
        "skills.TrainingProgramme.name",
        "skills.TrainingProgramme.occupations",
        "skills.TrainingProgramme.track",
    ),
)
def e5_r11(p, ctx) -> Outcome:
    programmes = _migration_programmes(ctx)
    if not programmes:
        return Outcome.warn(_("No migration or dual-track training programme is recorded yet."))
    origin_languages = set()
    for pc in ctx.origin_countries:
        origin_languages |= set(pc.languages or [])
    gaps = []
    for tp in programmes:
        modules = set(tp.modules or [])
        missing = shown_list(
            tp, "modules", [code for code in ("technical", "soft_skills", "rights_information") if code not in modules]
        )
        # A language course is needed unless every destination fed shares a language with the origin; unknown
        # languages count as different (missing data never passes).
        needs_language = (
            any(not (set(pc.languages or []) & origin_languages) for pc in _fed_destinations(ctx, tp))
            or not origin_languages
        )
        if needs_language and ("language" not in modules or not filled(tp.language_target_level)):
            missing.append(_("language with a target level"))
        if missing:
            gaps.append(msg(_("%(tp)s lacks %(missing)s"), {"tp": tp.name, "missing": join(missing)}))
    if gaps:
        return Outcome.warn(sentence(gaps), gaps=[str(g) for g in gaps])
    return Outcome.passed(
        _("Every migration programme teaches technical, soft and rights content, and language where needed.")
    )


@rule(
    "E5.R12",
    title=_("Training quality assured: accredited providers that issue certificates"),
    says=_(
        "Use accredited providers that issue recognised certificates, and track how many trainees finish and "
        "are certified."
    ),
    source="G7 rec 16, rec 5; G fn55; G B10 skills.1; G B14; PT",
    tag=DEVELOPMENT,
    can_fail=False,
    reads=(
        "partnerships.Partnership.indicators",
        "partnerships.Partnership.training_programmes",
        "partnerships.Indicator.impact_category",
        "skills.TrainingProgramme.accreditation_body",
        "skills.TrainingProgramme.issues_certificate",
        "skills.TrainingProgramme.name",
        "skills.TrainingProgramme.provider_accredited",
    ),
)
def e5_r12(p, ctx) -> Outcome:
    programmes = ctx.training_programmes
    if not programmes:
        return Outcome.warn(_("No training programme is recorded yet."))
    gaps = []
    for tp in programmes:
        if tp.provider_accredited is not True or tp.accreditation_body_id is None:
            gaps.append(msg(_("%(tp)s: provider not accredited (or accreditation body unknown)"), {"tp": tp.name}))
        if tp.issues_certificate is not True:
            gaps.append(msg(_("%(tp)s: issues no certificate (or unknown)"), {"tp": tp.name}))
    if not any(indicator.impact_category == "skills" for indicator in ctx.indicators):
        gaps.append(_("no indicator tracks completion or certification"))
    if gaps:
        return Outcome.warn(sentence(gaps), gaps=[str(g) for g in gaps])
    return Outcome.passed(
        msg(
            _("All %(n)d programmes use accredited providers that certify, and certification is tracked."),
            {"n": len(programmes)},
        )
    )


@rule(
    "E5.R13",
    title=_("Skills development across the migration cycle, employers included"),
    says=_(
        "Plan training before departure, after arrival and at work (and on return), and train destination "
        "managers to recruit and lead staff from abroad."
    ),
    source="G8 rec 7, rec 6; G3 rec; G8; G9 rec; G gl.; C6 r7",
    tag=DEVELOPMENT,
    can_fail=False,
    reads=(
        "partnerships.Partnership.migration_types",
        "partnerships.Partnership.training_programmes",
        "skills.TrainingProgramme.audience",
        "skills.TrainingProgramme.stage",
    ),
)
def e5_r13(p, ctx) -> Outcome:
    programmes = ctx.training_programmes
    if not programmes:
        return Outcome.warn(_("No training programme is recorded yet."))
    stages = {tp.stage for tp in programmes}
    audiences = {tp.audience for tp in programmes}
    gaps = []
    if "pre_departure" not in stages:
        gaps.append(_("no training before departure"))
    if not stages & {"post_arrival", "in_employment"}:
        gaps.append(_("no training after arrival or on the job"))
    if "employers_managers" not in audiences:
        gaps.append(_("no course for destination employers and managers"))
    if migration_types(p) & TEMPORARY_TYPES and "return" not in stages:
        gaps.append(_("no training at return although migration is temporary"))
    evidence = {"stages": sorted(stages), "audiences": sorted(audiences)}
    if gaps:
        return Outcome.warn(sentence(gaps), **evidence)
    return Outcome.passed(_("Training covers the whole migration cycle and destination managers."), **evidence)
