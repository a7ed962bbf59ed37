"""Issue 16 ("Trust"): while the database is down the API still answers JSON in its error shape (503).

The outage is real: a child Python process runs the app with ``DATABASE_URL`` on a local port that is bound
but never listens (connections are refused at once), and sends requests through Django's test client.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from api.exceptions import error_body, is_json_api_path, unexpected_error_response

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
import django
from django.conf import settings

extra = json.loads(sys.argv[1])
if extra:
    # A middleware that touches the database before any view: a session lookup in LoginRequiredMiddleware.
    import smp.settings as project_settings
    project_settings.MIDDLEWARE = [*project_settings.MIDDLEWARE, *extra]
django.setup()
from django.test import Client

client = Client(raise_request_exception=False, HTTP_AUTHORIZATION="Token smp_not-a-real-key-but-well-formed")
client.cookies["sessionid"] = "0123456789abcdefghijklmnopqrstuv"
answers = {}
for method, path, body in json.loads(sys.argv[2]):
    response = getattr(client, method)(path, body, content_type="application/json", secure=True)
    answers[f"{method} {path}"] = {
        "status": response.status_code,
        "content_type": response.get("Content-Type", ""),
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode("utf-8", "replace"),
    }
print(json.dumps(answers))
"""


@pytest.fixture
def closed_port():
    """A local TCP port that refuses connections: bound by this test, never listening."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    yield sock.getsockname()[1]
    sock.close()


def run_app_without_database(port: int, requests: list, *, middleware: list | None = None, debug: bool = True):
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/smp_unreachable",
        "DEBUG": "1" if debug else "0",
        "SECRET_KEY": "a-test-secret-key-that-is-long-enough-for-production-checks-0123456789",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "CRITICAL",
    }
    env.pop("CELERY_BROKER_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(middleware or []), json.dumps(requests)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_database_unavailable(answer: dict) -> None:
    assert answer["status"] == 503, answer
    assert answer["content_type"].startswith("application/json"), answer
    assert answer["retry_after"] and int(answer["retry_after"]) > 0
    body = json.loads(answer["body"])
    assert body["error"]["code"] == "database_unavailable"
    assert body["error"]["fields"] == {}
    assert "psycopg" not in answer["body"] and "5432" not in answer["body"]  # nothing of the failure leaks


def test_api_reads_and_writes_answer_a_json_503_while_the_database_is_down(closed_port):
    requests = [
        ["get", "/api/v1/partnerships/", None],
        ["get", "/api/v1/partnerships/1/", None],
        ["post", "/api/v1/partnerships/", {"name": "x"}],
        ["patch", "/api/v1/cost-items/1/", {"amount": "1.00"}],
        ["put", "/api/v1/cost-items/1/shares/", {"shares": []}],
        ["delete", "/api/v1/objectives/1/", None],
    ]
    answers = run_app_without_database(closed_port, requests)
    assert len(answers) == len(requests)
    for answer in answers.values():
        assert_database_unavailable(answer)


def test_a_database_failure_in_a_middleware_still_answers_json_under_the_api(closed_port):
    # With DEBUG off (production), Django's handler500 answers; under /api/ it answers the API's shape.
    answers = run_app_without_database(
        closed_port,
        [["get", "/api/v1/partnerships/", None], ["get", "/dashboard/", None]],
        middleware=["django.contrib.auth.middleware.LoginRequiredMiddleware"],
        debug=False,
    )
    assert_database_unavailable(answers["get /api/v1/partnerships/"])
    page = answers["get /dashboard/"]
    assert page["status"] == 500 and page["content_type"].startswith("text/html")  # people get the page


def test_an_unexpected_failure_is_a_json_500_without_details():
    response = unexpected_error_response(KeyError("secret detail"))
    assert response.status_code == 500
    body = json.loads(response.content)
    assert body == error_body("server_error", body["error"]["message"])
    assert "secret" not in response.content.decode()


def test_the_html_pages_under_api_are_not_answered_as_json():
    assert is_json_api_path("/api/v1/partnerships/") and is_json_api_path("/api/schema/")
    assert is_json_api_path("/api/nothing-here")
    assert not is_json_api_path("/api/tokens/") and not is_json_api_path("/api/docs/")
    assert not is_json_api_path("/dashboard/")


def test_unknown_api_paths_answer_a_json_404(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
