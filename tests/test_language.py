"""A user's preferred language: saved by the language switch, used on every page (whatever the browser says),
for emails (reminders) — while the API answers in the language asked for with Accept-Language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import UserRole
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_language_switch_saves_the_choice_on_the_profile(client):
    user = UserFactory(role=UserRole.OFFICIAL)
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "es"
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})  # unknown: ignored, nothing saved
    user.refresh_from_db()
    assert user.language == "es"


def test_pages_follow_the_saved_language_whatever_the_browser_asks(client):
    user = UserFactory(role=UserRole.OFFICIAL, language="fr")
    client.force_login(user)
    response = client.get(reverse("design:list"), headers={"accept-language": "es"})
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in response.content.decode()


def test_without_a_saved_language_the_browser_decides(client):
    client.force_login(UserFactory(role=UserRole.OFFICIAL))
    response = client.get(reverse("design:list"), headers={"accept-language": "es"})
    assert response["Content-Language"] == "es"


def test_the_api_answers_in_the_language_asked_for(client):
    """Accept-Language, not the profile: a partner's client gets what it asks for, and Content-Language says so."""
    from api.services import api_token_create

    user = UserFactory(role=UserRole.PARTNER, language="fr")
    _token, key = api_token_create(user=user, name="test")
    response = client.get("/api/v1/partnerships/", headers={"authorization": f"Token {key}", "accept-language": "es"})
    assert response.status_code == 200
    assert response["Content-Language"] == "es"


def test_reminders_are_written_in_the_recipients_language():
    from monitoring.reminders import recipient_language

    assert recipient_language(UserFactory(language="es")) == "es"
    assert recipient_language(UserFactory(language="")) == settings.LANGUAGE_CODE


def test_isco_titles_are_marked_as_english(client, partnership, dest_official, reviewer):
    """ISCO-08 titles ship in English only: where they are shown they carry lang="en" (docs/i18n.md)."""
    import re

    from skills.tests.factories import TargetOccupationFactory

    client.force_login(dest_official)
    step = client.get(reverse("design:step", kwargs={"pk": partnership.pk, "code": "skills"})).content.decode()
    pickers = re.findall(r"<input[^>]*data-occupation-picker[^>]*>", step)  # the new row's occupation input
    assert pickers and all('lang="en"' in tag for tag in pickers)
    target = TargetOccupationFactory(partnership=partnership)
    client.force_login(reviewer)
    review = client.get(reverse("reviews:partnership", kwargs={"pk": partnership.pk})).content.decode()
    assert f'<td lang="en">{target.occupation}</td>' in review
