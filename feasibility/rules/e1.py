"""E1 — Long- and mid-term planning (SMP-DOMAIN §2.1, G3): rules E1.R1–E1.R10."""

from __future__ import annotations

from codelists.partnerships import PUBLIC_OR_DONOR_FUNDING, Stage
from feasibility.context import IMPLEMENTING_ROLES, loaded
from feasibility.registry import Outcome, msg, register_defaults, rule, semicolons
from feasibility.registry import rule_text as _
from feasibility.rules._common import filled, join, label, occupation_label, org_name, sector_name, shown_list

register_defaults(
    {
        "E1.R3.min_horizon_years": 3,  # forward-looking evidence looks at least this far ahead (§2.1)
        "E1.R7.min_provisions": 2,
        "E1.R8.project_cycle_months": 36,  # "a normal project cycle is 3 years" (G4, G B4)
    }
)

FORESIGHT_SOURCES = frozenset({"forecast_model", "delphi", "foresight_qualitative", "big_data"})


@rule(
    "E1.R1",
    title=_("At least one mid- or long-term objective"),
    says=_("Agree with every partner on at least one goal the partnership must reach in the mid or long term."),
    source="G3 rec 1; G13",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.objectives",
        "partnerships.Objective.horizon",
    ),
)
def e1_r1(p, ctx) -> Outcome:
    objectives = ctx.objectives
    if not objectives:
        return Outcome.fail(_("No objective is recorded."), objectives=0)
    lasting = [o for o in objectives if o.horizon in ("mid", "long")]
    if lasting:
        return Outcome.passed(
            msg(
                _("%(n)d of %(total)d objectives look mid or long term."), {"n": len(lasting), "total": len(objectives)}
            ),
            objectives=[o.id for o in lasting],
        )
    return Outcome.warn(
        msg(_("All %(total)d objectives are short term (or have no horizon)."), {"total": len(objectives)}),
        horizons=sorted({o.horizon or "" for o in objectives}),
    )


@rule(
    "E1.R2",
    title=_("Objectives checked for mutual compatibility"),
    says=_(
        "Map the objectives against each other in a feasibility analysis, and resolve or accept every tension "
        "before the agreement is signed."
    ),
    source="G3 rec 2; G4 rec; G B5",
    reads=(
        "partnerships.Partnership.objective_coherence_reviewed_on",
        "partnerships.Partnership.objective_tensions",
        "partnerships.Partnership.objectives",
        "partnerships.Partnership.stage",
        "partnerships.ObjectiveTension.status",
    ),
)
def e1_r2(p, ctx) -> Outcome:
    objectives = ctx.objectives
    if len(objectives) < 2:
        return Outcome.na(_("Fewer than two objectives: nothing to reconcile."), objectives=len(objectives))
    open_tensions = [t for t in loaded(p, "objective_tensions") if t.status == "open"]
    reviewed_on = p.objective_coherence_reviewed_on
    if open_tensions and ctx.stage_reached("agreement"):
        return Outcome.fail(
            msg(
                _("Tensions between objectives still open at stage %(stage)s: %(n)d."),
                {"n": len(open_tensions), "stage": label(Stage, ctx.stage)},
            ),
            open_tensions=[t.id for t in open_tensions],
        )
    if reviewed_on and not open_tensions:
        return Outcome.passed(
            msg(_("Objectives reviewed for coherence on %(date)s; no open tension."), {"date": reviewed_on}),
            reviewed_on=reviewed_on,
        )
    if not reviewed_on:
        return Outcome.warn(
            msg(_("%(n)d objectives but no coherence review is recorded."), {"n": len(objectives)}),
            objectives=len(objectives),
            open_tensions=[t.id for t in open_tensions],
        )
    return Outcome.warn(
        msg(_("Tensions between objectives still open: %(n)d."), {"n": len(open_tensions)}),
        open_tensions=[t.id for t in open_tensions],
    )


@rule(
    "E1.R3",
    title=_("Forecasting or skills-anticipation evidence per sector"),
    says=_("Find, or plan to build, forecasting tools that show where demand for these skills is heading."),
    source="G3 rec 3; G3 (MATCH); G B13; WS ¶5 Q3",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.capacity_activities",
        "partnerships.Partnership.labour_market_evidence",
        "partnerships.Partnership.sectors",
        "skills.LabourMarketEvidence.horizon_years",
        "skills.LabourMarketEvidence.sector",
        "skills.LabourMarketEvidence.source_type",
        "stakeholders.CapacityActivity.topic",
    ),
)
def e1_r3(p, ctx) -> Outcome:
    min_horizon = ctx.cfg["E1.R3.min_horizon_years"]
    forward = {
        ev.sector_id
        for ev in ctx.evidence
        if ev.source_type in FORESIGHT_SOURCES and (ev.horizon_years or 0) >= min_horizon and ev.sector_id
    }
    sectors = ctx.sectors
    covered = [s for s in sectors if s.pk in forward]
    missing = [s for s in sectors if s.pk not in forward]
    planned = [a for a in ctx.capacity_activities if a.topic == "skills_anticipation"]
    evidence = {
        "sectors_with_forecast": [s.pk for s in covered],
        "sectors_without": [s.pk for s in missing],
        "anticipation_activities": [a.id for a in planned],
    }
    if sectors and not missing:
        return Outcome.passed(
            msg(_("Every sector has forward-looking evidence: %(s)s."), {"s": join(map(sector_name, covered))}),
            **evidence,
        )
    if not sectors:
        text = _("No sector is recorded, so no sector has forward-looking evidence")
    else:
        text = msg(
            _("No forward-looking evidence (horizon ≥ %(h)d years) for: %(s)s"),
            {
                "h": min_horizon,
                "s": join(map(sector_name, missing)),
            },
        )
    if covered or planned:
        if planned:
            return Outcome.warn(msg(_("%(t)s; a skills-anticipation activity is planned."), {"t": text}), **evidence)
        return Outcome.warn(msg(_("%(t)s."), {"t": text}), **evidence)
    return Outcome.fail(msg(_("%(t)s, and no skills-anticipation activity is planned."), {"t": text}), **evidence)


@rule(
    "E1.R4",
    title=_("Future-of-work impact assessed per occupation"),
    says=_(
        "Assess how automation and digitalisation will change demand and skill levels for each target "
        "occupation, and plan retraining where exposure is high."
    ),
    source="G3 rec (digitalisation and automation); G B2",
    can_fail=False,
    reads=(
        "partnerships.Partnership.flexibility_provisions",
        "partnerships.Partnership.target_occupations",
        "skills.TargetOccupation.automation_impact",
        "skills.TargetOccupation.occupation",
    ),
)
def e1_r4(p, ctx) -> Outcome:
    occupations = ctx.target_occupations
    if not occupations:
        return Outcome.warn(_("No target occupation is recorded, so no impact can be assessed."), occupations=0)
    unknown = [o for o in occupations if o.automation_impact in ("", "unknown", None)]
    high = [o for o in occupations if o.automation_impact == "high"]
    provisions = set(p.flexibility_provisions or [])
    retraining_ready = bool(provisions & {"change_training", "change_sector"})
    problems = []
    if unknown:
        problems.append(
            msg(_("automation impact unknown for %(o)s"), {"o": join(occupation_label(o) for o in unknown)})
        )
    if high and not retraining_ready:
        problems.append(
            msg(
                _("high exposure for %(o)s but no provision to change training or sector"),
                {"o": join(occupation_label(o) for o in high)},
            )
        )
    evidence = {
        "unknown": [o.occupation_id for o in unknown],
        "high": [o.occupation_id for o in high],
        "flexibility_provisions": sorted(provisions),
    }
    if problems:
        return Outcome.warn(msg(_("Future-of-work check: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(
        msg(_("Automation impact assessed for all %(n)d target occupations."), {"n": len(occupations)}), **evidence
    )


@rule(
    "E1.R5",
    title=_("Climate and green-transition effects considered"),
    says=_("Record how climate change and the green transition will affect jobs and skills in the chosen sectors."),
    source="G3 (Deloitte estimate), G3 rec (climatic changes); G B10",
    can_fail=False,
    reads=(
        "partnerships.Partnership.climate_assessment",
        "partnerships.Partnership.sectors",
        "skills.Sector.climate_exposed",
    ),
)
def e1_r5(p, ctx) -> Outcome:
    if filled(p.climate_assessment):
        return Outcome.passed(_("A climate and green-transition assessment is recorded."))
    exposed = [s for s in ctx.sectors if s.climate_exposed]
    if exposed:
        return Outcome.warn(
            msg(
                _("No climate assessment, although %(s)s is exposed to climate change."),
                {"s": join(map(sector_name, exposed))},
            ),
            climate_exposed_sectors=[s.pk for s in exposed],
        )
    return Outcome.warn(_("No climate or green-transition assessment is recorded."))


@rule(
    "E1.R6",
    title=_("Objectives linked to SDG targets and Global Compact objectives"),
    says=_(
        "Link every objective to the SDG targets or Global Compact objectives it serves, and carry those links "
        "into the M&E indicators."
    ),
    source="G3 (SDG list; explicit links; M&E); C6 r3",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.indicators",
        "partnerships.Partnership.objectives",
        "partnerships.Indicator.gcm_objective",
        "partnerships.Indicator.sdg_target",
        "partnerships.Objective.gcm_objectives",
        "partnerships.Objective.sdg_targets",
    ),
)
def e1_r6(p, ctx) -> Outcome:
    objectives = ctx.objectives
    linked_sdg: set = set()
    linked_gcm: set = set()
    unlinked = []
    for objective in objectives:
        sdgs = {t.pk for t in loaded(objective, "sdg_targets")}
        gcms = {g.pk for g in loaded(objective, "gcm_objectives")}
        linked_sdg |= sdgs
        linked_gcm |= gcms
        if not sdgs and not gcms:
            unlinked.append(objective)
    carried = [
        i
        for i in ctx.indicators
        if (i.sdg_target_id and i.sdg_target_id in linked_sdg)
        or (i.gcm_objective_id and i.gcm_objective_id in linked_gcm)
    ]
    evidence = {
        "unlinked_objectives": [o.id for o in unlinked],
        "sdg_targets": sorted(map(str, linked_sdg)),
        "gcm_objectives": sorted(map(str, linked_gcm)),
        "indicators_using_links": [i.id for i in carried],
    }
    if not objectives:
        return Outcome.fail(_("No objective is recorded, so nothing is linked to the SDGs or the Global Compact."))
    if len(unlinked) == len(objectives):
        return Outcome.fail(
            msg(_("None of the %(n)d objectives is linked to an SDG target or GCM objective."), {"n": len(objectives)}),
            **evidence,
        )
    if unlinked:
        return Outcome.warn(
            msg(
                _("%(n)d of %(total)d objectives have no SDG or GCM link."),
                {"n": len(unlinked), "total": len(objectives)},
            ),
            **evidence,
        )
    if not carried:
        return Outcome.warn(
            _("Objectives are linked, but no indicator measures a linked target or objective."), **evidence
        )
    return Outcome.passed(
        msg(_("Every objective is linked and %(n)d indicator(s) measure the linked targets."), {"n": len(carried)}),
        **evidence,
    )


@rule(
    "E1.R7",
    title=_("Flexibility provisions and budget contingency"),
    says=_(
        "Write in how partners may redirect funds or change sectors, training or mobility options when the "
        "economy shifts, and keep a budget cushion."
    ),
    source="G3 rec (flexibility provisions); G9 rec; G2 typology; C6 r2",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.contingency_budget_pct",
        "partnerships.Partnership.flexibility_provisions",
    ),
)
def e1_r7(p, ctx) -> Outcome:
    provisions = sorted(set(p.flexibility_provisions or []))
    contingency = p.contingency_budget_pct
    evidence = {"flexibility_provisions": provisions, "contingency_budget_pct": contingency}
    if not provisions:
        return Outcome.fail(_("No flexibility provision is recorded."), **evidence)
    if len(provisions) >= ctx.cfg["E1.R7.min_provisions"] and contingency is not None and contingency > 0:
        return Outcome.passed(
            msg(
                _("%(n)d flexibility provisions and a %(pct)s %% contingency."),
                {"n": len(provisions), "pct": contingency},
            ),
            **evidence,
        )
    problems = []
    if len(provisions) < ctx.cfg["E1.R7.min_provisions"]:
        problems.append(
            msg(
                _("only one flexibility provision (%(p)s)"),
                {"p": join(shown_list(p, "flexibility_provisions", provisions))},
            )
        )
    if contingency is None:
        problems.append(_("no contingency budget recorded"))
    elif contingency <= 0:
        problems.append(_("contingency budget is 0 %"))
    return Outcome.warn(msg(_("Flexibility: %(p)s."), {"p": semicolons(problems)}), **evidence)


@rule(
    "E1.R8",
    title=_("Time frame longer than one project cycle"),
    says=_(
        "Plan beyond a three-year project cycle, or record how the scheme continues after it: trust and systems "
        "need lead-in time."
    ),
    source="G4 rec (sufficient time); G B4; G2 typology",
    can_fail=False,
    reads=(
        "partnerships.Partnership.donor_funded",
        "partnerships.Partnership.end_date",
        "partnerships.Partnership.funding_sources",
        "partnerships.Partnership.start_date",
        "partnerships.Partnership.sustainability_plan",
        "costs.SustainabilityPlan.follow_on",
    ),
)
def e1_r8(p, ctx) -> Outcome:
    sources = set(p.funding_sources or [])
    publicly_funded = bool(sources & PUBLIC_OR_DONOR_FUNDING) or p.donor_funded is True
    # Unknown funding is missing data, not "no public money": only a recorded private-only mix is N/A.
    if sources and not publicly_funded:
        return Outcome.na(_("Funded without public or donor money."), funding_sources=sorted(sources))
    months = ctx.duration_months
    cycle = ctx.cfg["E1.R8.project_cycle_months"]
    plan = ctx.sustainability_plan
    follow_on = filled(plan.follow_on) if plan is not None else False
    evidence = {"duration_months": months, "follow_on_plan": follow_on}
    if months is not None and months > cycle:
        return Outcome.passed(
            msg(_("Planned for %(m)d months, beyond a %(c)d-month cycle."), {"m": months, "c": cycle}), **evidence
        )
    if follow_on:
        return Outcome.passed(
            _("A follow-on plan records how the scheme continues after the project cycle."), **evidence
        )
    if months is None:
        return Outcome.warn(_("Start or end date missing, and no follow-on plan is recorded."), **evidence)
    return Outcome.warn(
        msg(_("Planned for %(m)d months (≤ %(c)d) with no follow-on plan."), {"m": months, "c": cycle}), **evidence
    )


@rule(
    "E1.R9",
    title=_("Capacity needs of partners mapped and addressed"),
    says=_(
        "Assess what each implementing institution can and cannot do yet, and budget capacity-building "
        "(preferably learning by doing) for the gaps."
    ),
    source="G3 rec 4; G4 challenges 4 and 6; G4 rec; BP intro",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.capacity_activities",
        "partnerships.Partnership.participations",
        "stakeholders.CapacityActivity.target_participation",
        "stakeholders.Organisation.name",
        "stakeholders.Participation.capacity_assessed",
        "stakeholders.Participation.capacity_level",
        "stakeholders.Participation.organisation",
        "stakeholders.Participation.roles",
    ),
)
def e1_r9(p, ctx) -> Outcome:
    implementing = [part for part in ctx.participations if IMPLEMENTING_ROLES & set(part.roles or [])]
    if not implementing:
        return Outcome.fail(_("No participation holds an implementing role, so no capacity was assessed."))
    assessed = [part for part in implementing if part.capacity_assessed is True]
    unassessed = [part for part in implementing if part.capacity_assessed is not True]
    low_without = [
        part
        for part in implementing
        if part.capacity_level == "low" and not ctx.activities_by_participation.get(part.id)
    ]
    evidence = {
        "implementing": [part.id for part in implementing],
        "unassessed": [part.id for part in unassessed],
        "low_without_activity": [part.id for part in low_without],
    }
    if not assessed:
        return Outcome.fail(
            msg(
                _("None of the %(n)d implementing institutions has had its capacity assessed."),
                {"n": len(implementing)},
            ),
            **evidence,
        )
    problems = []
    if unassessed:
        problems.append(msg(_("capacity not assessed for %(o)s"), {"o": join(org_name(x) for x in unassessed)}))
    if low_without:
        problems.append(
            msg(_("low capacity without a capacity activity: %(o)s"), {"o": join(org_name(x) for x in low_without)})
        )
    if problems:
        return Outcome.warn(msg(_("Capacity: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(
        msg(
            _("All %(n)d implementing institutions assessed; every low-capacity one has support."),
            {"n": len(implementing)},
        ),
        **evidence,
    )


@rule(
    "E1.R10",
    title=_("No training before a legal pathway exists"),
    says=_("Map the legal routes first: do not fund training for occupations trainees cannot legally take abroad."),
    source="G3 last rec; G10; G10 rec 1",
    draft_lenient=True,
    reads=(
        "partnerships.Partnership.countries",
        "partnerships.Partnership.pathways",
        "partnerships.Partnership.target_occupations",
        "partnerships.Partnership.training_programmes",
        "partnerships.PartnershipCountry.side",
        "partnerships.Pathway.destination_country",
        "partnerships.Pathway.legal_basis",
        "partnerships.Pathway.occupations",
        "partnerships.Pathway.status",
        "skills.TargetOccupation.destinations",
        "skills.TargetOccupation.occupation",
        "skills.TrainingProgramme.name",
        "skills.TrainingProgramme.occupations",
        "skills.TrainingProgramme.track",
    ),
)
def e1_r10(p, ctx) -> Outcome:
    programmes = [tp for tp in ctx.training_programmes if tp.track in ("migration", "dual")]
    if not programmes:
        return Outcome.na(_("No training programme prepares people to migrate."))
    destination_ids = {pc.id for pc in ctx.destination_countries}
    trained = {}
    empty_programmes = []
    for programme in programmes:
        occupations = [ctx.target_occupation_by_id.get(t.id, t) for t in loaded(programme, "occupations")]
        if not occupations:
            empty_programmes.append(programme)
        for target in occupations:
            trained[target.id] = target
    # occupation code → [(pathway, destination id)]
    routes: dict[str, list] = {}
    for pathway in ctx.pathways:
        for occupation in loaded(pathway, "occupations"):
            routes.setdefault(occupation.pk, []).append(pathway)
    without, unsettled, settled = [], [], []
    for target in trained.values():
        wanted = {pc.id for pc in loaded(target, "destinations")} or destination_ids
        candidates = [pw for pw in routes.get(target.occupation_id, []) if pw.destination_country_id in wanted]
        good = [
            pw for pw in candidates if pw.status == "existing" or (pw.status == "planned" and filled(pw.legal_basis))
        ]
        if good:
            settled.append(target)
        elif candidates:
            unsettled.append(target)
        else:
            without.append(target)
    evidence = {
        "without_pathway": [t.occupation_id for t in without],
        "planned_without_legal_basis": [t.occupation_id for t in unsettled],
        "programmes_without_occupations": [tp.id for tp in empty_programmes],
    }
    if without:
        return Outcome.fail(
            msg(
                _("Training for migration in %(o)s has no legal pathway to its destination."),
                {"o": join(occupation_label(t) for t in without)},
            ),
            **evidence,
        )
    problems = []
    if unsettled:
        problems.append(
            msg(
                _("only a planned pathway without legal basis for %(o)s"),
                {"o": join(occupation_label(t) for t in unsettled)},
            )
        )
    if empty_programmes:
        problems.append(msg(_("no occupation recorded for %(t)s"), {"t": join(tp.name for tp in empty_programmes)}))
    if problems:
        return Outcome.warn(msg(_("Pathways for trained occupations: %(p)s."), {"p": semicolons(problems)}), **evidence)
    return Outcome.passed(
        msg(
            _("Every occupation trained for migration (%(n)d) has an existing or legally grounded pathway."),
            {"n": len(settled)},
        ),
        **evidence,
    )
