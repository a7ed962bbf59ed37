"""Registering an organisation from the actors step: a new corridor's ministries and employers can take part
without the admin, and a body already registered under the same name is offered instead of a second row."""

from __future__ import annotations

import pytest
from django.urls import reverse

from design.tests.support import as_post, form_data
from stakeholders.models import Organisation
from stakeholders.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(partnership) -> str:
    return reverse("design:organisation_new", kwargs={"pk": partnership.pk})


NEW_MINISTRY = {
    "name": "Department of Migrant Workers",
    "country": "PH",
    "category": "government_ministry",
    "level": "national",
    "portfolio": ["labour_employment"],
}


@pytest.fixture
def official(client, dest_official):
    client.force_login(dest_official)
    return client


def test_the_actors_step_links_to_the_form(official, partnership):
    page = official.get(reverse("design:step", kwargs={"pk": partnership.pk, "code": "actors_governance"}))
    assert url(partnership) in page.content.decode()


def test_an_official_registers_a_ministry_and_finds_it_on_the_actors_step(official, partnership):
    assert official.get(url(partnership)).status_code == 200
    response = official.post(url(partnership), NEW_MINISTRY, follow=True)
    assert response.redirect_chain[-1][0].endswith("/steps/actors_governance/")
    page = response.content.decode()
    assert "Department of Migrant Workers is registered" in page
    ministry = Organisation.objects.get(name="Department of Migrant Workers")
    assert (ministry.country.code, ministry.category, ministry.portfolio) == (
        "PH",
        "government_ministry",
        ["labour_employment"],
    )
    # Offered in the organisation list of a new participation row ("Add another organisation"); saved rows
    # name their organisation as read-only text and no longer repeat the list (issue #19).
    data = form_data(response)
    data["add_row"] = "participations"
    page = official.post(response.redirect_chain[-1][0], as_post(data)).content.decode()
    assert f'<option value="{ministry.pk}">Department of Migrant Workers (Philippines)</option>' in page


def test_the_same_name_in_the_same_country_is_offered_instead_of_a_second_row(official, partnership):
    OrganisationFactory(name="Ministère du Travail et de l'Emploi", country="SN", category="government_ministry")
    before = Organisation.objects.count()
    body = {**NEW_MINISTRY, "name": "MINISTERE DU TRAVAIL ET DE L EMPLOI", "country": "SN"}
    response = official.post(url(partnership), body)
    assert response.status_code == 400
    page = response.content.decode()
    assert "is already registered in the same country: use it instead." in page
    assert "Use it: back to the actors step" in page
    assert Organisation.objects.count() == before
    # Another country is another body.
    body["country"] = "ML"
    assert official.post(url(partnership), body).status_code == 302


def test_a_missing_country_is_explained_in_words(official, partnership):
    response = official.post(url(partnership), {**NEW_MINISTRY, "country": ""})
    assert response.status_code == 400
    assert "Give the organisation&#x27;s country" in response.content.decode()
    assert not Organisation.objects.filter(name="Department of Migrant Workers").exists()


def test_reviewers_may_not_and_outsiders_do_not_see_the_partnership(client, reviewer, outsider, partnership):
    client.force_login(reviewer)
    assert client.post(url(partnership), NEW_MINISTRY).status_code == 403
    client.force_login(outsider)
    assert client.get(url(partnership)).status_code == 404
    assert not Organisation.objects.filter(name="Department of Migrant Workers").exists()


def test_the_api_names_the_registered_body_instead_of_creating_a_near_duplicate(partnership, dest_official):
    from rest_framework.test import APIClient

    existing = OrganisationFactory(name="Bundesagentur für Arbeit", country="DE", category="public_employment_service")
    client = APIClient()
    client.force_authenticate(dest_official)
    body = {"name": "Bundesagentur fur Arbeit", "country": "DE", "category": "public_employment_service"}
    response = client.post("/api/v1/organisations/", body, format="json")
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["name"][0]
    assert (
        message
        == f"Bundesagentur für Arbeit (number {existing.pk}) is already registered in the same country: use it instead."
    )


def test_an_official_keeps_their_own_organisations_details_right(official, dest_ministry, partnership):
    from partnerships.models import Partnership

    listing = official.get(reverse("design:list")).content.decode()
    edit = reverse("design:organisation_edit", kwargs={"organisation_id": dest_ministry.pk})
    assert edit in listing
    version = Partnership.objects.get(pk=partnership.pk).version
    body = {"name": dest_ministry.name, "country": "DE", "category": "government_ministry", "level": "national"}
    body["portfolio"] = ["labour_employment", "migration_interior"]
    response = official.post(edit, body, follow=True)
    assert "are saved" in response.content.decode()
    dest_ministry.refresh_from_db()
    assert dest_ministry.portfolio == ["labour_employment", "migration_interior"]
    # The rules read it in every partnership it takes part in: each records the change.
    assert Partnership.objects.get(pk=partnership.pk).version == version + 1


def test_another_organisation_is_its_members_to_change(official, origin_ministry):
    edit = reverse("design:organisation_edit", kwargs={"organisation_id": origin_ministry.pk})
    assert official.get(edit).status_code == 404
    assert (
        official.post(edit, {"name": "Renamed", "country": "XK", "category": "government_ministry"}).status_code == 404
    )
    origin_ministry.refresh_from_db()
    assert origin_ministry.name != "Renamed"


def test_over_the_api_too_only_members_change_an_organisation(dest_official, origin_ministry, dest_ministry):
    """One rule for both doors (``stakeholders.services.organisation_update``): the wizard and the API."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(dest_official)
    refused = client.patch(f"/api/v1/organisations/{origin_ministry.pk}/", {"level": "regional"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "Only the organisation's own members or an administrator change its details."
    )
    origin_ministry.refresh_from_db()
    assert origin_ministry.level != "regional"
    own = client.patch(
        f"/api/v1/organisations/{dest_ministry.pk}/", {"portfolio": ["labour_employment"]}, format="json"
    )
    assert own.status_code == 200, own.json()
