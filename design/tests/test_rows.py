"""A row's own page (``design:row``): every field of one stored row, the details included, saved through the
same write path as the step (permissions, locking while under review, optimistic version check)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from codelists.partnerships import ReviewStatus
from design.tests.support import as_post, form_data
from partnerships.models import Partnership
from partnerships.tests.factories import PathwayFactory, PathwayStepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pathway(partnership):
    return PathwayFactory(partnership=partnership, destination_country=partnership.countries.get(country="DE"))


def row_url(partnership, code, prefix, row) -> str:
    return reverse("design:row", kwargs={"pk": partnership.pk, "code": code, "prefix": prefix, "row_id": row.pk})


def test_the_step_links_each_stored_row_to_its_details(client, dest_official, partnership, pathway):
    client.force_login(dest_official)
    html = client.get(reverse("design:step", kwargs={"pk": partnership.pk, "code": "pathways"})).content.decode()
    # A link relative to the step's own address: /partnerships/<id>/steps/pathways/ + rows/pathways/<row id>/
    assert f'href="rows/pathways/{pathway.pk}/"' in html
    assert client.get(row_url(partnership, "pathways", "pathways", pathway)).status_code == 200


def test_details_are_saved_and_the_version_rises(client, dest_official, partnership, pathway):
    """E7.R7 reads whether a quota applies and how many places it gives: entered on the pathway's own page."""
    client.force_login(dest_official)
    url = row_url(partnership, "pathways", "pathways", pathway)
    response = client.get(url)
    assert response.status_code == 200
    data = form_data(response)
    data["row-quota"] = "true"
    data["row-quota_per_year"] = "250"
    version = Partnership.objects.get(pk=partnership.pk).version
    response = client.post(url, as_post(data))
    assert response.status_code == 302
    pathway.refresh_from_db()
    assert pathway.quota is True and pathway.quota_per_year == 250
    assert Partnership.objects.get(pk=partnership.pk).version == version + 1


def test_a_bad_value_is_explained_beside_the_field_and_the_input_kept(client, dest_official, partnership, pathway):
    client.force_login(dest_official)
    url = row_url(partnership, "pathways", "pathways", pathway)
    data = form_data(client.get(url))
    data["row-quota_per_year"] = "many"
    data["row-family_waiting_months"] = "18"
    response = client.post(url, as_post(data))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and "Enter a whole number." in html
    assert 'value="18"' in html  # what the user typed elsewhere stays
    pathway.refresh_from_db()
    assert pathway.family_waiting_months != 18


def test_a_stale_page_is_a_conflict_and_nothing_is_saved(client, dest_official, partnership, pathway):
    client.force_login(dest_official)
    url = row_url(partnership, "pathways", "pathways", pathway)
    data = form_data(client.get(url))
    Partnership.objects.filter(pk=partnership.pk).update(version=partnership.version + 5)
    data["row-quota_per_year"] = "99"
    response = client.post(url, as_post(data))
    assert response.status_code == 409
    pathway.refresh_from_db()
    assert pathway.quota_per_year != 99


def test_rows_under_a_parent_have_pages_too(client, dest_official, partnership, pathway):
    """E7.R5 reads each application step's obstacle and who removes it (a detail of the pathway's steps)."""
    step = PathwayStepFactory(pathway=pathway)
    client.force_login(dest_official)
    url = row_url(partnership, "pathways", "pathway_steps", step)
    data = form_data(client.get(url))
    data["row-obstacle"] = "Appointments at the consulate take months"
    response = client.post(url, as_post(data))
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.obstacle == "Appointments at the consulate take months"


def test_outsiders_see_nothing_and_readers_cannot_write(client, outsider, reviewer, partnership, pathway):
    url = row_url(partnership, "pathways", "pathways", pathway)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(reviewer)
    response = client.get(url)
    assert response.status_code == 200 and "disabled" in response.content.decode()
    assert client.post(url, {"v-version": partnership.version, "row-quota": "true"}).status_code == 403


def test_a_row_of_another_partnership_or_collection_is_not_found(client, dest_official, partnership, pathway):
    other = PathwayFactory()
    client.force_login(dest_official)
    assert client.get(row_url(partnership, "pathways", "pathways", other)).status_code == 404
    assert client.get(row_url(partnership, "pathways", "nothing", pathway)).status_code == 404
    assert client.get(row_url(partnership, "costs", "pathways", pathway)).status_code == 404


def test_rows_cannot_change_while_under_review(client, dest_official, partnership, pathway):
    client.force_login(dest_official)
    url = row_url(partnership, "pathways", "pathways", pathway)
    data = form_data(client.get(url))
    Partnership.objects.filter(pk=partnership.pk).update(review_status=ReviewStatus.SUBMITTED)
    data["row-quota_per_year"] = "77"
    assert client.post(url, as_post(data)).status_code == 409
    pathway.refresh_from_db()
    assert pathway.quota_per_year != 77


def test_a_new_collection_adds_rows_from_its_step(client, dest_official, partnership, pathway):
    """Gaps among the partners (E2.R10) are added on the actors step like any other row."""
    client.force_login(dest_official)
    url = reverse("design:step", kwargs={"pk": partnership.pk, "code": "actors_governance"})
    data = form_data(client.get(url))
    data["gaps-0-service"] = "Language training to B1"
    data["gaps-0-notes"] = "Nobody teaches German to B1 yet"
    response = client.post(url, as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert partnership.partner_gaps.get().notes == "Nobody teaches German to B1 yet"


def test_the_terms_of_each_share_are_set_on_the_cost_items_page(client, dest_official, partnership):
    """E8.R5 reads when each payer pays and what limits its risk: set per share on the item's own page."""
    from costs.tests.factories import CostItemFactory, CostShareFactory

    item = CostItemFactory(partnership=partnership)
    share = CostShareFactory(item=item, percent=100)
    client.force_login(dest_official)
    url = row_url(partnership, "costs", "items", item)
    data = form_data(client.get(url))
    data["row-terms-0-timing"] = "after_placement"
    data["row-terms-0-risk_mitigation"] = "refund_if_no_visa"
    employer = next(p for p in partnership.participations.all() if "employer" in p.roles).organisation
    data["row-terms-0-organisation"] = str(employer.pk)  # E8.R2: the share names who pays it
    response = client.post(url, as_post(data))
    assert response.status_code == 302, response.content.decode()[:2000]
    share = item.shares.get()
    assert (share.timing, share.risk_mitigation, share.percent) == ("after_placement", "refund_if_no_visa", 100)
    assert share.organisation == employer


def test_a_sectoral_working_group_without_its_sector_is_explained_not_a_server_error(
    client, dest_official, partnership
):
    """The model asks a sectoral working group for its sector: the step says so, and the sector can be chosen."""
    from skills.tests.factories import SectorFactory

    sector = SectorFactory()
    client.force_login(dest_official)
    url = reverse("design:step", kwargs={"pk": partnership.pk, "code": "actors_governance"})
    data = form_data(client.get(url))
    data["bodies-0-name"] = "Hospitality working group"
    data["bodies-0-kind"] = "sectoral_working_group"
    response = client.post(url, as_post(data))
    assert response.status_code == 400
    assert "sector" in response.content.decode()
    data["bodies-0-sector"] = str(sector.pk)
    response = client.post(url, as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert partnership.governance_bodies.get().sector == sector
