"""WCAG 2.1 AA on the main pages, for every role, in a real browser (issue "accessibility of the main pages").

- axe-core (through axe-playwright-python) on the login page (also after a refused login), the rules page, the
  dashboard, the partnership page and each of its tabs, and the review page, logged in as each role, at a
  desktop width and at a phone's (360 CSS px, where wide tables scroll sideways): no serious or critical
  violation. One browser context per role; every problem is collected and listed at the end.
- Every chart is an image with a text alternative and has the same numbers in a table next to it.
- A refused login puts the keyboard focus on the error summary.
- With the keyboard alone (Tab), every region that scrolls can be reached and has a name; the focused element
  always shows a focus ring and no sticky or fixed bar covers it.

Data: the reference data, three demos (docs/demo-data.md) and one check of each, as in the demo set-up.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import UserRole
from accounts.tests.factories import PASSWORD, UserFactory
from feasibility.services import feasibility_check_batch
from partnerships.demo import demo_load
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load
from tests.browser.support import DEMO_PASSWORD, log_in, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"wide": (1280, 800), "narrow": (360, 740)}

TABS = ("", "monitoring/", "feasibility/", "review/", "history/")


@pytest.fixture
def demo(db) -> dict[str, int]:
    """Three demos, checked once: North Africa–Europe (both officials' sides and the partner), the Ghana–Germany
    health workers (failing rules, a red flag) and the Mediterranean city network; an administrator."""
    reference_data_load()
    demo_load(only=["north_africa_europe", "health_workers_germany", "mentor_mediterranean"])
    feasibility_check_batch(ids=list(Partnership.objects.values_list("pk", flat=True)))
    UserFactory(username="administrator", role=UserRole.ADMIN)
    return {
        "north_africa": Partnership.objects.get(name__startswith="North Africa–Europe").pk,
        "health": Partnership.objects.get(name__startswith="Ghana–Germany").pk,
    }


def pages_of(role: str, demo: dict[str, int]) -> list[str]:
    """The pages each role is tested on: the dashboard, the rules, the North Africa–Europe partnership page
    with every tab and its review page; the reviewer also the health workers' review page (red flags)."""
    shared = demo["north_africa"]
    urls = ["/dashboard/", "/rules/"]
    urls += [f"/partnerships/{shared}/{tab}" for tab in TABS]
    urls.append(f"/dashboard/partnerships/{shared}/")
    if role == "reviewer":
        urls.append(f"/dashboard/partnerships/{demo['health']}/")
    return urls


# Every <canvas> chart: role="img", a text alternative, and a table with the same numbers in its section.
CHARTS_WITHOUT_TABLE = """() => Array.from(document.querySelectorAll("canvas")).filter(canvas => {
  const label = (canvas.getAttribute("aria-label") || "").trim();
  const section = canvas.closest("section, figure, .card");
  const area = canvas.closest("section") || section;
  return canvas.getAttribute("role") !== "img" || !label || !area || !area.querySelector("table");
}).map(canvas => canvas.id || canvas.outerHTML.slice(0, 80))"""


def check(page: Page, url: str, found: dict[str, list[str]]) -> None:
    """Open the page, then run axe at each width and the chart check; what fails goes into ``found``."""
    response = page.goto(url)
    assert response is not None and response.ok, url
    for name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        problems = serious_violations(page)
        problems += [f"chart without role, text alternative or table: {c}" for c in page.evaluate(CHARTS_WITHOUT_TABLE)]
        if problems:
            found[f"{url} ({name}, {width} px)"] = problems


def readable(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}\n  " + "\n  ".join(problems) for where, problems in found.items())


def test_login_and_rules_have_no_serious_violation_before_logging_in(live_server, page: Page, demo):
    base = live_server.url
    found: dict[str, list[str]] = {}
    check(page, f"{base}/accounts/login/", found)
    check(page, f"{base}/rules/", found)
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "official")
    page.fill("input[name=password]", "not-the-password")
    page.locator("main form").get_by_role("button", name="Log in").click()
    expect(page.locator("#error-summary")).to_be_visible()
    for name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        if problems := serious_violations(page):
            found[f"refused login ({name})"] = problems
    assert not found, "\n" + readable(found)


@pytest.mark.parametrize("role", ["official", "official2", "reviewer", "partner", "admin"])
def test_main_pages_have_no_serious_violation(live_server, page: Page, demo, role):
    """official2 works for the other side of the shared partnership; admin reads everything."""
    username, password = ("administrator", PASSWORD) if role == "admin" else (role, DEMO_PASSWORD)
    log_in(page, live_server.url, username, password)
    found: dict[str, list[str]] = {}
    for url in pages_of(role, demo):
        check(page, f"{live_server.url}{url}", found)
    assert not found, f"\n{role}:\n" + readable(found)


def test_a_refused_login_puts_the_focus_on_the_error_summary(live_server, page: Page, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "official")
    page.fill("input[name=password]", "not-the-password")
    page.locator("main form").get_by_role("button", name="Log in").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Please enter a correct username and password")
    # Nothing typed: the summary lists both fields, each a link to its field, and still has the focus.
    page.fill("input[name=username]", "")
    page.fill("input[name=password]", "")
    page.locator("main form").get_by_role("button", name="Log in").click()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Username: This field is required.")).to_have_attribute(
        "href", "#id_username"
    )
    expect(summary.get_by_role("link", name="Password: This field is required.")).to_have_attribute(
        "href", "#id_password"
    )
    expect(page.locator("#id_username")).to_have_attribute("aria-describedby", "id_username_error")


# Marks each region that scrolls (overflow auto or scroll, with more content than room) and each sticky or
# fixed element; returns the regions. A region passes, as for axe's
# scrollable-region-focusable, when the keyboard reaches it (by its tabindex) or something inside it; a region
# that is itself a tab stop must have a name.
MARK = """() => {
  const regions = [];
  let sticky = 0;
  document.querySelectorAll("body *").forEach(el => {
    if (!el.checkVisibility({visibilityProperty: true})) { return; }  // also what a closed <details> hides
    const style = getComputedStyle(el);
    if (style.position === "sticky" || style.position === "fixed") { el.dataset.a11ySticky = String(sticky++); }
    const wide = ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const tall = ["auto", "scroll"].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if (!(wide || tall)) { return; }
    el.dataset.a11yRegion = String(regions.length);
    const ids = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const name = ids.map(id => (document.getElementById(id) || {}).textContent || "").join(" ").trim()
      || (el.getAttribute("aria-label") || "").trim();
    regions.push({html: el.outerHTML.slice(0, 120), name: name, stop: el.hasAttribute("tabindex")});
  });
  return regions;
}"""

# Where the focus is after a key press: which region (if any), whether a ring shows, what covers it.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  const covered = Array.from(document.querySelectorAll("[data-a11y-sticky]")).filter(bar => {
    if (bar.contains(el) || el.contains(bar)) { return false; }  // a region's own sticky column does not hide it
    const r = bar.getBoundingClientRect();
    return r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom;
  }).map(bar => bar.outerHTML.slice(0, 80));
  return {
    key: el.outerHTML.slice(0, 120) + "@" + Math.round(box.top + window.scrollY) + "," + Math.round(box.left),
    // Chromium itself lets Tab stop on a scroller without tabindex; other browsers do not, so such a stop
    // does not count.
    regions: Array.from(document.querySelectorAll("[data-a11y-region]"))
      .filter(region => region.contains(el) && (region !== el || region.hasAttribute("tabindex")))
      .map(region => Number(region.dataset.a11yRegion)),
    ring: ring, covered: covered,
  };
}"""

MAX_TABS = 600


def walk(page: Page) -> list[str]:
    """Tab through the page once; what fails WCAG 2.1.1 (scroll regions), 2.4.7 and 2.4.11 in words."""
    regions = page.evaluate(MARK)
    problems = [f"scroll region without a name: {r['html']}" for r in regions if r["stop"] and not r["name"]]
    reached: set[int] = set()
    seen: set[str] = set()
    for _press in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["key"] in seen:
            break  # back to the start: every stop was visited
        seen.add(focused["key"])
        reached.update(focused["regions"])
        if not focused["ring"]:
            problems.append(f"no visible focus: {focused['key']}")
        if focused["covered"]:
            problems.append(f"focus hidden by {focused['covered']}: {focused['key']}")
    else:
        problems.append(f"more than {MAX_TABS} tab stops")
    problems += [f"scroll region not reached with Tab: {r['html']}" for i, r in enumerate(regions) if i not in reached]
    return problems


def test_the_keyboard_reaches_every_scroll_region_and_the_focus_is_never_hidden(live_server, page: Page, demo):
    """At a phone's width, where most tables scroll sideways (axe's scrollable-region-focusable, done by hand):
    the reviewer's pages, which show every tab and the review page, and the login page."""
    page.set_viewport_size({"width": 360, "height": 740})
    base = live_server.url
    found: dict[str, list[str]] = {}
    page.goto(f"{base}/accounts/login/")
    if problems := walk(page):
        found["/accounts/login/"] = problems
    page.set_viewport_size({"width": 1280, "height": 800})  # the "Log out" button is folded away when narrow
    log_in(page, base, "reviewer", DEMO_PASSWORD)
    page.set_viewport_size({"width": 360, "height": 740})
    for url in pages_of("reviewer", demo):
        page.goto(f"{base}{url}")
        if problems := walk(page):
            found[url] = problems
    assert not found, "\n" + readable(found)
