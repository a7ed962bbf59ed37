"""Cost services: what they refuse (with clear messages, writing nothing) and the database-backed summary."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from costs.calculations import MissingExchangeRate, partnership_cost_summary
from costs.models import CostItem, CostShare, ExchangeRate
from costs.services import (
    cost_item_create,
    cost_item_delete,
    cost_item_update,
    cost_share_set,
    exchange_rate_set,
)
from costs.tests.factories import CostItemFactory, ExchangeRateFactory
from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
from smp.exceptions import ConflictError, ValidationError
from stakeholders.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

D = Decimal
VALUATION = datetime.date(2025, 6, 30)


@pytest.fixture
def partnership():
    """Morocco (origin) → Germany (destination), 50 migrants, 60 trainees, reporting in EUR."""
    partnership = PartnershipFactory(planned_migrants_total=50, planned_trainees_total=60, reporting_currency="EUR")
    PartnershipCountryFactory(partnership=partnership, country="DE", side="destination")
    PartnershipCountryFactory(partnership=partnership, country="MA", side="origin", languages=["ar", "fr"])
    return partnership


@pytest.fixture
def donor():
    return OrganisationFactory(donor=True, name="EU facility", country="")


def add(partnership, category, subitem, basis, amount, currency, shares, **fields):
    item = cost_item_create(
        partnership=partnership,
        category=category,
        subitem=subitem,
        basis=basis,
        amount=D(amount),
        currency=currency,
        **fields,
    )
    cost_share_set(item=item, shares=shares)
    return item


@pytest.fixture
def worked_example(partnership, donor):
    """The six items of SMP-DOMAIN §8.4, entered through the services, and the rate 1 MAD = 0.10 EUR."""
    morocco = partnership.countries.get(country="MA")
    ExchangeRateFactory(base_currency="MAD", quote_currency="EUR", rate=D("0.10"), as_of=datetime.date(2025, 1, 1))
    items = [
        add(
            partnership,
            "project_implementation",
            "partnership_meetings",
            "fixed",
            "20000",
            "EUR",
            [{"payer": "gov_destination", "percent": "50"}, {"payer": "gov_origin", "percent": "50"}],
        ),
        add(
            partnership,
            "training",
            "training_delivery",
            "per_trainee",
            "10000",
            "MAD",
            [
                {"payer": "employer", "percent": "40"},
                {"payer": "gov_destination", "percent": "40"},
                {"payer": "gov_origin", "percent": "20"},
            ],
            country=morocco,
        ),
        add(
            partnership,
            "travel",
            "visa_immigration",
            "per_migrant",
            "100",
            "EUR",
            [{"payer": "employer", "percent": "100"}],
        ),
        add(
            partnership,
            "travel",
            "transport",
            "per_migrant",
            "300",
            "EUR",
            [{"payer": "employer", "percent": "80"}, {"payer": "migrant", "percent": "20"}],
        ),
        add(
            partnership,
            "pre_selection",
            "candidate_screening",
            "fixed",
            "50000",
            "MAD",
            [{"payer": "gov_origin", "percent": "100"}],
        ),
        add(
            partnership,
            "monitoring_evaluation",
            "external_evaluation",
            "fixed",
            "10000",
            "EUR",
            [{"payer": "gov_destination", "percent": "50"}, {"payer": "other", "percent": "50", "organisation": donor}],
        ),
    ]
    return items


def shares_of(item):
    return sorted((s.payer, s.organisation_id, s.percent) for s in CostShare.objects.filter(item=item))


def messages(excinfo, field):
    return " ".join(excinfo.value.message_dict.get(field, []))


#
# The worked example through the database
#


def test_the_worked_example_entered_through_the_services_gives_the_expected_figures(partnership, worked_example):
    summary = partnership_cost_summary(partnership=partnership, valuation_date=VALUATION)
    assert summary.total == D("115000.00")
    assert summary.cost_per_migrant == D("2300.00")
    assert summary.cost_per_trainee == D("1916.67")
    assert summary.by_payer == {
        "gov_destination": D("39000.00"),
        "gov_origin": D("27000.00"),
        "employer": D("41000.00"),
        "migrant": D("3000.00"),
        "other": D("5000.00"),
    }
    assert summary.public_share_pct == D("61.74")
    assert (summary.migrant_total, summary.migrant_cost_per_migrant, summary.migrant_share_pct) == (
        D("3000.00"),
        D("60.00"),
        D("2.61"),
    )
    assert summary.origin_training_external_share_pct == D("80.00")


def test_the_summary_can_be_reported_in_mad_with_an_eur_to_mad_rate(partnership, worked_example):
    ExchangeRateFactory(base_currency="EUR", quote_currency="MAD", rate=D("10"), as_of=datetime.date(2025, 1, 1))
    summary = partnership_cost_summary(partnership=partnership, reporting_currency="MAD", valuation_date=VALUATION)
    assert (summary.total, summary.cost_per_migrant) == (D("1150000.00"), D("23000.00"))


def test_a_usd_item_without_a_usd_to_eur_rate_fails_naming_the_pair(partnership, worked_example):
    add(partnership, "travel", "transport", "fixed", "1000", "USD", [])
    with pytest.raises(MissingExchangeRate, match="USD→EUR"):
        partnership_cost_summary(partnership=partnership, valuation_date=VALUATION)


def test_the_latest_rate_on_or_before_the_valuation_date_is_used(partnership, worked_example):
    ExchangeRateFactory(base_currency="MAD", quote_currency="EUR", rate=D("0.20"), as_of=datetime.date(2025, 3, 1))
    ExchangeRateFactory(base_currency="MAD", quote_currency="EUR", rate=D("0.30"), as_of=datetime.date(2026, 1, 1))
    summary = partnership_cost_summary(partnership=partnership, valuation_date=VALUATION)
    assert summary.rates_used[0].rate == D("0.20")
    assert summary.by_category["training"] == D("120000.00")


def test_the_summary_takes_four_queries_whatever_the_number_of_items(
    partnership, worked_example, django_assert_num_queries
):
    # 1 cost items (+ country)  2 their shares (+ organisation)  3 their spending records (E8.R9)
    # 4 exchange rates into the reporting currency
    with django_assert_num_queries(4):
        partnership_cost_summary(partnership=partnership, valuation_date=VALUATION)
    for _ in range(30):
        add(
            partnership,
            "travel",
            "visa_immigration",
            "per_migrant",
            "10",
            "MAD",
            [{"payer": "employer", "percent": 100}],
        )
    with django_assert_num_queries(4):
        partnership_cost_summary(partnership=partnership, valuation_date=VALUATION)


#
# Shares: refused with a clear message, nothing written
#


@pytest.fixture
def transport(partnership):
    """Item 4 of the example with its valid shares (employer 80, migrant 20)."""
    return add(
        partnership,
        "travel",
        "transport",
        "per_migrant",
        "300",
        "EUR",
        [{"payer": "employer", "percent": "80"}, {"payer": "migrant", "percent": "20"}],
    )


def test_it_rejects_shares_not_totalling_100_and_says_the_total(partnership, transport):
    before, version = shares_of(transport), type(partnership).objects.get(pk=partnership.pk).version
    with pytest.raises(ValidationError) as excinfo:
        cost_share_set(
            item=transport, shares=[{"payer": "employer", "percent": 80}, {"payer": "migrant", "percent": 15}]
        )
    assert "total 95.00 %, must be 100.00 %" in messages(excinfo, "shares")
    assert excinfo.value.error_dict["shares"][0].code == "shares_total"
    assert shares_of(transport) == before
    assert type(partnership).objects.get(pk=partnership.pk).version == version


def test_it_rejects_shares_totalling_more_than_100(transport):
    with pytest.raises(ValidationError) as excinfo:
        cost_share_set(
            item=transport, shares=[{"payer": "employer", "percent": 80}, {"payer": "migrant", "percent": 30}]
        )
    assert "total 110.00 %" in messages(excinfo, "shares")


@pytest.mark.parametrize("percent", ["-20", "0", "100.5"])
def test_it_rejects_a_negative_zero_or_over_100_percent(transport, percent):
    before = shares_of(transport)
    with pytest.raises(ValidationError) as excinfo:
        cost_share_set(item=transport, shares=[{"payer": "employer", "percent": percent}])
    assert f"{percent} % is not allowed" in messages(excinfo, "percent")
    assert shares_of(transport) == before


def test_it_rejects_a_percent_that_is_not_a_number(transport):
    with pytest.raises(ValidationError) as excinfo:
        cost_share_set(item=transport, shares=[{"payer": "employer", "percent": "lots"}])
    assert "give the percentage as a number" in messages(excinfo, "percent")


def test_it_rejects_a_duplicate_payer(transport):
    before = shares_of(transport)
    with pytest.raises(ValidationError) as excinfo:
        cost_share_set(
            item=transport, shares=[{"payer": "employer", "percent": 50}, {"payer": "employer", "percent": 50}]
        )
    assert "Share 2 repeats the payer Employer" in messages(excinfo, "shares")
    assert excinfo.value.error_dict["shares"][0].code == "duplicate_payer"
    assert shares_of(transport) == before


def test_the_same_payer_with_two_different_organisations_is_allowed(transport):
    first, second = OrganisationFactory(employer=True), OrganisationFactory(employer=True)
    cost_share_set(
        item=transport,
        shares=[
            {"payer": "employer", "percent": 50, "organisation": first},
            {"payer": "employer", "percent": 50, "organisation": second.pk},
        ],
    )
    assert shares_of(transport) == [("employer", first.pk, D("50.00")), ("employer", second.pk, D("50.00"))]


def test_it_rejects_other_without_an_organisation(partnership, donor):
    item = add(partnership, "monitoring_evaluation", "external_evaluation", "fixed", "10000", "EUR", [])
    with pytest.raises(ValidationError) as excinfo:
        cost_share_set(
            item=item, shares=[{"payer": "gov_destination", "percent": 50}, {"payer": "other", "percent": 50}]
        )
    assert "Share 2: name the paying organisation" in messages(excinfo, "organisation")
    assert shares_of(item) == []


def test_it_rejects_an_unknown_payer_code(transport):
    with pytest.raises(ValidationError) as excinfo:
        cost_share_set(item=transport, shares=[{"payer": "donor", "percent": 100}])
    assert "donor is not a payer code" in messages(excinfo, "payer")


def test_it_refuses_a_migrant_share_on_a_payment_to_migrants(partnership):
    stipend = add(partnership, "training", "training_stipend", "per_trainee", "50", "EUR", [])
    with pytest.raises(ValidationError) as excinfo:
        cost_share_set(item=stipend, shares=[{"payer": "migrant", "percent": 100}])
    assert "migrants cannot pay it" in messages(excinfo, "payer")


def test_it_refuses_a_migrant_instrument_for_an_employer(transport):
    with pytest.raises(ValidationError) as excinfo:
        cost_share_set(item=transport, shares=[{"payer": "employer", "percent": 100, "instrument": "wage_deduction"}])
    assert "the instrument Wage deduction does not fit the payer Employer" in messages(excinfo, "instrument")


def test_all_errors_are_reported_at_once(transport):
    with pytest.raises(ValidationError) as excinfo:
        cost_share_set(item=transport, shares=[{"payer": "donor", "percent": 0}, {"payer": "other", "percent": 50}])
    assert set(excinfo.value.message_dict) == {"payer", "percent", "organisation"}


#
# Shares: what is written
#


def test_setting_shares_replaces_the_whole_set(transport):
    employer = OrganisationFactory(employer=True)
    cost_share_set(
        item=transport,
        shares=[
            {"payer": "employer", "percent": "75.50", "organisation": employer, "timing": "on_arrival"},
            {"payer": "gov_destination", "percent": "24.50", "instrument": "fee_waiver"},
        ],
    )
    assert shares_of(transport) == [("employer", employer.pk, D("75.50")), ("gov_destination", None, D("24.50"))]


def test_an_unchanged_share_is_updated_in_place(transport):
    employer_share = CostShare.objects.get(item=transport, payer="employer")
    cost_share_set(item=transport, shares=[{"payer": "employer", "percent": 100, "committed": True}])
    kept = CostShare.objects.get(item=transport)
    assert (kept.pk, kept.percent, kept.committed) == (employer_share.pk, D("100.00"), True)


def test_an_empty_list_puts_the_item_back_to_draft(transport):
    cost_share_set(item=transport, shares=[])
    assert shares_of(transport) == []


def test_every_write_raises_the_partnership_version(partnership, transport):
    start = type(partnership).objects.get(pk=partnership.pk).version
    cost_share_set(item=transport, shares=[{"payer": "employer", "percent": 100}])
    cost_item_update(item=transport, amount=D("310"))
    cost_item_delete(item=transport)
    assert type(partnership).objects.get(pk=partnership.pk).version == start + 3


def test_a_stale_version_is_a_conflict_and_writes_nothing(partnership, transport):
    current = type(partnership).objects.get(pk=partnership.pk).version
    before = shares_of(transport)
    with pytest.raises(ConflictError):
        cost_share_set(item=transport, shares=[{"payer": "employer", "percent": 100}], expected_version=current - 1)
    assert shares_of(transport) == before
    cost_share_set(item=transport, shares=[{"payer": "employer", "percent": 100}], expected_version=current)
    assert shares_of(transport) == [("employer", None, D("100.00"))]


def test_share_changes_are_recorded_in_history_with_the_user(transport):
    from accounts.tests.factories import UserFactory

    user = UserFactory()
    cost_share_set(item=transport, shares=[{"payer": "employer", "percent": 100}], user=user)
    latest = CostShare.history.filter(item_id=transport.pk).order_by("-history_date", "-history_id").first()
    assert latest.history_user == user


#
# Items
#


def test_it_rejects_an_unknown_currency_and_writes_nothing(partnership):
    with pytest.raises(ValidationError) as excinfo:
        cost_item_create(
            partnership=partnership,
            category="travel",
            subitem="transport",
            amount=D("10"),
            currency="XYZ",
        )
    assert messages(excinfo, "currency") == "XYZ is not an ISO 4217 currency code."
    assert not CostItem.objects.filter(partnership=partnership).exists()


def test_it_rejects_a_negative_amount(partnership):
    with pytest.raises(ValidationError) as excinfo:
        cost_item_create(
            partnership=partnership, category="travel", subitem="transport", amount=D("-1"), currency="EUR"
        )
    assert "cannot be negative" in messages(excinfo, "amount")
    assert not CostItem.objects.filter(partnership=partnership).exists()


def test_it_rejects_a_subitem_of_another_category(partnership):
    with pytest.raises(ValidationError) as excinfo:
        cost_item_create(partnership=partnership, category="training", subitem="transport", amount=1, currency="EUR")
    assert "does not belong to the category" in messages(excinfo, "subitem")


def test_it_rejects_a_country_of_another_partnership(partnership):
    elsewhere = PartnershipCountryFactory(country="FR")
    with pytest.raises(ValidationError) as excinfo:
        cost_item_create(
            partnership=partnership, category="travel", subitem="transport", amount=1, currency="EUR", country=elsewhere
        )
    assert "country" in excinfo.value.message_dict


def test_the_basis_defaults_to_the_subitems_typical_basis(partnership):
    item = cost_item_create(
        partnership=partnership, category="training", subitem="training_delivery", amount=1, currency="EUR"
    )
    assert item.basis == "per_trainee"


def test_an_item_cannot_become_a_stipend_while_migrants_pay_a_share(partnership):
    item = add(
        partnership,
        "training",
        "other",
        "fixed",
        "10",
        "EUR",
        [{"payer": "migrant", "percent": 100}],
        description="Books",
    )
    with pytest.raises(ValidationError) as excinfo:
        cost_item_update(item=item, subitem="training_stipend")
    assert "payment to migrants" in messages(excinfo, "subitem")


def test_deleting_an_item_deletes_its_shares(transport):
    cost_item_delete(item=transport)
    assert not CostShare.objects.filter(item_id=transport.pk).exists()


#
# Exchange rates
#


def test_a_rate_is_stored_in_its_stated_direction_and_replaced_for_the_same_day():
    exchange_rate_set(base_currency="eur", quote_currency="MAD", rate="10.5", as_of=VALUATION, source="central bank")
    exchange_rate_set(base_currency="EUR", quote_currency="MAD", rate="10.6", as_of=VALUATION)
    assert list(ExchangeRate.objects.values_list("base_currency", "quote_currency", "rate")) == [
        ("EUR", "MAD", D("10.60000000"))
    ]


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"rate": "0"}, "rate"),
        ({"rate": "-2"}, "rate"),
        ({"rate": "abc"}, "rate"),
        ({"base_currency": "XYZ"}, "base_currency"),
        ({"quote_currency": "EUR"}, "quote_currency"),
    ],
)
def test_it_rejects_an_invalid_rate(arguments, field):
    values = {"base_currency": "EUR", "quote_currency": "MAD", "rate": "10", "as_of": VALUATION} | arguments
    with pytest.raises(ValidationError) as excinfo:
        exchange_rate_set(**values)
    assert field in excinfo.value.message_dict
    assert not ExchangeRate.objects.exists()


def test_a_draft_item_has_no_shares_and_counts_as_unassigned(partnership):
    CostItemFactory(partnership=partnership, amount=D("500"))
    summary = partnership_cost_summary(partnership=partnership, valuation_date=VALUATION)
    assert summary.unassigned_total == D("500.00")


#
# The admin saves through the same services
#


def _admin_post(partnership, item, shares):
    data = {
        "partnership": partnership.pk,
        "category": item.category,
        "subitem": item.subitem,
        "description": "",
        "amount": "300.00",
        "currency": "EUR",
        "basis": item.basis,
        "phase": "",
        "shares-TOTAL_FORMS": str(len(shares)),
        "shares-INITIAL_FORMS": "0",
        "shares-MIN_NUM_FORMS": "0",
        "shares-MAX_NUM_FORMS": "1000",
    }
    for index, share in enumerate(shares):
        data |= {
            f"shares-{index}-payer": share["payer"],
            f"shares-{index}-percent": share["percent"],
            f"shares-{index}-timing": "unknown",
            f"shares-{index}-risk_mitigation": "none",
            f"shares-{index}-committed": "unknown",
        }
    return data


def test_the_admin_refuses_shares_not_totalling_100(client, partnership):
    from accounts.tests.factories import UserFactory

    item = CostItemFactory(partnership=partnership, category="travel", subitem="transport", amount=D("300"))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/costs/costitem/{item.pk}/change/"
    response = client.post(
        url,
        _admin_post(partnership, item, [{"payer": "employer", "percent": "80"}, {"payer": "migrant", "percent": "15"}]),
    )
    assert response.status_code == 200
    assert "total 95.00 %, must be 100.00 %" in response.content.decode()
    assert shares_of(item) == []


def test_the_admin_saves_valid_shares_through_the_service(client, partnership):
    from accounts.tests.factories import UserFactory

    item = CostItemFactory(partnership=partnership, category="travel", subitem="transport", amount=D("300"))
    version = type(partnership).objects.get(pk=partnership.pk).version
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/costs/costitem/{item.pk}/change/"
    response = client.post(
        url,
        _admin_post(partnership, item, [{"payer": "employer", "percent": "80"}, {"payer": "migrant", "percent": "20"}]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert shares_of(item) == [("employer", None, D("80.00")), ("migrant", None, D("20.00"))]
    assert type(partnership).objects.get(pk=partnership.pk).version > version


#
# A partnership's own exchange rates (the wizard's costs step, issue #19)
#


def test_a_partnerships_own_rate_raises_its_version_and_replaces_its_previous_rate(partnership):
    version = partnership.version
    first = exchange_rate_set(
        partnership=partnership, base_currency="mad", quote_currency="EUR", rate="0.1", as_of=VALUATION, source="BAM"
    )
    assert first.partnership == partnership and partnership.version == version + 1
    second = exchange_rate_set(
        partnership=partnership,
        base_currency="MAD",
        quote_currency="EUR",
        rate="0.092",
        as_of=datetime.date(2025, 6, 1),
        expected_version=partnership.version,
    )
    assert second.pk == first.pk  # one own rate per pair
    assert list(ExchangeRate.objects.values_list("partnership", "rate", "as_of", "source")) == [
        (partnership.pk, D("0.09200000"), datetime.date(2025, 6, 1), "")
    ]
    assert partnership.history.first().history_change_reason == "exchange rate set: MAD→EUR"


def test_an_own_rate_is_used_for_its_partnership_only(partnership):
    other = PartnershipFactory(reporting_currency="EUR")
    for owner in (partnership, other):
        CostItemFactory(partnership=owner, amount=D("1000"), currency="MAD")
    ExchangeRateFactory(base_currency="MAD", quote_currency="EUR", rate=D("0.10"), as_of=VALUATION)
    exchange_rate_set(partnership=partnership, base_currency="MAD", quote_currency="EUR", rate="0.09", as_of=VALUATION)
    assert partnership_cost_summary(partnership=partnership, valuation_date=VALUATION).total == D("90.00")
    assert partnership_cost_summary(partnership=other, valuation_date=VALUATION).total == D("100.00")
    # The shared reference rate of the same day is still there, unchanged; the global path never touches own rows.
    exchange_rate_set(base_currency="MAD", quote_currency="EUR", rate="0.11", as_of=VALUATION)
    assert ExchangeRate.objects.get(partnership=partnership).rate == D("0.09")
    assert ExchangeRate.objects.get(partnership=None).rate == D("0.11")


def test_an_own_rate_with_a_stale_version_or_a_future_date_is_refused(partnership):
    with pytest.raises(ConflictError):
        exchange_rate_set(
            partnership=partnership,
            base_currency="MAD",
            quote_currency="EUR",
            rate="0.1",
            as_of=VALUATION,
            expected_version=partnership.version - 1 if partnership.version > 1 else 99,
        )
    with pytest.raises(ValidationError) as excinfo:
        exchange_rate_set(
            partnership=partnership,
            base_currency="MAD",
            quote_currency="EUR",
            rate="0.1",
            as_of=datetime.date.today() + datetime.timedelta(days=2),
        )
    assert "as_of" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        exchange_rate_set(
            partnership=partnership, base_currency="MAD", quote_currency="EUR", rate="1e12", as_of=VALUATION
        )
    assert "too large" in excinfo.value.message_dict["rate"][0]
    assert not ExchangeRate.objects.exists()
