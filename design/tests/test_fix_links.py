"""Findings lead to the field that fixes them: the review step links each WARN or FAIL finding to a step and
field (``?fix=…&rule=…``); the page focuses that field (``autofocus``) and shows the finding beside it."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from design.inputs import FIX_INPUTS, fix_location
from design.tests.test_views import step_url
from feasibility.models import FeasibilityRun
from feasibility.registry import REGISTRY
from partnerships.tests.factories import PathwayFactory
from skills.tests.factories import TargetOccupationFactory

pytestmark = pytest.mark.django_db


def test_every_rule_has_a_field_that_fixes_it():
    assert [spec.id for spec in REGISTRY.ordered() if fix_location(spec.id) is None] == []


def test_chosen_fix_fields_are_inputs_the_rule_reads():
    for rule_id, name in FIX_INPUTS.items():
        assert name in REGISTRY[rule_id].reads, rule_id


@pytest.fixture
def checked(client, dest_official, partnership):
    """An exit permit on the only pathway of the target occupation: R.11 fails (a worker must be free to leave)."""
    target = TargetOccupationFactory(partnership=partnership)
    pathway = PathwayFactory(
        partnership=partnership,
        destination_country=partnership.countries.get(country="DE"),
        exit_permit_required=True,
        name="Skilled worker visa",
    )
    pathway.occupations.add(target.occupation)
    client.force_login(dest_official)
    client.post(step_url(partnership, "review"), {"action": "check"})
    run = FeasibilityRun.objects.get(partnership=partnership)
    assert run.findings.get(rule_id="R.11").status == "FAIL"  # linked to its occupation, the permit is judged
    return run


def _links(html: str) -> dict[str, str]:
    """Rule id → the href of its "Fix it" link on the review step."""
    found = {}
    for href, rule in re.findall(r'<a href="([^"]+)" data-fix-link>.*?\((R\.\d+|E\d\.R\d+)\)</span></a>', html):
        found[rule] = unescape(href)
    return found


def test_each_finding_that_needs_action_links_to_its_field(client, partnership, checked):
    html = client.get(step_url(partnership, "review")).content.decode()
    links = _links(html)
    needing_action = set(checked.findings.filter(status__in=["WARN", "FAIL"]).values_list("rule_id", flat=True))
    assert needing_action and needing_action <= set(links)
    assert "fix=pathways%3Aexit_permit_required" in links["R.11"]


def test_following_the_link_focuses_the_field_and_shows_the_finding(client, partnership, checked):
    html = client.get(_links(client.get(step_url(partnership, "review")).content.decode())["R.11"]).content.decode()
    field = re.search(r'<[^>]*name="pathways-0-exit_permit_required"[^>]*>', html).group(0)
    assert "autofocus" in field and "fix-note" in field
    note = re.search(r'<div id="fix-note"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert note.startswith("R.11") and "Skilled worker visa" in note


def test_a_field_of_a_rows_details_leads_to_the_rows_own_page(client, partnership, checked):
    """E7.R4 is fixed among a pathway's details (digital application): the link opens the pathway's page."""
    url = reverse("design:step", kwargs={"pk": partnership.pk, "code": "pathways"})
    response = client.get(url, {"fix": "pathways:digital_application", "rule": "E7.R4"})
    assert response.status_code == 302
    assert "/rows/pathways/" in response["Location"] and "fix=digital_application" in response["Location"]
    html = client.get(response["Location"]).content.decode()
    field = re.search(r'<[^>]*name="row-digital_application"[^>]*>', html).group(0)
    assert "autofocus" in field


def test_a_fix_query_naming_nothing_known_is_ignored(client, partnership, checked):
    url = reverse("design:step", kwargs={"pk": partnership.pk, "code": "pathways"})
    response = client.get(url, {"fix": "nothing:here", "rule": "X.99"})
    assert response.status_code == 200 and "autofocus" not in response.content.decode()


def test_every_rule_has_a_link_with_a_label_in_words(partnership):
    from design.inputs import fix_link

    for spec in REGISTRY.ordered():
        link = fix_link(partnership.pk, spec.id)
        assert link is not None and link["label"] and "_" not in link["label"], spec.id


def test_a_step_lists_its_open_findings_and_those_a_new_check_resolved(client, partnership, checked):
    """R.11 fails on the recruitment step; once the exit permit is gone, "Check again" shows it resolved."""
    url = step_url(partnership, "recruitment")
    html = client.get(url).content.decode()
    section = html[html.index('id="step-check"') :]
    section = section[: section.index("</section>")]
    assert "R.11" in section and "Skilled worker visa" in section and "Resolved" not in section
    from partnerships.models import Pathway

    Pathway.objects.filter(partnership=partnership).update(
        exit_permit_required=False,
        employer_tied="none",
        change_of_employer_allowed=True,
        sponsor_controls_residence=False,
    )
    response = client.post(url, {"action": "recheck"})
    assert response.status_code == 302 and response["Location"].endswith("#step-check")
    runs = FeasibilityRun.objects.filter(partnership=partnership).order_by("pk")
    assert runs.count() == 2 and runs.last().findings.get(rule_id="R.11").status == "PASS"
    html = client.get(url).content.decode()
    section = html[html.index('id="step-check"') :]
    section = section[: section.index("</section>")]
    resolved = section[section.index("Resolved by the last changes") :]
    assert "R.11" in resolved.split("</ul>", 1)[0]


def test_readers_without_the_right_to_check_cannot_check_again(client, reviewer, outsider, partnership):
    client.force_login(outsider)
    assert client.post(step_url(partnership, "recruitment"), {"action": "recheck"}).status_code == 404


def test_the_sidebar_names_each_element_and_links_it_to_its_step(client, partnership, checked):
    """The sidebar's scores read "E1 Long- and mid-term planning", in the reader's language, not a bare code."""
    for language, name in (("en", "Long- and mid-term planning"), ("fr", "Planification à moyen et long terme")):
        html = client.get(step_url(partnership, "costs"), headers={"accept-language": language}).content.decode()
        start = html.index('class="wizard-sidebar"')
        sidebar = html[start : html.index("</nav>", start)]
        assert f'/steps/countries_objectives/">E1 {name}</a>' in unescape(sidebar), language
        assert len(re.findall(r'<th scope="row" class="fw-normal"><a href="[^"]+">E[1-8] \w', sidebar)) == 8
