"""Issue 16 ("Trust"): lost updates. Rows carry their partnership's ETag and honour If-Match like it.

Two clients that read the same ETag and both write with ``If-Match``: exactly one wins, the other gets 412 —
in turn, and in a real race of two threads on PostgreSQL.
"""

from __future__ import annotations

import functools
import threading

import pytest
from django.db import connection

from api.tests.conftest import client_for
from api.tests.support import build_resources
from costs.models import CostShare
from costs.tests.factories import CostItemFactory
from partnerships.models import Partnership
from tests.markers import postgresql_only


def _version(partnership) -> int:
    return Partnership.objects.get(pk=partnership.pk).version


def _assert_412(response) -> None:
    assert response.status_code == 412, response.content
    assert response.json()["error"]["code"] == "precondition_failed"


@pytest.mark.django_db
def test_every_row_answers_with_the_etag_of_its_partnerships_version(partner_api, partnership):
    for resource in build_resources(partnership):
        response = partner_api.get(resource.detail)
        assert response.status_code == 200, resource.path
        assert response["ETag"] == f'W/"{_version(partnership)}"', resource.path


@pytest.mark.django_db
def test_of_two_clients_with_one_etag_on_any_row_only_the_first_write_wins(official_api, origin_official, partnership):
    # The lead and the co-lead ministry: both may change every part of the partnership.
    first_api, other_api = official_api, client_for(origin_official)
    for resource in build_resources(partnership):
        etag = first_api.get(resource.detail)["ETag"]
        # An empty PATCH is a write too, except on cost items, where it is a no-op: give those a change.
        change = {"description": "changed"} if resource.path == "cost-items" else {}
        first = first_api.patch(resource.detail, change, format="json", HTTP_IF_MATCH=etag)
        assert first.status_code == 200, (resource.path, first.content)
        assert first["ETag"] == f'W/"{_version(partnership)}"' != etag, resource.path  # the version moved on
        before = _version(partnership)
        _assert_412(other_api.patch(resource.detail, {}, format="json", HTTP_IF_MATCH=etag))
        _assert_412(other_api.delete(resource.detail, HTTP_IF_MATCH=etag))
        assert _version(partnership) == before  # the refused writes changed nothing
        assert resource.model.objects.filter(pk=resource.obj.pk).exists(), resource.path


@pytest.mark.django_db
def test_a_current_if_match_lets_a_row_be_deleted_and_a_star_or_no_header_changes_nothing(partner_api, partnership):
    item = CostItemFactory(partnership=partnership)
    path = f"/api/v1/cost-items/{item.pk}/"
    assert partner_api.patch(path, {"description": "any"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    assert partner_api.patch(path, {"description": "none"}, format="json").status_code == 200
    _assert_412(partner_api.delete(path, HTTP_IF_MATCH='W/"1", W/"2"'))
    current = f'W/"0", "{_version(partnership)}"'  # a strong tag and a list are accepted too
    assert partner_api.delete(path, HTTP_IF_MATCH=current).status_code == 204


@pytest.mark.django_db
def test_replacing_shares_honours_if_match(partner_api, dest_official, partnership):
    item = CostItemFactory(partnership=partnership)
    path = f"/api/v1/cost-items/{item.pk}/shares/"
    etag = partner_api.get(f"/api/v1/cost-items/{item.pk}/")["ETag"]
    shares = {"shares": [{"payer": "employer", "percent": "100.00"}]}
    response = partner_api.put(path, shares, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    assert response["ETag"] == f'W/"{_version(partnership)}"'
    other = {"shares": [{"payer": "gov_destination", "percent": "100.00"}]}
    _assert_412(client_for(dest_official).put(path, other, format="json", HTTP_IF_MATCH=etag))
    assert list(CostShare.objects.filter(item=item).values_list("payer", flat=True)) == ["employer"]


@pytest.mark.django_db
def test_if_match_is_checked_before_a_body_version(partner_api, partnership):
    item = CostItemFactory(partnership=partnership)
    version = _version(partnership)
    body = {"description": "x", "version": version}
    response = partner_api.patch(f"/api/v1/cost-items/{item.pk}/", body, format="json", HTTP_IF_MATCH='W/"999"')
    _assert_412(response)


def _race(requests) -> list[int]:
    """Send the requests from one thread each, released together; the status codes in order."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int | None] = [None] * len(requests)

    def send(index, call):
        try:
            barrier.wait(timeout=10)
            statuses[index] = call().status_code
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=send, args=(i, call)) for i, call in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_clients_racing_with_one_etag_on_postgresql_give_one_winner_and_one_412(
    partner_api, dest_official, partnership
):
    other_api = client_for(dest_official)
    for round_ in range(5):
        item = CostItemFactory(partnership=partnership)
        path = f"/api/v1/cost-items/{item.pk}/"
        etag = partner_api.get(path)["ETag"]
        before = _version(partnership)
        statuses = _race(
            [
                functools.partial(api.patch, path, {"description": who}, format="json", HTTP_IF_MATCH=etag)
                for api, who in ((partner_api, "from the partner"), (other_api, "from the ministry"))
            ]
        )
        assert sorted(statuses) == [200, 412], (round_, statuses)
        assert _version(partnership) == before + 1
