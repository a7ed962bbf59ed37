"""Password reset by email with Django's views: the link sets a new password once; an unknown address gets the
same page and no email; requests are limited per address and per email (docs/security.md)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

RESET = "/accounts/password_reset/"
NEW_PASSWORD = "Recognition-of-skills-42"
LINK = re.compile(r"http://testserver(/accounts/reset/[^\s]+/)")


def without_csrf_token(response) -> str:
    """The page with the CSRF token of the language form masked (it differs on every answer)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_a_user_sets_a_new_password_through_the_emailed_link_and_logs_in_with_it(client, dest_official, mailoutbox):
    assert client.get(RESET).status_code == 200

    response = client.post(RESET, {"email": dest_official.email})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [dest_official.email]
    assert message.subject == "Set a new password for the SMP Platform"
    assert "dest_official" in message.body
    link = LINK.search(message.body).group(1)

    form = client.get(link, follow=True)
    assert "Save the new password" in form.content.decode()
    saved = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert saved.status_code == 302
    assert saved["Location"] == "/accounts/reset/done/"

    fresh = Client()
    assert fresh.post("/accounts/login/", {"username": "dest_official", "password": NEW_PASSWORD}).status_code == 302
    assert "does not work any more" in client.get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_page_and_no_email(client, dest_official, mailoutbox):
    known = client.post(RESET, {"email": dest_official.email}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)

    assert unknown.status_code == known.status_code == 200
    assert unknown.redirect_chain == known.redirect_chain
    assert without_csrf_token(unknown) == without_csrf_token(known)
    assert len(mailoutbox) == 1


def test_resets_for_one_email_are_limited_without_saying_so(client, dest_official, settings, mailoutbox):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "password_reset_email": "2/hour"}

    answers = [client.post(RESET, {"email": dest_official.email}) for _ in range(3)]

    assert [a["Location"] for a in answers] == ["/accounts/password_reset/done/"] * 3
    assert len(mailoutbox) == 2


def test_resets_from_one_address_are_limited_with_a_429_in_words(client, dest_official, settings, mailoutbox):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "password_reset_address": "2/hour"}

    answers = [client.post(RESET, {"email": f"person{n}@example.org"}) for n in range(3)]

    assert [a.status_code for a in answers] == [302, 302, 429]
    assert "Too many requests came from your address" in answers[-1].content.decode()
    assert Client(REMOTE_ADDR="10.1.2.3").post(RESET, {"email": dest_official.email}).status_code == 302
    assert len(mailoutbox) == 1
