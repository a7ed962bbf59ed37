"""The portfolio heatmap in a real browser, at a laptop's 1366×768 and a phone's 390×844 (issue "the heatmap
hides what matters").

With the eight demo partnerships checked, the IOM reviewer's dashboard:
- at 1366 px shows every element column inside the window, with no sideways scrolling of the page or of the
  table's box; the header navigation sits on one line (for the reviewer and for an official, whose menu is
  the longest);
- shows the Mediterranean city-network demo's E8 (failing E8 rule, score 78) as a failure: red, the ✕ icon and
  the word "Fail", at both sizes;
- on the phone keeps the collapse menu and every element column without the page scrolling sideways;
- passes axe-core without a serious or critical violation at both sizes.
An official's header, the longest, also fits from 1200 px (where the whole menu shows) in English, French and
Spanish, with the language switcher wide enough for the language's name.
Screenshots go to ``$SMP_TEST_ARTIFACTS`` (default ``test-artifacts/``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from feasibility.models import FeasibilityRun
from feasibility.services import feasibility_check_batch
from partnerships.demo import demo_load
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load
from tests.browser.support import DEMO_PASSWORD, log_in, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
ELEMENTS = [f"E{n}" for n in range(1, 9)]
#: Bootstrap's navbar on one line is 56 px high; a second line of links adds about 24 px.
ONE_LINE_NAV = 64


@pytest.fixture
def demo(db):
    reference_data_load()
    demo_load()
    feasibility_check_batch(ids=list(Partnership.objects.values_list("pk", flat=True)))
    mediterranean = Partnership.objects.get(name__startswith="Mediterranean city network")
    run = FeasibilityRun.objects.get(partnership=mediterranean)
    assert run.element_results["E8"]["status"] == "fail"  # the demo's planted E8 gap
    return mediterranean


def no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"


def nav_on_one_line(page: Page) -> None:
    height = page.locator("nav.navbar").bounding_box()["height"]
    assert height <= ONE_LINE_NAV, f"the header navigation wraps ({height} px high)"
    tops = page.evaluate(
        "[...document.querySelectorAll('nav.navbar .nav-link')]"
        ".map(link => Math.round(link.getBoundingClientRect().top))"
    )
    assert max(tops) - min(tops) <= 8, f"nav links on several lines: {tops}"


def e8_reads_as_failure(page: Page, partnership: Partnership) -> None:
    cell = page.locator(f'tr[data-partnership="{partnership.pk}"] td[data-element="E8"]')
    expect(cell).to_have_attribute("data-status", "fail")
    expect(cell.locator(".hm-cell")).to_have_class("hm-cell hm-fail")
    text = cell.text_content() or ""
    assert "Fail" in text and "✕" in text, text
    colour = cell.locator(".hm-cell").evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(176, 42, 55)", colour  # the red of a failure, whatever the score (78)


def accessible(page: Page, where: str) -> None:
    problems = serious_violations(page)
    assert problems == [], f"{where}: {problems}"


def test_the_heatmap_fits_a_laptop_and_a_phone_and_shows_the_failing_e8(live_server, page: Page, demo, artifacts_dir):
    base = live_server.url
    page.set_viewport_size(LAPTOP)
    log_in(page, base, "reviewer", DEMO_PASSWORD)
    page.goto(f"{base}/dashboard/")
    heatmap = page.locator("#heatmap")
    expect(heatmap.locator("tbody tr")).to_have_count(Partnership.objects.count())

    # 1366 × 768: every element column inside the window; neither the page nor the table's box scrolls sideways.
    no_sideways_scroll(page)
    box = page.locator(".hm-scroll").evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert box[0] <= box[1], f"the heatmap's box scrolls sideways: {box}"
    width = LAPTOP["width"]
    for code in [*ELEMENTS, "recruitment"]:
        selector = f'th[data-element="{code}"]' if code != "recruitment" else "th.hm-recruitment"
        header = heatmap.locator(f"thead {selector}").bounding_box()
        assert header and header["x"] >= 0 and header["x"] + header["width"] <= width, (code, header)
    for cell in heatmap.locator('tbody td[data-element="E8"]').all():
        found = cell.bounding_box()
        assert found and found["x"] + found["width"] <= width
    e8_reads_as_failure(page, demo)
    nav_on_one_line(page)
    accessible(page, "dashboard at 1366")
    heatmap.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "heatmap-1366.png"), full_page=True)

    # 390 × 844: the collapse menu, the element columns beside the names, no sideways page scroll.
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.get_by_role("button", name="Toggle navigation")).to_be_visible()
    no_sideways_scroll(page)
    e8_reads_as_failure(page, demo)
    e8 = page.locator(f'tr[data-partnership="{demo.pk}"] td[data-element="E8"]')
    e8.scroll_into_view_if_needed()
    found = e8.bounding_box()
    assert found and found["x"] + found["width"] <= PHONE["width"], found
    accessible(page, "dashboard at 390")
    page.screenshot(path=str(artifacts_dir / "heatmap-390.png"), full_page=True)
    page.get_by_role("button", name="Toggle navigation").click()
    # The menu slides open; the account menu answers a click once it stands still ("collapsing" is gone).
    expect(page.locator("#mainnav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    expect(page.locator("#mainnav")).not_to_have_class(re.compile("collapsing"))
    page.locator("#account-menu").click()
    expect(page.locator("#account-menu")).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    accessible(page, "dashboard at 390, menu open")


def test_the_longest_header_an_officials_stays_on_one_line_at_1366(live_server, page: Page, demo, artifacts_dir):
    base = live_server.url
    page.set_viewport_size(LAPTOP)
    log_in(page, base, "official", DEMO_PASSWORD)
    page.goto(f"{base}/dashboard/")
    nav_on_one_line(page)
    # The API's documentation and keys, invitations and logging out are one click away, in the account menu.
    page.locator("#account-menu").click()
    for link in ("API documentation", "API keys", "Invite a colleague"):
        expect(page.get_by_role("link", name=link)).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    accessible(page, "dashboard of an official, account menu open")
    page.screenshot(
        path=str(artifacts_dir / "header-official-1366.png"), clip={"x": 0, "y": 0, "width": 1366, "height": 200}
    )


#: The narrowest window with the whole menu shown (Bootstrap's navbar-expand-xl), and a common laptop's.
HEADER_WIDTHS = (1200, 1366)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_header_fits_from_1200_px_in_every_language(live_server, page: Page, demo, language):
    """An official's header (the longest) in English, French and Spanish: on one line, inside the window, and
    the language switcher wide enough to show the language's name (it once shrank to its arrow in French)."""
    base = live_server.url
    page.set_viewport_size(LAPTOP)
    log_in(page, base, "official", DEMO_PASSWORD)
    page.goto(f"{base}/partnerships/")
    if language != "en":
        with page.expect_navigation():
            page.select_option("#language-select", language)
    expect(page.locator("html")).to_have_attribute("lang", language)
    for width in HEADER_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        nav_on_one_line(page)
        right = page.evaluate(
            "Math.max(...[...document.querySelectorAll('#mainnav > *')].map(e => e.getBoundingClientRect().right))"
        )
        assert right <= width, f"{language} at {width} px: the header reaches {right:.0f} px"
        no_sideways_scroll(page)
        shown, needed = page.evaluate(
            """() => {
                const select = document.getElementById('language-select');
                const style = getComputedStyle(select);
                const probe = document.createElement('span');
                probe.style.font = style.font;
                probe.style.whiteSpace = 'nowrap';
                probe.style.position = 'absolute';
                probe.textContent = select.options[select.selectedIndex].text;
                document.body.appendChild(probe);
                const needed = probe.getBoundingClientRect().width;
                probe.remove();
                return [select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight), needed];
            }"""
        )
        assert shown >= needed, f"{language} at {width} px: the language switcher shows {shown:.0f} of {needed:.0f} px"
