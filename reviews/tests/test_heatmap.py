"""The dashboard's heatmap: each cell states its element's status (word, colour, icon), the score comes second.

The colour follows the status of ``FeasibilityRun.element_results`` (``feasibility.engine.ElementResult``), never
the score alone: an element with a failing rule (E8.R9 in the Mediterranean demo, scored 78) is red.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from feasibility.models import FeasibilityRun, RunStatus
from partnerships.tests.factories import PartnershipFactory
from reviews.selectors import ELEMENT_CODES, heatmap_cell, heatmap_page, portfolio_partnerships

pytestmark = pytest.mark.django_db


def checked(partnership, results: dict, *, red_flags=(), verdict="pass") -> FeasibilityRun:
    """A succeeded run with these element results (every other element passes with 100)."""
    elements = {code: {"name": code, "status": "pass", "score": 100.0, "counts": {}} for code in ELEMENT_CODES}
    for code, (status, score) in results.items():
        elements[code] = {"name": code, "status": status, "score": score, "counts": {}}
    return FeasibilityRun.objects.create(
        partnership=partnership,
        status=RunStatus.SUCCEEDED,
        overall_score=Decimal(90),
        element_results=elements,
        red_flags=list(red_flags),
        recruitment_verdict=verdict,
    )


def dashboard(client, user, **params) -> str:
    client.force_login(user)
    response = client.get(reverse("reviews:dashboard"), params)
    assert response.status_code == 200
    return response.content.decode()


def cell_html(html: str, partnership, code: str) -> str:
    """The ``<td>`` of element ``code`` in the partnership's heatmap row."""
    row = re.search(rf'<tr data-partnership="{partnership.pk}">(.*?)</tr>', html, re.S)
    assert row, f"no heatmap row for {partnership}"
    cell = re.search(rf'<td class="hm-el" data-element="{code}"[^>]*>(.*?)</td>', row.group(1), re.S)
    assert cell, f"no {code} cell"
    return cell.group(0)


#
# Cells from element results
#


def test_a_failing_element_is_a_failure_whatever_its_score():
    cell = heatmap_cell(code="E8", data={"status": "fail", "score": 95.0}, checked=True)
    assert (cell["status"], cell["tone"], str(cell["label"]), cell["icon"]) == ("fail", "fail", "Fail", "✕")
    assert cell["score"] == 95
    assert cell["name"] == "E8 Cost reduction and sharing"


def test_a_warning_and_a_pass_keep_their_own_tone_at_any_score():
    assert heatmap_cell(code="E1", data={"status": "warn", "score": 99.0}, checked=True)["tone"] == "warn"
    assert heatmap_cell(code="E1", data={"status": "pass", "score": 10.0}, checked=True)["tone"] == "pass"


def test_an_element_without_a_status_reads_as_not_assessed_never_as_a_pass():
    for data in ({"score": 100.0}, {}, None, {"status": "something new", "score": 100.0}):
        cell = heatmap_cell(code="E3", data=data, checked=True)
        assert (cell["status"], cell["tone"], str(cell["label"])) == ("not_assessed", "none", "Not assessed"), data


def test_rule_style_statuses_read_the_same_as_element_statuses():
    assert heatmap_cell(code="E2", data={"status": "FAIL", "score": 80}, checked=True)["status"] == "fail"
    assert heatmap_cell(code="E2", data={"status": "N/A"}, checked=True)["status"] == "not_applicable"


def test_a_partnership_never_checked_says_so_in_every_cell():
    cell = heatmap_cell(code="E5", data=None, checked=False)
    assert (cell["status"], cell["tone"], cell["score"], str(cell["label"])) == (
        "not_checked",
        "none",
        None,
        "Not checked yet",
    )


#
# The dashboard page
#


def test_the_dashboard_renders_a_failing_element_with_a_high_score_as_a_failure(client, reviewer):
    p = PartnershipFactory(name="Mediterranean city network", with_countries=True)
    checked(p, {"E8": ("fail", 78.0), "E2": ("warn", 95.0), "E3": ("not_assessed", None)})
    html = dashboard(client, reviewer)

    e8 = cell_html(html, p, "E8")
    assert 'data-status="fail"' in e8 and "hm-fail" in e8 and "hm-pass" not in e8
    assert '<span class="visually-hidden">Fail, score</span>' in e8 and ">✕<" in e8 and "> 78<" in e8
    assert 'title="E8 Cost reduction and sharing: Fail (score 78)"' in e8
    assert reverse("reviews:partnership", args=[p.pk]) + "#element-E8" in e8

    e2 = cell_html(html, p, "E2")
    assert "hm-warn" in e2 and "Warning, score" in e2
    e3 = cell_html(html, p, "E3")
    assert "hm-none" in e3 and '<span class="visually-hidden">Not assessed</span>' in e3 and "hm-score" not in e3
    e1 = cell_html(html, p, "E1")
    assert "hm-pass" in e1 and "Pass, score" in e1

    # The key names every status in words.
    for word in ("Pass", "Warning", "Fail", "Not assessed", "Not applicable"):
        assert f"</span> {word}</li>" in html


def test_an_unchecked_partnership_says_not_checked_and_links_nowhere(client, reviewer):
    p = PartnershipFactory(name="Not checked yet scheme", with_countries=True)
    html = dashboard(client, reviewer)
    e4 = cell_html(html, p, "E4")
    assert 'data-status="not_checked"' in e4 and "Not checked yet" in e4 and "<a " not in e4


def test_the_recruitment_column_shows_red_flags_as_a_failure(client, reviewer):
    flagged = PartnershipFactory(name="Flagged scheme", with_countries=True)
    clean = PartnershipFactory(name="Clean scheme", with_countries=True)
    checked(flagged, {}, red_flags=["R.11"], verdict="fail")
    checked(clean, {}, verdict="pass")
    html = dashboard(client, reviewer)
    flagged_row = re.search(rf'<tr data-partnership="{flagged.pk}">(.*?)</tr>', html, re.S).group(1)
    clean_row = re.search(rf'<tr data-partnership="{clean.pk}">(.*?)</tr>', html, re.S).group(1)
    assert 'class="hm-cell hm-fail" title="Red flags: R.11"' in flagged_row and ">Red flags<" in flagged_row
    assert '<span class="hm-cell hm-pass">' in clean_row and ">Pass<" in clean_row


def test_sorting_by_an_element_puts_failing_elements_first_whatever_their_score(reviewer):
    failing = PartnershipFactory(name="A fails E8 at 89", with_countries=True)
    warning = PartnershipFactory(name="B warns on E8 at 50", with_countries=True)
    passing = PartnershipFactory(name="C passes E8 at 100", with_countries=True)
    never = PartnershipFactory(name="D never checked", with_countries=True)
    checked(failing, {"E8": ("fail", 89.0)})
    checked(warning, {"E8": ("warn", 50.0)})
    checked(passing, {"E8": ("pass", 100.0)})
    qs = portfolio_partnerships(user=reviewer)

    names = [row.partnership.name for row in heatmap_page(partnerships=qs, sort="E8")["rows"]]
    assert names == [failing.name, warning.name, passing.name, never.name]
    names = [row.partnership.name for row in heatmap_page(partnerships=qs, sort="-E8")["rows"]]
    assert names == [passing.name, warning.name, failing.name, never.name]


def test_the_heatmap_reads_the_same_number_of_queries_for_5_rows_as_for_25(reviewer, django_assert_num_queries):
    """Count (1), the page of partnerships with their latest run id (1), those runs (1), their countries (1)."""
    for n in range(5):
        checked(PartnershipFactory(name=f"Scheme {n:02}", with_countries=True), {"E8": ("fail", 70.0)})
    qs = portfolio_partnerships(user=reviewer)
    with django_assert_num_queries(4):
        assert len(heatmap_page(partnerships=qs, sort="E8")["rows"]) == 5
    for n in range(5, 25):
        checked(PartnershipFactory(name=f"Scheme {n:02}", with_countries=True), {"E1": ("warn", 60.0)})
    with django_assert_num_queries(4):
        assert len(heatmap_page(partnerships=qs, sort="E8")["rows"]) == 25


#
# Header and favicon
#


def test_every_page_links_the_favicon_and_favicon_ico_leads_to_it(client):
    html = client.get(reverse("login")).content.decode()
    assert re.search(r'<link rel="icon" href="/static/favicon[^"]*\.svg" type="image/svg\+xml">', html)
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and re.match(r"/static/favicon[^/]*\.svg$", response.url)


def test_the_account_menu_keeps_every_destination_for_officials(client, reviewer):
    official = UserFactory(username="menu_official", role=UserRole.OFFICIAL)
    html = dashboard(client, official)
    menu = html[html.index('id="account-menu"') : html.index("</ul>", html.index('id="account-menu"'))]
    assert reverse("api:tokens") in menu and reverse("accounts:invitation_new") in menu
    for url in ("home", "design:list", "design:new", "reviews:dashboard", "reviews:notifications", "api:docs"):
        assert f'href="{reverse(url)}"' in html, url
    assert f'href="{reverse("feasibility:catalogue")}"' in html
    # A reviewer has neither API keys nor invitations.
    html = dashboard(client, reviewer)
    assert reverse("api:tokens") not in html and reverse("accounts:invitation_new") not in html


def test_the_review_page_colours_elements_by_status_too(client):
    """The review page's element cards: E8 failing with 78 reads as a failure (red, ✕, "Fail"), not green."""
    reviewer = UserFactory(role=UserRole.REVIEWER)
    partnership = PartnershipFactory()
    checked(partnership, {"E8": ("fail", 78.0)})
    client.force_login(reviewer)
    html = client.get(reverse("reviews:partnership", kwargs={"pk": partnership.pk})).content.decode()
    e8 = re.search(r'<span class="hm-cell hm-(\w+)" data-element-score="E8">(.*?)</span></span>', html, re.S)
    assert e8 and e8.group(1) == "fail"
    assert "✕" in e8.group(2) and "Fail" in e8.group(2) and "78" in e8.group(2)
    e1 = re.search(r'<span class="hm-cell hm-(\w+)" data-element-score="E1">', html)
    assert e1 and e1.group(1) == "pass"
