"""Figures read as people write them: grouped thousands, two decimals, the currency code, in the reader's
language (the wizard's cost figures used to read "5133000.00 USD")."""

from __future__ import annotations

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from design.templatetags.figures import money, number, percent


def test_an_amount_has_grouped_thousands_two_decimals_and_its_currency():
    assert money(Decimal("5133000"), "USD") == "5,133,000.00 USD"
    assert money("1234.5", "EUR") == "1,234.50 EUR"
    assert money(None, "EUR") == ""


def test_figures_follow_the_readers_language():
    with translation.override("fr"):
        assert money(Decimal("5133000"), "EUR") == "5\xa0133\xa0000,00 EUR"
        assert percent(Decimal("2.6")) == "2,60 %"
    with translation.override("es"):
        assert money(Decimal("1234.5"), "EUR") == "1\xa0234,50 EUR"


def test_the_filters_work_in_a_template():
    rendered = Template('{% load figures %}{{ total|money:"EUR" }} ({{ share|percent }})').render(
        Context({"total": Decimal("120000"), "share": Decimal("2.61")})
    )
    assert rendered == "120,000.00 EUR (2.61 %)"


def test_a_count_is_grouped_in_the_readers_language():
    assert number(10000) == "10,000"
    assert number(Decimal("87.25"), 1) == "87.3"  # rounded half up, not cut
    assert percent(Decimal("2.605")) == "2.61 %"
    assert number(None) == ""
    with translation.override("fr"):
        assert number(10000) == "10\xa0000"
