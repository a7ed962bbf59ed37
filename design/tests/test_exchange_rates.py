"""Exchange rates in the wizard's costs step (issue #19; SMP-DOMAIN §8.4, E8.R1).

Each currency the cost items use besides the reporting currency has a rate row (1 unit in the reporting
currency, its date, its source). Totals in the reporting currency appear as soon as every currency has a rate;
until then the figures name the missing currency and link to its field, never empty totals. The partnership's
own rates are its data: written through ``costs.services.exchange_rate_set`` with the step's version check, by
whoever may change the costs step (``partnerships.policy``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from html import escape

import pytest
from django.test import Client
from django.utils import timezone

from codelists.costs import currency_name
from costs.calculations import round_money
from costs.models import ExchangeRate
from costs.services import exchange_rate_set
from costs.tests.factories import CostItemFactory, ExchangeRateFactory
from design.templatetags.figures import money
from design.tests.support import as_post, form_data
from design.tests.test_queries import MAX_QUERIES
from design.tests.test_views import step_url
from partnerships.models import Partnership
from partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

EUR_AMOUNT = Decimal("20000.00")
MAD_AMOUNT = Decimal("100000.00")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def official(dest_official):
    return signed_in(dest_official)


@pytest.fixture
def costs(partnership):
    """The partnership reports in euro and has one euro and one Moroccan dirham line (both fixed)."""
    Partnership.objects.filter(pk=partnership.pk).update(reporting_currency="EUR")
    partnership.refresh_from_db()
    CostItemFactory(partnership=partnership, amount=EUR_AMOUNT, currency="EUR")
    CostItemFactory(partnership=partnership, amount=MAD_AMOUNT, currency="MAD")
    return partnership


def a_recent_day() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=30)


def prompt(code: str, reporting: str = "EUR") -> str:
    """The sentence the figures show while ``code`` has no rate (names in words, as the page writes them)."""
    return escape(
        f"Enter an exchange rate for {currency_name(code)} ({code}) to see totals in {currency_name(reporting)}."
    )


def rate_row(data, code: str) -> str:
    """The form prefix of the rate row for ``code`` ("rates-0")."""
    for key, value in data.items():
        if key.startswith("rates-") and key.endswith("-base_currency") and value == code:
            return key.removesuffix("-base_currency")
    raise AssertionError(f"no rate row for {code}")


#
# The prompt, then the totals (E8.R1: a missing rate never counts as zero)
#


def test_a_currency_without_rate_is_named_in_the_figures_with_a_link_to_its_field(official, costs):
    response = official.get(step_url(costs, "costs"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="set-rates"' in page and "Exchange rates" in page
    row = rate_row(form_data(response), "MAD")
    assert prompt("MAD") in page
    assert f'href="#id_{row}-rate"' in page and f'id="id_{row}-rate"' in page
    assert 'id="cost-summary"' not in page  # no totals that leave the dirham line out
    bases = [value for key, value in form_data(response).items() if key.endswith("-base_currency")]
    assert bases == ["MAD"]  # no row for the reporting currency itself


def test_posting_a_rate_makes_the_totals_appear_converted_with_it(official, costs):
    data = form_data(official.get(step_url(costs, "costs")))
    row = rate_row(data, "MAD")
    rate, day = Decimal("0.092"), a_recent_day()
    data[f"{row}-rate"] = str(rate)
    data[f"{row}-as_of"] = day.isoformat()
    data[f"{row}-source"] = "Bank Al-Maghrib reference rate"
    version = costs.version

    response = official.post(step_url(costs, "costs"), as_post(data))
    assert response.status_code == 302

    stored = ExchangeRate.objects.get(partnership=costs)
    assert (stored.base_currency, stored.quote_currency, stored.rate, stored.as_of, stored.source) == (
        "MAD",
        "EUR",
        rate,
        day,
        "Bank Al-Maghrib reference rate",
    )
    costs.refresh_from_db()
    assert costs.version == version + 1  # the partnership's data changed: version and history
    assert costs.history.first().history_change_reason == "exchange rate set: MAD→EUR"

    page = official.get(step_url(costs, "costs")).content.decode()
    expected = round_money(EUR_AMOUNT + MAD_AMOUNT * rate, "EUR")
    assert 'id="cost-summary"' in page
    assert money(expected, "EUR") in page
    assert prompt("MAD") not in page
    assert "Entered for this partnership." in page and 'value="0.092"' in page


def test_totals_appear_at_once_when_a_reference_rate_exists_and_an_own_rate_then_wins(official, costs):
    reference = ExchangeRateFactory(base_currency="MAD", quote_currency="EUR", rate=Decimal("0.1"))
    page = official.get(step_url(costs, "costs")).content.decode()
    assert money(round_money(EUR_AMOUNT + MAD_AMOUNT * reference.rate, "EUR"), "EUR") in page
    assert "Reference rate shared by all partnerships" in page

    # Saving the page unchanged writes nothing: the reference rate stays shared, not copied.
    data = form_data(official.get(step_url(costs, "costs")))
    version = costs.version
    assert official.post(step_url(costs, "costs"), as_post(data)).status_code == 302
    costs.refresh_from_db()
    assert costs.version == version and not ExchangeRate.objects.filter(partnership=costs).exists()

    row = rate_row(data, "MAD")
    data[f"{row}-rate"] = "0.09"
    assert official.post(step_url(costs, "costs"), as_post(data)).status_code == 302
    page = official.get(step_url(costs, "costs")).content.decode()
    assert money(round_money(EUR_AMOUNT + MAD_AMOUNT * Decimal("0.09"), "EUR"), "EUR") in page

    # The own rate is this partnership's: another one still converts with the reference rate.
    reference.refresh_from_db()
    assert reference.rate == Decimal("0.1") and reference.partnership is None
    other = PartnershipFactory(reporting_currency="EUR")
    CostItemFactory(partnership=other, amount=MAD_AMOUNT, currency="MAD")
    from costs.calculations import partnership_cost_summary

    assert partnership_cost_summary(partnership=other).total == round_money(MAD_AMOUNT * reference.rate, "EUR")


def test_every_missing_currency_is_named(official, costs):
    CostItemFactory(partnership=costs, amount=Decimal("500"), currency="USD")
    page = official.get(step_url(costs, "costs")).content.decode()
    assert prompt("MAD") in page and prompt("USD") in page


#
# Bad input: a message beside the field, everything typed kept, nothing saved
#


@pytest.mark.parametrize(
    ("rate", "as_of", "message"),
    [
        ("-0.5", "day", "The rate must be greater than 0"),
        ("0", "day", "The rate must be greater than 0"),
        ("ten", "day", "Enter the rate as a number"),
        ("0.092", "", "Enter the date of the rate."),
        ("", "day", "Enter the rate: how many Euro one Moroccan Dirham is worth."),
        ("0.092", "future", "is in the future"),
    ],
)
def test_a_bad_rate_is_refused_beside_its_field_and_the_rest_of_the_page_is_kept(official, costs, rate, as_of, message):
    data = form_data(official.get(step_url(costs, "costs")))
    row = rate_row(data, "MAD")
    day = {"day": a_recent_day(), "future": timezone.localdate() + datetime.timedelta(days=3), "": None}[as_of]
    data[f"{row}-rate"] = rate
    data[f"{row}-as_of"] = day.isoformat() if day else ""
    data[f"{row}-source"] = "Typed source"
    data["main-planned_migrants_total"] = "321"
    data["items-0-description"] = "Kick-off meeting in Pristina"
    version = costs.version

    response = official.post(step_url(costs, "costs"), as_post(data))
    page = response.content.decode()
    assert response.status_code == 400
    field = "as_of" if message in ("Enter the date of the rate.", "is in the future") else "rate"
    error_block = page.split(f'id="id_{row}-{field}_error"', 1)[1].split("</div>", 1)[0]
    assert escape(message) in error_block  # beside the field it concerns
    assert "There is 1 problem" in page  # and listed at the top, with a link to the field
    assert f'href="#id_{row}-{field}"' in page
    assert 'value="321"' in page and "Kick-off meeting in Pristina" in page and 'value="Typed source"' in page
    if rate:
        assert f'value="{rate}"' in page
    assert not ExchangeRate.objects.exists()
    costs.refresh_from_db()
    assert costs.version == version and costs.planned_migrants_total != 321


def test_a_row_left_empty_saves_the_rest_of_the_step(official, costs):
    data = form_data(official.get(step_url(costs, "costs")))
    data["main-planned_migrants_total"] = "40"
    assert official.post(step_url(costs, "costs"), as_post(data)).status_code == 302
    costs.refresh_from_db()
    assert costs.planned_migrants_total == 40 and not ExchangeRate.objects.exists()


#
# Who may, and version conflicts (as on the rest of the step)
#


def test_a_user_who_may_not_change_the_costs_step_cannot_post_a_rate(official, reviewer, costs):
    data = form_data(official.get(step_url(costs, "costs")))
    data[f"{rate_row(data, 'MAD')}-rate"] = "0.092"
    data[f"{rate_row(data, 'MAD')}-as_of"] = a_recent_day().isoformat()
    client = signed_in(reviewer)
    page = client.get(step_url(costs, "costs")).content.decode()
    assert prompt("MAD") in page  # reviewers read the prompt …
    assert 'name="rates-0-rate"' in page and "disabled" in page.split('name="rates-0-rate"', 1)[1].split(">", 1)[0]
    response = client.post(step_url(costs, "costs"), as_post(data))
    assert response.status_code == 403  # … but cannot write
    assert not ExchangeRate.objects.exists()


def test_a_stale_rate_is_a_conflict_that_keeps_the_typed_rate(official, origin_official, costs):
    data = form_data(official.get(step_url(costs, "costs")))
    exchange_rate_set(  # someone else enters a rate meanwhile
        partnership=costs,
        base_currency="MAD",
        quote_currency="EUR",
        rate="0.1",
        as_of=a_recent_day(),
        user=origin_official,
        expected_version=costs.version,
    )
    row = rate_row(data, "MAD")
    data[f"{row}-rate"] = "0.095"
    data[f"{row}-as_of"] = a_recent_day().isoformat()
    response = official.post(step_url(costs, "costs"), as_post(data))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this partnership" in page and "exchange rate set: MAD→EUR" in page
    assert 'value="0.095"' in page
    assert ExchangeRate.objects.get(partnership=costs).rate == Decimal("0.1")

    again = form_data(response)  # the page now carries the current version: saving applies on top
    assert official.post(step_url(costs, "costs"), as_post(again)).status_code == 302
    assert ExchangeRate.objects.get(partnership=costs).rate == Decimal("0.095")


#
# Queries: the same whatever the number of currencies
#


@pytest.mark.parametrize("currencies", [["MAD"], ["MAD", "USD", "TND"]])
def test_the_costs_step_reads_in_a_bounded_number_of_queries(
    official, partnership, currencies, django_assert_max_num_queries
):
    Partnership.objects.filter(pk=partnership.pk).update(reporting_currency="EUR")
    for code in currencies:
        CostItemFactory(partnership=partnership, amount=Decimal("1000"), currency=code)
    ExchangeRateFactory(base_currency="MAD", quote_currency="EUR")  # a reference rate; the others are missing
    exchange_rate_set(
        partnership=partnership, base_currency=currencies[-1], quote_currency="EUR", rate="0.5", as_of=a_recent_day()
    )
    with django_assert_max_num_queries(MAX_QUERIES["costs"][0]):
        response = official.get(step_url(partnership, "costs"))
    assert response.status_code == 200
    assert len([key for key in form_data(response) if key.endswith("-base_currency")]) == len(currencies)
