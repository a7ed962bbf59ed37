"""E2 — Multi-stakeholder approach and policy coherence (SMP-DOMAIN §2.2, G4): rules E2.R1–E2.R11."""

from __future__ import annotations

from codelists.partnerships import Stage
from codelists.stakeholders import Portfolio
from feasibility.context import COUNTED_PORTFOLIOS, SUBNATIONAL_LEVELS, loaded, stage_index
from feasibility.registry import Outcome, msg, register_defaults, rule, semicolons
from feasibility.registry import rule_text as _
from feasibility.rules._common import NOT_RECORDED, SIDE_NAMES, SIDES, filled, join, label, labels, org_name, side_names

register_defaults(
    {
        "E2.R2.min_portfolios": 3,  # distinct portfolios per side for a PASS [product default]
        "E2.R2.warn_portfolios": 2,  # … for a WARN; fewer is a FAIL
    }
)

# §4.3: an advisory council never counts as a decision seat, whatever its layer.
NEVER_DECISION_KINDS = frozenset({"advisory_council"})
EARLY_STAGES = ("exploration", "assessment", "design")


def decision_bodies(ctx) -> list:
    return [b for b in ctx.governance_bodies if b.layer == "decision" and b.kind not in NEVER_DECISION_KINDS]


@rule(
    "E2.R1",
    title=_("Both States are parties with a seat in decision-making"),
    says=_("Bring in the government of every partner country and give each one a seat where decisions are taken."),
    source="G1; G4 challenge 1; G T2",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.governance_bodies",
        "partnerships.Partnership.participations",
        "stakeholders.GovernanceBody.kind",
        "stakeholders.GovernanceBody.layer",
        "stakeholders.GovernanceBody.members",
        "stakeholders.Organisation.category",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.side",
    ),
)
def e2_r1(p, ctx) -> Outcome:
    seated = {member.id for body in decision_bodies(ctx) for member in loaded(body, "members")}
    missing_side = [side for side in SIDES if not ctx.government_by_side[side]]
    without_seat = [
        side
        for side in SIDES
        if ctx.government_by_side[side] and not any(g.id in seated for g in ctx.government_by_side[side])
    ]
    evidence = {
        "government": {side: [g.id for g in ctx.government_by_side[side]] for side in SIDES},
        "sides_without_government": missing_side,
        "sides_without_decision_seat": without_seat,
    }
    if missing_side:
        return Outcome.fail(
            msg(_("No government participation on the %(sides)s side."), {"sides": side_names(missing_side)}),
            **evidence,
        )
    if without_seat:
        return Outcome.warn(
            msg(
                _("The %(sides)s government has no seat on a decision-making body."),
                {"sides": side_names(without_seat)},
            ),
            **evidence,
        )
    return Outcome.passed(_("Governments of both sides sit on a decision-making body."), **evidence)


@rule(
    "E2.R2",
    title=_("Whole-of-government coverage on each side"),
    says=_(
        "Involve the labour, migration or interior, foreign-affairs and education ministries (and the sector "
        "ministry) on both sides, not a single ministry."
    ),
    source="G B3; G4 challenge 2; BP §3",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.participations",
        "stakeholders.Organisation.category",
        "stakeholders.Organisation.portfolio",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.side",
    ),
)
def e2_r2(p, ctx) -> Outcome:
    portfolios = {
        side: sorted(
            {code for g in ctx.government_by_side[side] for code in (g.organisation.portfolio or [])}
            & COUNTED_PORTFOLIOS
        )
        for side in SIDES
    }
    least = min(len(codes) for codes in portfolios.values())
    detail = semicolons(
        msg(
            _("%(side)s: %(n)d (%(portfolios)s)"),
            {
                "side": SIDE_NAMES[side],
                "n": len(portfolios[side]),
                "portfolios": join(labels(Portfolio, portfolios[side])) or NOT_RECORDED,
            },
        )
        for side in SIDES
    )
    if least >= ctx.cfg["E2.R2.min_portfolios"]:
        return Outcome.passed(
            msg(_("Distinct government portfolios per side — %(d)s."), {"d": detail}), portfolios=portfolios
        )
    if least >= ctx.cfg["E2.R2.warn_portfolios"]:
        return Outcome.warn(
            msg(_("Few government portfolios on a side — %(d)s."), {"d": detail}), portfolios=portfolios
        )
    return Outcome.fail(
        msg(_("A side has at most one government portfolio — %(d)s."), {"d": detail}), portfolios=portfolios
    )


@rule(
    "E2.R3",
    title=_("Whole-of-society coverage"),
    says=_(
        "Add the missing stakeholder groups — employers, training institutions, unions or civil society, and "
        "migrant or diaspora organisations — to the partnership."
    ),
    source="G2 F2; G B3; G4 rec 1; G T2; BP §1; PT",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.participations",
        "stakeholders.Organisation.category",
        "stakeholders.Participation.organisation",
    ),
)
def e2_r3(p, ctx) -> Outcome:
    labels = {
        "employers": _("employers"),
        "training": _("training institutions"),
        "social_civil": _("unions or civil society"),
        "migrants_diaspora": _("migrant or diaspora organisations"),
    }
    present = {group: len(ctx.participations_by_group.get(group, [])) for group in labels}
    missing = [group for group, n in present.items() if not n]
    evidence = {"participations_by_group": present, "missing_groups": missing}
    if "employers" in missing:
        others = [labels[g] for g in missing if g != "employers"]
        if not others:
            return Outcome.fail(_("No employer-side participant."), **evidence)
        return Outcome.fail(
            msg(_("No employer-side participant; also missing: %(m)s."), {"m": join(others)}),
            **evidence,
        )
    if missing:
        return Outcome.warn(
            msg(_("Missing stakeholder groups: %(m)s."), {"m": join(labels[g] for g in missing)}), **evidence
        )
    return Outcome.passed(_("Employers, training, social partners and migrant groups all take part."), **evidence)


E2_R4_LABELS = {
    "government": _("ministries and public agencies"),
    "employers": _("employers"),
    "workers_org": _("trade unions"),
    "diaspora_org": _("diaspora organisations"),
    "training": _("training institutions"),
}


@rule(
    "E2.R4",
    title=_("Stakeholders involved from the design stage"),
    says=_(
        "Involve ministries, employers, social partners, training bodies and the diaspora from the start of design."
    ),
    source="G4 rec 1; G4 public–private collaboration rec 1; G B4",
    can_fail=False,
    reads=(
        "partnerships.Partnership.participations",
        "stakeholders.Organisation.category",
        "stakeholders.Participation.joined_stage",
        "stakeholders.Participation.organisation",
    ),
)
def e2_r4(p, ctx) -> Outcome:
    kinds = {
        "government": lambda part: ctx.group_of(part) == "government",
        "employers": lambda part: part.organisation.category in ("employer", "employer_org"),
        "workers_org": lambda part: part.organisation.category == "workers_org",
        "diaspora_org": lambda part: part.organisation.category == "diaspora_org",
        "training": lambda part: ctx.group_of(part) == "training",
    }
    late, absent, first_stage = [], [], {}
    for kind, belongs in kinds.items():
        members = [part for part in ctx.participations if belongs(part)]
        if not members:
            absent.append(kind)
            continue
        stages = [part.joined_stage for part in members if part.joined_stage]
        earliest = min(stages, key=stage_index) if stages else ""
        first_stage[kind] = earliest
        if earliest not in EARLY_STAGES:
            late.append(kind)
    evidence = {"first_joined": first_stage, "late": late, "absent": absent}
    if late or absent:
        parts = []
        if late:
            names = join(E2_R4_LABELS[k] for k in late)
            parts.append(msg(_("joined only after design (or stage not recorded): %(k)s"), {"k": names}))
        if absent:
            parts.append(msg(_("not involved at all: %(k)s"), {"k": join(E2_R4_LABELS[k] for k in absent)}))
        return Outcome.warn(msg(_("Early involvement: %(p)s."), {"p": semicolons(parts)}), **evidence)
    return Outcome.passed(_("Every key stakeholder category joined by the design stage."), **evidence)


@rule(
    "E2.R5",
    title=_("Layered governance structure with clear coordination rules"),
    says=_(
        "Set up a steering committee of both countries, an operational layer and sector working groups, with "
        "written terms of reference, reporting and review."
    ),
    source="G4 rec (governance structures); G4 3C model; G B26",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.governance_bodies",
        "partnerships.Partnership.participations",
        "partnerships.Partnership.sectors",
        "stakeholders.GovernanceBody.has_review_mechanism",
        "stakeholders.GovernanceBody.kind",
        "stakeholders.GovernanceBody.layer",
        "stakeholders.GovernanceBody.members",
        "stakeholders.GovernanceBody.reporting_cycle",
        "stakeholders.GovernanceBody.terms_of_reference",
        "stakeholders.Participation.side",
    ),
)
def e2_r5(p, ctx) -> Outcome:
    bodies = ctx.governance_bodies
    if not bodies:
        return Outcome.fail(_("No governance body is recorded."))
    participation_by_id = ctx.participation_by_id
    decisions = decision_bodies(ctx)

    def both_sides(body) -> bool:
        sides = {participation_by_id[m.id].side for m in loaded(body, "members") if m.id in participation_by_id}
        return {"origin", "destination"} <= sides

    good_decision = [b for b in decisions if both_sides(b) and filled(b.terms_of_reference)]
    coordinated = [
        b for b in good_decision if b.reporting_cycle not in ("", "none", None) and b.has_review_mechanism is True
    ]
    operational = [b for b in bodies if b.layer == "operational"]
    thematic = [b for b in bodies if b.layer == "thematic" or b.kind == "sectoral_working_group"]
    missing = []
    if not good_decision:
        missing.append(_("a decision body with members from both sides and terms of reference"))
    elif not coordinated:
        missing.append(_("a reporting cycle and review mechanism on the decision body"))
    if not operational:
        missing.append(_("an operational body"))
    if len(ctx.sectors) > 1 and not thematic:
        missing.append(msg(_("a thematic or sectoral working group for %(n)d sectors"), {"n": len(ctx.sectors)}))
    evidence = {
        "decision_bodies": [b.id for b in decisions],
        "operational_bodies": [b.id for b in operational],
        "thematic_bodies": [b.id for b in thematic],
    }
    if missing:
        return Outcome.warn(msg(_("Governance lacks %(m)s."), {"m": semicolons(missing)}), **evidence)
    return Outcome.passed(_("Decision, operational and thematic layers in place with coordination rules."), **evidence)


@rule(
    "E2.R6",
    title=_("Objectives transparent to all parties"),
    says=_(
        "Publish the MoU or agreement, or at least share every objective with every partner, so expectations are clear."
    ),
    source="G4 rec (transparency about all goals); G11; G13",
    can_fail=False,
    reads=(
        "partnerships.Partnership.agreement_published",
        "partnerships.Partnership.agreement_url",
        "partnerships.Partnership.objectives",
        "partnerships.Objective.visibility",
    ),
)
def e2_r6(p, ctx) -> Outcome:
    if p.agreement_published is True:
        return Outcome.passed(_("The agreement is published."), agreement_url=p.agreement_url or "")
    restricted = [o for o in ctx.objectives if o.visibility != "all_participants"]
    if ctx.objectives and not restricted:
        return Outcome.passed(
            msg(_("Every objective is visible to every participant (%(n)d)."), {"n": len(ctx.objectives)})
        )
    if not ctx.objectives:
        return Outcome.warn(_("The agreement is not published and no objective is recorded."))
    return Outcome.warn(
        msg(_("The agreement is not published and objectives are restricted (%(n)d)."), {"n": len(restricted)}),
        restricted_objectives=[o.id for o in restricted],
    )


@rule(
    "E2.R7",
    title=_("Feasibility study using lessons from predecessor schemes"),
    says=_("Run a feasibility (potential) analysis and review evaluations of similar schemes before starting."),
    source="G4 rec (feasibility analysis); G B5; G4 rec (institutional and legal frameworks); G11 rec",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.feasibility_study",
        "partnerships.Partnership.stage",
        "partnerships.FeasibilityStudy.completed_on",
        "partnerships.FeasibilityStudy.predecessor_schemes_reviewed",
        "partnerships.FeasibilityStudy.scope",
    ),
)
def e2_r7(p, ctx) -> Outcome:
    study = ctx.feasibility_study
    if study is None:
        if ctx.stage_reached("agreement"):
            return Outcome.fail(
                msg(_("No feasibility study is recorded at stage %(s)s."), {"s": label(Stage, ctx.stage)})
            )
        return Outcome.warn(_("No feasibility study is recorded yet."))
    reviewed = filled(study.predecessor_schemes_reviewed)
    evidence = {"completed_on": study.completed_on, "predecessors_reviewed": reviewed, "scope": list(study.scope or [])}
    if study.completed_on and reviewed:
        return Outcome.passed(
            msg(
                _("Feasibility study completed on %(d)s, with predecessor schemes reviewed."), {"d": study.completed_on}
            ),
            **evidence,
        )
    if not study.completed_on:
        return Outcome.warn(_("The feasibility study is not completed yet."), **evidence)
    return Outcome.warn(_("The feasibility study reviews no predecessor scheme or evaluation."), **evidence)


@rule(
    "E2.R8",
    title=_("Business case documented for every employer"),
    says=_(
        "Write down each employer's business case — what it gains, what it costs and when it pays — before "
        "asking for co-finance."
    ),
    source="G4 (business case); G4 challenge 2; G11 rec; G B8",
    can_fail=False,
    reads=(
        "partnerships.Partnership.cost_benefit_analyses",
        "partnerships.Partnership.participations",
        "costs.CostBenefitAnalysis.kind",
        "costs.CostBenefitAnalysis.participation",
        "stakeholders.Organisation.category",
        "stakeholders.Organisation.name",
        "stakeholders.Participation.business_case",
        "stakeholders.Participation.organisation",
    ),
)
def e2_r8(p, ctx) -> Outcome:
    employers = [part for part in ctx.participations if part.organisation.category in ("employer", "employer_org")]
    if not employers:
        return Outcome.na(_("No employer takes part (E2.R3 reports it)."))
    with_roi = {
        cba.participation_id
        for cba in loaded(p, "cost_benefit_analyses")
        if cba.kind == "employer_roi" and cba.participation_id
    }
    missing = [part for part in employers if not filled(part.business_case) and part.id not in with_roi]
    if missing:
        return Outcome.warn(
            msg(_("No business case for %(o)s."), {"o": join(org_name(part) for part in missing)}),
            without_business_case=[part.id for part in missing],
        )
    return Outcome.passed(msg(_("All %(n)d employers have a documented business case."), {"n": len(employers)}))


@rule(
    "E2.R9",
    title=_("Subnational authorities and political champions"),
    says=_(
        "Involve the regions or municipalities concerned, name a senior champion in each government, and "
        "sequence actors that need security clearance."
    ),
    source="G4 recs (regional authorities; champions; security clearance); G6; BP §1, §4",
    can_fail=False,
    reads=(
        "partnerships.Partnership.participations",
        "partnerships.Partnership.security_clearance_obtained_on",
        "partnerships.Partnership.security_clearance_required",
        "stakeholders.Organisation.category",
        "stakeholders.Organisation.level",
        "stakeholders.Participation.is_champion",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.side",
    ),
)
def e2_r9(p, ctx) -> Outcome:
    local = [
        part
        for part in ctx.participations_by_group.get("government", [])
        if part.organisation.level in SUBNATIONAL_LEVELS
    ]
    champions = {side: [g for g in ctx.government_by_side[side] if g.is_champion is True] for side in SIDES}
    problems = []
    if not local:
        problems.append(_("no regional or local authority takes part"))
    no_champion = [side for side in SIDES if not champions[side]]
    if no_champion:
        problems.append(msg(_("no government champion on the %(s)s side"), {"s": side_names(no_champion)}))
    if p.security_clearance_required is None:
        problems.append(_("whether security clearance is needed is not recorded"))
    elif p.security_clearance_required and not p.security_clearance_obtained_on:
        problems.append(_("security clearance is required but not obtained"))
    evidence = {
        "subnational_authorities": [part.id for part in local],
        "champions": {side: [g.id for g in champions[side]] for side in SIDES},
    }
    if problems:
        return Outcome.warn(msg(_("Political backing: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(
        _("Subnational authorities involved, champions on both sides, clearance settled."), **evidence
    )


@rule(
    "E2.R10",
    title=_("Capacity gaps covered by an intermediary or by capacity-building"),
    says=_(
        "Where institutions lack capacity or a needed partner is missing, bring in an intermediary organisation "
        "or fund capacity-building first."
    ),
    source="G4 challenges 4 and 6; G4 rec (intermediary organisations)",
    can_fail=False,
    reads=(
        "partnerships.Partnership.capacity_activities",
        "partnerships.Partnership.participations",
        "partnerships.Partnership.partner_gaps",
        "stakeholders.CapacityActivity.partner_gap",
        "stakeholders.CapacityActivity.target_participation",
        "stakeholders.Organisation.name",
        "stakeholders.Participation.capacity_level",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.roles",
        "stakeholders.PartnerGap.resolved",
        "stakeholders.PartnerGap.service",
    ),
)
def e2_r10(p, ctx) -> Outcome:
    low = [part for part in ctx.participations if part.capacity_level == "low"]
    gaps = [gap for gap in loaded(p, "partner_gaps") if not gap.resolved]
    if not low and not gaps:
        return Outcome.na(_("No low-capacity institution and no open partner gap."))
    intermediaries = ctx.participations_with_role("intermediary")
    if intermediaries:
        return Outcome.passed(
            msg(
                _("An intermediary (%(o)s) covers the capacity gaps."), {"o": join(org_name(x) for x in intermediaries)}
            ),
            intermediaries=[x.id for x in intermediaries],
        )
    covered_gaps = {a.partner_gap_id for a in ctx.capacity_activities if a.partner_gap_id}
    open_gaps = [gap for gap in gaps if gap.id not in covered_gaps]
    uncovered_low = [part for part in low if not ctx.activities_by_participation.get(part.id)]
    if open_gaps or uncovered_low:
        names = [gap.service for gap in open_gaps] + [org_name(part) for part in uncovered_low]
        return Outcome.warn(
            msg(_("No intermediary, and no capacity activity for: %(n)s."), {"n": join(names)}),
            uncovered_gaps=[gap.id for gap in open_gaps],
            uncovered_low_capacity=[part.id for part in uncovered_low],
        )
    return Outcome.passed(_("Every capacity gap has a capacity-building activity."))


@rule(
    "E2.R11",
    title=_("Diaspora mapped before being given roles"),
    says=_(
        "Map diaspora groups — skills, interests, capacity, possible gatekeeping — and define their roles "
        "during design."
    ),
    source="G4 rec (know the diaspora); G B26; G9 rec",
    can_fail=False,
    reads=(
        "partnerships.Partnership.diaspora_engagement_planned",
        "partnerships.Partnership.diaspora_mapping_done_on",
        "partnerships.Partnership.participations",
        "stakeholders.Organisation.category",
        "stakeholders.Organisation.name",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.roles",
    ),
)
def e2_r11(p, ctx) -> Outcome:
    diaspora = [part for part in ctx.participations if part.organisation.category == "diaspora_org"]
    if not diaspora and p.diaspora_engagement_planned is False:
        return Outcome.na(_("No diaspora organisation takes part and none is planned."))
    mapped_on = p.diaspora_mapping_done_on
    without_role = [part for part in diaspora if not part.roles]
    problems = []
    if not mapped_on:
        problems.append(_("no diaspora mapping recorded"))
    if without_role:
        problems.append(msg(_("no role for %(o)s"), {"o": join(org_name(x) for x in without_role)}))
    if problems:
        return Outcome.warn(msg(_("Diaspora: %(p)s."), {"p": semicolons(problems)}), diaspora=[x.id for x in diaspora])
    return Outcome.passed(msg(_("Diaspora mapped on %(d)s; every diaspora participant has a role."), {"d": mapped_on}))
