"""From design to agreement in a browser (issue "From design to agreement").

The lead official of the North Africa–Europe demo prepares the draft agreement on the partnership page, waits
for it (the test does the worker's part) and downloads the Word document, which opens with python-docx and
carries every section; on the wizard's review step a finding shows how others did it: a practice and its source.
"""

from __future__ import annotations

import io

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from agreements.models import AgreementDraft
from agreements.services import agreement_draft_render
from feasibility.services import feasibility_check_batch
from partnerships.demo import demo_load
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load
from tests.browser.support import DEMO_PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    reference_data_load()
    call_command("load_practices", verbosity=0)
    demo_load(only=["north_africa_europe"])
    partnership = Partnership.objects.get(name__startswith="North Africa–Europe")
    feasibility_check_batch(ids=[partnership.pk])
    return partnership


def test_an_official_downloads_the_draft_and_reads_how_others_did_it(page: Page, live_server, demo, artifacts_dir):
    base = live_server.url
    log_in(page, base, "official", DEMO_PASSWORD)
    page.goto(f"{base}/partnerships/{demo.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Prepare the draft agreement").click()
    draft = AgreementDraft.objects.filter(partnership=demo).latest("created_at")
    if draft.status != "succeeded":
        agreement_draft_render(draft_id=draft.pk)  # the worker's part, when tasks go to a broker
    page.goto(f"{base}/partnerships/{demo.pk}/")
    with page.expect_download() as download:
        page.locator("#agreement-draft-files").get_by_role("link", name="Word document (DOCX)").click()
    document = Document(io.BytesIO(download.value.path().read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) >= 12, headings
    text = "\n".join(p.text for p in document.paragraphs)
    assert "negotiation" in text  # it says it is a starting point
    page.screenshot(path=str(artifacts_dir / "agreement-design-tab.png"), full_page=True)

    page.goto(f"{base}/partnerships/{demo.pk}/steps/review/")
    practice = page.locator("a[data-practice-link]").first
    expect(practice).to_be_visible()
    line = practice.locator("xpath=..")
    expect(line).to_contain_text("How others did it:")
    source = line.locator("span.text-body-secondary").first
    assert source.inner_text().strip("() ")  # the practice's source, named beside it
