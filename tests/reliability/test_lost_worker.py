"""A worker killed (SIGKILL) in the middle of a run never leaves it ``running``.

Bound (docs/feasibility.md, "Jobs that never get stuck"): the broker redelivers the unacknowledged message
after its visibility timeout, another worker takes the run over and finishes it; with no worker to take it,
the stuck-run beat job fails it with a reason. In production (hard limit 180 s, visibility timeout 200 s,
scans every 10 s, stuck threshold 230 s, job every 30 s) a killed worker's run is taken over within 210 s
or failed within 260 s of its start — under 5 minutes. For speed these tests shorten the visibility timeout
of the worker processes (``CELERY_VISIBILITY_TIMEOUT``) and the stuck threshold (``SMP_RULES``), and check
the same bound with those values.

The run is slowed by the test-only rule module ``feasibility.tests.slow_rule`` (loaded only through
``SMP_EXTRA_RULE_MODULES`` in the worker's environment; the application never imports it).
"""

from __future__ import annotations

import time

import pytest
import requests

pytestmark = [pytest.mark.reliability, pytest.mark.django_db(transaction=True)]

VISIBILITY_TIMEOUT = 8  # seconds, for the test workers
RESTORE_SCAN = 10  # seconds between scans for unacknowledged messages (settings: unacked_restore_interval)
SLOW = {"SMP_EXTRA_RULE_MODULES": "feasibility.tests.slow_rule", "SMP_TEST_SLOW_RULE_SECONDS": "300"}


def run_row(run_id: int) -> dict:
    from feasibility.models import FeasibilityRun

    return FeasibilityRun.objects.values("status", "attempts", "error", "started_at").get(pk=run_id)


@pytest.fixture
def started_run(redis_server, processes, partnership, partner_client, wait_for):
    """A run claimed by a slow worker (on our own Redis), requested through the API; returns (run id, worker)."""
    from api.services import api_token_create
    from feasibility.models import RunStatus

    key = api_token_create(user=partner_client, name="reliability suite")[1]
    slow = processes.worker("slow", broker=redis_server.url, CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT), **SLOW)
    web, base = processes.web(broker=redis_server.url)
    response = requests.post(
        f"{base}/api/v1/partnerships/{partnership.pk}/feasibility-runs/",
        json={"force": True},
        headers={"Authorization": f"Token {key}"},
        timeout=60,
    )
    assert response.status_code == 202, response.text
    run_id = response.json()["id"]
    wait_for(
        lambda: run_row(run_id)["status"] == RunStatus.RUNNING, timeout=90, what="the slow worker to claim", logs=[slow]
    )
    return run_id, slow


def test_a_run_of_a_worker_killed_mid_run_is_finished_by_another_worker_within_the_bound(
    started_run, redis_server, processes, wait_for
):
    from feasibility.models import RunStatus

    run_id, slow = started_run
    slow.kill()  # SIGKILL mid-run: no ack, no cleanup
    killed_at = time.monotonic()
    assert run_row(run_id)["status"] == RunStatus.RUNNING

    fresh = processes.worker("fresh", broker=redis_server.url, CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT))
    wait_for(
        lambda: run_row(run_id)["status"] in (RunStatus.SUCCEEDED, RunStatus.FAILED),
        timeout=120,
        what="the redelivered run to end",
        logs=[fresh],
    )
    took = time.monotonic() - killed_at
    row = run_row(run_id)
    assert row["status"] == RunStatus.SUCCEEDED, row["error"]
    assert row["attempts"] == 2  # claimed by the killed worker, then taken over
    # Redelivery after the visibility timeout, found by the next scan; 25 s for the worker to start and check.
    assert took <= VISIBILITY_TIMEOUT + RESTORE_SCAN + 25, f"ended {took:.0f} s after the kill"


def test_a_run_of_a_worker_killed_mid_run_is_failed_by_the_stuck_run_job_when_no_worker_takes_it(
    started_run, redis_server, processes, settings, wait_for
):
    from feasibility.models import RunStatus
    from feasibility.tasks import mark_stuck_runs

    settings.SMP_RULES = {"RUN_STUCK_AFTER_SECONDS": 6}
    run_id, slow = started_run
    slow.kill()
    killed_at = time.monotonic()
    started_at = run_row(run_id)["started_at"]

    def beat_tick() -> bool:
        mark_stuck_runs.apply()  # what beat sends every 30 s (here every 0.2 s), run in this process
        return run_row(run_id)["status"] != RunStatus.RUNNING

    wait_for(beat_tick, timeout=30, what="the stuck-run job to fail the run")
    took = time.monotonic() - killed_at
    row = run_row(run_id)
    assert row["status"] == RunStatus.FAILED and "Stuck: still running 6 s after it started" in row["error"]
    assert row["started_at"] == started_at and took <= 6 + 2, f"failed {took:.1f} s after the kill"

    # The killed worker's message is still unacknowledged; a worker that gets it later changes nothing.
    late = processes.worker("late", broker=redis_server.url, CELERY_VISIBILITY_TIMEOUT="1")
    wait_for(lambda: "not-claimed" in late.output(), timeout=90, what="the late redelivery", logs=[late])
    row = run_row(run_id)
    assert row["status"] == RunStatus.FAILED and row["attempts"] == 1
