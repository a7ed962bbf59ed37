"""No visible text of the wizard shows a raw code or a constraint name (house rule: everything a person reads is
in words; issue "the official's journey, complete").

Every step of every demo partnership is rendered after its feasibility check ran, so the review step lists
the demo's findings with their "Fix it" links. The text a person sees (tags, attributes and scripts left
out) must contain no code-list value whose label differs from it, no lower-case token joined by
underscores, no ISO country code where a name belongs, no "—" standing in for a value, and no database
constraint name. The checks are those of ``feasibility/tests/test_messages_in_words.py``.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from design.steps import STEPS
from feasibility.services import feasibility_check_batch
from feasibility.tests.test_messages_in_words import raw_codes
from partnerships.demo import demo_load, demo_specs
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load
from smp.fields import CURRENCY_CHOICES

pytestmark = pytest.mark.django_db

INVISIBLE = re.compile(r"<(script|style|template)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


#: Currencies read "USD — US Dollar": the ISO code beside the name (how people quote money). Their names hold
#: upper-case pieces ("US Dollar") that are not country codes standing in for a name.
CURRENCY_LABELS = sorted((label for _code, label in CURRENCY_CHOICES), key=len, reverse=True)


def visible_text(html: str) -> str:
    """What a reader sees: the page without scripts, styles and tags (so without attributes), unescaped, with
    the currencies' "code — name" labels left out."""
    text = unescape(TAG.sub(" ", INVISIBLE.sub(" ", html)))
    for label in CURRENCY_LABELS:
        if label in text:
            text = text.replace(label, " ")
    return text


def constraint_names() -> set[str]:
    names = set()
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            names.add(constraint.name)
    return names


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker) -> list[tuple[str, str]]:
    """``(url, visible text)`` of every wizard step of every demo partnership, as an administrator sees it."""
    with django_db_blocker.unblock(), transaction.atomic():
        reference_data_load()
        demo_load()
        ids = list(Partnership.objects.filter(name__in=[s.name for s in demo_specs()]).values_list("pk", flat=True))
        feasibility_check_batch(ids=ids)
        client = Client()
        client.force_login(UserFactory(username="words_admin", is_superuser=True, is_staff=True))
        found = []
        for pk in ids:
            for step in STEPS:
                url = reverse("design:step", kwargs={"pk": pk, "code": step.code})
                response = client.get(url)
                assert response.status_code == 200, url
                found.append((url, visible_text(response.content.decode())))
        transaction.set_rollback(True)
    return found


def test_every_step_of_every_demo_partnership_was_read(pages):
    assert len(pages) == len(demo_specs()) * len(STEPS)


def test_no_wizard_page_shows_a_raw_code(pages):
    problems = {url: raw_codes(text) for url, text in pages if raw_codes(text)}
    assert problems == {}


def test_no_wizard_page_shows_a_constraint_name(pages):
    names = constraint_names()
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    problems = {url: sorted(set(pattern.findall(text))) for url, text in pages if pattern.search(text)}
    assert problems == {}


def test_the_review_steps_show_the_findings_in_words(pages):
    reviews = [text for url, text in pages if url.endswith("/review/")]
    assert reviews and all("Fix it" in text or "No findings" in text for text in reviews)
