"""Filtersets of the recruitment API."""

from __future__ import annotations

import django_filters

from api.filters import CountryCodeFilter, IdFilter
from recruitment import models as m


class RecruiterFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    organisation = IdFilter(field_name="organisation_id")

    class Meta:
        model = m.Recruiter
        fields: list[str] = []


class RecruitmentArrangementFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    origin = IdFilter(field_name="origin_id")
    destination = IdFilter(field_name="destination_id")

    class Meta:
        model = m.RecruitmentArrangement
        fields: list[str] = []


class WhoSslEntryFilterSet(django_filters.FilterSet):
    """``?country=XK``, ``?edition=2023``."""

    country = CountryCodeFilter(field_name="country")
    edition = django_filters.NumberFilter(field_name="edition", min_value=1900, max_value=2100)

    class Meta:
        model = m.WhoSslEntry
        fields: list[str] = []
