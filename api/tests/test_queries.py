"""List endpoints run a fixed number of queries whatever the page holds (5 rows or 50)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.tests.support import make_run
from costs.models import CostShare
from costs.tests.factories import CostItemFactory
from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory, PathwayFactory
from stakeholders.tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(captured)


def _partnerships(count, organisation):
    for n in range(count):
        p = PartnershipFactory(name=f"Scheme {n}")
        PartnershipCountryFactory(partnership=p, country="DE", side="destination")
        PartnershipCountryFactory(partnership=p, country="XK", side="origin")
        ParticipationFactory(partnership=p, organisation=organisation)
        make_run(p)


@pytest.mark.parametrize("extra", [5, 50])
def test_the_partnership_list_costs_the_same_queries_for_5_or_50(
    partner_api, employers_association, extra, django_assert_max_num_queries
):
    _partnerships(extra, employers_association)
    # token lookup, (token last-used update — once a minute), count and page (one query on PostgreSQL),
    # prefetch sectors, prefetch countries
    with django_assert_max_num_queries(6):
        response = partner_api.get("/api/v1/partnerships/?page_size=100&country=XK&min_score_E3=60")
    assert response.json()["count"] == extra


def test_query_counts_do_not_grow_with_rows(partner_api, partnership, employers_association):
    small, large = {}, {}
    paths = [
        "/api/v1/partnerships/?page_size=100",
        "/api/v1/cost-items/?page_size=100",
        "/api/v1/pathways/?page_size=100",
        "/api/v1/participations/?page_size=100",
        "/api/v1/feasibility-runs/?page_size=100",
        "/api/v1/objectives/?page_size=100",
    ]

    def grow(count):
        from partnerships.tests.factories import ObjectiveFactory

        _partnerships(count, employers_association)
        de = partnership.countries.get(country="DE")
        for _n in range(count):
            item = CostItemFactory(partnership=partnership)
            CostShare.objects.create(item=item, payer="employer", percent=100)
            PathwayFactory(partnership=partnership, destination_country=de)
            ObjectiveFactory(partnership=partnership)
            make_run(partnership)

    partner_api.get("/api/v1/partnerships/")  # records the key's use, so later requests skip that update
    grow(5)
    for path in paths:
        small[path] = _queries(partner_api, path)
    grow(45)
    for path in paths:
        large[path] = _queries(partner_api, path)
    assert small == large
    # At most: key, count, page, and one query per prefetched relation.
    assert max(large.values()) <= 8, large


def test_the_partnership_detail_loads_its_rows_in_a_fixed_number_of_queries(
    partner_api, partnership, django_assert_max_num_queries
):
    de = partnership.countries.get(country="DE")
    for _n in range(10):
        PathwayFactory(partnership=partnership, destination_country=de)
    partner_api.get(f"/api/v1/partnerships/{partnership.pk}/")
    # key, partnership, then one query per nested relation (sectors, countries, objectives + 2 links, pathways
    # + steps + origins + occupations, provisions, covers, channels, indicators + values, participations)
    with django_assert_max_num_queries(18):
        partner_api.get(f"/api/v1/partnerships/{partnership.pk}/")
