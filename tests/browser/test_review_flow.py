"""IOM review in a real browser: request changes, fix them in the wizard, resubmit, approve.

A reviewer filters the portfolio dashboard, opens a partnership from its element heatmap, starts the review
and requests changes on one element. The official of the lead ministry sees the request (notification and
review page), adds the missing objective in the wizard and resubmits. The feasibility check runs (as the
worker would), the reviewer marks the request resolved and approves. Screenshots of each page are saved
under ``$SMP_TEST_ARTIFACTS`` (default ``test-artifacts/``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from codelists import stakeholders as sc
from codelists.partnerships import Side
from feasibility.models import FeasibilityRun, RunStatus
from feasibility.services import feasibility_check_batch, feasibility_run_execute
from partnerships.models import Partnership
from partnerships.tests.factories import CountryFactory, PartnershipCountryFactory, PartnershipFactory
from reviews.workflow import review_action_perform
from skills.tests.factories import SectorFactory
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory
from tests.browser.support import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page: Page, artifacts_dir, name: str) -> None:
    page.screenshot(path=str(artifacts_dir / f"review-{name}.png"), full_page=True)


def run_queued_checks() -> None:
    """What the Celery worker does with the runs the workflow enqueued (none left queued when tasks ran eagerly)."""
    for run_id in FeasibilityRun.objects.filter(status=RunStatus.QUEUED).values_list("pk", flat=True):
        feasibility_run_execute(run_id=run_id)


@pytest.fixture
def cast(db):
    """A submitted Germany–Kosovo partnership of the lead ministry's official, another one, and a reviewer."""
    CountryFactory(code="DE", name="Germany", iom_region="eea")
    CountryFactory(code="XK", name="Kosovo", iom_region="see_ee_central_asia")
    CountryFactory(code="NG", name="Nigeria", iom_region="west_central_africa")
    ministry = OrganisationFactory(
        name="Federal Ministry of Labour and Social Affairs",
        category=sc.OrganisationCategory.GOVERNMENT_MINISTRY,
        country="DE",
    )
    official = UserFactory(username="lead_official", role=UserRole.OFFICIAL, organisations=[ministry])
    reviewer = UserFactory(username="iom_reviewer", role=UserRole.REVIEWER, first_name="Ines", last_name="Reviewer")
    partnership = PartnershipFactory(name="Germany–Kosovo construction skills partnership")
    partnership.sectors.add(SectorFactory(code="construction"))
    PartnershipCountryFactory(partnership=partnership, country="DE", side=Side.DESTINATION)
    PartnershipCountryFactory(partnership=partnership, country="XK", side=Side.ORIGIN)
    ParticipationFactory(
        partnership=partnership, organisation=ministry, side=Side.DESTINATION, roles=[sc.ParticipationRole.LEAD]
    )
    other = PartnershipFactory(name="Nigeria–Lithuania ICT partnership")
    PartnershipCountryFactory(partnership=other, country="NG", side=Side.ORIGIN)
    PartnershipCountryFactory(partnership=other, country="LT", side=Side.DESTINATION)
    feasibility_check_batch(ids=[partnership.pk, other.pk])
    review_action_perform(partnership=partnership, action="submit", user=official)
    run_queued_checks()
    return {"official": official, "reviewer": reviewer, "partnership": partnership, "other": other}


def test_reviewer_requests_changes_official_fixes_and_resubmits_reviewer_approves(
    live_server, page: Page, artifacts_dir, cast
):
    base = live_server.url
    p = cast["partnership"]
    page.set_default_timeout(20_000)

    # The reviewer filters the portfolio to Kosovo and opens the partnership from its E1 heatmap cell.
    log_in(page, base, "iom_reviewer")
    page.goto(f"{base}/dashboard/")
    expect(page.locator("#heatmap")).to_contain_text(cast["other"].name)
    page.select_option("#id_country", "XK")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"/dashboard/\?.*country=XK"))  # the filter is in the URL
    expect(page.locator("#heatmap")).not_to_contain_text(cast["other"].name)
    expect(page.locator("#heatmap")).to_contain_text(p.name)
    shoot(page, artifacts_dir, "01-dashboard-filtered")
    page.locator(f'#heatmap a[href="/dashboard/partnerships/{p.pk}/#element-E1"]').click()
    expect(page).to_have_url(f"{base}/dashboard/partnerships/{p.pk}/#element-E1")
    expect(page.locator("#element-E1")).to_be_visible()

    # Start the review, then request changes on E1.
    page.locator('form[data-action="start_review"]').get_by_role("button").click()
    expect(page.locator("[data-review-status]")).to_have_text("In review")
    page.select_option("#rc-element", "E1")
    page.fill("#rc-text", "Record at least one long-term objective agreed by both countries.")
    shoot(page, artifacts_dir, "02-request-changes")
    page.locator("#request-changes-form").get_by_role("button", name="Request changes").click()
    expect(page.locator("[data-review-status]")).to_have_text("Changes requested")
    expect(page.locator("#element-E1")).to_contain_text("Record at least one long-term objective")

    # The official is told, reads the request and fixes the data in the wizard (step 2: an objective).
    log_in(page, base, "lead_official")
    expect(page.locator("nav .badge")).to_contain_text("1")
    page.goto(f"{base}/dashboard/notifications/")
    expect(page.locator("#notifications")).to_contain_text("requested changes")
    shoot(page, artifacts_dir, "03-official-notification")
    page.locator("#notifications a").first.click()  # to the Review tab of the partnership page
    expect(page).to_have_url(f"{base}/partnerships/{p.pk}/review/")
    expect(page.locator("#comments")).to_contain_text("Record at least one long-term objective")
    page.goto(f"{base}/partnerships/{p.pk}/steps/countries_objectives/")
    page.select_option("#id_objectives-0-kind", index=1)
    page.select_option("#id_objectives-0-horizon", "long")
    page.fill("#id_objectives-0-description", "Meet construction shortages in Germany for a decade.")
    shoot(page, artifacts_dir, "04-wizard-fix")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".alert-success, .alert-info").first).to_be_visible()
    assert p.objectives.count() == 1

    # … and resubmits from the review page.
    page.goto(f"{base}/dashboard/partnerships/{p.pk}/")
    page.fill("#comment-resubmit", "Objective added.")
    page.locator('form[data-action="resubmit"]').get_by_role("button").click()
    expect(page.locator("[data-review-status]")).to_have_text("Submitted")
    run_queued_checks()  # the worker checks the resubmitted data

    # The reviewer takes it up again, marks the request resolved and approves.
    log_in(page, base, "iom_reviewer")
    page.goto(f"{base}/dashboard/partnerships/{p.pk}/")
    page.locator('form[data-action="start_review"]').get_by_role("button").click()
    expect(page.locator("[data-review-status]")).to_have_text("In review")
    page.locator("#element-E1").get_by_role("button", name="Mark resolved").click()
    expect(page.locator("#element-E1")).to_contain_text("change done")
    page.fill("#comment-approve", "Ready for the agreement stage.")
    shoot(page, artifacts_dir, "05-before-approval")
    page.locator('form[data-action="approve"]').get_by_role("button").click()
    expect(page.locator("[data-review-status]")).to_have_text("Approved")
    expect(page.locator("#trail")).to_contain_text("Approve")
    shoot(page, artifacts_dir, "06-approved")

    p = Partnership.objects.get(pk=p.pk)
    assert (p.review_status, p.review_round, p.approved_by) == ("approved", 2, cast["reviewer"])
    assert p.approved_version == p.version
