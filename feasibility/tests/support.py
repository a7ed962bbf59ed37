"""Helpers for the rule tests: build a partnership with the factories, load it as the engine does, run one rule.

``check(rule_id="E6.R3", partnership=c.p, stage="design")`` is the one way a test runs a single rule: it loads
the partnership with ``partnerships.selectors.partnership_get_for_check`` (once), builds the ``RuleContext``, runs
the rule through the engine's ``run_rule`` (so ⏳ leniency and §3.4's per-outcome leniency apply exactly as in a
real run) and asserts that the rule raised nothing and issued **no query**: rules read only the preloaded
partnership and context. It returns the engine's ``FindingResult`` (``status``, ``message``, ``evidence``,
``draft_lenient_applied``).

``verdict(partnership, stage=...)`` runs every registered rule and returns the engine's evaluation, whose
``recruitment`` carries the §3.4 verdict and red flags.

The E5–E8 and R tests build their partnerships with ``feasibility.tests.rule_helpers``; the E1–E4 tests with
the builders below.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext

from feasibility.context import RuleContext, build_context
from feasibility.engine import FindingResult, evaluate, run_rule
from feasibility.registry import REGISTRY, Status
from partnerships.selectors import partnership_get_for_check
from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory

PASS, WARN, FAIL, NA = Status.PASS, Status.WARN, Status.FAIL, Status.NA

#: The run date every rule test uses (licence expiry, monitoring age … are relative to it).
TODAY = dt.date(2026, 11, 2)


def load(partnership):
    """The partnership as the engine sees it (everything prefetched by ``partnership_get_for_check``)."""
    return partnership_get_for_check(partnership_id=partnership.pk)


def context(p, *, stage: str | None = None, today: dt.date = TODAY, who_ssl=None, **cfg) -> RuleContext:
    """The engine's ``RuleContext`` for loaded ``p`` at ``stage`` (default: the partnership's own), with
    thresholds overridable by keyword (``**{"E8.R3.max_payer_share_pct": 70}``) and, for R.14, an explicit
    WHO Safeguards List."""
    ctx = build_context(p, today=today)
    changes = {"cfg": {**ctx.cfg, **cfg}}
    if stage is not None:
        changes["stage"] = stage
    if who_ssl is not None:
        changes.update(who_ssl=frozenset(who_ssl), who_ssl_edition=2023)
    return dataclasses.replace(ctx, **changes)


def check(*, rule_id: str, partnership, stage: str | None = None, today: dt.date = TODAY, **options) -> FindingResult:
    """Run rule ``rule_id`` on ``partnership`` and return its finding, after leniency.

    The partnership is loaded once, before the rule runs; the rule itself must raise nothing and issue no
    query (it reads only the preloaded partnership and context). ``stage`` overrides the partnership's stage,
    ``today`` the run date; other keywords go to :func:`context` (``who_ssl``, rule thresholds).
    """
    p = load(partnership)
    ctx = context(p, stage=stage, today=today, **options)
    spec = REGISTRY[rule_id]
    with CaptureQueriesContext(connection) as queries:
        finding = run_rule(spec, p, ctx)
    assert not finding.error, finding.error
    assert not queries.captured_queries, f"{rule_id} queried: {[q['sql'] for q in queries.captured_queries]}"
    return finding


def verdict(partnership, *, stage: str | None = None, **options):
    """Evaluate every registered rule; ``.recruitment`` holds the §3.4 verdict and red flags."""
    p = load(partnership)
    return evaluate(p, context(p, stage=stage, **options))


#
# Builders of the E1–E4 tests (factories only; no demo data)
#


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
