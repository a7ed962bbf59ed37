"""Run the worked example (examples/build_partnership.py) and suites built on it in-process.

:class:`InProcessApi` has the ``request(method, path, body=None, headers=None)`` of the example's ``Api``,
answered by Django's test client instead of a socket, so ``build`` and ``check`` run unchanged inside a
test: against the test database, in the test's transaction, with the real key authentication, permissions,
throttles and error shapes of the API. Every request is one request through the full middleware stack.

Two things differ from a live server, and the adapter makes up for both:

* Under the ``db`` fixture a test runs inside one transaction that never commits, so the ``on_commit``
  callback that publishes a feasibility run would never fire. Each request runs inside
  ``captureOnCommitCallbacks(execute=True)``, so what would run on commit runs when the request ends (under
  ``transactional_db`` the callbacks fire on the real commit and nothing is captured).
* With ``CELERY_BROKER_URL`` set (CI), the published run would wait for a worker: use :func:`celery_eager`
  (or the ``eager_celery`` fixture) so the check runs in this process, as it does without a broker.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import TestCase
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_SCRIPT = ROOT / "examples" / "build_partnership.py"

#: Rates that never throttle a suite of whole builds (each build sends about 180 requests).
GENEROUS_THROTTLES = {
    "anon": "100000/minute",
    "user": "100000/minute",
    "feasibility_run": "100000/minute",
    "auth_failure": "100000/minute",
}


def load_example():
    """The example script as a module (``examples/`` is not a package: it is meant to be copied and run)."""
    spec = importlib.util.spec_from_file_location("build_partnership_example", EXAMPLE_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class InProcessApi:
    """``Api.request`` of the example, answered in-process by DRF's test client with a real API key."""

    def __init__(self, token: str):
        self.client = APIClient()
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    @classmethod
    def for_user(cls, user, *, name: str = "in-process API") -> InProcessApi:
        """An adapter with a new key of ``user`` (issued through the same service as ``/api/tokens/``)."""
        from api.services import api_token_create

        _token, raw_key = api_token_create(user=user, name=name)
        return cls(raw_key)

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], Any]:
        """(status, response headers lower-cased, parsed JSON or None), like ``Api.request``; never raises on
        4xx/5xx answers (an exception inside a view still propagates, as Django's test client does)."""
        kwargs: dict[str, Any] = {"headers": dict(headers or {})}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = self.client.generic(method.upper(), path, **kwargs)
        parsed = None
        if response.content and "json" in response.get("Content-Type", ""):
            parsed = json.loads(response.content)
        return response.status_code, {key.lower(): value for key, value in response.headers.items()}, parsed


@contextlib.contextmanager
def celery_eager():
    """Tasks run in this process when published (the default without ``CELERY_BROKER_URL``), also on CI."""
    from smp.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield app
    finally:
        app.conf.task_always_eager = before


@pytest.fixture
def eager_celery():
    """:func:`celery_eager` for one test; import the fixture into a test module to use it."""
    with celery_eager() as app:
        yield app
