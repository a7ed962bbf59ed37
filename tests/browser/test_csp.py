"""The strict Content-Security-Policy breaks nothing in a real browser: on the pages with scripts (the wizard,
the dashboard's charts, the review page, the API reference, the admin) chromium reports no violation.

Violations are caught twice: a ``securitypolicyviolation`` listener added to every page before its own scripts
run (``page.add_init_script``), and chromium's console messages that mention the Content Security Policy.
The language switcher (formerly an inline ``onchange``) is exercised too, now that its script is a static file.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from tests.browser.support import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
    + `(${event.sourceFile || document.location.pathname}:${event.lineNumber})`);
});
"""


@pytest.fixture
def watched(page: Page):
    """The page, with every CSP violation it reports collected in ``page.csp_console``."""
    console: list[str] = []
    page.on(
        "console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.add_init_script(LISTEN)
    page.set_default_timeout(20_000)
    page.csp_console = console
    return page


def violations(page: Page) -> list[str]:
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations") + page.csp_console


def visit(page: Page, url: str) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    return violations(page)


def test_wizard_steps_and_the_dashboard_run_without_csp_violations(
    live_server, watched: Page, partnership, dest_official, reviewer
):
    base = live_server.url
    log_in(watched, base, "dest_official")
    for code in ("basics", "countries_objectives", "skills", "costs"):
        assert visit(watched, f"{base}/partnerships/{partnership.pk}/steps/{code}/") == [], code
    expect(watched.locator("form").first).to_be_visible()

    log_in(watched, base, "reviewer")
    assert visit(watched, f"{base}/dashboard/") == []
    expect(watched.locator("#chart-readiness")).to_be_visible()
    drawn = watched.evaluate("document.getElementById('chart-readiness').width")
    assert drawn > 0, "Chart.js drew the readiness chart under the policy"
    assert visit(watched, f"{base}/dashboard/partnerships/{partnership.pk}/") == []


def test_api_reference_admin_and_language_switcher_work_under_the_policy(live_server, watched: Page):
    base = live_server.url
    UserFactory(username="site_admin", role=UserRole.ADMIN, is_staff=True, is_superuser=True)

    assert visit(watched, f"{base}/api/docs/") == []
    expect(watched.locator("#api-reference details").first).to_be_attached()

    assert visit(watched, f"{base}/") == []
    with watched.expect_navigation():
        watched.select_option("#language-select", "fr")
    expect(watched.locator("html")).to_have_attribute("lang", "fr")
    watched.select_option("#language-select", "en")
    watched.wait_for_load_state("networkidle")

    log_in(watched, base, "site_admin")
    assert visit(watched, f"{base}/admin/") == []
    assert visit(watched, f"{base}/admin/accounts/user/") == []
    assert visit(watched, f"{base}/admin/accounts/user/add/") == []
