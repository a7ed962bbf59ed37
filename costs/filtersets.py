"""Filtersets of the costs API."""

from __future__ import annotations

import django_filters

from api.filters import IdFilter
from codelists import costs as c
from costs import models as m
from smp.fields import CURRENCY_CHOICES


class CostItemFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    category = django_filters.ChoiceFilter(choices=c.CostCategory.choices)
    subitem = django_filters.ChoiceFilter(choices=c.CostSubitem.choices)
    currency = django_filters.ChoiceFilter(choices=CURRENCY_CHOICES)
    payer = django_filters.ChoiceFilter(field_name="shares__payer", choices=c.Payer.choices, distinct=True)

    class Meta:
        model = m.CostItem
        fields: list[str] = []


class ExchangeRateFilterSet(django_filters.FilterSet):
    base_currency = django_filters.ChoiceFilter(choices=CURRENCY_CHOICES)
    quote_currency = django_filters.ChoiceFilter(choices=CURRENCY_CHOICES)
    as_of_before = django_filters.DateFilter(field_name="as_of", lookup_expr="lte")

    class Meta:
        model = m.ExchangeRate
        fields: list[str] = []
