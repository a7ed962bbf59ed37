"""The draft agreement generated from a partnership's design: sections, placeholders, cost annex, API.

Demo data (North Africa–Europe, Mekong) is loaded once for the module and checked; drafts are rendered by the
task in-process (Celery eager, as without a broker) by executing the captured on-commit callbacks.
"""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from docx import Document

from agreements import builders, services
from agreements.models import AgreementDraft, private_storage
from api.tests.conftest import client_for
from codelists.costs import Payer
from codelists.partnerships import AgreementClause
from codelists.reviews import BriefStatus
from costs.calculations import partnership_cost_summary
from feasibility.models import FeasibilityRun
from feasibility.registry import REGISTRY
from feasibility.services import feasibility_check_batch
from partnerships.demo import demo_load
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load
from partnerships.selectors import partnership_get_full

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media", "eager")]

NORTH_AFRICA = "North Africa"
MEKONG = "Mekong"


@pytest.fixture(scope="module")
def demos(django_db_setup, django_db_blocker):
    """Reference data and two demo partnerships, each checked once; rolled back at the module's end."""
    with django_db_blocker.unblock(), transaction.atomic():
        reference_data_load()
        demo_load(only=["north_africa_europe", "promise_mekong"])
        ids = list(Partnership.objects.filter(name__startswith=NORTH_AFRICA).values_list("pk", flat=True)) + list(
            Partnership.objects.filter(name__startswith=MEKONG).values_list("pk", flat=True)
        )
        feasibility_check_batch(ids=ids)
        yield {"north_africa": ids[0], "mekong": ids[1]}
        transaction.set_rollback(True)


@pytest.fixture
def eager():
    from smp.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = before


def user(name: str):
    return get_user_model().objects.get(username=name)


def rendered(partnership_id: int, capture, language: str = "en") -> AgreementDraft:
    partnership = Partnership.objects.get(pk=partnership_id)
    with capture(execute=True):
        draft = services.agreement_draft_request(partnership=partnership, user=user("reviewer"), language=language)
    draft.refresh_from_db()
    assert draft.status == BriefStatus.SUCCEEDED, draft.error
    return draft


def docx_of(draft: AgreementDraft) -> Document:
    with private_storage().open(draft.docx.name, "rb") as handle:
        return Document(io.BytesIO(handle.read()))


def full_text(document: Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def latest_run(partnership_id: int) -> FeasibilityRun:
    return FeasibilityRun.objects.filter(partnership_id=partnership_id, status="succeeded").latest("created_at")


#
# The mapping of clauses to sections
#


def test_every_agreement_clause_is_written_in_exactly_one_section():
    assert set(builders.CLAUSE_SECTIONS) == set(AgreementClause.values)
    written = [clause for _key, _title, clauses, _elements in builders.SECTION_SPECS for clause in clauses]
    assert len(written) == len(set(written))
    assert set(builders.CLAUSE_SECTIONS.values()) <= set(builders.BUILDERS)
    assert [key for key, *_rest in builders.SECTION_SPECS] == list(builders.BUILDERS)


def test_every_element_of_the_check_has_a_section_for_its_failing_findings():
    assert {spec.element for spec in REGISTRY.values()} <= set(builders.ELEMENT_SECTIONS)


#
# North Africa–Europe: every section, the cost annex exactly as the cost service computes it
#


def test_the_north_africa_draft_opens_with_every_section_and_the_cost_service_figures(
    demos, django_capture_on_commit_callbacks
):
    draft = rendered(demos["north_africa"], django_capture_on_commit_callbacks)
    document = docx_of(draft)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for number, (_key, title, _clauses, _elements) in enumerate(builders.SECTION_SPECS, start=1):
        assert f"{number}. {title}" in headings
    text = full_text(document)
    assert "starting point for negotiation" in text

    p = partnership_get_full(partnership_id=demos["north_africa"])
    summary = partnership_cost_summary(partnership=p)
    cost_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Cost item")
    header = [cell.text for cell in cost_table.rows[0].cells]
    total_row = [cell.text for cell in cost_table.rows[-1].cells]
    assert total_row[0] == "Total"
    assert total_row[1] == builders._number(summary.total)
    payer_names = dict(Payer.choices)
    for column, name in enumerate(header[2:], start=2):
        code = next(code for code, label in payer_names.items() if str(label) == name)
        assert total_row[column] == builders._number(summary.by_payer[code])
    assert len(cost_table.rows) == len(list(p.cost_items.all())) + 2
    facts_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Figure")
    facts = {row.cells[0].text: row.cells[1].text for row in facts_table.rows}
    assert facts["Total cost"] == builders._number(summary.total)
    assert facts["Cost per migrant"] == builders._number(summary.cost_per_migrant)
    assert facts["Borne by migrants, per migrant"] == builders._number(summary.migrant_cost_per_migrant)
    assert facts["Share borne by migrants (%)"] == builders._number(summary.migrant_share_pct)

    with private_storage().open(draft.pdf.name, "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_draft_in_french_is_written_in_french(demos, django_capture_on_commit_callbacks):
    draft = rendered(demos["north_africa"], django_capture_on_commit_callbacks, language="fr")
    text = full_text(docx_of(draft))
    assert "Parties et leurs rôles" in text


#
# Mekong: placeholders for the gaps its findings name
#


def test_the_mekong_draft_carries_a_placeholder_for_each_failing_rule(demos, django_capture_on_commit_callbacks):
    run = latest_run(demos["mekong"])
    failing = {f.rule_id for f in run.findings.all() if f.status == "FAIL"}
    assert failing, "the Mekong demo is expected to fail some rules"
    text = full_text(docx_of(rendered(demos["mekong"], django_capture_on_commit_callbacks)))
    named = set(re.findall(r"\[to be agreed: [^\]]*? — rule (\S+) “", text))
    assert failing <= named
    assert named <= set(REGISTRY)
    for rule_id in failing:
        assert f"rule {rule_id} “{REGISTRY[rule_id].title}”" in text


def test_a_partnership_without_a_check_still_gets_placeholders_for_empty_parts(demos):
    p = partnership_get_full(partnership_id=demos["mekong"])
    sections = builders.agreement_sections(partnership=p, run=None)
    placeholders = [ph for s in sections for ph in s.placeholders]
    assert all(ph.rule_id in REGISTRY for ph in placeholders if ph.rule_id)


#
# Asking again, and the API
#


def test_asking_again_reuses_the_draft_of_the_same_version_and_language(demos, django_capture_on_commit_callbacks):
    first = rendered(demos["north_africa"], django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks() as enqueued:
        again = services.agreement_draft_request(
            partnership=Partnership.objects.get(pk=demos["north_africa"]), language="en"
        )
    assert again.pk == first.pk and not enqueued
    assert AgreementDraft.objects.filter(partnership_id=demos["north_africa"]).count() == 1


def test_the_api_starts_a_draft_reports_its_state_and_serves_its_files(demos, django_capture_on_commit_callbacks):
    api = client_for(user("reviewer"))
    url = f"/api/v1/partnerships/{demos['north_africa']}/agreement-draft/"
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url, {"language": "en"}, format="json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert response["Location"] == body["url"] and body["reused"] is False
    state = api.get(body["url"]).json()
    assert state["status"] == "succeeded" and state["docx_url"] and state["pdf_url"]

    again = api.post(url, {"language": "en"}, format="json")
    assert again.status_code == 202 and again.json()["id"] == body["id"] and again.json()["reused"] is True

    docx = api.get(state["docx_url"])
    assert docx.status_code == 200
    assert docx["Content-Disposition"].startswith("attachment")
    Document(io.BytesIO(b"".join(docx.streaming_content)))
    pdf = api.get(state["pdf_url"])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:5] == b"%PDF-"


def test_outsiders_see_no_draft_and_bad_input_is_a_4xx(demos, outsider, django_capture_on_commit_callbacks):
    draft = rendered(demos["north_africa"], django_capture_on_commit_callbacks)
    api = client_for(outsider)
    base = f"/api/v1/partnerships/{demos['north_africa']}/agreement-draft/"
    assert api.post(base, {}, format="json").status_code == 404
    assert api.get(f"{base}{draft.pk}/").status_code == 404
    assert api.get(f"{base}{draft.pk}/docx/").status_code == 404
    insider = client_for(user("reviewer"))
    assert insider.post(base, {"language": "xx"}, format="json").status_code == 400
    assert insider.get(f"{base}abc/").status_code in (400, 404)
    assert insider.get(f"{base}{draft.pk + 999}/").status_code == 404
    assert reverse("api:agreement-draft", kwargs={"pk": 1}).endswith("/partnerships/1/agreement-draft/")


#
# The partnership page's Design tab
#


def test_the_design_tab_prepares_the_draft_and_then_links_its_files(demos, client, django_capture_on_commit_callbacks):
    pk = demos["mekong"]
    client.force_login(user("reviewer"))
    page = reverse("monitoring:page", args=[pk])
    before = client.get(page).content.decode()
    assert "Prepare the draft agreement" in before
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("agreements:draft_prepare", args=[pk]))
    assert response.status_code == 302 and response.url.endswith("#agreement-draft")
    draft = AgreementDraft.objects.get(partnership_id=pk)
    after = client.get(page).content.decode()
    docx_url = reverse("agreements:draft_download", args=[pk, draft.pk, "docx"])
    pdf_url = reverse("agreements:draft_download", args=[pk, draft.pk, "pdf"])
    assert docx_url in after and pdf_url in after
    download = client.get(docx_url)
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    Document(io.BytesIO(b"".join(download.streaming_content)))
    assert client.get(reverse("agreements:draft_download", args=[pk, draft.pk, "exe"])).status_code == 404
    assert client.get(reverse("agreements:draft_prepare", args=[pk])).status_code == 405


def test_outsiders_cannot_prepare_or_download_a_draft_from_the_page(
    demos, client, outsider, django_capture_on_commit_callbacks
):
    pk = demos["mekong"]
    draft = rendered(pk, django_capture_on_commit_callbacks)
    client.force_login(outsider)
    assert client.post(reverse("agreements:draft_prepare", args=[pk])).status_code == 404
    assert client.get(reverse("agreements:draft_download", args=[pk, draft.pk, "pdf"])).status_code == 404


def test_a_draft_is_listed_in_the_history_tab(client):
    """Issue "From design to agreement": every draft asked for shows in the partnership page's History tab."""
    from django.urls import reverse

    from accounts.models import UserRole
    from accounts.tests.factories import UserFactory
    from agreements.models import AgreementDraft
    from partnerships.tests.factories import PartnershipFactory

    partnership = PartnershipFactory()
    AgreementDraft.objects.create(partnership=partnership, partnership_version=partnership.version, language="fr")
    client.force_login(UserFactory(role=UserRole.REVIEWER))
    page = client.get(reverse("monitoring:history", kwargs={"pk": partnership.pk})).content.decode()
    assert f"version {partnership.version}, French" in page
