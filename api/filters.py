"""Filters shared by the API's filtersets: bounded ids, ISO country codes, stable ordering."""

from __future__ import annotations

import functools

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework.filters import OrderingFilter

MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An id (``?partnership=12``): a positive integer within the database's range, else a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@functools.cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code django-countries knows (with the XK override)."""
    return frozenset(code for code, _name in countries)


class CountryCodeField(forms.CharField):
    """A country code, validated against a set (no 250-entry choice list to copy per request)."""

    default_error_messages = {"unknown": _("%(value)s is not an ISO 3166-1 alpha-2 country code.")}

    def to_python(self, value):
        value = super().to_python(value).strip().upper()
        if value and value not in country_codes():
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"value": value[:10]})
        return value


@extend_schema_field({"type": "string", "pattern": "^[A-Za-z]{2}$", "description": "ISO 3166-1 alpha-2 (XK: Kosovo)"})
class CountryCodeFilter(django_filters.CharFilter):
    """An ISO 3166-1 alpha-2 code (XK for Kosovo), upper or lower case."""

    field_class = CountryCodeField


class StableOrderingFilter(OrderingFilter):
    """``?ordering=name`` still ends with the primary key, so pages never overlap or skip rows on ties."""

    def get_ordering(self, request, queryset, view):
        ordering = list(super().get_ordering(request, queryset, view) or [])
        pk_name = queryset.model._meta.pk.name
        if not any(term.lstrip("-") in (pk_name, "pk") for term in ordering):
            ordering.append(pk_name)
        return ordering


def row_filterset(model, fields: list[str] | tuple[str, ...] = (), *, partnership_path: str = "partnership_id"):
    """A filterset for rows of a partnership: ``partnership`` (id) declared explicitly, plus exact ``fields``."""
    import django_filters as df

    attrs = {
        "partnership": IdFilter(field_name=partnership_path),
        "Meta": type("Meta", (), {"model": model, "fields": list(fields)}),
    }
    return type(f"{model.__name__}FilterSet", (df.FilterSet,), attrs)
