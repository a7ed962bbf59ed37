"""Login lockout with django-axes: five wrong passwords for one username from one address block that pair for
15 minutes on the site login and on the admin login; an administrator or ``axes_reset`` lifts the block."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client

from accounts.models import UserRole
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SITE_LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
LOCKED = "Logging in is blocked for now"


def attempt(client: Client, url: str, username: str, password: str):
    return client.post(url, {"username": username, "password": password})


def fail_five_times(client: Client, url: str, username: str) -> list[int]:
    return [attempt(client, url, username, "wrong password").status_code for _ in range(5)]


@pytest.fixture
def admin_user(db):
    return UserFactory(username="site_admin", role=UserRole.ADMIN, is_staff=True, is_superuser=True)


def test_the_login_page_says_how_many_wrong_passwords_block_logging_in(client):
    response = client.get(SITE_LOGIN)
    assert "After 5 wrong passwords" in response.content.decode()
    assert 'href="/accounts/password_reset/"' in response.content.decode()


def test_five_wrong_passwords_on_the_site_login_lock_the_user_out_even_with_the_right_password(client, dest_official):
    statuses = fail_five_times(client, SITE_LOGIN, "dest_official")
    assert statuses == [200, 200, 200, 200, 429]

    response = attempt(client, SITE_LOGIN, "dest_official", PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "Try again in 15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_for_the_pair_of_username_and_address_only(client, dest_official, origin_official):
    fail_five_times(client, SITE_LOGIN, "dest_official")

    other_address = Client(REMOTE_ADDR="10.20.30.40")
    assert attempt(other_address, SITE_LOGIN, "dest_official", PASSWORD).status_code == 302
    assert attempt(client, SITE_LOGIN, "origin_official", PASSWORD).status_code == 302


def test_axes_reset_lifts_the_lockout(client, dest_official):
    fail_five_times(client, SITE_LOGIN, "dest_official")
    assert attempt(client, SITE_LOGIN, "dest_official", PASSWORD).status_code == 429

    call_command("axes_reset")

    response = attempt(client, SITE_LOGIN, "dest_official", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(dest_official.pk)


def test_five_wrong_passwords_on_the_admin_login_lock_the_admin_out(client, admin_user):
    statuses = fail_five_times(client, ADMIN_LOGIN, "site_admin")
    assert statuses[-1] == 429

    response = attempt(client, ADMIN_LOGIN, "site_admin", PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_an_administrator_unlocks_a_user_by_deleting_the_access_attempt_in_the_admin(client, dest_official, admin_user):
    fail_five_times(client, SITE_LOGIN, "dest_official")
    attempt_row = AccessAttempt.objects.get(username="dest_official")
    admin = Client(REMOTE_ADDR="10.0.0.9")
    admin.force_login(admin_user)

    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "dest_official" in listing.content.decode()
    deleted = admin.post(f"/admin/axes/accessattempt/{attempt_row.pk}/delete/", {"post": "yes"})

    assert deleted.status_code == 302
    assert not AccessAttempt.objects.filter(username="dest_official").exists()
    assert attempt(client, SITE_LOGIN, "dest_official", PASSWORD).status_code == 302


def test_a_successful_login_clears_earlier_failures(client, dest_official):
    for _ in range(4):
        attempt(client, SITE_LOGIN, "dest_official", "wrong password")
    assert attempt(client, SITE_LOGIN, "dest_official", PASSWORD).status_code == 302
    client.post("/accounts/logout/")

    for _ in range(4):
        assert attempt(client, SITE_LOGIN, "dest_official", "wrong password").status_code == 200
    assert attempt(client, SITE_LOGIN, "dest_official", PASSWORD).status_code == 302
