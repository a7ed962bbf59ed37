"""Honest headline figures on the demo portfolio: every figure says what it covers, costs in other currencies
are converted with each partnership's exchange rates (its own first) or left out by name, no median over
fewer than three values, and the migrant-borne share is the cost service's own (docs/review.md "Portfolio
figures").

The portfolio: the eight demos (reference data and ``demo_load``) plus a ninth partnership reporting in
Norwegian kroner, for which there is no exchange rate into the portfolio currency (USD). The demo's own rates
convert item currencies into each reporting currency (1 MAD = 0.10 EUR, 1 NGN = 0.0006 EUR, 1 VUV = 0.0125
AUD, 1 FJD = 0.66 AUD, 1 TOP = 0.70 NZD), and the demo loads the reference rates into USD an administrator
would keep (``partnerships.demo.PORTFOLIO_RATES``) — 1 EUR = 1.10 USD, 1 AUD = 0.65 USD, 1 NZD = 0.58 USD;
this module gives the New Zealand demo its own NZD→USD rate of 0.60, which must win over the reference rate.

Hand computation of each demo's cost table (N planned migrants, T planned trainees; per-migrant items × N,
per-trainee items × T, fixed items once; everything in the reporting currency):

============================  ===  ===  ===============================================  ==============
demo                            N    T  total                                            per migrant
============================  ===  ===  ===============================================  ==============
North Africa–Europe (EUR)     270  600  2,050 × 270 + 640,000 + (12,000 + 2,000) MAD       7,531.48 EUR
                                        × 0.10 × 600 = 553,500 + 640,000 + 840,000
                                        = 2,033,500
Nigeria–Lithuania (EUR)        30   60  3,220 × 30 + 100,000 + (1,500,000 NGN × 0.0006     9,553.33 EUR
                                        + 600) × 60 = 96,600 + 100,000 + 90,000
                                        = 286,600
Ghana–Germany (EUR)           200  220  3,275 × 200 + 380,000 + 6,000 × 220               11,775.00 EUR
                                        = 655,000 + 380,000 + 1,320,000 = 2,355,000
Pacific–Australia (AUD)       600  700  (2,430 + 15,000 VUV × 0.0125) × 600 + 1,070,000    5,555.83 AUD
                                        + 1,500 FJD × 0.66 × 700 = 1,570,500 + 1,070,000
                                        + 693,000 = 3,333,500
Pacific–New Zealand (NZD)     800  900  2,585 × 800 + 590,000 + 300 TOP × 0.70 × 900       3,558.75 NZD
                                        = 2,068,000 + 590,000 + 189,000 = 2,847,000
Mekong (USD)                    —    —  no cost items, no planned migrants                 —
Germany–Kosovo (EUR)          150  200  625 × 150 + 40,000 + 2,500 × 200                   4,225.00 EUR
                                        = 93,750 + 40,000 + 500,000 = 633,750
Mediterranean (EUR)            50   60  (10,000 + 50,000 MAD × 0.10 + 20,000) + 10,000     2,300.00 EUR
                                        MAD × 0.10 × 60 + (300 + 100) × 50 = 35,000
                                        + 60,000 + 20,000 = 115,000
Philippines–Norway (NOK)      100  100  500,000 (one fixed training line)                  5,000.00 NOK
============================  ===  ===  ===============================================  ==============

Only two tables have a migrant share: the Mediterranean demo's transport line (20 % of 300 × 50 = 15,000 →
3,000 EUR, 3,000 ÷ 115,000 = 2.6086… → 2.61 %, SMP-DOMAIN §8.4's worked example) and the Norwegian line
(10 % of 500,000 → 10.00 %). Every other costed demo: 0.00 %.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from codelists.costs import CostBasis, CostCategory, CostSubitem
from costs.calculations import partnership_cost_summary
from costs.models import ExchangeRate
from costs.tests.factories import CostItemFactory, CostShareFactory
from partnerships.demo import demo_load, demo_specs
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load
from partnerships.tests.factories import PartnershipFactory
from reviews.models import PartnershipFigures
from reviews.selectors import PortfolioFilters, portfolio_partnerships, portfolio_summary
from reviews.tasks import refresh_portfolio_figures

SPEC = {spec.key: spec for spec in demo_specs()}
NORWAY = "Philippines–Norway care workers partnership (test)"
RATE_DAY = datetime.date(2025, 1, 1)

#: Cost per migrant in USD, by hand: total × rate into USD ÷ N, rounded once to the cent.
USD_PER_MIGRANT = {
    "north_africa_europe": Decimal("8284.63"),  # 2,033,500 × 1.10 ÷ 270 = 2,236,850 ÷ 270 = 8,284.629…
    "ict_nigeria_lithuania": Decimal("10508.67"),  # 286,600 × 1.10 ÷ 30 = 315,260 ÷ 30 = 10,508.666…
    "health_workers_germany": Decimal("12952.50"),  # 2,355,000 × 1.10 ÷ 200 = 2,590,500 ÷ 200
    "pacific_australia": Decimal("3611.29"),  # 3,333,500 × 0.65 ÷ 600 = 2,166,775 ÷ 600 = 3,611.291…
    "seasonal_agriculture_nz": Decimal("2135.25"),  # own rate: 2,847,000 × 0.60 ÷ 800 = 1,708,200 ÷ 800
    "germany_kosovo_construction": Decimal("4647.50"),  # 633,750 × 1.10 ÷ 150 = 697,125 ÷ 150
    "mentor_mediterranean": Decimal("2530.00"),  # 115,000 × 1.10 ÷ 50 = 126,500 ÷ 50
}


def demo(key: str) -> Partnership:
    return Partnership.objects.get(name=SPEC[key].name)


@pytest.fixture(scope="module")
def demo_portfolio(django_db_setup, django_db_blocker):
    """Reference data, the eight demos (with their rates into USD), the ninth (Norwegian) partnership and the New
    Zealand demo's own rate, with figures refreshed by the beat job; loaded once for the module and rolled back at
    its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        reference_data_load()
        demo_load()
        assert {
            (rate.base_currency, str(rate.rate))
            for rate in ExchangeRate.objects.filter(partnership__isnull=True, quote_currency="USD")
        } == {("EUR", "1.10000000"), ("AUD", "0.65000000"), ("NZD", "0.58000000")}
        ExchangeRate.objects.create(
            partnership=demo("seasonal_agriculture_nz"),
            base_currency="NZD",
            quote_currency="USD",
            rate=Decimal("0.60"),
            as_of=RATE_DAY,
            source="The partnership's own rate (test)",
        )
        norway = PartnershipFactory(
            name=NORWAY, reporting_currency="NOK", planned_migrants_total=100, planned_trainees_total=100
        )
        line = CostItemFactory(
            partnership=norway,
            category=CostCategory.TRAINING,
            subitem=CostSubitem.TRAINING_DELIVERY,
            basis=CostBasis.FIXED,
            amount=Decimal("500000.00"),
            currency="NOK",
        )
        CostShareFactory(item=line, payer="employer", percent=Decimal("90.00"))
        CostShareFactory(item=line, payer="migrant", percent=Decimal("10.00"))
        assert refresh_portfolio_figures() == 9  # the job as beat runs it: every partnership is new
        yield
        transaction.set_rollback(True)


@pytest.fixture
def reviewer(demo_portfolio, db):
    return get_user_model().objects.get(username="reviewer")


def summary_for(user, **filters):
    return portfolio_summary(partnerships=portfolio_partnerships(user=user, filters=PortfolioFilters(**filters)))


def dashboard(client, user, **params) -> str:
    client.force_login(user)
    response = client.get(reverse("reviews:dashboard"), params)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())  # one space between words, whatever the template's lines


#
# What the job stores
#


def test_the_mediterranean_demo_stores_the_cost_services_2_61_percent(reviewer):
    p = demo("mentor_mediterranean")
    row = PartnershipFigures.objects.get(partnership=p)
    summary = partnership_cost_summary(partnership=p)
    # 20 % of transport (300 EUR × 50 migrants = 15,000) = 3,000 EUR of 115,000 → 2.6086… → 2.61 %
    assert summary.migrant_share_pct == Decimal("2.61")
    assert (row.total_cost, row.cost_per_migrant, row.migrant_share_pct) == (
        Decimal("115000.00"),
        Decimal("2300.00"),
        Decimal("2.61"),
    )


def test_every_stored_figure_is_the_cost_services_own(reviewer):
    for p in Partnership.objects.all():
        row = PartnershipFigures.objects.get(partnership=p)
        summary = partnership_cost_summary(partnership=p)
        costed = bool(summary.items)
        assert row.migrant_share_pct == summary.migrant_share_pct, p.name
        assert row.cost_per_migrant == (summary.cost_per_migrant if costed else None), p.name
        assert row.total_cost == (summary.total if costed else None), p.name


def test_costs_in_other_currencies_are_converted_with_the_partnerships_own_rate_first(reviewer):
    stored = {
        key: PartnershipFigures.objects.get(partnership=demo(key)).cost_per_migrant_portfolio for key in USD_PER_MIGRANT
    }
    assert stored == USD_PER_MIGRANT
    nz = PartnershipFigures.objects.get(partnership=demo("seasonal_agriculture_nz"))
    # its own 0.60, not the reference 0.58 (which would give 2,847,000 × 0.58 ÷ 800 = 2,064.08)
    assert (nz.portfolio_rate, nz.portfolio_rate_own) == (Decimal("0.60"), True)
    kosovo = PartnershipFigures.objects.get(partnership=demo("germany_kosovo_construction"))
    assert (kosovo.portfolio_rate, kosovo.portfolio_rate_own) == (Decimal("1.10"), False)


def test_a_partnership_without_a_rate_into_the_portfolio_currency_keeps_its_own_figures_only(reviewer):
    row = PartnershipFigures.objects.get(partnership__name=NORWAY)
    assert (row.cost_per_migrant, row.currency, row.migrant_share_pct) == (Decimal("5000.00"), "NOK", Decimal("10.00"))
    assert row.cost_per_migrant_portfolio is None and row.portfolio_rate is None


#
# The headline figures
#


def test_the_headline_figures_of_the_portfolio_of_nine(reviewer):
    summary = summary_for(reviewer)
    assert summary.total == 9
    # Cost per migrant in USD: seven converted (Mekong has no costs, Norway no NOK→USD rate). Sorted:
    # 2,135.25 · 2,530.00 · 3,611.29 · 4,647.50 · 8,284.63 · 10,508.67 · 12,952.50 → the 4th is the median.
    cost = summary.cost_per_migrant
    assert (cost.value, cost.count, cost.of, cost.listed) == (Decimal("4647.50"), 7, 9, ())
    assert summary.costed == 8 and summary.left_out_total == 1
    assert [row["name"] for row in summary.left_out] == [NORWAY]
    assert summary.left_out[0]["currency"] == "NOK"
    # Share borne by migrants: eight values (every costed table; Mekong has none):
    # 0.00 × 6 · 2.61 · 10.00 → median = mean of the 4th and 5th = (0.00 + 0.00) ÷ 2 = 0.00 %.
    share = summary.migrant_share
    assert (share.value, share.count, share.of) == (Decimal("0.00"), 8, 9)
    assert summary.migrants_bear_costs == 2  # Mediterranean (2.61 %) and Norway (10.00 %)
    # The cost × share chart counts the partnerships that have both figures: the seven converted ones.
    assert summary.with_both_figures == 7
    assert sum(sum(row["counts"]) for row in summary.cost_share_grid) == 7
    # No demo has been checked yet: no average readiness is headlined.
    assert (summary.readiness.value, summary.readiness.count, summary.readiness.of) == (None, 0, 9)


def test_the_dashboard_says_what_each_figure_covers_and_names_what_it_leaves_out(client, reviewer):
    html = dashboard(client, reviewer)
    assert 'data-figure="total">9<' in html
    assert 'data-figure="cost">4,647.50 USD<' in html
    assert "cost per migrant: median of 7 of 9 partnerships" in html
    assert 'data-figure="share">0.00 %<' in html
    assert "share of costs borne by migrants: median of 8 of 9 partnerships" in html
    assert "migrants bear part of the costs in 2 of 8 partnerships" in html
    note = html[html.index('id="figures-left-out"') :]
    note = note[: note.index("</div>")]
    assert "1 partnership has a cost per migrant in its own currency but no exchange rate into USD" in note
    assert f">{NORWAY}</a> — no exchange rate from NOK to USD" in note


def test_fewer_than_three_values_are_listed_instead_of_a_median(client, reviewer):
    # Stage "implementation" leaves North Africa–Europe and Pacific–New Zealand: two values of each figure.
    summary = summary_for(reviewer, stage="implementation")
    assert summary.total == 2
    cost = summary.cost_per_migrant
    assert (cost.value, cost.count, cost.of, cost.enough) == (None, 2, 2, False)
    assert [(row["name"], row["value"]) for row in cost.listed] == [
        (SPEC["north_africa_europe"].name, Decimal("8284.63")),
        (SPEC["seasonal_agriculture_nz"].name, Decimal("2135.25")),
    ]
    share = summary.migrant_share
    assert (share.value, share.count) == (None, 2)
    assert [row["value"] for row in share.listed] == [Decimal("0.00"), Decimal("0.00")]

    html = dashboard(client, reviewer, stage="implementation")
    assert 'data-figure="cost">—<' in html and 'data-figure="share">—<' in html
    assert "not enough partnerships with a figure in USD for a median (2 of 2)" in html
    assert f">{SPEC['north_africa_europe'].name}</a>: 8,284.63 USD" in html
    assert f">{SPEC['seasonal_agriculture_nz'].name}</a>: 2,135.25 USD" in html
    assert "median of" not in html


def test_the_mediterranean_demo_alone_shows_its_2_61_percent(client, reviewer):
    html = dashboard(client, reviewer, country="IT")  # Italy: only the Mediterranean city network
    assert "share of costs borne by migrants: not enough partnerships for a median (1 of 1)" in html
    assert f">{SPEC['mentor_mediterranean'].name}</a>: 2.61 %" in html
    assert f">{SPEC['mentor_mediterranean'].name}</a>: 2,530.00 USD" in html


def test_a_new_reference_rate_brings_the_left_out_partnership_in_at_the_next_run(reviewer):
    ExchangeRate.objects.create(
        base_currency="NOK", quote_currency="USD", rate=Decimal("0.095"), as_of=RATE_DAY, source="Test rate"
    )
    # Its version did not change, but a reference rate was written after its figures: stale.
    assert refresh_portfolio_figures() == 9
    assert PartnershipFigures.objects.get(partnership__name=NORWAY).cost_per_migrant_portfolio == Decimal("475.00")
    summary = summary_for(reviewer)
    # 5,000 NOK × 0.095 = 475.00 USD joins: 475.00 · 2,135.25 · 2,530.00 · 3,611.29 · 4,647.50 · … (eight)
    # → median = (3,611.29 + 4,647.50) ÷ 2 = 4,129.395 → 4,129.40 (half up).
    assert (summary.cost_per_migrant.value, summary.cost_per_migrant.count) == (Decimal("4129.40"), 8)
    assert summary.left_out == [] and summary.left_out_total == 0
    assert refresh_portfolio_figures() == 0  # nothing changed since: nothing recomputed


def test_figures_read_in_french_use_its_separators(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("reviews:dashboard"), HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    if response.headers.get("Content-Language") != "fr":
        pytest.fail("the dashboard did not answer in French")
    assert "4\xa0647,50 USD" in html and "0,00 %" in html
