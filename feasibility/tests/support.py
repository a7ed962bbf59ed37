"""Helpers for the rule tests: build a partnership with the factories, load it as the engine does, run one rule.

``check(p, "E1.R1")`` loads ``p`` with ``partnership_get_full`` and returns the rule's finding after the
engine's leniency (so a ⏳ FAIL before ``agreement`` comes back as WARN with ``draft_lenient_applied``).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from feasibility.context import build_context
from feasibility.engine import FindingResult, run_rule
from feasibility.registry import REGISTRY, Status
from partnerships.selectors import partnership_get_full
from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory

PASS, WARN, FAIL, NA = Status.PASS, Status.WARN, Status.FAIL, Status.NA
TODAY = dt.date(2026, 11, 2)


def corridor(*, stage: str = "design", **partnership_fields) -> SimpleNamespace:
    """A Germany (destination) – Kosovo (origin) partnership at ``stage``: ``.p``, ``.origin``, ``.destination``."""
    p = PartnershipFactory(stage=stage, **partnership_fields)
    destination = PartnershipCountryFactory(partnership=p, country="DE", side="destination")
    origin = PartnershipCountryFactory(partnership=p, country="XK", side="origin")
    return SimpleNamespace(p=p, origin=origin, destination=destination)


def join(p, *, side: str = "destination", category: str = "government_ministry", roles=None, org=None, **fields):
    """Add a participation of a new organisation of ``category`` on ``side`` (country follows the side)."""
    if org is None:
        org_fields = {key[4:]: fields.pop(key) for key in list(fields) if key.startswith("org_")}
        org_fields.setdefault("country", "DE" if side == "destination" else "XK")
        if category == "subnational_authority":
            org_fields.setdefault("level", "regional")
        org = OrganisationFactory(category=category, **org_fields)
    return ParticipationFactory(partnership=p, organisation=org, side=side, roles=roles or ["implementer"], **fields)


def check(p, rule_id: str, *, today: dt.date = TODAY) -> FindingResult:
    """Load ``p`` like the engine does and run one rule on it (leniency applied)."""
    loaded = partnership_get_full(partnership_id=p.pk)
    ctx = build_context(loaded, today=today)
    return run_rule(REGISTRY[rule_id], loaded, ctx)


def at_stage(p, stage: str):
    """Move ``p`` to ``stage`` directly (tests only: the service ``partnership_stage_set`` is for users)."""
    type(p).objects.filter(pk=p.pk).update(stage=stage)
    p.stage = stage
    return p


def populate(p, n: int, *, origin=None, destination=None):
    """Give ``p`` ``n`` rows of the big relations and at least one row of every other relation the loader reads.

    Used to show that loading and checking cost the same number of queries for a small and a large partnership.
    """
    from decimal import Decimal

    from costs.tests.factories import (
        CostBenefitAnalysisFactory,
        CostItemFactory,
        CostShareFactory,
        SustainabilityPlanFactory,
    )
    from partnerships.tests.factories import (
        BusinessLinkageFactory,
        ContinuumProvisionFactory,
        FeasibilityStudyFactory,
        GcmObjectiveFactory,
        GrievanceChannelFactory,
        IndicatorFactory,
        IndicatorValueFactory,
        LinkedInitiativeFactory,
        ObjectiveFactory,
        ObjectiveTensionFactory,
        PathwayFactory,
        PathwayStepFactory,
        SdgTargetFactory,
        SocialProtectionCoverFactory,
    )
    from recruitment.tests.factories import RecruiterFactory, RecruitmentArrangementFactory
    from skills.tests.factories import (
        DataNeedFactory,
        DataSharingArrangementFactory,
        EvidenceReviewFactory,
        LabourMarketEvidenceFactory,
        OccupationFactory,
        OccupationProfileFactory,
        RecognitionArrangementFactory,
        SectorFactory,
        SkillsDocumentationToolFactory,
        TargetOccupationFactory,
        TrainingProgrammeFactory,
    )
    from stakeholders.tests.factories import CapacityActivityFactory, GovernanceBodyFactory, PartnerGapFactory

    destination = destination or PartnershipCountryFactory(partnership=p, country="DE", side="destination")
    origin = origin or PartnershipCountryFactory(partnership=p, country="XK", side="origin")
    p.sectors.add(SectorFactory(code="construction"), SectorFactory(code="ict"))
    sdg, gcm = SdgTargetFactory(code="8.8"), GcmObjectiveFactory(number=18)
    participations, targets, recruiters, objectives = [], [], [], []
    for i in range(n):
        participations.append(join(p, side="origin" if i % 2 else "destination", capacity_level="low"))
        objective = ObjectiveFactory(partnership=p)
        objectives.append(objective)
        objective.sdg_targets.add(sdg)
        objective.gcm_objectives.add(gcm)
        indicator = IndicatorFactory(partnership=p, objective=objective, sdg_target=sdg, country=origin)
        IndicatorValueFactory(indicator=indicator)
        target = TargetOccupationFactory(partnership=p, occupation=OccupationFactory(code=f"{7100 + i}"))
        target.destinations.add(destination)
        target.certification_validated_by.add(participations[-1])
        OccupationProfileFactory(target_occupation=target, country=origin, labour_status="shortage")
        targets.append(target)
        item = CostItemFactory(partnership=p, amount=Decimal("1000.00"))
        CostShareFactory(item=item, payer="gov_destination", percent=Decimal("60.00"))
        CostShareFactory(item=item, payer="employer", percent=Decimal("40.00"))
        recruiters.append(RecruiterFactory(partnership=p))
    if n >= 2:
        ObjectiveTensionFactory(partnership=p, objective_a=objectives[0], objective_b=objectives[1])
    pathway = PathwayFactory(partnership=p, destination_country=destination, origin_countries=[origin])
    pathway.occupations.add(*[t.occupation for t in targets])
    PathwayStepFactory(pathway=pathway)
    ContinuumProvisionFactory(partnership=p)
    SocialProtectionCoverFactory(partnership=p, destination=destination)
    GrievanceChannelFactory(partnership=p, operator=participations[0].organisation)
    GovernanceBodyFactory(partnership=p, members=participations)
    CapacityActivityFactory(
        partnership=p, target_participation=participations[0], partner_gap=PartnerGapFactory(partnership=p)
    )
    programme = TrainingProgrammeFactory(partnership=p, provider=participations[0].organisation)
    programme.occupations.add(*targets)
    programme.codesigned_by.add(*participations)
    programme.certificate_recognised_in.add(destination)
    recognition = RecognitionArrangementFactory(partnership=p, competent_authority=participations[0].organisation)
    recognition.occupations.add(*targets)
    recognition.countries.add(origin, destination)
    recognition.responsible_orgs.add(participations[0].organisation)
    survey = LabourMarketEvidenceFactory(partnership=p, country=origin, producer=participations[0].organisation)
    survey.occupations.add(targets[0].occupation)
    DataNeedFactory(partnership=p)
    review = EvidenceReviewFactory(partnership=p)
    review.participants.add(*participations)
    sharing = DataSharingArrangementFactory(partnership=p)
    sharing.parties.add(*participations)
    SkillsDocumentationToolFactory(partnership=p)
    CostBenefitAnalysisFactory(partnership=p)
    LinkedInitiativeFactory(partnership=p, country=origin)
    BusinessLinkageFactory(partnership=p)
    FeasibilityStudyFactory(partnership=p)
    SustainabilityPlanFactory(partnership=p)
    corridor_row = RecruitmentArrangementFactory(
        partnership=p, origin=origin, destination=destination, recruiters=recruiters
    )
    corridor_row.target_occupations.add(*targets)
    return p
