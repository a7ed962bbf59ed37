"""Filtersets of the recruitment API."""

from __future__ import annotations

import django_filters

from api.filters import IdFilter
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
