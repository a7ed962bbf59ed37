#!/usr/bin/env python
"""Benchmark of the feasibility check as users meet it: one check through the API, and the nightly re-check.

    .venv/bin/python bench/feasibility.py [--partnerships 10000] [--workers 2] [--requests 50]

Needs PostgreSQL (``DATABASE_URL``) and a Redis broker (``CELERY_BROKER_URL``): a throwaway database
``<name>_bench_<pid>`` is created next to ``DATABASE_URL`` and dropped at the end, and a real Celery worker
(``celery -A smp worker --concurrency N``, prefork) is started on it, consuming a queue of its own
(``bench-feasibility-<pid>``) so that no other worker on the same broker takes the benchmark's tasks.

Seeds N partnerships of realistic size (≈ 155 rows each across the five domain apps, bulk inserts), then
measures three targets:

1. **One check through the API**: ``POST /api/v1/partnerships/{id}/feasibility-runs/`` (``{"force": true}``,
   token authentication, Django's WSGI handler through ``django.test.Client``) → the worker runs it → poll
   ``GET /api/v1/feasibility-runs/{id}/`` every 20 ms until it is ``succeeded``. Target: p95 ≤ 1 s.
2. **The nightly re-check** of every partnership: the body of the beat job ``feasibility.recheck_changed``
   (``feasibility_recheck_changed``, run here so that the tasks it sends go to the benchmark's queue) selects
   the partnerships and sends ``feasibility.check_batch`` tasks of ``BATCH_SIZE`` partnerships to the
   broker; timed until every partnership has its new succeeded run. Target for 10,000 partnerships and 2
   worker processes: ≤ 3 minutes end to end.
3. **Queries per partnership whatever its size**: the queries of one check (``feasibility_run_execute``)
   of a small partnership and of one three times larger (test factories, ``populate``), counted in this
   process. Target: the same count.

Prints figures, then as the last line one JSON object. The machine's speed varies from day to day and other
processes share its cores: compare figures taken side by side only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import create_schema, percentile, prepare_database  # noqa: E402

#
# Seeding
#

COUNTRY_PAIRS = [("NG", "LT"), ("MA", "DE"), ("TN", "BE"), ("XK", "DE"), ("PH", "NO"), ("EG", "IT"), ("SN", "ES")]
SECTORS = [
    ("construction", "Construction", False),
    ("ict", "ICT", False),
    ("health_care", "Health and care", False),
    ("tourism_hospitality", "Tourism and hospitality", False),
    ("agriculture_agrifood", "Agriculture and agri-food", True),
    ("transport_logistics", "Transport and logistics", True),
]
UNIT_GROUPS = [
    ("7112", "Bricklayers"),
    ("7115", "Carpenters"),
    ("7126", "Plumbers"),
    ("7411", "Building electricians"),
    ("2512", "Software developers"),
    ("2513", "Web developers"),
    ("3512", "ICT user support technicians"),
    ("2221", "Nursing professionals"),
    ("3221", "Nursing associate professionals"),
    ("5321", "Health care assistants"),
    ("5120", "Cooks"),
    ("5131", "Waiters"),
    ("4224", "Hotel receptionists"),
    ("9211", "Crop farm labourers"),
    ("6111", "Field crop growers"),
    ("8322", "Car and taxi drivers"),
]
ORG_PLAN = [  # (category, level, portfolio, side) — one of each per country
    ("government_ministry", "national", ["labour_employment", "migration_interior"]),
    ("government_ministry", "national", ["foreign_affairs_consular"]),
    ("government_ministry", "national", ["education_tvet_skills"]),
    ("public_employment_service", "national", ["labour_employment"]),
    ("subnational_authority", "regional", ["other"]),
    ("employer", "national", []),
    ("employer_org", "national", []),
    ("training_public", "local", []),
    ("training_private", "local", []),
    ("workers_org", "national", []),
    ("diaspora_org", "national", []),
    ("recruiter_private", "national", []),
]
EVIDENCE_TYPES = [
    "labour_force_survey",
    "administrative",
    "employer_survey",
    "big_data",
    "forecast_model",
    "expert_consultation",
]


def seed(n: int, *, rng: random.Random) -> list[int]:  # noqa: C901 - one straight seeding script
    from django.db import transaction

    from codelists.costs import SUBITEMS_BY_CATEGORY
    from codelists.partnerships import STEP_KINDS_BY_PHASE, TOPICS_BY_PHASE
    from codelists.skills import DATA_NEED_PROMPT_CODES
    from costs.models import CostBenefitAnalysis, CostItem, CostShare, ExchangeRate, SustainabilityPlan
    from partnerships.models import (
        BusinessLinkage,
        ContinuumProvision,
        FeasibilityStudy,
        GcmObjective,
        GrievanceChannel,
        Indicator,
        IndicatorValue,
        LinkedInitiative,
        Objective,
        ObjectiveTension,
        Partnership,
        PartnershipCountry,
        Pathway,
        PathwayStep,
        SdgTarget,
        SocialProtectionCover,
    )
    from recruitment.models import Recruiter, RecruitmentArrangement, WhoSslEntry
    from skills.models import (
        DataNeed,
        DataSharingArrangement,
        EvidenceReview,
        LabourMarketEvidence,
        Occupation,
        OccupationProfile,
        RecognitionArrangement,
        Sector,
        SkillsDocumentationTool,
        TargetOccupation,
        TrainingProgramme,
    )
    from stakeholders.models import CapacityActivity, GovernanceBody, Organisation, Participation, PartnerGap

    today = date.today()
    with transaction.atomic():
        # Reference data
        sectors = Sector.objects.bulk_create([Sector(code=c, label=lbl, climate_exposed=x) for c, lbl, x in SECTORS])
        occupations = Occupation.objects.bulk_create(
            [Occupation(code=code, level="unit", title=title, skill_level=2) for code, title in UNIT_GROUPS]
        )
        sdgs = SdgTarget.objects.bulk_create(
            [
                SdgTarget(code=c, goal=int(c.split(".")[0]), short_title=c, source="bench")
                for c in ("4.4", "8.8", "10.7")
            ]
        )
        gcms = GcmObjective.objects.bulk_create(
            [GcmObjective(number=k, short_title=str(k), source="bench") for k in (5, 6, 18)]
        )
        ExchangeRate.objects.bulk_create(
            [ExchangeRate(base_currency="EUR", quote_currency="USD", rate=Decimal("1.08"), as_of=today, source="bench")]
        )
        WhoSslEntry.objects.bulk_create(
            [WhoSslEntry(country="NG", edition=2023), WhoSslEntry(country="SN", edition=2023)]
        )
        countries = sorted({c for pair in COUNTRY_PAIRS for c in pair})
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(name=f"{cat} {iso} {i}", category=cat, level=level, portfolio=portfolio, country=iso)
                for iso in countries
                for i, (cat, level, portfolio) in enumerate(ORG_PLAN)
            ]
            + [Organisation(name="IOM", category="international_org", level="", country="")]
        )
        by_country: dict[str, list] = {}
        for org in orgs:
            by_country.setdefault(org.country.code if org.country else "", []).append(org)
        iom = by_country[""][0]

        # Partnerships
        partnerships = Partnership.objects.bulk_create(
            [
                Partnership(
                    name=f"Bench partnership {i}",
                    stage=rng.choice(["assessment", "design", "agreement", "implementation"]),
                    migration_types=rng.choice([["temporary"], ["circular", "long_term"], ["permanent"]]),
                    skill_levels=rng.choice([["mid"], ["low", "mid"], ["high"]]),
                    start_date=date(2025, 1, 1),
                    end_date=date(2025 + rng.choice([2, 3, 5]), 1, 1),
                    funding_sources=["public_cod", "private_employer"],
                    flexibility_provisions=rng.sample(["redirect_funds", "change_sector", "change_training"], 2),
                    contingency_budget_pct=Decimal("5.00"),
                    climate_assessment=rng.choice(["", "Assessed with the sector ministries."]),
                    agreement_published=rng.choice([True, None]),
                    matching_process="PES preselects, employers interview.",
                    skills_transfer_measures=["circularity_incentives", "mentoring"],
                    return_services=["return_job_matching"],
                    planned_migrants_total=100,
                    planned_trainees_total=150,
                    reporting_currency="EUR",
                )
                for i in range(n)
            ]
        )
        through = Partnership.sectors.through
        through.objects.bulk_create(
            [through(partnership_id=p.pk, sector_id=s.pk) for p in partnerships for s in rng.sample(sectors, 2)]
        )
        pc_rows, pair_of = [], {}
        for p in partnerships:
            origin, destination = rng.choice(COUNTRY_PAIRS)
            pair_of[p.pk] = (origin, destination)
            pc_rows += [
                PartnershipCountry(
                    partnership=p, country=origin, side="origin", lmis_status="partial", target_regions=["R1"]
                ),
                PartnershipCountry(partnership=p, country=destination, side="destination", lmis_status="functional"),
            ]
        pcs = PartnershipCountry.objects.bulk_create(pc_rows)
        pc_of = {(pc.partnership_id, pc.side): pc for pc in pcs}

        objectives = Objective.objects.bulk_create(
            [
                Objective(
                    partnership=p,
                    kind="skilled_workforce",
                    horizon=rng.choice(["short", "mid", "long"]),
                    description="Objective",
                    visibility="all_participants",
                )
                for p in partnerships
                for _ in range(4)
            ]
        )
        Objective.sdg_targets.through.objects.bulk_create(
            [Objective.sdg_targets.through(objective_id=o.pk, sdgtarget_id=rng.choice(sdgs).pk) for o in objectives]
        )
        Objective.gcm_objectives.through.objects.bulk_create(
            [
                Objective.gcm_objectives.through(objective_id=o.pk, gcmobjective_id=rng.choice(gcms).pk)
                for o in objectives
            ]
        )
        objectives_of: dict[int, list] = {}
        for o in objectives:
            objectives_of.setdefault(o.partnership_id, []).append(o)
        ObjectiveTension.objects.bulk_create(
            [
                ObjectiveTension(
                    partnership_id=pk, objective_a=objs[0], objective_b=objs[1], status="mitigated", note=""
                )
                for pk, objs in objectives_of.items()
            ]
        )
        categories = ["economy", "skills", "earnings_remittances", "satisfaction", "business", "systems"]
        indicators = Indicator.objects.bulk_create(
            [
                Indicator(
                    partnership=p,
                    name=f"Indicator {k}",
                    impact_category=categories[k],
                    measure_type="quantitative",
                    level="outcome",
                    direction="increase",
                    unit="persons",
                    side="",
                    collection_points=["before_training", "during_employment"],
                    disaggregation=["sex"],
                    sdg_target=sdgs[k % 3],
                )
                for p in partnerships
                for k in range(6)
            ]
        )
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(indicator=i, collection_point=point, measured_on=today, value="10")
                for i in indicators
                for point in ("before_training", "during_employment")
            ]
        )

        participations, parts_of = [], {}
        for p in partnerships:
            origin, destination = pair_of[p.pk]
            chosen = [(o, "origin") for o in by_country[origin][:8]] + [
                (o, "destination") for o in by_country[destination][:5]
            ]
            chosen.append((iom, ""))
            for org, side in chosen:
                participations.append(
                    Participation(
                        partnership=p,
                        organisation=org,
                        side=side,
                        roles=["implementer"],
                        joined_stage="design",
                        capacity_assessed=True,
                        capacity_level=rng.choice(["low", "medium", "high"]),
                        is_champion=org.category == "government_ministry",
                    )
                )
        participations = Participation.objects.bulk_create(participations)
        for part in participations:
            parts_of.setdefault(part.partnership_id, []).append(part)

        bodies = GovernanceBody.objects.bulk_create(
            [
                GovernanceBody(
                    partnership=p,
                    name=name,
                    kind=kind,
                    layer=layer,
                    terms_of_reference="ToR",
                    reporting_cycle="quarterly",
                    has_review_mechanism=True,
                )
                for p in partnerships
                for name, kind, layer in (
                    ("Steering", "steering_committee", "decision"),
                    ("Operations", "operational_committee", "operational"),
                    ("Sector group", "working_group", "thematic"),
                )
            ]
        )
        GovernanceBody.members.through.objects.bulk_create(
            [
                GovernanceBody.members.through(governancebody_id=b.pk, participation_id=part.pk)
                for b in bodies
                for part in parts_of[b.partnership_id][:4]
            ]
        )
        CapacityActivity.objects.bulk_create(
            [
                CapacityActivity(
                    partnership_id=pk,
                    target_participation=part,
                    topic=topic,
                    method="workshop",
                    status="planned",
                    description="",
                )
                for pk, parts in parts_of.items()
                for part, topic in zip(parts[:3], ("lmis", "matching", "skills_anticipation"), strict=False)
            ]
        )
        PartnerGap.objects.bulk_create([PartnerGap(partnership=p, service="Testing centre") for p in partnerships])

        targets = TargetOccupation.objects.bulk_create(
            [
                TargetOccupation(
                    partnership=p,
                    occupation=occ,
                    places_per_year=20,
                    skill_level="mid",
                    automation_impact=rng.choice(["low", "medium", "high", "unknown"]),
                )
                for p in partnerships
                for occ in rng.sample(occupations, 4)
            ]
        )
        targets_of: dict[int, list] = {}
        for t in targets:
            targets_of.setdefault(t.partnership_id, []).append(t)
        OccupationProfile.objects.bulk_create(
            [
                OccupationProfile(
                    target_occupation=t,
                    country=pc_of[(t.partnership_id, side)],
                    labour_status=rng.choice(["surplus", "shortage", "unknown"]) if side == "origin" else "unknown",
                    brain_drain_safeguards=["dual_track_training"] if side == "origin" else [],
                )
                for t in targets
                for side in ("origin", "destination")
            ]
        )
        TargetOccupation.destinations.through.objects.bulk_create(
            [
                TargetOccupation.destinations.through(
                    targetoccupation_id=t.pk, partnershipcountry_id=pc_of[(t.partnership_id, "destination")].pk
                )
                for t in targets
            ]
        )
        TargetOccupation.certification_validated_by.through.objects.bulk_create(
            [
                TargetOccupation.certification_validated_by.through(
                    targetoccupation_id=t.pk, participation_id=parts_of[t.partnership_id][5].pk
                )
                for t in targets
            ]
        )
        programmes = TrainingProgramme.objects.bulk_create(
            [
                TrainingProgramme(
                    partnership=p,
                    name=f"Programme {k}",
                    track="dual",
                    location="origin",
                    provider=by_country[pair_of[p.pk][0]][7],
                    places_total=40,
                    places_migration=20,
                    system_components=["curriculum_upgrade", "trainer_training"],
                )
                for p in partnerships
                for k in range(2)
            ]
        )
        TrainingProgramme.occupations.through.objects.bulk_create(
            [
                TrainingProgramme.occupations.through(trainingprogramme_id=tp.pk, targetoccupation_id=t.pk)
                for tp in programmes
                for t in targets_of[tp.partnership_id][:2]
            ]
        )
        TrainingProgramme.codesigned_by.through.objects.bulk_create(
            [
                TrainingProgramme.codesigned_by.through(
                    trainingprogramme_id=tp.pk, participation_id=parts_of[tp.partnership_id][5].pk
                )
                for tp in programmes
            ]
        )
        TrainingProgramme.certificate_recognised_in.through.objects.bulk_create(
            [
                TrainingProgramme.certificate_recognised_in.through(
                    trainingprogramme_id=tp.pk, partnershipcountry_id=pc_of[(tp.partnership_id, "destination")].pk
                )
                for tp in programmes
            ]
        )
        arrangements = RecognitionArrangement.objects.bulk_create(
            [
                RecognitionArrangement(partnership=p, name="Recognition", kind="unilateral", status="existing")
                for p in partnerships
            ]
        )
        RecognitionArrangement.occupations.through.objects.bulk_create(
            [
                RecognitionArrangement.occupations.through(recognitionarrangement_id=ra.pk, targetoccupation_id=t.pk)
                for ra in arrangements
                for t in targets_of[ra.partnership_id][:2]
            ]
        )
        RecognitionArrangement.countries.through.objects.bulk_create(
            [
                RecognitionArrangement.countries.through(
                    recognitionarrangement_id=ra.pk, partnershipcountry_id=pc_of[(ra.partnership_id, s)].pk
                )
                for ra in arrangements
                for s in ("origin", "destination")
            ]
        )
        RecognitionArrangement.responsible_orgs.through.objects.bulk_create(
            [
                RecognitionArrangement.responsible_orgs.through(
                    recognitionarrangement_id=ra.pk, organisation_id=part.organisation_id
                )
                for ra in arrangements
                for part in parts_of[ra.partnership_id][:2]
            ]
        )
        sectors_of: dict[int, list] = {}
        for row in through.objects.filter(partnership_id__in=[p.pk for p in partnerships]):
            sectors_of.setdefault(row.partnership_id, []).append(row.sector_id)
        evidence = LabourMarketEvidence.objects.bulk_create(
            [
                LabourMarketEvidence(
                    partnership=p,
                    title=f"Evidence {k}",
                    source_type=EVIDENCE_TYPES[k],
                    country=pc_of[(p.pk, "origin" if k % 2 else "destination")],
                    sector_id=sectors_of[p.pk][k % 2],
                    topics=["labour_demand", "skills_supply"],
                    reference_year=today.year - 1,
                    horizon_years=5,
                    disaggregation=["sex", "subnational"],
                    is_joint=k == 0,
                )
                for p in partnerships
                for k in range(6)
            ]
        )
        LabourMarketEvidence.occupations.through.objects.bulk_create(
            [
                LabourMarketEvidence.occupations.through(
                    labourmarketevidence_id=ev.pk, occupation_id=targets_of[ev.partnership_id][0].occupation_id
                )
                for ev in evidence
            ]
        )
        DataNeed.objects.bulk_create(
            [
                DataNeed(
                    partnership=p,
                    prompt_code=code,
                    status=rng.choice(["answered", "partly_answered", "gap"]),
                    answer="Known.",
                    gap_strategy="Survey in year 1.",
                )
                for p in partnerships
                for code in DATA_NEED_PROMPT_CODES
            ]
        )
        reviews = EvidenceReview.objects.bulk_create(
            [EvidenceReview(partnership=p, held_on=today, conclusions="") for p in partnerships]
        )
        EvidenceReview.participants.through.objects.bulk_create(
            [
                EvidenceReview.participants.through(evidencereview_id=r.pk, participation_id=part.pk)
                for r in reviews
                for part in parts_of[r.partnership_id][:3]
            ]
        )
        sharing = DataSharingArrangement.objects.bulk_create(
            [
                DataSharingArrangement(partnership=p, kind="sector_working_group", data_types=["skills_needs"])
                for p in partnerships
            ]
        )
        DataSharingArrangement.parties.through.objects.bulk_create(
            [
                DataSharingArrangement.parties.through(datasharingarrangement_id=d.pk, participation_id=part.pk)
                for d in sharing
                for part in parts_of[d.partnership_id][4:7]
            ]
        )
        SkillsDocumentationTool.objects.bulk_create(
            [
                SkillsDocumentationTool(partnership=p, kind="skills_passport", name="Skills passport")
                for p in partnerships
            ]
        )

        pathways = Pathway.objects.bulk_create(
            [
                Pathway(
                    partnership=p,
                    name=f"Route {k}",
                    permit_kind="work_permit",
                    destination_country=pc_of[(p.pk, "destination")],
                    status="existing",
                    employer_tied="sector",
                    digital_application="partly_digital",
                    exit_permit_required=False,
                    sponsor_controls_residence=False,
                )
                for p in partnerships
                for k in range(2)
            ]
        )
        PathwayStep.objects.bulk_create(
            [
                PathwayStep(pathway=pw, order=k, name=kind, phase="pre_departure", kind=kind, typical_days=20)
                for pw in pathways
                for k, kind in enumerate(STEP_KINDS_BY_PHASE["pre_departure"][:3])
            ]
        )
        Pathway.occupations.through.objects.bulk_create(
            [
                Pathway.occupations.through(pathway_id=pw.pk, occupation_id=t.occupation_id)
                for pw in pathways
                for t in targets_of[pw.partnership_id][:2]
            ]
        )
        Pathway.origin_countries.through.objects.bulk_create(
            [
                Pathway.origin_countries.through(
                    pathway_id=pw.pk, partnershipcountry_id=pc_of[(pw.partnership_id, "origin")].pk
                )
                for pw in pathways
            ]
        )
        provisions = [
            (phase, topic)
            for phase in ("pre_departure", "travel_arrival", "stay_employment")
            for topic in TOPICS_BY_PHASE[phase][:2]
        ]
        ContinuumProvision.objects.bulk_create(
            [
                ContinuumProvision(partnership=p, phase=phase, topic=topic, status="planned")
                for p in partnerships
                for phase, topic in provisions
            ]
        )
        SocialProtectionCover.objects.bulk_create(
            [
                SocialProtectionCover(
                    partnership=p,
                    destination=pc_of[(p.pk, "destination")],
                    branch=branch,
                    coverage="equal_treatment",
                    basis="national_law",
                )
                for p in partnerships
                for branch in ("health_care", "employment_injury")
            ]
        )
        GrievanceChannel.objects.bulk_create(
            [
                GrievanceChannel(partnership=p, side=side, kind="labour_inspectorate", covers=["recruitment_fees"])
                for p in partnerships
                for side in ("origin", "destination")
            ]
        )
        LinkedInitiative.objects.bulk_create(
            [
                LinkedInitiative(partnership=p, kind="oda_programme", name="ODA", country=pc_of[(p.pk, "origin")])
                for p in partnerships
            ]
        )
        BusinessLinkage.objects.bulk_create(
            [
                BusinessLinkage(
                    partnership=p,
                    kind="sme_matchmaking",
                    status="planned",
                    destination_org=by_country[pair_of[p.pk][1]][5],
                    origin_org=by_country[pair_of[p.pk][0]][5],
                )
                for p in partnerships
            ]
        )
        FeasibilityStudy.objects.bulk_create(
            [
                FeasibilityStudy(partnership=p, completed_on=date(2024, 6, 1), predecessor_schemes_reviewed="MENTOR I")
                for p in partnerships
            ]
        )
        SustainabilityPlan.objects.bulk_create(
            [SustainabilityPlan(partnership=p, follow_on="Permanent pathway") for p in partnerships]
        )

        items = CostItem.objects.bulk_create(
            [
                CostItem(
                    partnership=p,
                    category=category,
                    subitem=subitem,
                    amount=Decimal("1000.00"),
                    currency="EUR",
                    basis="fixed",
                )
                for p in partnerships
                for category, subs in SUBITEMS_BY_CATEGORY.items()
                for subitem in subs[:2]
            ]
        )
        CostShare.objects.bulk_create(
            [
                CostShare(item=item, payer=payer, percent=Decimal("50.00"))
                for item in items
                for payer in ("gov_destination", "employer")
            ]
        )
        CostBenefitAnalysis.objects.bulk_create(
            [
                CostBenefitAnalysis(partnership=p, kind="public_value_for_money", benefit_cost_ratio=Decimal("1.40"))
                for p in partnerships
            ]
        )
        recruiters = Recruiter.objects.bulk_create(
            [
                Recruiter(
                    partnership=p,
                    organisation=org,
                    licence_number="L-1",
                    licence_country=pair_of[p.pk][0],
                    licence_expiry=today + timedelta(days=400),
                    sanction_status="none",
                    iris_status="certified",
                    payment_model="results_based",
                )
                for p in partnerships
                for org in (by_country[pair_of[p.pk][0]][11], by_country[pair_of[p.pk][0]][3])
            ]
        )
        recruiters_of: dict[int, list] = {}
        for r in recruiters:
            recruiters_of.setdefault(r.partnership_id, []).append(r)
        corridors = RecruitmentArrangement.objects.bulk_create(
            [
                RecruitmentArrangement(
                    partnership=p,
                    origin=pc_of[(p.pk, "origin")],
                    destination=pc_of[(p.pk, "destination")],
                    channel="private_agency",
                    employer_pays_commitment=True,
                    fees_charged_to_workers=Decimal("0"),
                    worker_costs_declared_on=today,
                    wage_deductions_for_recruitment=False,
                    worker_financing="not_needed",
                    written_contract_before_departure=True,
                    contract_days_before_departure=14,
                )
                for p in partnerships
            ]
        )
        RecruitmentArrangement.recruiters.through.objects.bulk_create(
            [
                RecruitmentArrangement.recruiters.through(recruitmentarrangement_id=ra.pk, recruiter_id=r.pk)
                for ra in corridors
                for r in recruiters_of[ra.partnership_id]
            ]
        )
        RecruitmentArrangement.target_occupations.through.objects.bulk_create(
            [
                RecruitmentArrangement.target_occupations.through(
                    recruitmentarrangement_id=ra.pk, targetoccupation_id=t.pk
                )
                for ra in corridors
                for t in targets_of[ra.partnership_id][:2]
            ]
        )
    return [p.pk for p in partnerships]


#
# Measuring
#


class QueryCounter:
    """Counts the queries of this process's connection (an execute wrapper; no SQL kept)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def count_queries(func) -> int:
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        func()
    return counter.count


class Worker:
    """``celery -A smp worker --concurrency N`` on the throwaway database, consuming the benchmark's queue."""

    def __init__(self, *, concurrency: int, queue: str, log: Path):
        environment = {
            **os.environ,
            # As in production: DEBUG off (no SQL kept per query), its own secret.
            "DEBUG": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or f"bench-only-{os.getpid()}-{random.random()}",
            "SECURE_SSL_REDIRECT": "0",
        }
        celery = Path(sys.executable).parent / "celery"
        self.log = log
        self.handle = log.open("w")
        self.proc = subprocess.Popen(
            [
                str(celery),
                "-A",
                "smp",
                "worker",
                "--concurrency",
                str(concurrency),
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
                "-l",
                "WARNING",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.handle.close()


def wait_until(predicate, *, timeout: float, what: str, worker: Worker, interval: float = 0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if not worker.alive():
            raise SystemExit(f"the worker stopped while waiting for {what}; log: {worker.log}")
        time.sleep(interval)
    raise SystemExit(f"timed out after {timeout:.0f} s waiting for {what}; worker log: {worker.log}")


def api_client():
    """A ``django.test.Client`` with the token of an IOM reviewer (sees and may check every partnership)."""
    from django.test import Client

    from accounts.models import User, UserRole
    from api.services import api_token_create

    user = User.objects.create(username="bench_reviewer", role=UserRole.REVIEWER)
    _token, raw_key = api_token_create(user=user, name="bench")
    return Client(HTTP_AUTHORIZATION=f"Token {raw_key}")


def api_check(client, partnership_id: int, *, worker: Worker) -> float:
    """Seconds from the POST that asks for a check to the GET that sees the run succeeded."""
    start = time.perf_counter()
    response = client.post(
        f"/api/v1/partnerships/{partnership_id}/feasibility-runs/", {"force": True}, content_type="application/json"
    )
    if response.status_code != 202:
        raise SystemExit(f"POST feasibility-runs answered {response.status_code}: {response.content[:300]!r}")
    url = response["Location"]

    def finished():
        status = client.get(url).json()["status"]
        if status == "failed":
            raise SystemExit(f"run {url} failed; worker log: {worker.log}")
        return status == "succeeded"

    wait_until(finished, timeout=60, what=f"run {url}", worker=worker, interval=0.02)
    return time.perf_counter() - start


def nightly(ids: list[int], *, worker: Worker) -> tuple[float, dict]:
    """Seconds from the start of the nightly job until every partnership has a new succeeded run."""
    from django.utils import timezone

    from feasibility.models import FeasibilityRun, RunStatus
    from feasibility.services import feasibility_recheck_changed

    since = timezone.now()
    start = time.perf_counter()
    fan_out = feasibility_recheck_changed()
    new_runs = FeasibilityRun.objects.filter(created_at__gte=since, status=RunStatus.SUCCEEDED)
    wait_until(
        lambda: new_runs.count() >= len(ids), timeout=3600, what="the nightly re-check", worker=worker, interval=0.2
    )
    return time.perf_counter() - start, fan_out


def queries_by_size() -> dict:
    """Queries of one check of a small partnership and of one three times larger (rows loaded as evidence)."""
    from feasibility.fingerprint import graph_dump
    from feasibility.models import FeasibilityRun
    from feasibility.services import feasibility_run_execute
    from feasibility.tests.support import populate
    from partnerships.selectors import partnership_get_full
    from partnerships.tests.factories import PartnershipFactory

    result = {}
    # populate(p, n) gives n rows to the big relations and one to the others: 2 → 57 rows loaded, 11 → 174.
    for label, size in (("small", 2), ("large", 11)):
        p = populate(PartnershipFactory(stage="agreement"), size)
        run = FeasibilityRun.objects.create(partnership=p)
        result[f"{label}_queries"] = count_queries(lambda run=run: feasibility_run_execute(run_id=run.pk))
        result[f"{label}_rows"] = len(graph_dump(partnership_get_full(partnership_id=p.pk))[0])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partnerships", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes (celery --concurrency)")
    parser.add_argument("--requests", type=int, default=50, help="checks requested through the API, one by one")
    parser.add_argument("--seed", type=int, default=20261102)
    args = parser.parse_args()
    if not os.environ.get("CELERY_BROKER_URL"):
        raise SystemExit("CELERY_BROKER_URL must point at a Redis broker (e.g. redis://127.0.0.1:6379/0)")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://", "pgsql://")):
        raise SystemExit("DATABASE_URL must point at PostgreSQL (the worker process shares the database)")
    # Many checks in a row from one client: the per-client throttles are not what is measured here.
    os.environ["API_THROTTLE_FEASIBILITY_RUN"] = os.environ["API_THROTTLE_USER"] = "1000000/minute"

    cleanup = prepare_database()
    # SIGTERM (timeout, kill) must still drop the throwaway database: turn it into SystemExit so finally runs.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    queue = f"bench-feasibility-{os.getpid()}"
    worker = None
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smp.settings")
        import django

        django.setup()
        from django.conf import settings

        settings.DEBUG = False  # as in production: no SQL kept per query
        from django.core.management import call_command
        from django.db import connection

        from feasibility.context import rule_settings
        from feasibility.models import Finding
        from feasibility.registry import REGISTRY
        from smp.celery import app

        app.conf.task_default_queue = queue  # every task this process sends goes to the benchmark's worker

        create_schema(call_command)
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}); queue: {queue}")
        start = time.perf_counter()
        ids = seed(args.partnerships, rng=random.Random(args.seed))
        print(f"seeded {len(ids)} partnerships in {time.perf_counter() - start:.1f} s")
        with connection.cursor() as cursor:  # planner statistics, as a production database has them
            cursor.execute("ANALYZE")
        rows = sum(
            m.objects.count()
            for m in django.apps.apps.get_models()
            if m._meta.app_label in ("partnerships", "stakeholders", "skills", "costs", "recruitment")
            and not m.__name__.startswith("Historical")
        )
        print(f"rows in the five domain apps: {rows} (≈ {rows / len(ids):.0f} per partnership)")

        log = ROOT / "var" / f"{queue}.log"
        log.parent.mkdir(exist_ok=True)
        worker = Worker(concurrency=args.workers, queue=queue, log=log)
        from smp.celery import ping

        ping.delay().get(timeout=120)  # the worker is up and consuming
        print(f"worker: {args.workers} processes (prefork), log {log}")
        print(f"load average before measuring: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")

        # 2. The nightly re-check of every partnership (first, while none has a run yet).
        nightly_seconds, fan_out = nightly(ids, worker=worker)
        findings = Finding.objects.count()
        per_10k = nightly_seconds * 10_000 / len(ids)
        print(
            f"nightly re-check: {len(ids)} partnerships in {nightly_seconds:.1f} s "
            f"({len(ids) / nightly_seconds:.1f}/s; {fan_out['batches']} tasks of ≤ {rule_settings()['BATCH_SIZE']}; "
            f"{findings} findings) — at this rate 10,000 take {per_10k:.0f} s"
        )

        # 1. One check at a time through the API, on partnerships picked at random.
        client = api_client()
        picked = random.Random(args.seed).sample(ids, min(args.requests, len(ids)))
        api_check(client, picked[0], worker=worker)  # warm-up (imports, first connections), not counted
        latencies = [api_check(client, pk, worker=worker) * 1000 for pk in picked]
        p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
        print(f"API check (POST → succeeded): {len(latencies)} requests, p50 {p50:.0f} ms, p95 {p95:.0f} ms")

        # 3. Queries per partnership whatever its size.
        sizes = queries_by_size()
        print(
            f"queries of one check: {sizes['small_queries']} for {sizes['small_rows']} rows, "
            f"{sizes['large_queries']} for {sizes['large_rows']} rows "
            f"({sizes['large_rows'] / sizes['small_rows']:.1f}× as many)"
        )

        result = {
            "partnerships": len(ids),
            "rows_per_partnership": round(rows / len(ids)),
            "rules": len(REGISTRY),
            "workers": args.workers,
            "batch_size": int(rule_settings()["BATCH_SIZE"]),
            "api_check_requests": len(latencies),
            "api_check_p50_ms": round(p50, 1),
            "api_check_p95_ms": round(p95, 1),
            "nightly_seconds": round(nightly_seconds, 1),
            "nightly_partnerships_per_second": round(len(ids) / nightly_seconds, 1),
            "nightly_seconds_per_10000": round(per_10k, 1),
            "check_queries_small": sizes["small_queries"],
            "check_queries_large": sizes["large_queries"],
            "rows_small": sizes["small_rows"],
            "rows_large": sizes["large_rows"],
            "load_average": round(os.getloadavg()[0], 2),
            "targets": {"api_check_p95_ms": 1000, "nightly_seconds_per_10000": 180, "queries": "small == large"},
            "met": {
                "api_check_p95": p95 <= 1000,
                "nightly": per_10k <= 180,
                "queries_constant": sizes["small_queries"] == sizes["large_queries"],
            },
        }
    finally:
        if worker is not None:
            worker.stop()
        cleanup()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
