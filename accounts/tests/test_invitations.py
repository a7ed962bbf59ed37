"""Invitations: an official invites a colleague by email into one of their organisations; the one-time link
expires after 7 days; the new user is an official of that organisation and logs in (docs/security.md).

Expiry is tested by moving the stored ``expires_at`` into the past (a plain update of the row the service
wrote), not by mocking the clock or the database."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Invitation, User, UserRole
from accounts.services import invitation_accept, invitation_create
from accounts.tests.factories import UserFactory
from smp.exceptions import ValidationError

pytestmark = pytest.mark.django_db

INVITE = "/accounts/invitations/new/"
NEW_PASSWORD = "Skills-mobility-2026!"
LINK = re.compile(r"http://testserver(/accounts/invitations/[^/\s]+/)")


def invite(client: Client, email: str, organisation) -> object:
    return client.post(INVITE, {"email": email, "organisation": organisation.pk})


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def accept(client: Client, path: str, username: str = "new_colleague", password: str = NEW_PASSWORD):
    return client.post(
        path,
        {
            "username": username,
            "first_name": "Lena",
            "last_name": "Vogel",
            "password1": password,
            "password2": password,
        },
    )


def test_an_official_invites_a_colleague_who_accepts_and_logs_in_as_an_official_of_that_ministry(
    client, dest_official, dest_ministry, mailoutbox
):
    client.force_login(dest_official)
    page = client.get(INVITE)
    assert page.status_code == 200
    assert dest_ministry.name in page.content.decode()

    response = invite(client, "lena.vogel@bmas.example", dest_ministry)

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["lena.vogel@bmas.example"]
    assert dest_ministry.name in message.subject
    assert "The link works once and for 7 days." in message.body
    path = link_in(message)
    invitation = Invitation.objects.get()
    assert path.rstrip("/").split("/")[-1] not in invitation.token_hash, "only the hash of the secret is stored"

    invitee = Client()
    form = invitee.get(path)
    assert form.status_code == 200
    assert dest_ministry.name in form.content.decode()
    assert accept(invitee, path).status_code == 302

    user = User.objects.get(username="new_colleague")
    assert user.role == UserRole.OFFICIAL
    assert user.email == "lena.vogel@bmas.example"
    assert list(user.organisations.all()) == [dest_ministry]
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    login = invitee.post("/accounts/login/", {"username": "new_colleague", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert invitee.session["_auth_user_id"] == str(user.pk)


def test_an_invitation_link_works_only_once(client, dest_official, dest_ministry, mailoutbox):
    client.force_login(dest_official)
    invite(client, "lena.vogel@bmas.example", dest_ministry)
    path = link_in(mailoutbox[0])
    accept(Client(), path)

    second = Client()
    assert second.get(path).status_code == 404
    response = accept(second, path, username="someone_else")

    assert response.status_code == 404
    assert "does not work any more" in response.content.decode()
    assert not User.objects.filter(username="someone_else").exists()


def test_an_expired_invitation_link_is_refused(client, dest_official, dest_ministry, mailoutbox):
    client.force_login(dest_official)
    invite(client, "lena.vogel@bmas.example", dest_ministry)
    path = link_in(mailoutbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = accept(Client(), path)

    assert response.status_code == 404
    assert "expired" in response.content.decode()
    assert not User.objects.filter(username="new_colleague").exists()


def test_the_service_refuses_an_expired_or_spent_link_and_weak_passwords(dest_official, dest_ministry, mailoutbox):
    invitation_create(
        invited_by=dest_official, email="a@bmas.example", organisation=dest_ministry, base_url="http://testserver/"
    )
    raw = link_in(mailoutbox[0]).rstrip("/").split("/")[-1]

    with pytest.raises(ValidationError) as weak:
        invitation_accept(raw_token=raw, username="new_colleague", password="password")
    assert "password" in weak.value.message_dict
    with pytest.raises(ValidationError) as taken:
        invitation_accept(raw_token=raw, username="DEST_OFFICIAL", password=NEW_PASSWORD)
    assert "username" in taken.value.message_dict

    invitation_accept(raw_token=raw, username="new_colleague", password=NEW_PASSWORD)
    with pytest.raises(ValidationError):
        invitation_accept(raw_token=raw, username="again", password=NEW_PASSWORD)


def test_a_weak_password_is_refused_on_the_page_with_django_s_validators(
    client, dest_official, dest_ministry, mailoutbox
):
    client.force_login(dest_official)
    invite(client, "lena.vogel@bmas.example", dest_ministry)
    path = link_in(mailoutbox[0])

    response = accept(Client(), path, password="12345678")

    assert response.status_code == 400
    assert "This password is entirely numeric." in response.content.decode()
    assert not User.objects.filter(username="new_colleague").exists()


def test_an_official_cannot_invite_into_an_organisation_they_do_not_belong_to(
    client, dest_official, origin_ministry, mailoutbox
):
    client.force_login(dest_official)

    response = invite(client, "someone@example.org", origin_ministry)

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert mailoutbox == []
    assert not Invitation.objects.exists()


def test_the_service_refuses_an_invitation_into_another_organisation(dest_official, origin_ministry, mailoutbox):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        invitation_create(
            invited_by=dest_official, email="x@example.org", organisation=origin_ministry, base_url="http://testserver/"
        )
    assert mailoutbox == []


@pytest.mark.parametrize("persona", ["reviewer", "partner_client"])
def test_reviewers_and_partner_clients_cannot_invite(client, request, persona, dest_ministry, mailoutbox):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    assert client.get(INVITE).status_code == 403
    assert invite(client, "someone@example.org", dest_ministry).status_code == 403
    assert mailoutbox == []


def test_an_administrator_invites_into_any_organisation(client, origin_ministry, mailoutbox):
    admin = UserFactory(username="platform_admin", role=UserRole.ADMIN)
    client.force_login(admin)

    assert invite(client, "new@mflt.example", origin_ministry).status_code == 302
    assert len(mailoutbox) == 1


def test_officials_see_the_invitation_link_in_the_navigation_and_reviewers_do_not(client, dest_official, reviewer):
    client.force_login(dest_official)
    assert 'href="/accounts/invitations/new/"' in client.get("/").content.decode()
    client.force_login(reviewer)
    assert 'href="/accounts/invitations/new/"' not in client.get("/").content.decode()


def test_invitations_are_limited_per_email_without_saying_so(
    client, dest_official, dest_ministry, settings, mailoutbox
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "invitation_email": "2/hour"}
    client.force_login(dest_official)

    answers = [invite(client, "lena.vogel@bmas.example", dest_ministry) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [302, 302, 302]
    assert len(mailoutbox) == 2
    page = client.get(INVITE).content.decode()
    assert "An invitation is on its way to lena.vogel@bmas.example" in page


def test_invitations_are_limited_per_address_with_a_429_in_words(
    client, dest_official, dest_ministry, settings, mailoutbox
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "invitation_address": "2/hour"}
    client.force_login(dest_official)

    answers = [invite(client, f"colleague{n}@bmas.example", dest_ministry) for n in range(3)]

    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert "Too many requests came from your address" in answers[-1].content.decode()
    assert len(mailoutbox) == 2
