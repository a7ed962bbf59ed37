"""The permission matrix: every resource, every persona.

An outside organisation's client gets 404 for another partnership's rows (read, change, delete) and cannot
create into it; anonymous clients get 401 with WWW-Authenticate; reviewers read everything and change
nothing (403); participating clients create, read, change and delete.
"""

from __future__ import annotations

import pytest

from api.tests.support import build_resources, make_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def resources(partnership):
    return build_resources(partnership)


def test_anonymous_gets_401_with_www_authenticate_on_every_collection(anonymous_api, resources, partnership):
    paths = [r.collection for r in resources] + [
        "/api/v1/partnerships/",
        f"/api/v1/partnerships/{partnership.pk}/",
        "/api/v1/organisations/",
        "/api/v1/occupations/",
        "/api/v1/rules/",
        "/api/v1/elements/",
        "/api/v1/feasibility-runs/",
    ]
    for path in paths:
        response = anonymous_api.get(path)
        assert response.status_code == 401, path
        assert response["WWW-Authenticate"].startswith("Token"), path
        assert response.json()["error"]["code"] == "not_authenticated"


def test_anonymous_cannot_create(anonymous_api, resources):
    for resource in resources:
        count = resource.model.objects.count()
        response = anonymous_api.post(resource.collection, resource.payload, format="json")
        assert response.status_code == 401, resource.path
        assert resource.model.objects.count() == count


def test_outsider_gets_404_on_every_row_of_another_partnership(outsider_api, resources):
    for resource in resources:
        for method in ("get", "patch", "put", "delete"):
            response = getattr(outsider_api, method)(resource.detail, {}, format="json")
            assert response.status_code == 404, (method, resource.path, response.content)
            assert response.json()["error"]["code"] == "not_found"
        assert resource.model.objects.filter(pk=resource.obj.pk).exists()


def test_outsider_cannot_create_into_another_partnership(outsider_api, resources, partnership):
    for resource in resources:
        count = resource.model.objects.count()
        response = outsider_api.post(resource.collection, resource.payload, format="json")
        assert response.status_code == 404, (resource.path, response.content)
        assert resource.model.objects.count() == count
    partnership.refresh_from_db()
    assert partnership.version == 1


def test_outsider_lists_none_of_another_partnerships_rows(outsider_api, resources):
    for resource in resources:
        response = outsider_api.get(resource.collection)
        assert response.status_code == 200, resource.path
        assert response.json()["count"] == 0, resource.path


def test_outsider_gets_404_on_the_partnership_and_its_actions(outsider_api, partnership):
    base = f"/api/v1/partnerships/{partnership.pk}/"
    run = make_run(partnership)
    assert outsider_api.get(base).status_code == 404
    assert outsider_api.patch(base, {"name": "Taken over"}, format="json").status_code == 404
    assert outsider_api.delete(base).status_code == 404
    assert outsider_api.post(base + "stage/", {"to_stage": "assessment"}, format="json").status_code == 404
    assert outsider_api.get(base + "cost-summary/").status_code == 404
    assert outsider_api.get(base + "feasibility-runs/").status_code == 404
    assert outsider_api.post(base + "feasibility-runs/", {}, format="json").status_code == 404
    assert outsider_api.get(f"/api/v1/feasibility-runs/{run.pk}/").status_code == 404
    assert outsider_api.get(f"/api/v1/feasibility-runs/compare/?a={run.pk}&b={run.pk}").status_code == 404
    assert outsider_api.get("/api/v1/partnerships/").json()["count"] == 0
    partnership.refresh_from_db()
    assert partnership.name != "Taken over"
    assert partnership.feasibility_runs.count() == 1


def test_outsider_cannot_link_another_partnerships_rows_into_its_own(outsider_api, outsider, resources, partnership):
    from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
    from stakeholders.tests.factories import ParticipationFactory

    own = PartnershipFactory(name="Outsider's own partnership")
    PartnershipCountryFactory(partnership=own, country="MA", side="origin")
    ParticipationFactory(partnership=own, organisation=outsider.organisations.get(), roles=["lead"])
    foreign_country = partnership.countries.get(country="DE")
    response = outsider_api.post(
        "/api/v1/cost-items/",
        {
            "partnership": own.pk,
            "category": "training",
            "subitem": "training_delivery",
            "amount": "10",
            "currency": "EUR",
            "country": foreign_country.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "country" in response.json()["error"]["fields"]
    # The message does not tell the row exists elsewhere.
    assert "does not exist" in response.json()["error"]["fields"]["country"][0]


def test_reviewer_reads_every_row_but_changes_none(reviewer_api, resources, partnership):
    for resource in resources:
        assert reviewer_api.get(resource.detail).status_code == 200, resource.path
        response = reviewer_api.patch(resource.detail, {}, format="json")
        assert response.status_code == 403, resource.path
        assert reviewer_api.delete(resource.detail).status_code == 403, resource.path
        count = resource.model.objects.count()
        assert reviewer_api.post(resource.collection, resource.payload, format="json").status_code == 403
        assert resource.model.objects.count() == count
    assert (
        reviewer_api.patch(f"/api/v1/partnerships/{partnership.pk}/", {"name": "x"}, format="json").status_code == 403
    )


def test_lead_side_client_creates_reads_changes_and_deletes_every_resource(lead_api, resources, partnership):
    for resource in resources:
        response = lead_api.post(resource.collection, resource.payload, format="json")
        assert response.status_code == 201, (resource.path, response.json())
        created = response.json()
        assert response["Location"].endswith(f"/api/v1/{resource.path}/{created['id']}/")
        assert lead_api.get(response["Location"]).status_code == 200
        assert lead_api.patch(response["Location"], {}, format="json").status_code == 200, resource.path
        listed = lead_api.get(resource.collection, {"partnership": partnership.pk}).json()
        assert created["id"] in [row["id"] for row in listed["results"]]
        deleted = lead_api.delete(response["Location"])
        assert deleted.status_code == 204, (resource.path, deleted.content)
        assert not resource.model.objects.filter(pk=created["id"]).exists()
