"""What the browser tests share: signing in, and axe-core's serious findings on a page."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from accounts.tests.factories import PASSWORD

#: The demo users' password (docs/demo-data.md); factory users have ``PASSWORD``.
DEMO_PASSWORD = "demo-password"
SERIOUS = ("serious", "critical")


def log_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    """Sign in from a clean session; returns once the page shows the sign-out form (in any language)."""
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form").get_by_role("button").last.click()
    expect(page.locator('form[action$="/accounts/logout/"]')).to_have_count(1)


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is, one line each."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {', '.join(map(str, node['target']))}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]
