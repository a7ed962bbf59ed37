"""Schemathesis against the live OpenAPI schema, through the Django WSGI app, as the demo partner client.

Every operation of /api/schema/ is exercised with generated requests (a bounded number of examples each):
no answer may be a 5xx and every answer must conform to the schema (status codes, content types, bodies).
The data is the reference data plus the demo partnerships (``load_reference_data`` + ``load_demo``), loaded
once for this module and flushed afterwards; each operation's writes are rolled back with its test.

Run alone: ``.venv/bin/pytest tests/test_schemathesis.py`` (see docs/api.md).
"""

from __future__ import annotations

import os
import time

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# No 5xx and conformance to the schema. Not "positive data acceptance": business rules (dates in order,
# shares totalling 100 %, rows of the same partnership) refuse some schema-valid bodies with a 400 by design;
# not "negative data rejection": an empty query parameter means "no filter", as browsers send it.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
TIMINGS: dict[str, float] = {}
# Minutes of generated requests: left out of `make test-fast`, run by `make test` and CI.
pytestmark = pytest.mark.schemathesis
# Examples per operation. The API has 244 operations; with 6 each this module takes about 16 minutes on a
# two-core machine (most of it per-operation cost, not examples: see the slowest operations it prints).
# Raise it for a deeper run:
# SCHEMATHESIS_MAX_EXAMPLES=25 .venv/bin/pytest tests/test_schemathesis.py
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "6"))


@pytest.fixture(scope="module")
def partner_key(django_db_setup, django_db_blocker):
    """Reference and demo data in the test database, and a key of the demo ``partner`` user."""
    from django.contrib.auth import get_user_model

    from api.services import api_token_create

    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)
        call_command("load_demo", verbosity=0)
        partner = get_user_model().objects.get(username="partner")
        _token, raw_key = api_token_create(user=partner, name="schemathesis")
    yield raw_key
    slowest = sorted(TIMINGS.items(), key=lambda item: -item[1])[:8]
    print("\nslowest operations: " + ", ".join(f"{label} {seconds:.1f}s" for label, seconds in slowest))
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _in_test_transaction(settings):
    """Keep the test's connection open across WSGI requests (as Django's test client does) and never throttle."""
    from django.core import signals
    from django.db import close_old_connections

    settings.API_THROTTLE_RATES = {"anon": "100000/minute", "user": "100000/minute", "feasibility_run": "100000/minute"}
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _load_schema():
    # Generating the schema reads no data, so it can be loaded when the module is collected.
    from smp.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


schema = _load_schema()


@schema.parametrize()
@hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_without_5xx_and_conforms_to_the_schema(case, partner_key, db):
    started = time.perf_counter()
    try:
        # Plain bodies: Django's GZipMiddleware compresses answers for clients that accept gzip, which real
        # HTTP clients decode themselves; Schemathesis' in-process WSGI transport does not.
        headers = {"Authorization": f"Token {partner_key}", "Accept-Encoding": "identity"}
        case.call_and_validate(headers=headers, checks=CHECKS)
    finally:
        TIMINGS[case.operation.label] = TIMINGS.get(case.operation.label, 0.0) + time.perf_counter() - started
