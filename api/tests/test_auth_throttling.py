"""Requests with a wrong API key, or none, are counted per client address in the shared cache; over the limit
the address gets 429 with Retry-After in the API's error shape before any key is checked (docs/security.md).

The last test shows the counts are shared between processes: a separate Python process makes the failing
requests through Django's test client against the same Redis, and this process is then refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from rest_framework.test import APIClient

from api.tests.conftest import client_for
from tests.markers import postgresql_only

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
URL = "/api/v1/partnerships/"
LIMIT = 5
#: The cache both processes share: CACHE_URL (CI sets it), else Redis database 4 on this machine.
REDIS_URL = os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/4"


@pytest.fixture(autouse=True)
def _low_failure_limit(settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "auth_failure": f"{LIMIT}/minute"}


def bad_key_client(address: str = "127.0.0.1") -> APIClient:
    client = APIClient(REMOTE_ADDR=address)
    client.credentials(HTTP_AUTHORIZATION="Token not-a-key-anybody-was-given")
    return client


def assert_throttled(response) -> None:
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert error["message"].startswith("Too many requests without a valid API key came from your address.")
    assert error["fields"] == {}


def test_repeated_wrong_keys_from_one_address_get_429_with_retry_after(partner_client):
    client = bad_key_client()

    statuses = [client.get(URL).status_code for _ in range(LIMIT + 2)]

    assert statuses == [401] * LIMIT + [429, 429]
    assert_throttled(client.get(URL))


def test_a_good_key_from_another_address_still_works_while_one_address_is_refused(partner_client):
    client = bad_key_client("203.0.113.7")
    for _ in range(LIMIT):
        client.get(URL)
    assert_throttled(client.get(URL))

    good = client_for(partner_client)
    good.defaults["REMOTE_ADDR"] = "198.51.100.20"
    assert good.get(URL).status_code == 200


def test_over_the_limit_even_a_good_key_from_that_address_waits(partner_client):
    client = bad_key_client()
    for _ in range(LIMIT):
        client.get(URL)

    good = client_for(partner_client)

    assert_throttled(good.get(URL))


def test_requests_without_a_key_count_per_address_too():
    client = APIClient()

    statuses = [client.get(URL).status_code for _ in range(LIMIT + 1)]

    assert statuses == [401] * LIMIT + [429]
    assert_throttled(client.get(URL))


def test_a_valid_key_never_counts_as_a_failure(partner_client):
    good = client_for(partner_client)

    assert {good.get(URL).status_code for _ in range(LIMIT + 3)} == {200}


def test_an_x_forwarded_for_header_does_not_change_the_address_without_trusted_proxies():
    client = bad_key_client()
    for n in range(LIMIT):
        client.get(URL, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    assert_throttled(client.get(URL, HTTP_X_FORWARDED_FOR="192.0.2.99"))


def test_behind_one_trusted_proxy_the_address_the_proxy_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = bad_key_client()
    for _ in range(LIMIT):
        client.get(URL, HTTP_X_FORWARDED_FOR="192.0.2.1")

    assert_throttled(client.get(URL, HTTP_X_FORWARDED_FOR="192.0.2.1"))
    assert client.get(URL, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 401


def database_url(db: dict, vendor: str) -> str:
    """The test database (where pytest-django created the tables) as a DATABASE_URL for the other process."""
    if vendor != "postgresql":
        return f"sqlite:///{db['NAME']}"
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return f"postgres://{quote(db['USER'] or '', safe='')}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


SUBPROCESS = """
import json, django
django.setup()
from django.test import Client
client = Client()
codes = [client.get("/api/v1/partnerships/", HTTP_AUTHORIZATION=f"Token wrong-{n}").status_code for n in range({n})]
print(json.dumps(codes))
"""


@postgresql_only  # the other process reads the test database, which SQLite keeps in this process
def test_failure_counts_are_shared_by_separate_processes_through_redis(settings, partner_client):
    # The key prefix of this test process (its own under pytest-xdist, see conftest.py), so that emptying
    # the cache touches no other process's counts.
    prefix = os.environ.get("CACHE_KEY_PREFIX") or "smp"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    from django.core.cache import cache

    if prefix == "smp":
        cache.clear()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "smp.settings",
        "CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "API_THROTTLE_AUTH_FAILURE": f"{LIMIT}/minute",
        "DATABASE_URL": database_url(connection.settings_dict, connection.vendor),
    }
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SUBPROCESS.replace("{n}", str(LIMIT))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [401] * LIMIT

    assert_throttled(bad_key_client().get(URL))
    assert_throttled(client_for(partner_client).get(URL))
    if prefix == "smp":
        cache.clear()
