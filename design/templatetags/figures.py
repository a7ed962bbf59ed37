"""Figures as people read them: ``{{ total|money:"EUR" }}`` → "5,133,000.00 EUR" (grouped and with the decimal
mark of the active language), ``{{ share|percent }}`` → "2.61 %". ``{% load figures %}``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

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


@register.filter
def money(value, currency: str = "") -> str:
    """An amount with two decimals, thousands grouped, followed by its ISO currency code."""
    number = _number(value)
    if number is None:
        return ""
    text = number_format(number, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{text} {currency}".strip()


@register.filter
def percent(value) -> str:
    """A percentage with two decimals: "2.61 %"."""
    number = _number(value)
    if number is None:
        return ""
    return f"{number_format(number, decimal_pos=2, use_l10n=True, force_grouping=True)} %"
