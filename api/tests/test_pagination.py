"""Pagination (DRF's ``PageNumberPagination``, page size bounded) and filtering (django-filter's
``DjangoFilterBackend``) of the API's lists: counts, links, errors."""

from __future__ import annotations

import pytest

from partnerships.models import Partnership
from partnerships.tests.factories import PartnershipFactory
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


def test_a_list_pages_with_its_count_and_links_and_a_page_past_the_end_is_a_404(partner_api, seven):
    first = partner_api.get("/api/v1/partnerships/?page_size=3").json()
    assert first["count"] == 7
    assert first["previous"] is None
    assert first["next"].endswith("page=2&page_size=3")
    assert [row["name"] for row in first["results"]] == ["Scheme 6", "Scheme 5", "Scheme 4"]
    last = partner_api.get("/api/v1/partnerships/?page_size=3&page=last").json()
    assert (last["count"], last["next"], [row["name"] for row in last["results"]]) == (7, None, ["Scheme 0"])
    past = partner_api.get("/api/v1/partnerships/?page_size=3&page=4")
    assert past.status_code == 404
    assert past.json()["error"]["message"] == "Invalid page."
    rows = partner_api.get("/api/v1/participations/?page_size=2").json()
    assert rows["count"] == 10  # both organisations' participations in the seven


#
# Filters (django-filter's DjangoFilterBackend)
#


def test_filter_parameters_still_filter_and_are_still_validated(partner_api, seven):
    Partnership.objects.filter(pk=seven[0].pk).update(stage="design")
    assert partner_api.get("/api/v1/partnerships/?stage=design").json()["count"] == 1
    assert partner_api.get("/api/v1/partnerships/?stage=nonsense").status_code == 400
    assert partner_api.get("/api/v1/partnerships/?min_score_E3=500").status_code == 400
    assert partner_api.get(f"/api/v1/participations/?partnership={seven[0].pk}").json()["count"] == 2
