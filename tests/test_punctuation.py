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
    template = engines["django"].from_string('{% load i18n punctuation %}{% translate "Stage" %}{% colon %}x')
    with translation.override("fr"):
        assert template.render({}) == f"Phase{NBSP}: x"
        assert parts_text(["a", "b"]) == f"a{NBSP}; b"
    with translation.override("en"):
        assert template.render({}) == "Stage: x"
        assert parts_text(["a", "b"]) == "a; b"


@pytest.mark.django_db
def test_the_review_page_in_french_sets_its_colons(client, reviewer, partnership):
    client.force_login(reviewer)
    html = client.get(
        reverse("reviews:partnership", kwargs={"pk": partnership.pk}), headers={"accept-language": "fr"}
    ).content.decode()
    assert f"Phase{NBSP}: " in html and "Phase: " not in html
