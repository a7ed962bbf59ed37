"""The PDF design brief in a real browser: prepare it, watch the page wait for it, download it.

An official of the lead ministry presses "Prepare the PDF brief" on the review page. The request answers at
once with "being prepared…"; the test then does what the Celery worker does (renders the queued brief), and
the status page, reloading itself by a meta refresh (no script), offers the download: a PDF attachment
holding the partnership's name. Screenshots go under ``$SMP_TEST_ARTIFACTS`` (default ``test-artifacts/``).
"""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import Page, expect

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from codelists.reviews import BriefStatus
from reviews.models import DesignBrief
from reviews.services import design_brief_render
from tests.browser.support import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queued_only():
    """Tasks are sent to a broker, not run in the web process (as in production with a worker)."""
    from smp.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def lead_official(dest_ministry):
    return UserFactory(username="lead_official", role=UserRole.OFFICIAL, organisations=[dest_ministry])


def test_an_official_prepares_the_brief_waits_for_it_and_downloads_it(
    page: Page, live_server, artifacts_dir, private_media, queued_only, partnership, lead_official, tmp_path, settings
):
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set: without a broker the brief is rendered at once (eager)")
    base = live_server.url
    log_in(page, base, lead_official.username)
    page.goto(f"{base}/dashboard/partnerships/{partnership.pk}/")
    page.get_by_role("button", name="Prepare the PDF brief").click()

    expect(page.get_by_text("The PDF brief is being prepared…")).to_be_visible()
    assert page.locator('meta[http-equiv="refresh"]').count() == 1
    page.screenshot(path=str(artifacts_dir / "brief-being-prepared.png"), full_page=True)
    brief = DesignBrief.objects.get()
    assert brief.status == BriefStatus.QUEUED

    assert design_brief_render(brief_id=brief.pk).status == BriefStatus.SUCCEEDED  # the worker's part
    download_button = page.get_by_role("link", name="Download the PDF brief")
    expect(download_button).to_be_visible(timeout=15_000)  # the page reloaded itself
    page.screenshot(path=str(artifacts_dir / "brief-ready.png"), full_page=True)

    with page.expect_download() as info:
        download_button.click()
    download = info.value
    assert download.suggested_filename == f"smp-design-brief-{partnership.pk}-v{partnership.version}-en.pdf"
    path = tmp_path / "downloaded.pdf"
    download.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert partnership.name in text
