"""Filtersets of the feasibility API."""

from __future__ import annotations

import django_filters

from api.filters import IdFilter
from feasibility.models import FeasibilityRun, RecruitmentVerdict, RunStatus


class FeasibilityRunFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    status = django_filters.MultipleChoiceFilter(choices=RunStatus.choices)
    recruitment_verdict = django_filters.ChoiceFilter(choices=RecruitmentVerdict.choices)
    created_since = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")

    class Meta:
        model = FeasibilityRun
        fields: list[str] = []
