"""Pagination (page and total in one query on PostgreSQL) and the filter backend that skips unused filtersets.

Both only save work: every answer, count, link and error must be the one of DRF's ``PageNumberPagination``
and django-filter's ``DjangoFilterBackend``.
"""

from __future__ import annotations

from unittest import mock

import django_filters
import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.filters import ApiFilterBackend, filters_nothing_when_empty
from api.pagination import TOTAL, WindowCountPaginator
from partnerships.filtersets import PartnershipFilterSet
from partnerships.models import Partnership
from partnerships.tests.factories import PartnershipFactory
from stakeholders.models import Participation
from stakeholders.tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven(employers_association, dest_ministry):
    """Seven partnerships of the employers' association; the ministry takes part in the first three too."""
    rows = [PartnershipFactory(name=f"Scheme {n}") for n in range(7)]
    for n, p in enumerate(rows):
        ParticipationFactory(partnership=p, organisation=employers_association)
        if n < 3:
            ParticipationFactory(partnership=p, organisation=dest_ministry)
    return rows


def _pages(paginator_class, queryset, per_page):
    paginator = paginator_class(queryset, per_page)
    pages = []
    number = 1
    while True:
        page = paginator.page(number)
        pages.append((list(page), page.has_next(), page.has_previous(), paginator.count, paginator.num_pages))
        if not page.has_next():
            return pages
        number += 1


@pytest.mark.parametrize("per_page", [1, 3, 7, 50])
def test_pages_and_totals_are_those_of_djangos_paginator(seven, per_page):
    models = Partnership.objects.order_by("name", "id")
    values = models.values("id", "name")
    assert _pages(WindowCountPaginator, models, per_page) == _pages(DjangoPaginator, models, per_page)
    assert _pages(WindowCountPaginator, values, per_page) == _pages(DjangoPaginator, values, per_page)
    for rows, *_rest in _pages(WindowCountPaginator, values, per_page):
        assert all(set(row) == {"id", "name"} for row in rows)
    for rows, *_rest in _pages(WindowCountPaginator, models, per_page):
        assert all(not hasattr(row, TOTAL) for row in rows)


def test_distinct_querysets_are_counted_without_duplicates(seven, employers_association, dest_ministry):
    joined = Partnership.objects.filter(
        participations__organisation__in=[employers_association, dest_ministry]
    ).order_by("name", "id")
    assert WindowCountPaginator(joined, 5).count == 10  # a join: one row per participation
    distinct = joined.distinct()
    paginator = WindowCountPaginator(distinct, 5)
    page = paginator.page(2)
    assert paginator.count == 7
    assert len(page) == 2


def test_invalid_pages_raise_djangos_errors(seven):
    queryset = Partnership.objects.order_by("id")
    for number, error, message in [
        ("abc", PageNotAnInteger, "That page number is not an integer"),
        (1.5, PageNotAnInteger, "That page number is not an integer"),
        (0, EmptyPage, "That page number is less than 1"),
        (3, EmptyPage, "That page contains no results"),
    ]:
        with pytest.raises(error, match=message):
            WindowCountPaginator(queryset, 5).page(number)
    assert list(WindowCountPaginator(queryset, 5).page("2")) == list(queryset[5:])


def test_an_empty_list_is_one_empty_page():
    paginator = WindowCountPaginator(Partnership.objects.order_by("id"), 5)
    page = paginator.page(1)
    assert (list(page), paginator.count, paginator.num_pages) == ([], 0, 1)
    paginator = WindowCountPaginator(Partnership.objects.none(), 5)
    assert (list(paginator.page(1)), paginator.count) == ([], 0)
    with pytest.raises(EmptyPage):
        WindowCountPaginator(Partnership.objects.none(), 5).page(2)


def test_the_api_list_answers_as_before(partner_api, seven):
    first = partner_api.get("/api/v1/partnerships/?page_size=3").json()
    assert first["count"] == 7
    assert first["previous"] is None
    assert first["next"].endswith("page=2&page_size=3")
    assert [row["name"] for row in first["results"]] == ["Scheme 6", "Scheme 5", "Scheme 4"]
    assert all(TOTAL not in row for row in first["results"])
    last = partner_api.get("/api/v1/partnerships/?page_size=3&page=last").json()
    assert (last["count"], last["next"], [row["name"] for row in last["results"]]) == (7, None, ["Scheme 0"])
    past = partner_api.get("/api/v1/partnerships/?page_size=3&page=4")
    assert past.status_code == 404
    assert past.json()["error"]["message"] == "Invalid page."
    rows = partner_api.get("/api/v1/participations/?page_size=2").json()
    assert rows["count"] == 10  # both organisations' participations in the seven
    assert all(TOTAL not in row for row in rows["results"])


def test_on_postgresql_the_page_and_its_total_are_one_query(partner_api, seven):
    with CaptureQueriesContext(connection) as captured:
        assert partner_api.get("/api/v1/partnerships/?page_size=3").json()["count"] == 7
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"]]
    if connection.vendor == "postgresql":
        assert len(counts) == 1 and "OVER ()" in counts[0]
    else:
        assert len(counts) == 1 and "OVER" not in counts[0]


#
# Filter backend
#


def test_a_list_without_filter_parameters_builds_no_filterset(partner_api, seven):
    with mock.patch.object(PartnershipFilterSet, "__init__", side_effect=AssertionError("built")):
        response = partner_api.get("/api/v1/partnerships/?page_size=3&ordering=name&search=Scheme")
    assert response.status_code == 200
    assert response.json()["count"] == 7


def test_filter_parameters_still_filter_and_are_still_validated(partner_api, seven):
    Partnership.objects.filter(pk=seven[0].pk).update(stage="design")
    assert partner_api.get("/api/v1/partnerships/?stage=design").json()["count"] == 1
    assert partner_api.get("/api/v1/partnerships/?stage=nonsense").status_code == 400
    assert partner_api.get("/api/v1/partnerships/?min_score_E3=500").status_code == 400
    assert partner_api.get(f"/api/v1/participations/?partnership={seven[0].pk}").json()["count"] == 2


def test_filtersets_that_filter_even_without_parameters_are_always_run():
    from django import forms

    class Checkbox(django_filters.FilterSet):
        # A checkbox reads a missing parameter as False, and False filters.
        is_champion = django_filters.BooleanFilter(widget=forms.CheckboxInput)

        class Meta:
            model = Participation
            fields: list[str] = []

    class Required(django_filters.FilterSet):
        side = django_filters.CharFilter(required=True)

        class Meta:
            model = Participation
            fields: list[str] = []

    assert filters_nothing_when_empty(PartnershipFilterSet)
    assert not filters_nothing_when_empty(Checkbox)
    assert not filters_nothing_when_empty(Required)
    view = mock.Mock(filterset_class=Checkbox, filterset_fields=None)
    request = mock.Mock(query_params={})
    filtered = ApiFilterBackend().filter_queryset(request, Participation.objects.all(), view)
    assert "is_champion" in str(filtered.query)
