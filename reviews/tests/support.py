"""Helpers shared by the reviews tests."""

from __future__ import annotations

from feasibility.services import feasibility_check_batch
from reviews.workflow import review_action_perform, review_comment_add


def check_now(partnership):
    """Run the feasibility check in this process, as the worker would; returns the succeeded run."""
    (run,) = feasibility_check_batch(ids=[partnership.pk])
    return run


def bring_to(partnership, status: str, *, official, reviewer):
    """Walk the partnership through the workflow to ``status`` (draft → … → status) with real actions."""
    path = {
        "submitted": ["submit"],
        "in_review": ["submit", "start_review"],
        "changes_requested": ["submit", "start_review", "request_changes"],
        "approved": ["submit", "start_review", "approve"],
        "withdrawn": ["submit", "withdraw"],
    }[status]
    for action in path:
        if action == "request_changes":
            review_comment_add(partnership=partnership, user=reviewer, text="Add evidence.", requests_change=True)
        if action == "approve":
            check_now(partnership)
        user = official if action in ("submit", "resubmit", "withdraw", "reopen") else reviewer
        review_action_perform(partnership=partnership, action=action, user=user, comment="Reason given.")
    return partnership


#
# A large synthetic portfolio, inserted in bulk (query-count tests and bench/dashboard.py)
#

CORRIDORS = (
    ("XK", "DE", "see_ee_central_asia", "eea"),
    ("NG", "LT", "west_central_africa", "eea"),
    ("MA", "ES", "mena", "eea"),
    ("TO", "NZ", "asia_pacific", "asia_pacific"),
    ("NP", "JO", "asia_pacific", "mena"),
    ("PH", "NO", "asia_pacific", "eea"),
)
COUNTRY_NAMES = {
    "XK": "Kosovo", "DE": "Germany", "NG": "Nigeria", "LT": "Lithuania", "MA": "Morocco", "ES": "Spain",
    "TO": "Tonga", "NZ": "New Zealand", "NP": "Nepal", "JO": "Jordan", "PH": "Philippines", "NO": "Norway",
}  # fmt: skip


def portfolio_seed(count: int, *, seed: int = 7, runs_per_partnership: int = 2) -> list[int]:
    """Insert ``count`` partnerships with countries, a sector, a target occupation, succeeded runs and cost
    figures, with bulk inserts (a few queries per 1,000 rows). Returns the new partnership ids."""
    import random
    from decimal import Decimal

    from django.utils import timezone

    from codelists.partnerships import MigrationType, ReviewStatus, SkillLevel, Stage
    from feasibility.models import FeasibilityRun, RunStatus
    from partnerships.models import Country, Partnership, PartnershipCountry
    from reviews.models import PartnershipFigures
    from skills.models import TargetOccupation
    from skills.tests.factories import OccupationFactory, SectorFactory

    rng = random.Random(seed)
    for origin, destination, origin_region, destination_region in CORRIDORS:
        Country.objects.get_or_create(
            code=origin, defaults={"name": COUNTRY_NAMES[origin], "iom_region": origin_region}
        )
        Country.objects.get_or_create(
            code=destination, defaults={"name": COUNTRY_NAMES[destination], "iom_region": destination_region}
        )
    sectors = [SectorFactory(code=code) for code in ("construction", "ict", "health_care", "agriculture_agrifood")]
    occupation = OccupationFactory()
    start = Partnership.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    partnerships = Partnership.objects.bulk_create(
        [
            Partnership(
                name=f"Portfolio scheme {start + i + 1:05d}",
                summary="Synthetic partnership for dashboard load tests.",
                stage=rng.choice(Stage.values),
                review_status=rng.choice(ReviewStatus.values),
                migration_types=rng.sample(MigrationType.values, 2),
                skill_levels=[rng.choice(SkillLevel.values)],
                planned_migrants_total=rng.randint(20, 2000),
                reporting_currency="USD",
            )
            for i in range(count)
        ]
    )
    ids = [p.pk for p in partnerships]
    if not ids or ids[0] is None:
        ids = list(Partnership.objects.filter(pk__gt=start).order_by("pk").values_list("pk", flat=True))
    corridor_of = {pk: rng.choice(CORRIDORS) for pk in ids}
    PartnershipCountry.objects.bulk_create(
        [
            PartnershipCountry(partnership_id=pk, country=code, side=side)
            for pk in ids
            for code, side in ((corridor_of[pk][0], "origin"), (corridor_of[pk][1], "destination"))
        ]
    )
    through = Partnership.sectors.through
    through.objects.bulk_create([through(partnership_id=pk, sector_id=rng.choice(sectors).pk) for pk in ids])
    TargetOccupation.objects.bulk_create(
        [TargetOccupation(partnership_id=pk, occupation=occupation, places_per_year=rng.randint(5, 200)) for pk in ids]
    )
    now = timezone.now()
    runs = []
    for pk in ids:
        for n in range(runs_per_partnership):
            results = {}
            for e in range(1, 9):
                score = None if rng.random() < 0.05 else round(rng.uniform(0, 100), 1)
                results[f"E{e}"] = {"name": f"E{e}", "status": "warn", "score": score, "counts": {}}
            scores = [r["score"] for r in results.values() if r["score"] is not None]
            flagged = rng.random() < 0.1
            runs.append(
                FeasibilityRun(
                    partnership_id=pk,
                    status=RunStatus.SUCCEEDED,
                    started_at=now,
                    finished_at=now,
                    partnership_version=1,
                    element_results=results,
                    overall_score=Decimal(str(round(sum(scores) / len(scores), 2))) if scores else None,
                    recruitment_verdict="fail" if flagged else "warn",
                    red_flags=["R.11"] if flagged else [],
                    created_at=now - timezone.timedelta(days=runs_per_partnership - n),
                )
            )
    FeasibilityRun.objects.bulk_create(runs, batch_size=2000)
    PartnershipFigures.objects.bulk_create(
        [
            PartnershipFigures(
                partnership_id=pk,
                partnership_version=1,
                currency="USD",
                portfolio_currency="USD",
                cost_per_migrant=(cost := Decimal(rng.randint(500, 30000))),
                cost_per_migrant_portfolio=cost,
                migrant_share_pct=Decimal(rng.choice([0, 0, 0, 2, 7, 12, 30])),
                total_cost=cost * 10,
            )
            for pk in ids
        ],
        batch_size=2000,
    )
    return ids
