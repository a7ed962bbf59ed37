"""The worked example of docs/api.md (examples/build_partnership.py) keeps building a partnership that passes.

The script writes a Morocco → Germany partnership over the REST API alone, moves it through the lifecycle to
stage ``agreement`` and runs the feasibility check. These tests hold it to its promise: all eight essential
elements (E1–E8) and the fair-recruitment check (R.1–R.15) pass, with no WARN or FAIL finding.

* ``test_the_script_builds_a_passing_partnership_over_http``: the script as a user runs it, in a subprocess,
  against pytest-django's live server — real HTTP, the real key header, the real exit code.
* ``test_build_and_check_pass_in_process``: ``build`` and ``check`` through :class:`tests.http_adapter.InProcessApi`,
  the adapter that suites of many builds (the fixability suite) reuse.

Both run the check in this process (``eager_celery``), so they also pass on CI where ``CELERY_BROKER_URL``
points at a Redis no worker reads. The lead user is the cast's ``dest_official`` (Germany's labour ministry).
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from django.core.management import call_command

from api.services import api_token_create
from feasibility.models import FeasibilityRun, RunStatus
from partnerships.models import Partnership
from tests.http_adapter import (  # noqa: F401 — eager_celery is a fixture
    EXAMPLE_SCRIPT,
    GENEROUS_THROTTLES,
    ROOT,
    InProcessApi,
    eager_celery,
    load_example,
)

pytestmark = [pytest.mark.whole_api, pytest.mark.usefixtures("eager_celery")]

ELEMENTS = [f"E{n}" for n in range(1, 9)]


def _assert_passes(run: FeasibilityRun) -> None:
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert run.stage_at_run == "agreement"
    statuses = {code: run.element_results[code]["status"] for code in ELEMENTS}
    assert statuses == dict.fromkeys(ELEMENTS, "pass")
    assert run.recruitment_verdict == "pass"
    assert run.red_flags == []
    # No WARN or FAIL anywhere: an element passes only when none of its rules warns or fails.
    not_passing = list(run.findings.filter(status__in=("WARN", "FAIL")).values_list("rule_id", "message"))
    assert not_passing == []


@pytest.fixture
def lead_key(transactional_db, dest_official, settings):
    """Reference data, and an API key of an official of the lead organisation (Germany's labour ministry)."""
    settings.API_THROTTLE_RATES = GENEROUS_THROTTLES
    call_command("load_reference_data", verbosity=0)
    _token, raw_key = api_token_create(user=dest_official, name="worked example")
    return raw_key


def test_the_script_builds_a_passing_partnership_over_http(live_server, lead_key):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(EXAMPLE_SCRIPT.relative_to(ROOT)), live_server.url, lead_key],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    print(f"\nexample script: {time.monotonic() - started:.1f} s\n{result.stdout}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Every essential element and the recruitment check pass." in result.stdout

    partnership = Partnership.objects.get()
    assert partnership.stage == "agreement"
    assert set(partnership.countries.values_list("country", "side")) == {("MA", "origin"), ("DE", "destination")}
    # The stage moved one step at a time through the lifecycle, and no gap had to be acknowledged.
    changes = list(partnership.stage_changes.order_by("id").values_list("to_stage", "open_gaps"))
    assert [stage for stage, _gaps in changes][-3:] == ["assessment", "design", "agreement"]
    assert all(not gaps for _stage, gaps in changes)
    _assert_passes(partnership.feasibility_runs.latest("id"))


def test_build_and_check_pass_in_process(db, dest_official, settings):
    settings.API_THROTTLE_RATES = GENEROUS_THROTTLES
    call_command("load_reference_data", verbosity=0)
    example = load_example()
    api = InProcessApi.for_user(dest_official)

    made = example.build(api)
    partnership = made["partnership"]
    assert partnership["stage"] == "agreement"
    assert {"cost_item.training_delivery", "recruiter.ma_pes", "pathway.skilled_worker"} <= set(made)
    assert all("id" in row for row in made.values())

    run = example.check(api, partnership["id"])
    assert example.all_pass(run), example.not_passing(run)
    assert [element["status"] for element in run["elements"]] == ["pass"] * 8
    assert run["recruitment"]["status"] == "pass"
    _assert_passes(FeasibilityRun.objects.get(pk=run["id"]))
