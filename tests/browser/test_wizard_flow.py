"""A government official designs a partnership through every wizard step in a real browser.

Logs in as the ``official`` demo user (created as ``load_demo`` does), creates the draft on step 1, adds
countries with the no-JS "add another" button, fills a cost-sharing grid with a mistake and corrects it,
reloads mid-way to find the data saved, submits to review and sees the feasibility results. A screenshot of
every step is saved under ``$SMP_TEST_ARTIFACTS`` (default ``test-artifacts/``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from partnerships.demo import demo_users_ensure
from partnerships.demo.shared import DEMO_PASSWORD
from partnerships.models import Partnership
from skills.tests.factories import OccupationFactory, SectorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page: Page, artifacts_dir, name: str) -> None:
    page.screenshot(path=str(artifacts_dir / f"wizard-{name}.png"), full_page=True)


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".alert-success, .alert-info").first).to_be_visible()


def test_official_designs_a_partnership_through_every_step_and_submits_it(live_server, page: Page, artifacts_dir):
    demo_users_ensure()
    SectorFactory(code="construction")
    OccupationFactory(code="7112")
    page.set_default_timeout(20_000)

    # Log in as the demo official.
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "official")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form").get_by_role("button").last.click()
    page.goto(f"{live_server.url}/partnerships/new/")

    # Step 1: basics — creates the draft.
    page.select_option("#id_lead-side", "destination")
    page.fill("#id_main-name", "Morocco–Germany construction skills")
    page.fill("#id_main-summary", "Masons and carpenters trained in Morocco for German construction firms.")
    page.select_option("#id_main-form_of_engagement", "mou")
    page.check("input[name=main-migration_types][value=temporary]")
    page.check("input[name=main-sectors][value=construction]")
    page.fill("#id_main-start_date", "2026-01-01")
    page.fill("#id_main-end_date", "2030-12-31")
    shoot(page, artifacts_dir, "01-basics")
    save_and_continue(page)
    partnership = Partnership.objects.get(name="Morocco–Germany construction skills")
    step = f"{live_server.url}/partnerships/{partnership.pk}/steps"

    # Step 2: countries (second row through the no-JS "add another" button) and an objective. Countries are
    # typed (a long list shared by the page's one <datalist>), by code or name.
    expect(page).to_have_url(f"{step}/countries_objectives/")
    page.fill("#id_countries-0-country", "MA")
    page.select_option("#id_countries-0-side", "origin")
    page.get_by_role("button", name="Add another country").click()
    expect(page.locator("#id_countries-0-country")).to_have_value("Morocco")  # typed input kept, by its name
    page.fill("#id_countries-1-country", "Germany")
    page.select_option("#id_countries-1-side", "destination")
    page.select_option("#id_objectives-0-kind", index=1)
    page.select_option("#id_objectives-0-horizon", "long")
    page.fill("#id_objectives-0-description", "Meet construction shortages in Germany for a decade.")
    shoot(page, artifacts_dir, "02-countries-objectives")
    save_and_continue(page)

    # Reload mid-way: the saved countries are there after a fresh load of step 2 (a saved row is named by its
    # country, which can no longer change).
    page.reload()
    page.goto(f"{step}/countries_objectives/")
    expect(page.locator("#row-countries-0 legend")).to_have_text("Morocco")
    expect(page.locator("#row-countries-1 legend")).to_have_text("Germany")
    expect(page.locator("#id_objectives-0-horizon")).to_have_value("long")
    page.goto(f"{step}/actors_governance/")

    # Step 3: a governance body next to the lead ministry.
    page.fill("#id_bodies-0-name", "Joint steering committee")
    page.select_option("#id_bodies-0-kind", index=1)
    shoot(page, artifacts_dir, "03-actors-governance")
    save_and_continue(page)

    # Step 4: evidence and one checklist answer.
    page.fill("#id_evidence-0-title", "Construction labour-market survey")
    page.fill("#id_evidence-0-source_type", "Population census")
    page.select_option("#id_needs-0-status", "answered")
    page.fill("#id_needs-0-answer", "Both countries report shortages of masons.")
    shoot(page, artifacts_dir, "04-evidence")
    save_and_continue(page)

    # Step 5: local development.
    shoot(page, artifacts_dir, "05-local-development")
    save_and_continue(page)

    # Step 6: an ISCO-08 target occupation typed as its code.
    page.fill("#id_occupations-0-occupation", "7112")
    page.fill("#id_occupations-0-places_per_year", "40")
    shoot(page, artifacts_dir, "06-skills")
    save_and_continue(page)

    # Steps 7 and 8.
    page.select_option("#id_provisions-0-status", "provided")
    shoot(page, artifacts_dir, "07-social")
    save_and_continue(page)
    shoot(page, artifacts_dir, "08-pathways")
    save_and_continue(page)

    # Step 9: a cost item, then the sharing grid with a mistake (90 %) that is corrected.
    expect(page).to_have_url(f"{step}/costs/")
    page.fill("#id_main-planned_migrants_total", "100")
    page.fill("#id_main-reporting_currency", "EUR")
    page.select_option("#id_items-0-category", "project_implementation")
    page.fill("#id_items-0-subitem", "Partnership meetings and running the partnership")
    page.fill("#id_items-0-amount", "20000")
    page.fill("#id_items-0-currency", "EUR")
    page.select_option("#id_items-0-basis", "fixed")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#set-shares tbody tr[data-share-row]")).to_have_count(1)
    page.fill("#id_shares-0-p_employer", "60")
    page.fill("#id_shares-0-p_gov_destination", "30")
    expect(page.locator("[data-share-total]").first).to_have_text("90.00 %")  # live total (JS)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#error-summary")).to_contain_text("total 90.00 %")
    expect(page.locator("#id_shares-0-p_employer")).to_have_value("60")  # nothing lost
    shoot(page, artifacts_dir, "09-costs-error")
    page.fill("#id_shares-0-p_gov_destination", "40")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#cost-summary")).to_contain_text("200.00 EUR")  # cost per migrant
    shoot(page, artifacts_dir, "09-costs")
    save_and_continue(page)

    # Step 10 and the review step: submit, then see the feasibility results.
    shoot(page, artifacts_dir, "10-recruitment")
    save_and_continue(page)
    expect(page).to_have_url(f"{step}/review/")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".alert-success")).to_contain_text("Submitted")
    expect(page.locator("#results")).to_be_visible()
    expect(page.locator("#element-E8")).to_contain_text(re.compile(r"E8"))
    shoot(page, artifacts_dir, "11-review")

    partnership.refresh_from_db()
    assert partnership.review_status == "submitted"
    assert partnership.cost_items.get().shares.count() == 2
