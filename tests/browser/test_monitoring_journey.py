"""Monitoring a running partnership in a real browser (issue "Managing a running partnership").

The official of the lead ministry of the North Africa–Europe demo (stage implementation) adds two reporting
periods on the partnership page's Monitoring tab and records, for each, the migrants deployed and what the
three payers spent on the partnership meetings; then corrects one figure. The tab's tables and charts show the
figures; after a re-check the Feasibility tab shows E8.R9 (actual cost per migrant followed year by year)
changing outcome; the IOM reviewer sees the same figures, and the History tab shows the edits with their
before and after. Every page of the partnership the journey visits passes axe-core without a serious or critical
violation. Screenshots go to ``$SMP_TEST_ARTIFACTS`` (default ``test-artifacts/``).

Figures (Y = last year, when the demo's actual costs are dated; the other items keep their one actual amount
each, 610,050 EUR in Y, of which the meetings' 54,000 are replaced by the records):
- Y−1: meetings 20,000 + 10,000 + 20,000 = 50,000 EUR, 20 deployed, corrected to 25 → 2,000.00 EUR per migrant;
- Y: 610,050 − 54,000 + 60,000 = 616,050 EUR, 120 deployed → 5,133.75 EUR per migrant: rising, so E8.R9 warns.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from costs.models import CostItem
from feasibility.models import Finding
from feasibility.services import feasibility_check_batch
from partnerships.demo import demo_load
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load
from tests.browser.support import DEMO_PASSWORD, log_in, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def e8_r9(partnership) -> Finding:
    run = feasibility_check_batch(ids=[partnership.pk])[0]
    return run.findings.get(rule_id="E8.R9")


@pytest.fixture
def demo(db):
    reference_data_load()
    demo_load(only=["north_africa_europe"])
    partnership = Partnership.objects.get(name__startswith="North Africa–Europe")
    assert partnership.stage == "implementation"
    return partnership


def add_period(page: Page, name: str, year: int) -> None:
    page.get_by_role("link", name="Add a reporting period").click()
    page.get_by_label("Name of the period").fill(name)
    page.get_by_label("Starts on").fill(f"{year}-01-01")
    page.get_by_label("Ends on").fill(f"{year}-12-31")
    page.get_by_role("button", name="Add the period").click()
    expect(page.get_by_role("heading", name=f"Results of {name}")).to_be_visible()


def record(page: Page, meetings: CostItem, year: int, *, deployed: str, amounts: dict[str, str]) -> None:
    page.get_by_label("Participants who took up the job abroad (persons)", exact=True).fill(deployed)
    for share in meetings.shares.all():
        field = page.locator(f"#id_spent-{meetings.pk}-{share.payer}-{share.organisation_id or 0}-{year}")
        field.fill(amounts[share.payer])
    page.get_by_role("button", name="Save the results").click()
    expect(page.get_by_role("alert").filter(has_text="are saved")).to_be_visible()


def accessible(page: Page, found: dict) -> None:
    problems = serious_violations(page)
    if problems:
        found[page.url] = problems


def test_an_official_records_two_periods_and_the_reviewer_sees_them(page: Page, live_server, demo, artifacts_dir):
    year = timezone.localdate().year - 1
    before = e8_r9(demo)
    assert before.status == "PASS", before.message
    meetings = CostItem.objects.get(partnership=demo, subitem="partnership_meetings")
    base = live_server.url

    found: dict[str, list[str]] = {}
    log_in(page, base, "official", DEMO_PASSWORD)
    page.goto(f"{base}/partnerships/{demo.pk}/monitoring/")
    accessible(page, found)
    page.get_by_role("link", name="Add a reporting period").click()
    accessible(page, found)
    page.go_back()
    add_period(page, str(year - 1), year - 1)
    accessible(page, found)
    record(
        page,
        meetings,
        year - 1,
        deployed="20",
        amounts={"gov_destination": "20000", "gov_origin": "10000", "other": "20000"},
    )
    page.get_by_role("link", name="All reporting periods").click()
    add_period(page, str(year), year)
    record(
        page,
        meetings,
        year,
        deployed="120",
        amounts={"gov_destination": "24000", "gov_origin": "12000", "other": "24000"},
    )
    # A correction: 25 migrants were deployed in the first year, not 20.
    page.get_by_role("link", name="All reporting periods").click()
    page.get_by_role("link", name=str(year - 1), exact=True).click()
    page.get_by_label("Participants who took up the job abroad (persons)", exact=True).fill("25")
    page.get_by_role("button", name="Save the results").click()
    expect(page.get_by_role("alert").filter(has_text="are saved")).to_be_visible()

    page.get_by_role("link", name="All reporting periods").click()
    periods = page.locator("table").filter(has_text="Reporting periods and what is recorded")
    expect(periods.get_by_role("row", name=re.compile(rf"^{year - 1}\b"))).to_contain_text("Recorded")
    per_migrant = page.locator("table").filter(has_text="cost per migrant by year")
    expect(per_migrant.get_by_role("row", name=re.compile(rf"^{year - 1}\b"))).to_contain_text("2,000.00 EUR")
    expect(per_migrant.get_by_role("row", name=re.compile(rf"^{year}\b"))).to_contain_text("5,133.75 EUR")
    payers = page.locator("table").filter(has_text="Planned and actual spending per payer")
    expect(payers.get_by_role("row", name=re.compile("^Government of destination"))).to_contain_text("44,000.00 EUR")
    expect(page.locator("#chart-per-migrant")).to_be_visible()
    expect(page.locator("#chart-payers")).to_be_visible()
    accessible(page, found)
    page.screenshot(path=str(artifacts_dir / "monitoring-tab.png"), full_page=True)

    # The re-check: E8.R9 now warns that the cost per migrant rose; the Feasibility tab shows the change.
    after = e8_r9(demo)
    assert after.status == "WARN" and "rose from" in after.text, after.text
    page.goto(f"{base}/partnerships/{demo.pk}/feasibility/")
    page.get_by_role("link", name=re.compile("With the check before")).first.click()
    changed = page.locator("#difference")
    expect(changed.get_by_role("row", name=re.compile(r"^E8\.R9\b"))).to_contain_text("rose from")
    accessible(page, found)
    for tab in ("", "review/"):
        page.goto(f"{base}/partnerships/{demo.pk}/{tab}")
        accessible(page, found)
    page.goto(f"{base}/partnerships/{demo.pk}/feasibility/")
    page.screenshot(path=str(artifacts_dir / "monitoring-feasibility.png"), full_page=True)

    # The reviewer sees the same figures, and the edits in the History tab with before and after.
    log_in(page, base, "reviewer", DEMO_PASSWORD)
    page.goto(f"{base}/partnerships/{demo.pk}/monitoring/")
    per_migrant = page.locator("table").filter(has_text="cost per migrant by year")
    expect(per_migrant.get_by_role("row", name=re.compile(rf"^{year}\b"))).to_contain_text("5,133.75 EUR")
    expect(page.get_by_role("link", name="Add a reporting period")).to_have_count(0)
    page.get_by_role("link", name="History").click()
    history = page.locator("#history-table")
    corrected = (
        history.get_by_role("row")
        .filter(has_text="Participants who took up the job abroad")
        .filter(has=page.locator("del", has_text="20"))
    )
    expect(corrected.first).to_contain_text("25")
    spending_rows = history.get_by_role("row").filter(has_text=re.compile("[Aa]ctual spending"))
    expect(spending_rows.first).to_be_visible()
    accessible(page, found)
    page.screenshot(path=str(artifacts_dir / "monitoring-history.png"), full_page=True)
    assert found == {}
