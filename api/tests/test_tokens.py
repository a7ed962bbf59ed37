"""API keys: hashed storage, header formats, revocation, the token pages, the command and the admin."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from api.models import ApiToken
from api.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


def test_a_key_is_stored_only_as_its_sha256_with_a_visible_prefix(partner_client):
    token, raw_key = api_token_create(user=partner_client, name="ERP")
    assert token.key_hash == hashlib.sha256(raw_key.encode()).hexdigest()
    assert raw_key.startswith(token.prefix)
    assert raw_key not in str(ApiToken.objects.filter(pk=token.pk).values().get())


@pytest.mark.parametrize("scheme", ["Token", "Bearer", "token"])
def test_token_and_bearer_headers_authenticate(partner_client, partnership, scheme):
    _token, raw_key = api_token_create(user=partner_client, name="ERP")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {raw_key}")
    assert client.get(f"/api/v1/partnerships/{partnership.pk}/").status_code == 200


def test_use_is_recorded(partner_api, partner_client):
    partner_api.get("/api/v1/partnerships/")
    assert ApiToken.objects.get(user=partner_client).last_used_at is not None


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token wrong-key", "Bearer smp_\u00e9t\u00e9"])
def test_a_malformed_or_unknown_key_is_a_401(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/partnerships/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert "WWW-Authenticate" in response


def test_a_revoked_key_is_refused_at_once(partner_client):
    token, raw_key = api_token_create(user=partner_client, name="ERP")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw_key}")
    assert client.get("/api/v1/partnerships/").status_code == 200
    api_token_revoke(token=token)
    assert client.get("/api/v1/partnerships/").status_code == 401


def test_a_key_of_an_inactive_user_is_refused(partner_client):
    _token, raw_key = api_token_create(user=partner_client, name="ERP")
    partner_client.is_active = False
    partner_client.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw_key}")
    assert client.get("/api/v1/partnerships/").status_code == 401


def test_the_command_prints_a_working_key(partner_client, partnership):
    out = io.StringIO()
    call_command("create_api_token", "partner_client", "--name", "ERP", stdout=out, stderr=io.StringIO())
    raw_key = out.getvalue().strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw_key}")
    assert client.get(f"/api/v1/partnerships/{partnership.pk}/").status_code == 200
    assert ApiToken.objects.get(user=partner_client).name == "ERP"


def test_the_command_refuses_an_unknown_user(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No user"):
        call_command("create_api_token", "nobody", stdout=io.StringIO())


#
# The token pages
#


def _browser(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _csrf(client, path="/api/tokens/") -> str:
    client.get(path)
    return client.cookies["csrftoken"].value


def test_an_official_issues_a_key_for_a_user_of_the_same_organisation_and_sees_it_once(dest_official, dest_ministry):
    client_user = UserFactory(username="ministry_erp", role=UserRole.PARTNER, organisations=[dest_ministry])
    browser = _browser(dest_official)
    response = browser.post(
        "/api/tokens/", {"name": "Ministry ERP", "user": client_user.pk, "csrfmiddlewaretoken": _csrf(browser)}
    )
    assert response.status_code == 201
    raw_key = response.context["raw_key"]
    assert raw_key in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    again = browser.get("/api/tokens/").content.decode()
    assert raw_key not in again and raw_key[:12] in again
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw_key}")
    assert api.get("/api/v1/partnerships/").status_code == 200


def test_an_official_cannot_issue_a_key_for_another_organisations_user(dest_official, partner_client):
    browser = _browser(dest_official)
    response = browser.post(
        "/api/tokens/", {"name": "Sneaky", "user": partner_client.pk, "csrfmiddlewaretoken": _csrf(browser)}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_key_needs_a_name(dest_official):
    browser = _browser(dest_official)
    response = browser.post(
        "/api/tokens/", {"name": " ", "user": dest_official.pk, "csrfmiddlewaretoken": _csrf(browser)}
    )
    assert response.status_code == 400
    assert "Give the key a name" in response.content.decode()


def test_the_token_pages_need_csrf(dest_official):
    browser = _browser(dest_official)
    assert browser.post("/api/tokens/", {"name": "x", "user": dest_official.pk}).status_code == 403
    assert not ApiToken.objects.exists()


def test_an_official_revokes_a_key_of_the_organisation(dest_official, dest_ministry):
    client_user = UserFactory(username="ministry_erp", role=UserRole.PARTNER, organisations=[dest_ministry])
    token, _raw = api_token_create(user=client_user, name="ERP")
    browser = _browser(dest_official)
    response = browser.post(f"/api/tokens/{token.pk}/revoke/", {"csrfmiddlewaretoken": _csrf(browser)})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == dest_official


def test_an_outsider_cannot_revoke_or_see_others_keys(outsider, partner_client):
    token, _raw = api_token_create(user=partner_client, name="ERP")
    browser = _browser(outsider)
    assert token.prefix not in browser.get("/api/tokens/").content.decode()
    assert browser.post(f"/api/tokens/{token.pk}/revoke/", {"csrfmiddlewaretoken": _csrf(browser)}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_partners_and_reviewers_do_not_manage_keys(partner_client, reviewer):
    for user in (partner_client, reviewer):
        assert _browser(user).get("/api/tokens/").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get("/api/tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_admin_issues_a_key_in_the_admin_and_sees_it_once(partner_client):
    admin_user = UserFactory(username="root", is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(admin_user)
    response = browser.post(
        "/admin/api/apitoken/add/", {"name": "Admin-issued", "user": partner_client.pk}, follow=True
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Admin-issued")
    shown = [str(m) for m in response.context["messages"]]
    assert any(token.prefix in m for m in shown)


def test_the_docs_page_and_schema_work_offline(client):
    page = client.get("/api/docs/").content.decode()
    assert "api/docs.js" in page and "cdn" not in page.lower()
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert "tokenAuth" in schema.json()["components"]["securitySchemes"]
