"""Filtersets of the costs API."""

from __future__ import annotations

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

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


@extend_schema_field({"type": "integer", "minimum": 1990, "maximum": 2100})
class YearFilter(django_filters.NumberFilter):
    """A calendar year between 1990 and 2100 (the years spending is recorded for), else a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1990)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class ActualSpendingFilterSet(django_filters.FilterSet):
    """Spending records by partnership (through the cost item), item, reporting period, year and payer."""

    partnership = IdFilter(field_name="item__partnership_id")
    item = IdFilter(field_name="item_id")
    period = IdFilter(field_name="period_id")
    year = YearFilter()
    payer = django_filters.ChoiceFilter(choices=c.Payer.choices)
    organisation = IdFilter(field_name="organisation_id")

    class Meta:
        model = m.ActualSpending
        fields: list[str] = []
