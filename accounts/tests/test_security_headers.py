"""Every page type answers with the strict Content-Security-Policy of django-csp and the Permissions-Policy
(docs/security.md): no inline script or style is allowed anywhere; DRF's browsable API alone allows inline
styles (its third-party templates use ``style=""``), never inline scripts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from api.tests.conftest import client_for

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.strip().split(" ", 1)[0]: part.strip().split(" ", 1)[1] for part in header.split(";") if part.strip()}


def assert_strict(response) -> None:
    policy = directives(response)
    for name, value in STRICT.items():
        assert policy[name] == value, (name, policy)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions


@pytest.fixture
def pages(partnership, dest_official, reviewer):
    """Each page type and who opens it."""
    admin = UserFactory(username="site_admin", role=UserRole.ADMIN, is_staff=True, is_superuser=True)
    return [
        ("home", "/", None),
        ("login", "/accounts/login/", None),
        ("password reset", "/accounts/password_reset/", None),
        ("rules", reverse("feasibility:catalogue"), None),
        ("wizard step", reverse("design:step", kwargs={"pk": partnership.pk, "code": "basics"}), dest_official),
        ("wizard task list", reverse("design:tasks", kwargs={"pk": partnership.pk}), dest_official),
        ("check your answers", reverse("design:check", kwargs={"pk": partnership.pk}), dest_official),
        ("dashboard", reverse("reviews:dashboard"), reviewer),
        ("review page", reverse("reviews:partnership", kwargs={"pk": partnership.pk}), reviewer),
        ("invitation page", "/accounts/invitations/new/", dest_official),
        ("api docs", "/api/docs/", None),
        ("api schema", "/api/schema/?format=json", None),
        ("admin", "/admin/", admin),
        ("admin user list", "/admin/accounts/user/", admin),
    ]


def test_every_page_type_has_the_strict_policy_and_the_permissions_policy(client, pages):
    for name, url, user in pages:
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, name
        assert_strict(response)


def test_the_api_json_answers_carry_the_strict_policy_too(partner_client):
    response = client_for(partner_client).get("/api/v1/partnerships/")

    assert response.status_code == 200
    assert_strict(response)


def test_error_answers_carry_the_policy(client, partner_client):
    assert_strict(client.get("/api/v1/partnerships/"))  # 401 JSON
    assert_strict(client.get("/accounts/invitations/new/", follow=True))


def test_the_browsable_api_allows_inline_styles_but_no_inline_scripts(client, partner_client):
    client.force_login(partner_client)

    response = client.get("/api/v1/partnerships/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    policy = directives(response)
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"] == "'self'"


def test_the_login_page_has_no_inline_script_or_style(client):
    page = client.get("/accounts/login/").content.decode()

    assert "style=" not in page
    assert "<style" not in page
    assert " onchange=" not in page and " onclick=" not in page
    for tag in page.split("<script")[1:]:
        assert tag.lstrip().startswith(("src=", 'type="application/json"')), tag[:80]


ROOT = Path(__file__).resolve().parents[2]
#: Rendered only into a PDF by WeasyPrint (the design brief, the draft agreement), never served to a browser: their
#: print CSS stays inline.
PDF_ONLY = {"reviews/templates/reviews/brief.html", "agreements/templates/agreements/draft.html"}
INLINE = [
    (re.compile(r"<style[\s>]", re.I), "a <style> block"),
    (re.compile(r"\sstyle\s*=", re.I), 'a style="" attribute'),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I), "an inline <script>"),
]


def our_templates() -> list[Path]:
    found = []
    for path in ROOT.glob("**/templates/**/*.html"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.split("/")[0] in {".venv", "staticfiles", "node_modules"} or relative in PDF_ONLY:
            continue
        found.append(path)
    return found


def test_no_template_of_ours_has_inline_script_style_or_event_handlers():
    templates = our_templates()
    assert len(templates) > 30
    offences = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in templates
        for pattern, what in INLINE
        if pattern.search(path.read_text())
    ]
    assert offences == []
