"""Portfolio figures: the numbers of the dashboard are right, and the cost figures follow the cost data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from costs.tests.factories import CostItemFactory, CostShareFactory, ExchangeRateFactory
from feasibility.models import FeasibilityRun, RunStatus
from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
from reviews.models import PartnershipFigures
from reviews.selectors import PortfolioFilters, portfolio_partnerships, portfolio_summary
from reviews.services import partnership_figures_refresh
from skills.tests.factories import TargetOccupationFactory

pytestmark = pytest.mark.django_db


def run(p, score, *, red_flags=(), n=0):
    return FeasibilityRun.objects.create(
        partnership=p,
        status=RunStatus.SUCCEEDED,
        overall_score=Decimal(score),
        element_results={"E1": {"score": float(score)}},
        red_flags=list(red_flags),
        recruitment_verdict="fail" if red_flags else "pass",
    )


def figures(p, cost, share):
    PartnershipFigures.objects.create(
        partnership=p,
        partnership_version=p.version,
        currency="USD",
        portfolio_currency="USD",
        cost_per_migrant=Decimal(cost),
        cost_per_migrant_portfolio=Decimal(cost),
        migrant_share_pct=Decimal(share),
    )


@pytest.fixture
def portfolio(db):
    a = PartnershipFactory(name="A", stage="design", with_countries=True)
    b = PartnershipFactory(name="B", stage="design", review_status="submitted", with_countries=True)
    c = PartnershipFactory(name="C", stage="implementation")
    PartnershipCountryFactory(partnership=c, country="NG", side="origin")
    PartnershipCountryFactory(partnership=c, country="LT", side="destination")
    d = PartnershipFactory(name="D, never checked")
    run(a, 20, red_flags=["R.11"])  # older run of A, superseded
    run(a, 60)
    run(b, 80, red_flags=["R.2"])
    run(c, 41)
    FeasibilityRun.objects.create(partnership=c, status=RunStatus.FAILED)  # a failed run is not "latest succeeded"
    figures(a, 1000, 0)
    figures(b, 3000, 10)
    figures(c, 2000, 30)
    figures(d, 9000, 20)
    TargetOccupationFactory(partnership=a, places_per_year=30)
    TargetOccupationFactory(partnership=c, places_per_year=12)
    return a, b, c, d


def test_the_headline_figures_come_from_the_latest_succeeded_runs_and_the_cost_figures(portfolio):
    reviewer = UserFactory(role=UserRole.REVIEWER)
    summary = portfolio_summary(partnerships=portfolio_partnerships(user=reviewer))
    assert summary.total == 4
    assert summary.checked == 3
    assert summary.average_readiness == Decimal("60.3")  # (60 + 80 + 41) / 3
    assert summary.red_flagged == 1  # B only: A's red flag was in a superseded run
    assert summary.migrants_per_year == 42
    assert summary.median_cost_per_migrant == Decimal("2500.00")  # of 1000, 2000, 3000, 9000
    assert summary.median_migrant_share == Decimal("15.00")  # of 0, 10, 20, 30
    assert (summary.cost_per_migrant.count, summary.cost_per_migrant.of, summary.cost_per_migrant.listed) == (4, 4, ())
    assert (summary.readiness.count, summary.readiness.of) == (3, 4)  # D was never checked
    assert {row["code"]: row["count"] for row in summary.by_stage}["design"] == 2
    assert {row["code"]: row["count"] for row in summary.by_status}["submitted"] == 1
    assert {(c["origin"], c["destination"]): c["count"] for c in summary.corridors} == {
        ("XK", "DE"): 2,
        ("NG", "LT"): 1,
    }
    assert [row["count"] for row in summary.readiness_bands] == [0, 0, 0, 0, 1, 0, 1, 0, 1, 0]
    assert sum(sum(row["counts"]) for row in summary.cost_share_grid) == 4


def test_filters_narrow_every_figure(portfolio):
    reviewer = UserFactory(role=UserRole.REVIEWER)
    qs = portfolio_partnerships(user=reviewer, filters=PortfolioFilters(stage="design"))
    summary = portfolio_summary(partnerships=qs)
    assert (summary.total, summary.checked, summary.red_flagged) == (2, 2, 1)
    # Two partnerships: no median or mean is headlined over fewer than three values; the values are listed.
    assert summary.median_cost_per_migrant is None and summary.average_readiness is None
    assert [(row["name"], row["value"]) for row in summary.cost_per_migrant.listed] == [
        ("A", Decimal("1000.00")),
        ("B", Decimal("3000.00")),
    ]
    assert (summary.readiness.count, summary.readiness.of) == (2, 2)
    flagged = portfolio_partnerships(user=reviewer, filters=PortfolioFilters(red_flag=True))
    assert [p.name for p in flagged] == ["B"]


def test_cost_figures_follow_the_cost_data_and_convert_to_the_portfolio_currency(partnership):
    partnership.planned_migrants_total = 10
    partnership.reporting_currency = "EUR"
    partnership.save()
    item = CostItemFactory(partnership=partnership, amount=Decimal("20000.00"), currency="EUR", basis="fixed")
    CostShareFactory(item=item, payer="employer", percent=Decimal("75.00"))
    CostShareFactory(item=item, payer="migrant", percent=Decimal("25.00"))
    assert partnership_figures_refresh(partnership_ids=[partnership.pk]) == 1
    row = PartnershipFigures.objects.get(partnership=partnership)
    assert (row.cost_per_migrant, row.currency, row.migrant_share_pct) == (Decimal("2000.00"), "EUR", Decimal("25.00"))
    assert row.cost_per_migrant_portfolio is None  # no EUR→USD rate yet
    assert partnership_figures_refresh(partnership_ids=[partnership.pk]) == 0  # up to date: nothing recomputed

    ExchangeRateFactory(base_currency="EUR", quote_currency="USD", rate=Decimal("1.10"))
    assert partnership_figures_refresh(partnership_ids=[partnership.pk], stale_only=False) == 1
    assert PartnershipFigures.objects.get(partnership=partnership).cost_per_migrant_portfolio == Decimal("2200.00")


def test_a_missing_exchange_rate_leaves_the_figures_empty_with_the_reason(partnership):
    CostItemFactory(partnership=partnership, amount=Decimal("1000.00"), currency="MAD")
    partnership_figures_refresh(partnership_ids=[partnership.pk])
    row = PartnershipFigures.objects.get(partnership=partnership)
    assert row.cost_per_migrant is None
    assert "MAD→USD" in row.error


def test_three_values_are_enough_for_a_median_and_two_are_listed(portfolio):
    reviewer = UserFactory(role=UserRole.REVIEWER)
    a, b, c, d = portfolio
    PartnershipFigures.objects.filter(partnership=d).update(cost_per_migrant_portfolio=None, portfolio_currency="EUR")
    summary = portfolio_summary(partnerships=portfolio_partnerships(user=reviewer))
    # D's figure is in EUR with no rate into USD: left out and named; 1000, 2000, 3000 → median 2000.
    assert (summary.median_cost_per_migrant, summary.cost_per_migrant.count) == (Decimal("2000.00"), 3)
    assert [row["name"] for row in summary.left_out] == ["D, never checked"]
    PartnershipFigures.objects.filter(partnership=c).update(cost_per_migrant_portfolio=None)
    summary = portfolio_summary(partnerships=portfolio_partnerships(user=reviewer))
    assert summary.median_cost_per_migrant is None
    assert [row["value"] for row in summary.cost_per_migrant.listed] == [Decimal("1000.00"), Decimal("3000.00")]
    assert [row["name"] for row in summary.left_out] == ["C", "D, never checked"]
    assert summary.median_migrant_share == Decimal("15.00")  # the shares do not need a rate: still four
