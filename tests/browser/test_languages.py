"""French and Spanish for real, in a browser (issue "Three languages for real").

For each language: the official of the lead ministry switches the language in the header (which saves it on
their profile), saves the wizard's first two steps, runs the feasibility check from the review step and reads
the findings there; the IOM reviewer switches too, opens the dashboard and the review page, and asks for the PDF
brief. On every page, and in the PDF's text, no English sentence of the interface may be visible: the visible
text is compared against the English catalogue's sentences (every msgid of two words or more, without
placeholders, whose translation differs). Screenshots go to ``$SMP_TEST_ARTIFACTS``.
"""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from codelists import stakeholders as sc
from codelists.partnerships import Side
from feasibility.models import FeasibilityRun, RunStatus
from feasibility.services import feasibility_run_execute
from partnerships.tests.factories import CountryFactory, PartnershipCountryFactory, PartnershipFactory
from reviews.models import DesignBrief
from reviews.services import design_brief_render
from skills.tests.factories import SectorFactory
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory
from tests.browser.support import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"


@cache
def english_sentences() -> tuple[str, ...]:
    """The interface's English sentences: msgids of two words or more, without placeholders or markup, whose
    French translation differs (names such as "Kosovo" or codes such as "ISCO-08" are the same in every language)."""
    text = CATALOGUE.read_text()
    sentences = []
    for block in text.split("\n\n"):
        if "msgid_plural" in block or "msgctxt" in block:
            continue
        msgid = "".join(re.findall(r'"(.*)"', block.split("msgstr")[0].split("msgid", 1)[-1]))
        msgstr = "".join(re.findall(r'"(.*)"', block.split("msgstr", 1)[-1])) if "msgstr" in block else ""
        if not msgid or msgid == msgstr or re.search(r"[%{}<>\\]", msgid) or len(msgid.split()) < 2 or len(msgid) < 12:
            continue
        sentences.append(msgid)
    return tuple(sentences)


def english_on(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [sentence for sentence in english_sentences() if sentence in flat]


def check_page(page: Page, found: dict) -> None:
    english = english_on(page.evaluate("document.body.innerText"))
    if english:
        found[page.url] = english[:10]


def switch_language(page: Page, language: str) -> None:
    # The switch submits itself from smp.js: wait until the page's scripts have run, or the change goes unheard.
    page.wait_for_load_state("load")
    with page.expect_navigation():
        page.select_option("#language-select", language)


@pytest.fixture
def corridor(db):
    """A Germany–Kosovo draft led by the German ministry (its official), and an IOM reviewer."""
    CountryFactory(code="DE", name="Germany", iom_region="eea")
    CountryFactory(code="XK", name="Kosovo", iom_region="see_ee_central_asia")
    ministry = OrganisationFactory(
        name="Bundesministerium für Arbeit und Soziales",
        category=sc.OrganisationCategory.GOVERNMENT_MINISTRY,
        country="DE",
    )
    official = UserFactory(username="lead_official", role=UserRole.OFFICIAL, organisations=[ministry])
    reviewer = UserFactory(username="iom_reviewer", role=UserRole.REVIEWER)
    partnership = PartnershipFactory(name="Bau-Partnerschaft Deutschland–Kosovo")
    partnership.sectors.add(SectorFactory(code="construction"))
    PartnershipCountryFactory(partnership=partnership, country="DE", side=Side.DESTINATION)
    PartnershipCountryFactory(partnership=partnership, country="XK", side=Side.ORIGIN)
    ParticipationFactory(
        partnership=partnership, organisation=ministry, side=Side.DESTINATION, roles=[sc.ParticipationRole.LEAD]
    )
    return {"official": official, "reviewer": reviewer, "partnership": partnership}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_an_official_and_a_reviewer_work_in_their_language(page: Page, live_server, corridor, artifacts_dir, language):
    base = live_server.url
    partnership = corridor["partnership"]
    url = f"{base}/partnerships/{partnership.pk}"
    found: dict[str, list[str]] = {}

    # The official: switch the language, save the first two steps, run the check, read the findings.
    log_in(page, base, corridor["official"].username)
    switch_language(page, language)
    corridor["official"].refresh_from_db()
    assert corridor["official"].language == language
    summary = {"fr": "Formation aux métiers du bâtiment au Kosovo.", "es": "Formación en construcción en Kosovo."}
    for code, following in (("basics", "countries_objectives"), ("countries_objectives", "actors_governance")):
        page.goto(f"{url}/steps/{code}/")
        check_page(page, found)
        if code == "basics":
            page.locator("#id_main-summary").fill(summary[language])
        with page.expect_navigation():
            page.locator("button[name=continue]").click()
        problems = page.locator("#error-summary")
        assert problems.count() == 0, problems.inner_text()
        assert page.url.endswith(f"/steps/{following}/"), page.url
        check_page(page, found)
    partnership.refresh_from_db()
    assert partnership.summary == summary[language]
    page.goto(f"{url}/steps/review/")
    with page.expect_navigation():
        page.locator("button[name=action][value=check]").click()
    for run in FeasibilityRun.objects.filter(partnership=partnership, status=RunStatus.QUEUED):
        feasibility_run_execute(run_id=run.pk)  # what the worker does
    page.goto(f"{url}/steps/review/")
    run = FeasibilityRun.objects.filter(partnership=partnership, status=RunStatus.SUCCEEDED).latest("created_at")
    finding = run.findings.exclude(message_key="").filter(status__in=["FAIL", "WARN"]).first()
    with translation.override(language):
        translated = finding.text
    with translation.override("en"):
        assert translated != finding.text  # the same finding reads in English for an English reader
    expect(page.locator("main")).to_contain_text(translated[:40])
    check_page(page, found)
    page.screenshot(path=str(artifacts_dir / f"languages-{language}-review-step.png"), full_page=True)
    for tab in ("", "feasibility/", "monitoring/"):
        page.goto(f"{url}/{tab}")
        check_page(page, found)

    # The reviewer: switch, the dashboard, the review page, the PDF brief.
    log_in(page, base, corridor["reviewer"].username)
    switch_language(page, language)
    page.goto(f"{base}/dashboard/")
    check_page(page, found)
    page.goto(f"{base}/dashboard/partnerships/{partnership.pk}/")
    check_page(page, found)
    with page.expect_navigation():
        page.locator("#brief button[type=submit]").click()
    brief = DesignBrief.objects.filter(partnership=partnership).latest("created_at")
    assert brief.language == language
    design_brief_render(brief_id=brief.pk)  # the worker's part, when a broker is set
    brief.refresh_from_db()
    pdf = artifacts_dir / f"languages-{language}-brief.pdf"
    pdf.write_bytes(brief.file.read())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    english = english_on(text)
    if english:
        found["PDF brief"] = english[:10]
    assert found == {}, found
