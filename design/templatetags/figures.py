"""Figures as people read them: ``{{ total|money:"EUR" }}`` → "5,133,000.00 EUR" (grouped and with the decimal
mark of the active language), ``{{ share|percent }}`` → "2.61 %", ``{{ count|number }}`` → "10,000"
(``number:1``: one decimal). ``{% load figures %}``. Values are rounded half up to the decimals shown
(``number_format`` alone would cut them)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


def _number(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _grouped(number: Decimal, decimals: int) -> str:
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def money(value, currency: str = "") -> str:
    """An amount with two decimals, thousands grouped, followed by its ISO currency code."""
    number = _number(value)
    if number is None:
        return ""
    return f"{_grouped(number, 2)} {currency}".strip()


@register.filter
def percent(value) -> str:
    """A percentage with two decimals: "2.61 %"."""
    number = _number(value)
    if number is None:
        return ""
    return f"{_grouped(number, 2)} %"


@register.filter
def number(value, decimals=0) -> str:
    """A count or a plain figure, thousands grouped, with ``decimals`` decimals (default none): "10,000"."""
    number_ = _number(value)
    if number_ is None:
        return ""
    return _grouped(number_, int(decimals))
