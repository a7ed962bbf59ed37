"""The cost arithmetic of SMP-DOMAIN §8.4, checked against its worked example to the cent.

These tests use plain objects, not database rows: ``costs.calculations`` is pure. The database-backed
path (``partnership_cost_summary``) is covered in ``test_services.py``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from codelists.costs import FUNDING_SOURCE_PAYER, RECRUITMENT_RELATED, Payer, minor_unit
from codelists.stakeholders import OrganisationCategory, Side
from costs.calculations import (
    MissingExchangeRate,
    RateTable,
    actual_cost_per_migrant,
    cost_summary,
    item_quantity,
    missing_rates,
    round_money,
    round_percent,
)

D = Decimal
TODAY = datetime.date(2025, 6, 30)


def rate(base, quote, value, as_of=datetime.date(2025, 1, 1), source="test"):
    return SimpleNamespace(base_currency=base, quote_currency=quote, rate=D(value), as_of=as_of, source=source)


def share(payer, percent, organisation=None):
    return SimpleNamespace(
        payer=payer,
        percent=D(percent),
        organisation=organisation,
        organisation_id=getattr(organisation, "pk", None),
    )


def item(pk, category, subitem, basis, amount, currency, shares=(), country_id=None, actual=None, year=None):
    return SimpleNamespace(
        pk=pk,
        category=category,
        subitem=subitem,
        basis=basis,
        amount=D(amount),
        currency=currency,
        shares=list(shares),
        country_id=country_id,
        country=None,
        actual_amount=None if actual is None else D(actual),
        year=year,
    )


class Org(SimpleNamespace):
    def __str__(self) -> str:
        return self.name


DONOR = Org(pk=900, category=OrganisationCategory.DONOR, name="EU facility")
ORIGIN_ROW = 10  # PartnershipCountry id of Morocco in the example


def worked_example_items():
    """The six items of §8.4 (Morocco → euro area; N = 50, T = 60)."""
    return [
        item(1, "project_implementation", "partnership_meetings", "fixed", "20000", "EUR",
             [share("gov_destination", "50"), share("gov_origin", "50")]),
        item(2, "training", "training_delivery", "per_trainee", "10000", "MAD",
             [share("employer", "40"), share("gov_destination", "40"), share("gov_origin", "20")],
             country_id=ORIGIN_ROW),
        item(3, "travel", "visa_immigration", "per_migrant", "100", "EUR", [share("employer", "100")]),
        item(4, "travel", "transport", "per_migrant", "300", "EUR", [share("employer", "80"), share("migrant", "20")]),
        item(5, "pre_selection", "candidate_screening", "fixed", "50000", "MAD", [share("gov_origin", "100")]),
        item(6, "monitoring_evaluation", "external_evaluation", "fixed", "10000", "EUR",
             [share("gov_destination", "50"), share("other", "50", organisation=DONOR)]),
    ]  # fmt: skip


def eur_summary(items=None, **overrides):
    rates = RateTable.from_rows([rate("MAD", "EUR", "0.10")], valuation_date=TODAY)
    arguments = {
        "items": worked_example_items() if items is None else items,
        "planned_migrants": 50,
        "planned_trainees": 60,
        "reporting_currency": "EUR",
        "rates": rates,
        "origin_country_ids": [ORIGIN_ROW],
    }
    arguments.update(overrides)
    return cost_summary(**arguments)


#
# The worked example, in EUR
#


def test_worked_example_total_is_115000_eur():
    assert eur_summary().total == D("115000.00")


def test_worked_example_splits_essential_and_voluntary():
    summary = eur_summary()
    assert (summary.essential_total, summary.voluntary_total) == (D("105000.00"), D("10000.00"))


def test_worked_example_splits_by_basis():
    summary = eur_summary()
    assert summary.by_basis == {"fixed": D("35000.00"), "per_migrant": D("20000.00"), "per_trainee": D("60000.00")}
    assert (summary.fixed_total, summary.variable_total) == (D("35000.00"), D("80000.00"))


def test_worked_example_splits_by_category():
    assert eur_summary().by_category == {
        "project_implementation": D("20000.00"),
        "pre_selection": D("5000.00"),
        "training": D("60000.00"),
        "travel": D("20000.00"),
        "monitoring_evaluation": D("10000.00"),
    }


def test_cost_per_migrant_is_2300_and_per_trainee_rounds_half_up_to_1916_67():
    summary = eur_summary()
    assert summary.cost_per_migrant == D("2300.00")
    assert summary.cost_per_trainee == D("1916.67")


def test_totals_by_payer_match_the_example_and_sum_to_the_total():
    summary = eur_summary()
    assert summary.by_payer == {
        "gov_destination": D("39000.00"),
        "gov_origin": D("27000.00"),
        "employer": D("41000.00"),
        "migrant": D("3000.00"),
        "other": D("5000.00"),
    }
    assert sum(summary.by_payer.values()) == summary.total


def test_payer_shares_of_total_are_rounded_to_hundredths():
    assert eur_summary().payer_share_pct == {
        "gov_destination": D("33.91"),
        "gov_origin": D("23.48"),
        "employer": D("35.65"),
        "migrant": D("2.61"),
        "other": D("4.35"),
    }


def test_public_share_counts_both_governments_and_a_donor_paying_as_other():
    summary = eur_summary()
    assert summary.public_total == D("71000.00")
    assert summary.public_share_pct == D("61.74")


def test_other_paid_by_a_private_foundation_is_not_public_money():
    foundation = Org(pk=901, category=OrganisationCategory.OTHER, name="Foundation")
    items = worked_example_items()
    items[5].shares[1] = share("other", "50", organisation=foundation)
    assert eur_summary(items).public_total == D("66000.00")


def test_migrant_borne_total_per_migrant_and_share():
    summary = eur_summary()
    assert summary.migrant_total == D("3000.00")
    assert summary.migrant_cost_per_migrant == D("60.00")
    assert summary.migrant_share_pct == D("2.61")


def test_migrant_share_of_recruitment_and_travel_items_is_12_percent():
    summary = eur_summary()
    assert summary.recruitment_travel_total == D("25000.00")
    assert summary.migrant_share_of_recruitment_travel_pct == D("12.00")


def test_migrant_share_on_a_recruitment_related_subitem_is_reported():
    assert eur_summary().migrant_recruitment_related_total == D("3000.00")


def test_organisation_amounts_are_listed_per_payer():
    (donor_line,) = eur_summary().by_organisation
    assert (donor_line.payer, donor_line.organisation_name, donor_line.amount) == ("other", "EU facility", D("5000.00"))


def test_origin_training_is_80_percent_paid_from_outside_the_origin():
    summary = eur_summary()
    assert summary.origin_training_total == D("60000.00")
    assert summary.origin_training_external_share_pct == D("80.00")


def test_origin_training_is_recognised_by_the_country_side_when_no_ids_are_given():
    items = worked_example_items()
    items[1].country = SimpleNamespace(side=Side.ORIGIN)
    assert eur_summary(items, origin_country_ids=None).origin_training_external_share_pct == D("80.00")


def test_fully_assigned_items_leave_nothing_unassigned():
    summary = eur_summary()
    assert summary.unassigned_total == D("0.00")
    assert summary.unassigned_item_ids == ()
    assert summary.invalid_share_item_ids == ()


def test_items_without_shares_count_as_unassigned():
    items = worked_example_items()
    items[0].shares = []  # 20,000 EUR, essential
    items[5].shares = []  # 10,000 EUR, voluntary
    summary = eur_summary(items)
    assert summary.unassigned_total == D("30000.00")
    assert summary.unassigned_essential_total == D("20000.00")
    assert summary.unassigned_item_ids == (1, 6)


def test_the_rate_used_is_reported_with_its_date():
    (used,) = eur_summary().rates_used
    assert (used.base, used.quote, used.rate, used.as_of) == ("MAD", "EUR", D("0.10"), datetime.date(2025, 1, 1))


def test_item_figures_give_own_currency_and_converted_totals():
    training = eur_summary().items[1]
    assert (training.quantity, training.total_own, training.currency, training.total) == (
        60,
        D("600000.00"),
        "MAD",
        D("60000.00"),
    )


def test_as_dict_is_json_ready_with_exact_decimal_strings():
    data = eur_summary().as_dict()
    assert data["total"] == "115000.00"
    assert data["cost_per_trainee"] == "1916.67"
    assert data["by_payer"]["migrant"] == "3000.00"
    assert data["valuation_date"] == "2025-06-30"
    assert data["rates_used"][0]["as_of"] == "2025-01-01"


#
# Multi-currency: reporting in MAD
#


def test_reporting_in_mad_uses_the_eur_to_mad_rate_and_gives_1150000():
    rates = RateTable.from_rows([rate("EUR", "MAD", "10")], valuation_date=TODAY)
    summary = eur_summary(reporting_currency="MAD", rates=rates)
    assert summary.total == D("1150000.00")
    assert summary.cost_per_migrant == D("23000.00")


def test_a_rate_is_never_inverted_automatically():
    rates = RateTable.from_rows([rate("MAD", "EUR", "0.10")], valuation_date=TODAY)
    with pytest.raises(MissingExchangeRate) as excinfo:
        eur_summary(reporting_currency="MAD", rates=rates)
    assert (excinfo.value.base, excinfo.value.quote) == ("EUR", "MAD")
    assert "EUR→MAD" in str(excinfo.value)


def test_an_item_in_usd_without_a_usd_to_eur_rate_fails_naming_the_pair():
    items = [*worked_example_items(), item(7, "travel", "transport", "fixed", "1000", "USD")]
    with pytest.raises(MissingExchangeRate) as excinfo:
        eur_summary(items)
    assert excinfo.value.pairs == (("USD", "EUR"),)
    assert "USD→EUR" in str(excinfo.value)


def test_missing_rates_lists_every_pair_that_cannot_be_converted():
    items = [*worked_example_items(), item(7, "travel", "transport", "fixed", "1", "USD")]
    rates = RateTable(valuation_date=TODAY)
    assert missing_rates(items=items, reporting_currency="EUR", rates=rates) == [("MAD", "EUR"), ("USD", "EUR")]


#
# Rate selection
#


def test_the_latest_rate_on_or_before_the_valuation_date_is_used():
    rows = [
        rate("MAD", "EUR", "0.09", as_of=datetime.date(2024, 1, 1)),
        rate("MAD", "EUR", "0.10", as_of=datetime.date(2025, 1, 1)),
        rate("MAD", "EUR", "0.20", as_of=datetime.date(2025, 12, 31)),  # after the valuation date
    ]
    table = RateTable.from_rows(reversed(rows), valuation_date=TODAY)
    assert table.rate("MAD", "EUR") == D("0.10")


def test_a_rate_dated_after_the_valuation_date_is_missing():
    table = RateTable.from_rows([rate("MAD", "EUR", "0.10", as_of=datetime.date(2026, 1, 1))], valuation_date=TODAY)
    with pytest.raises(MissingExchangeRate):
        table.rate("MAD", "EUR")


def test_a_partnerships_own_rate_wins_over_a_later_reference_rate_and_only_for_it():
    """Own rates (entered in the costs step) come first; other partnerships' own rates never count."""
    rows = [
        rate("MAD", "EUR", "0.10", as_of=datetime.date(2025, 5, 1)),  # reference, later
        SimpleNamespace(**vars(rate("MAD", "EUR", "0.09", as_of=datetime.date(2025, 1, 1))), partnership_id=7),
        SimpleNamespace(**vars(rate("MAD", "EUR", "0.05", as_of=datetime.date(2025, 6, 1))), partnership_id=8),
    ]
    own = RateTable.from_rows(rows, valuation_date=TODAY, partnership_id=7).quote_for("MAD", "EUR")
    assert (own.rate, own.own) == (D("0.09"), True)
    reference = RateTable.from_rows(rows, valuation_date=TODAY).quote_for("MAD", "EUR")
    assert (reference.rate, reference.own) == (D("0.10"), False)
    assert RateTable.from_rows(rows, valuation_date=TODAY, partnership_id=9).rate("MAD", "EUR") == D("0.10")


def test_the_same_currency_converts_at_one():
    assert RateTable(valuation_date=TODAY).rate("EUR", "EUR") == D(1)


#
# Counts, rounding and edge cases
#


def test_quantity_is_one_for_fixed_n_per_migrant_and_t_per_trainee():
    assert item_quantity("fixed", planned_migrants=50, planned_trainees=60) == 1
    assert item_quantity("per_migrant", planned_migrants=50, planned_trainees=60) == 50
    assert item_quantity("per_trainee", planned_migrants=50, planned_trainees=60) == 60


def test_trainees_default_to_migrants():
    assert item_quantity("per_trainee", planned_migrants=50, planned_trainees=None) == 50
    assert eur_summary(planned_trainees=None).cost_per_trainee == eur_summary(planned_trainees=None).cost_per_migrant


def test_without_planned_migrants_per_migrant_figures_are_empty_with_a_note():
    summary = eur_summary(planned_migrants=0)
    assert summary.cost_per_migrant is None
    assert summary.migrant_cost_per_migrant is None
    assert "no_planned_migrants" in {note.code for note in summary.notes}


def test_an_empty_cost_table_has_zero_totals_and_no_percentages():
    summary = eur_summary(items=[])
    assert summary.total == D("0.00")
    assert summary.public_share_pct is None
    assert set(summary.payer_share_pct.values()) == {None}


def test_shares_not_totalling_100_are_flagged_not_hidden():
    items = worked_example_items()
    items[3].shares = [share("employer", "80"), share("migrant", "15")]
    summary = eur_summary(items)
    assert summary.invalid_share_item_ids == (4,)
    assert "shares_not_100" in {note.code for note in summary.notes}


def test_money_is_rounded_to_the_reporting_currency_minor_unit():
    assert round_money(D("1916.665"), "EUR") == D("1916.67")
    assert round_money(D("1916.5"), "JPY") == D("1917")
    assert round_money(D("1.2345"), "JOD") == D("1.235")
    assert (minor_unit("USD"), minor_unit("JPY"), minor_unit("BHD")) == (2, 0, 3)


def test_percentages_are_rounded_half_up_to_hundredths():
    assert round_percent(D("2.605")) == D("2.61")
    assert round_percent(D("61.7391")) == D("61.74")


def test_no_intermediate_rounding_happens_before_the_output():
    # 3 × 0.005 = 0.015 exactly; only the output figures are rounded (half up).
    rates = RateTable(valuation_date=TODAY)
    items = [item(1, "training", "training_delivery", "per_trainee", "0.005", "EUR")]
    summary = cost_summary(items=items, planned_migrants=3, planned_trainees=3, reporting_currency="EUR", rates=rates)
    assert summary.total == D("0.02")  # 0.015 → 0.02
    assert summary.cost_per_trainee == D("0.01")  # 0.005 → 0.01


def test_actual_totals_by_year_and_cost_per_migrant_deployed():
    items = [
        item(1, "travel", "transport", "fixed", "1000", "EUR", actual="900", year=2024),
        item(2, "training", "training_delivery", "fixed", "1000", "MAD", actual="5000", year=2024),
        item(3, "travel", "visa_immigration", "fixed", "1000", "EUR", actual="300", year=2025),
    ]
    summary = eur_summary(items)
    assert summary.actual_by_year == {2024: D("1400.00"), 2025: D("300.00")}
    assert summary.actual_coverage_pct == D("100.00")
    assert actual_cost_per_migrant(
        actual_by_year=summary.actual_by_year, migrants_deployed_by_year={2024: 7, 2025: 0}, currency="EUR"
    ) == {2024: D("200.00"), 2025: None}


#
# Code lists the arithmetic depends on
#


def test_recruitment_related_holds_exactly_the_subitems_marked_yes_in_the_cost_table():
    marked_yes = [
        "migrant_support_services",
        "candidate_screening",
        "skills_testing",
        "information_orientation",
        "skills_recognition",
        "training_delivery",
        "transport",
        "visa_immigration",
    ]
    assert sorted(RECRUITMENT_RELATED) == sorted(marked_yes)


def test_there_are_exactly_five_payer_codes():
    assert Payer.values == ["gov_destination", "gov_origin", "employer", "migrant", "other"]


def test_every_funding_source_maps_to_a_payer_code():
    from codelists.partnerships import FundingSource

    assert set(FUNDING_SOURCE_PAYER) == set(FundingSource.values)
    assert set(FUNDING_SOURCE_PAYER.values()) <= set(Payer.values)
