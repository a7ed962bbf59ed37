"""A label and its value, and the parts of a sentence, are punctuated the reader's way (smp.punctuation): French
puts a no-break space before a colon or a semicolon ("Phase : Conception"), English and Spanish do not."""

from __future__ import annotations

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import translation

from feasibility.registry import parts_text
from smp.punctuation import colon, labelled

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Stage: Design"), ("es", "Stage: Design"), ("fr", f"Stage{NBSP}: Design")]
)
def test_a_label_and_its_value(language, expected):
    with translation.override(language):
        assert labelled("Stage", "Design") == expected
        assert colon() + "x" == expected[len("Stage") :].replace("Design", "x")


def test_the_colon_tag_and_the_parts_of_a_sentence_in_french():
    template = engines["django"].from_string(
        '{% load i18n punctuation %}{% translate "Stage" %}{% colon %}x / {{ items|semicolons }}'
    )
    with translation.override("fr"):
        assert template.render({"items": ["a", "b"]}) == f"Phase{NBSP}: x / a{NBSP}; b"
        assert parts_text(["a", "b"]) == f"a{NBSP}; b"
    with translation.override("en"):
        assert template.render({"items": ["a", "b"]}) == "Stage: x / a; b"
        assert parts_text(["a", "b"]) == "a; b"


@pytest.mark.django_db
def test_the_review_page_in_french_sets_its_colons(client, reviewer, partnership):
    client.force_login(reviewer)
    html = client.get(
        reverse("reviews:partnership", kwargs={"pk": partnership.pk}), headers={"accept-language": "fr"}
    ).content.decode()
    assert f"Phase{NBSP}: " in html and "Phase: " not in html


@pytest.mark.parametrize(
    ("stored", "french"),
    [
        ("cost item saved", "poste de coût enregistré"),
        ("exchange rate set: MAD→EUR", f"taux de change enregistré{NBSP}: MAD→EUR"),
        ("organisation changed: Federal Employment Agency", f"organisation modifiée{NBSP}: Federal Employment Agency"),
        ("review: Approve", f"examen{NBSP}: Approuver"),
        ("a curator's own words", "a curator's own words"),
        ("Typo: the title", "Typo: the title"),  # typed by a person: shown as typed
        ("", ""),
    ],
)
def test_a_history_reason_reads_in_the_readers_language(stored, french):
    """Reasons are stored in English (a msgid, maybe ": " and a detail) and shown translated (smp.history)."""
    from smp.history import reason_shown

    with translation.override("fr"):
        assert reason_shown(stored) == french
    with translation.override("en"):
        assert reason_shown(stored) == stored


@pytest.mark.django_db
def test_the_history_tab_in_french_names_the_change_and_its_reason(client, dest_official, partnership):
    from costs.services import cost_item_create

    cost_item_create(
        partnership=partnership,
        user=dest_official,
        expected_version=partnership.version,
        category="travel",
        subitem="transport",
        amount="800",
        currency="EUR",
    )
    client.force_login(dest_official)
    html = client.get(reverse("monitoring:history", args=[partnership.pk]), headers={"accept-language": "fr"})
    text = html.content.decode()
    assert "— poste de coût enregistré" in text and "cost item saved" not in text
    assert '<th scope="col">Modification</th>' in text and "<strong>Création</strong>" in text
