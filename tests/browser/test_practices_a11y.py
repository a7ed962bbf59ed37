"""WCAG 2.1 AA on the library of practices (issue "A library of practices"), as on the main pages
(test_pages_a11y.py): the list (filtered and not), an entry, and the curation form and history as an IOM reviewer,
at a desktop width and at a phone's; no serious or critical violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from accounts.models import UserRole
from accounts.tests.factories import PASSWORD, UserFactory
from practices.services import practices_load
from tests.browser.support import log_in, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"wide": (1280, 800), "narrow": (360, 740)}

PAGES = ["/practices/", "/practices/?element=R&region=asia_pacific", "/practices/pacific-australia/"]


def check(page: Page, url: str, found: dict[str, list[str]]) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    for name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        if problems := serious_violations(page):
            found[f"{url} ({name}, {width} px)"] = problems


def test_the_library_has_no_serious_violation_for_visitors_and_curators(live_server, page: Page, db):
    practices_load()
    UserFactory(username="curator", role=UserRole.REVIEWER)
    found: dict[str, list[str]] = {}
    for url in PAGES:
        check(page, f"{live_server.url}{url}", found)
    log_in(page, live_server.url, "curator", PASSWORD)
    for url in [*PAGES, "/practices/mentor/edit/", "/practices/new/"]:
        check(page, f"{live_server.url}{url}", found)
    assert not found, "\n" + "\n".join(f"{where}\n  " + "\n  ".join(p) for where, p in found.items())
