"""One row of every partnership-scoped resource, and a valid payload to create another, for the API tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from codelists import partnerships as pc
from costs.tests.factories import CostItemFactory
from feasibility.models import FeasibilityRun, RunStatus
from partnerships.tests import factories as pf
from recruitment.tests.factories import RecruiterFactory, RecruitmentArrangementFactory
from skills.tests import factories as sf
from stakeholders.tests.factories import GovernanceBodyFactory, OrganisationFactory


@dataclass
class Resource:
    """A collection under /api/v1/, a row of it in the partnership, and a payload that creates one more."""

    path: str
    obj: Any
    payload: dict

    @property
    def collection(self) -> str:
        return f"/api/v1/{self.path}/"

    @property
    def detail(self) -> str:
        return f"/api/v1/{self.path}/{self.obj.pk}/"

    @property
    def model(self):
        return type(self.obj)


def build_resources(partnership) -> list[Resource]:
    """A row of each resource in ``partnership`` (which has DE destination and XK origin rows)."""
    de = partnership.countries.get(country="DE")
    xk = partnership.countries.get(country="XK")
    p = partnership.pk
    occupation = sf.OccupationFactory(code="7112")
    sf.OccupationFactory(code="7115")
    new_org = OrganisationFactory(name="Vocational school", country="XK")
    return [
        Resource("partnership-countries", de, {"partnership": p, "country": "AL", "side": "origin"}),
        Resource(
            "objectives",
            pf.ObjectiveFactory(partnership=partnership),
            {"partnership": p, "kind": "skilled_workforce", "horizon": "mid"},
        ),
        Resource(
            "pathways",
            pf.PathwayFactory(partnership=partnership, destination_country=de),
            {
                "partnership": p,
                "name": "Skilled worker visa",
                "permit_kind": "work_permit",
                "destination_country": de.pk,
                "origin_countries": [xk.pk],
                "status": "existing",
            },
        ),
        Resource(
            "continuum-provisions",
            pf.ContinuumProvisionFactory(partnership=partnership),
            {"partnership": p, "phase": "pre_decision", "topic": "outreach", "status": "planned"},
        ),
        Resource(
            "social-protection-covers",
            pf.SocialProtectionCoverFactory(partnership=partnership, destination=de),
            {
                "partnership": p,
                "destination": de.pk,
                "branch": "employment_injury",
                "coverage": "equal_treatment",
                "basis": "national_law",
            },
        ),
        Resource(
            "grievance-channels",
            pf.GrievanceChannelFactory(partnership=partnership),
            {"partnership": p, "side": "origin", "kind": "labour_inspectorate", "covers": ["wages"]},
        ),
        Resource(
            "indicators",
            pf.IndicatorFactory(partnership=partnership),
            {
                "partnership": p,
                "name": "Migrants placed",
                "impact_category": pc.ImpactCategory.ECONOMY,
                "measure_type": "quantitative",
                "level": "output",
                "direction": "increase",
                "baseline_value": "0",
                "target_value": "50",
            },
        ),
        Resource(
            "participations",
            partnership.participations.order_by("id").first(),
            {"partnership": p, "organisation": new_org.pk, "side": "origin", "roles": ["training_provider"]},
        ),
        Resource(
            "governance-bodies",
            GovernanceBodyFactory(partnership=partnership),
            {"partnership": p, "name": "Technical working group", "kind": "working_group"},
        ),
        Resource(
            "target-occupations",
            sf.TargetOccupationFactory(partnership=partnership, occupation=occupation),
            {"partnership": p, "occupation": "7115", "places_per_year": 10},
        ),
        Resource(
            "labour-market-evidence",
            sf.LabourMarketEvidenceFactory(partnership=partnership),
            {"partnership": p, "title": "Employer survey 2026", "source_type": "employer_survey"},
        ),
        Resource(
            "training-programmes",
            sf.TrainingProgrammeFactory(partnership=partnership),
            {
                "partnership": p,
                "name": "Bricklaying",
                "location": "origin",
                "mode": "origin_system_training",
                "stage": "pre_departure",
                "audience": "candidates",
            },
        ),
        Resource(
            "recognition-arrangements",
            sf.RecognitionArrangementFactory(partnership=partnership),
            {
                "partnership": p,
                "name": "Bilateral recognition",
                "kind": "mutual_recognition",
                "scope": "vertical",
                "recognition_type": "professional",
            },
        ),
        Resource(
            "cost-items",
            CostItemFactory(partnership=partnership),
            {
                "partnership": p,
                "category": "training",
                "subitem": "training_delivery",
                "amount": "1200.00",
                "currency": "EUR",
            },
        ),
        Resource(
            "recruiters",
            RecruiterFactory(partnership=partnership),
            {"partnership": p, "organisation": new_org.pk, "licence_country": "XK", "licence_number": "K-1"},
        ),
        Resource(
            "recruitment-arrangements",
            RecruitmentArrangementFactory(partnership=partnership, origin=xk, destination=de),
            {"partnership": p, "origin": xk.pk, "destination": de.pk, "channel": "public_employment_service"},
        ),
    ]


def make_run(partnership, **fields) -> FeasibilityRun:
    """A finished run with element scores, as the engine stores them."""
    defaults = {
        "status": RunStatus.SUCCEEDED,
        "element_results": {
            f"E{n}": {"name": f"E{n}", "status": "pass", "score": 50.0 + n * 5, "counts": {}} for n in range(1, 9)
        },
        "overall_score": 70,
        "recruitment_verdict": "pass",
        "red_flags": [],
        "ruleset_version": "test",
    }
    defaults.update(fields)
    return FeasibilityRun.objects.create(partnership=partnership, **defaults)


def build_domain_rows(partnership) -> dict[str, int]:
    """Router basename → id of a row of each stakeholders, skills and costs resource that ``build_resources``
    leaves out (its permission matrix creates a second row of each, and a sustainability plan is one per
    partnership)."""
    from costs.tests.factories import CostBenefitAnalysisFactory, SustainabilityPlanFactory
    from stakeholders.tests.factories import CapacityActivityFactory, PartnerGapFactory

    participation = partnership.participations.order_by("id").first()
    target = sf.TargetOccupationFactory(partnership=partnership, occupation=sf.OccupationFactory(code="7114"))
    rows = {
        "partner-gap": PartnerGapFactory(partnership=partnership),
        "capacity-activity": CapacityActivityFactory(target_participation=participation),
        "occupation-profile": sf.OccupationProfileFactory(
            target_occupation=target, country=partnership.countries.get(country="DE")
        ),
        "skills-documentation-tool": sf.SkillsDocumentationToolFactory(partnership=partnership),
        "data-need": sf.DataNeedFactory(partnership=partnership),
        "evidence-review": sf.EvidenceReviewFactory(partnership=partnership),
        "data-sharing-arrangement": sf.DataSharingArrangementFactory(partnership=partnership),
        "cost-benefit-analysis": CostBenefitAnalysisFactory(partnership=partnership),
        "sustainability-plan": SustainabilityPlanFactory(partnership=partnership),
    }
    return {basename: row.pk for basename, row in rows.items()}


#
# Monitoring of a running partnership (reporting periods, indicator values, actual spending)
#


def running(partnership, stage: str = "implementation") -> None:
    """Put ``partnership`` in a stage where results are recorded (``partnerships.services.MONITORING_STAGES``)."""
    type(partnership).objects.filter(pk=partnership.pk).update(stage=stage)
    partnership.stage = stage


def make_period(partnership, starts_on: str = "2026-01-01", ends_on: str = "2026-06-30", name: str = ""):
    """A reporting period stored directly (the services refuse one outside the running stages)."""
    import datetime as dt

    from partnerships.models import ReportingPeriod

    start, end = dt.date.fromisoformat(starts_on), dt.date.fromisoformat(ends_on)
    return ReportingPeriod.objects.create(
        partnership=partnership, name=name or f"{start:%Y} from {start:%B}", starts_on=start, ends_on=end
    )


def make_spending(item, period, *, year: int = 2026, payer: str = "employer", amount: str = "1000.00", **fields):
    """An actual-spending record stored directly, with the item's ``actual_amount`` kept as the services keep it."""
    from decimal import Decimal

    from costs.models import ActualSpending
    from costs.services import cost_item_actuals_sync

    record = ActualSpending.objects.create(
        item=item, period=period, year=year, payer=payer, amount=Decimal(amount), **fields
    )
    cost_item_actuals_sync(item_ids={item.pk})
    return record
