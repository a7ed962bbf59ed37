"""Feasibility runs through a REAL Celery worker process (broker: CELERY_BROKER_URL; database: PostgreSQL).

* a queued run is picked up by the worker and stored as ``succeeded``; asking again with unchanged data
  returns the same run, and a duplicate message for it is a no-op (the claim is conditional);
* a worker killed (SIGKILL) in the middle of a run never leaves it ``running``: the broker redelivers the
  unacknowledged message to a new worker, which takes the run over and finishes it — or, with no worker
  coming back, the stuck-run job marks it failed.

The worker must see pytest's test database, so it gets a ``DATABASE_URL`` built from
``connection.settings_dict``; SQLite's in-memory test database cannot be shared with another process, so
these tests need PostgreSQL. Without a broker (a laptop run on SQLite) they skip.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection

from tests.processes import Process, start_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker():
    if not settings.CELERY_BROKER_URL:
        reason = "CELERY_BROKER_URL is not set: no broker to start a worker against (CI sets it)"
        print(f"SKIPPED worker feasibility tests: {reason}")  # noqa: T201
        pytest.skip(reason)
    if connection.vendor != "postgresql":
        pytest.fail(
            "The worker tests need DATABASE_URL to point at PostgreSQL: a worker process cannot see "
            "pytest's in-memory SQLite test database."
        )
    from smp.celery import app

    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture
def workers(tmp_path):
    started: list[Process] = []

    def start(name: str, **env: str) -> Process:
        worker = start_worker(name, tmp_path / f"{name}.log", **env)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def run_status(run_id: int) -> str:
    from feasibility.models import FeasibilityRun

    return FeasibilityRun.objects.values_list("status", flat=True).get(pk=run_id)


@pytest.fixture
def partnership():
    from partnerships.tests.factories import PartnershipFactory

    return PartnershipFactory(stage="design")


def test_a_real_worker_runs_a_queued_check_and_a_second_request_does_not_recompute(
    broker, workers, partnership, midday
):
    """Only a run of the same local date is reused: ``midday`` sets this process's time zone so that it is
    about noon, and the worker's finish time and the second request fall on the same date whenever it runs."""
    from feasibility.models import FeasibilityRun, RunStatus
    from feasibility.registry import REGISTRY
    from feasibility.services import feasibility_run_request
    from feasibility.tasks import run_feasibility

    worker = workers("feasibility")
    run = feasibility_run_request(partnership=partnership)
    assert run.status == RunStatus.QUEUED

    wait_for(lambda: run_status(run.pk) == RunStatus.SUCCEEDED, timeout=90, what="the run to succeed", logs=[worker])
    run.refresh_from_db()
    assert run.findings.count() == len(REGISTRY)
    assert run.attempts == 1 and run.data_fingerprint

    # Unchanged data: the request returns the stored run; nothing is queued or recomputed.
    again = feasibility_run_request(partnership=partnership)
    assert again.pk == run.pk
    assert FeasibilityRun.objects.filter(partnership=partnership).count() == 1

    # A duplicate message for the finished run is harmless: the conditional claim refuses it. (The task keeps
    # no result in the result store — outcomes live in our tables — so the worker's log tells.)
    run_feasibility.delay(run.pk)
    wait_for(lambda: "not-claimed" in worker.output(), timeout=60, what="the duplicate to be refused", logs=[worker])
    finished_at = run.finished_at
    run.refresh_from_db()
    assert (run.status, run.finished_at, run.attempts) == (RunStatus.SUCCEEDED, finished_at, 1)


def test_a_run_of_a_killed_worker_is_redelivered_and_finished_by_a_new_worker(broker, workers, partnership):
    from feasibility.models import RunStatus
    from feasibility.services import feasibility_run_request

    slow = workers(
        "slow",
        SMP_EXTRA_RULE_MODULES="feasibility.tests.slow_rule",
        SMP_TEST_SLOW_RULE_SECONDS="120",
    )
    run = feasibility_run_request(partnership=partnership, force=True)
    wait_for(lambda: run_status(run.pk) == RunStatus.RUNNING, timeout=90, what="the slow worker to claim", logs=[slow])
    slow.kill()  # SIGKILL mid-run: no ack, no cleanup
    assert run_status(run.pk) == RunStatus.RUNNING

    # The broker redelivers an unacknowledged message after the visibility timeout (1 s for this worker).
    fresh = workers("fresh", CELERY_VISIBILITY_TIMEOUT="1")
    wait_for(
        lambda: run_status(run.pk) in (RunStatus.SUCCEEDED, RunStatus.FAILED),
        timeout=120,
        what="the redelivered run to finish",
        logs=[fresh],
    )
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert run.attempts == 2  # claimed by the killed worker, then taken over
    assert not run.findings.filter(rule_id="E8.R99").exists()  # the new worker has no slow rule


def test_a_run_of_a_killed_worker_is_failed_by_the_stuck_run_job_when_no_worker_returns(broker, workers, partnership):
    from feasibility.models import RunStatus
    from feasibility.services import feasibility_mark_stuck_runs, feasibility_run_request
    from feasibility.tasks import mark_stuck_runs

    slow = workers(
        "slow-alone",
        SMP_EXTRA_RULE_MODULES="feasibility.tests.slow_rule",
        SMP_TEST_SLOW_RULE_SECONDS="120",
    )
    run = feasibility_run_request(partnership=partnership, force=True)
    wait_for(lambda: run_status(run.pk) == RunStatus.RUNNING, timeout=90, what="the slow worker to claim", logs=[slow])
    slow.kill()

    # Before the threshold the job leaves it alone (a redelivery may still take it over) …
    assert mark_stuck_runs.run() == {"running": 0, "queued": 0}
    assert run_status(run.pk) == RunStatus.RUNNING
    # … after it, the run is failed with an explanation — never left running.
    assert feasibility_mark_stuck_runs(older_than=timedelta(0)) == {"running": 1, "queued": 0}
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "Stuck" in run.error

    # The killed worker's message is still unacknowledged; when a worker finally gets it, it changes nothing.
    late = workers("late", CELERY_VISIBILITY_TIMEOUT="1")
    wait_for(lambda: "not-claimed" in late.output(), timeout=90, what="the late redelivery", logs=[late])
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.attempts == 1
