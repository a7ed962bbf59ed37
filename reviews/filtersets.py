"""Filtersets of the review API: transitions and comments by partnership, action, element or state."""

from __future__ import annotations

import django_filters

from api.filters import IdFilter
from codelists.partnerships import ElementCode, ReviewAction
from reviews.models import ReviewComment, ReviewTransition


class ReviewTransitionFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    action = django_filters.MultipleChoiceFilter(choices=ReviewAction.choices)

    class Meta:
        model = ReviewTransition
        fields: list[str] = []


class ReviewCommentFilterSet(django_filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")
    element = django_filters.ChoiceFilter(choices=ElementCode.choices)
    requests_change = django_filters.BooleanFilter()
    resolved = django_filters.BooleanFilter()

    class Meta:
        model = ReviewComment
        fields: list[str] = []
