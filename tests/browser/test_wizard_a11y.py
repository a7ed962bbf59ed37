"""The wizard in a real browser: accessible on every step, and findings lead to a focused field.

- axe-core (through axe-playwright-python) on every wizard step, a row's own page, the task list and "Check
  your answers": no serious or critical violation.
- From the review step, following every "Fix it" link of one element lands on a page whose named field has
  the keyboard focus (issue "the official's journey, complete").
"""

from __future__ import annotations

import contextlib

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from codelists import stakeholders as sc
from codelists.partnerships import Side
from design.steps import STEPS
from feasibility.services import feasibility_check_batch
from partnerships.tests.factories import (
    CountryFactory,
    PartnershipCountryFactory,
    PartnershipFactory,
    PathwayFactory,
)
from skills.tests.factories import SectorFactory, TargetOccupationFactory
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory
from tests.browser.support import log_in, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def designed(db):
    """A Germany–Kosovo partnership with a pathway tied to an exit permit, checked once, and its lead official."""
    CountryFactory(code="DE", name="Germany", iom_region="eea")
    CountryFactory(code="XK", name="Kosovo", iom_region="see_ee_central_asia")
    ministry = OrganisationFactory(
        name="Federal Ministry of Labour and Social Affairs",
        category=sc.OrganisationCategory.GOVERNMENT_MINISTRY,
        country="DE",
    )
    official = UserFactory(username="lead_official", role=UserRole.OFFICIAL, organisations=[ministry])
    partnership = PartnershipFactory(name="Germany–Kosovo construction skills partnership")
    partnership.sectors.add(SectorFactory(code="construction"))
    destination = PartnershipCountryFactory(partnership=partnership, country="DE", side=Side.DESTINATION)
    PartnershipCountryFactory(partnership=partnership, country="XK", side=Side.ORIGIN)
    ParticipationFactory(
        partnership=partnership, organisation=ministry, side=Side.DESTINATION, roles=[sc.ParticipationRole.LEAD]
    )
    target = TargetOccupationFactory(partnership=partnership)
    pathway = PathwayFactory(
        partnership=partnership, destination_country=destination, exit_permit_required=True, name="Work visa"
    )
    pathway.occupations.add(target.occupation)
    feasibility_check_batch(ids=[partnership.pk])
    return {"official": official, "partnership": partnership, "pathway": pathway}


def test_every_wizard_page_has_no_serious_accessibility_violation(live_server, page: Page, designed):
    log_in(page, live_server.url, designed["official"].username)
    partnership = designed["partnership"]
    urls = [reverse("design:step", kwargs={"pk": partnership.pk, "code": step.code}) for step in STEPS]
    urls.append(
        reverse(
            "design:row",
            kwargs={"pk": partnership.pk, "code": "pathways", "prefix": "pathways", "row_id": designed["pathway"].pk},
        )
    )
    urls.append(reverse("design:tasks", kwargs={"pk": partnership.pk}))  # the task list (the steps' home)
    urls.append(reverse("design:check", kwargs={"pk": partnership.pk}))  # check your answers
    found = {}
    for url in urls:
        response = page.goto(f"{live_server.url}{url}")
        assert response is not None and response.ok, url
        problems = serious_violations(page)
        if problems:
            found[url] = problems
    assert found == {}


def test_following_a_findings_fix_link_focuses_the_named_field(live_server, page: Page, designed):
    """R.11 fails (exit permit on the only pathway): each "Fix it" link of ethical recruitment focuses its field."""
    log_in(page, live_server.url, designed["official"].username)
    partnership = designed["partnership"]
    review = f"{live_server.url}{reverse('design:step', kwargs={'pk': partnership.pk, 'code': 'review'})}"
    page.goto(review)
    links = page.locator("#element-R [data-fix-link]")
    count = links.count()
    assert count >= 1
    hrefs = [links.nth(index).get_attribute("href") for index in range(count)]
    assert any("exit_permit_required" in href for href in hrefs)
    for href in hrefs:
        page.goto(f"{live_server.url}{href}")
        page.wait_for_load_state("load")
        # The browser applies autofocus at its next rendering update, which may come after "load"; if it never
        # comes, the assertion below says where the focus is. (Not wait_for_function: its polling evaluates a
        # string, which the page's CSP forbids, so it failed whenever the focus was not there at once.)
        with contextlib.suppress(AssertionError):
            expect(page.locator(":focus")).to_have_count(1, timeout=5000)
        focused = page.evaluate("document.activeElement && document.activeElement.name")
        where = page.evaluate("document.activeElement ? document.activeElement.outerHTML.slice(0, 160) : ''")
        target = href.split("fix=", 1)[1].split("&", 1)[0].replace("%3A", ":")
        collection, _sep, field = target.rpartition(":")
        field = field.removeprefix("main-").split("-")[-1]
        if page.locator(f'[name$="-{field}"]').count():
            # The named field is on the page (the step's table or the row's own page): it has the focus.
            assert focused and focused.endswith(f"-{field}"), (href, where)
        else:
            # No row yet to hold it: the focus is on the first field of the collection's new row.
            assert focused and focused.startswith(f"{collection}-0-"), (href, where)
        expect(page.locator("#fix-note")).to_be_visible()
