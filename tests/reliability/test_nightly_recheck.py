"""A recruiter licence that expires tonight makes R.5 fail the next night, without any edit (issue 16).

R.5 (blocking) reads today's date, like the evidence-age and exchange-rate rules (``reads_today`` in the
registry). The nightly re-check therefore re-runs every partnership whose latest run is from an earlier
day, not only those whose data changed. The clock is "frozen" by passing ``today`` to the nightly job's
service (the beat task passes the real date); the checks run in a real Celery worker.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

pytestmark = [pytest.mark.reliability, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def nightly_worker(processes):
    """A worker on the project's broker, which this process publishes the nightly batches to."""
    from smp.celery import app

    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set: no broker to start a worker against (CI sets it)")
    app.conf.task_always_eager = False
    yield processes.worker("nightly", broker=settings.CELERY_BROKER_URL)
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


def r5_of_latest_run(partnership):
    from feasibility.models import FeasibilityRun, Finding

    run = FeasibilityRun.objects.filter(partnership=partnership).order_by("-id").first()
    return run, Finding.objects.get(run=run, rule_id="R.5")


def test_a_licence_expiring_tonight_fails_r5_after_the_nightly_recheck_without_any_edit(nightly_worker, wait_for):
    from feasibility.models import FeasibilityRun, RunStatus
    from feasibility.registry import REGISTRY
    from feasibility.services import feasibility_recheck_changed
    from feasibility.tests.rule_helpers import update
    from feasibility.tests.test_rules_recruitment import clean
    from partnerships.models import Partnership

    assert REGISTRY["R.5"].reads_today and REGISTRY["R.5"].blocking
    tonight = timezone.localdate()
    c = clean()  # a corridor that passes R.1–R.15, at stage "agreement"
    update(c.recruiter, licence_expiry=tonight)
    p = c.p
    before = Partnership.objects.values("version", "updated_at").get(pk=p.pk)

    def runs() -> int:
        return FeasibilityRun.objects.filter(partnership=p, status=RunStatus.SUCCEEDED).count()

    # Day D: never checked, so the nightly job checks it; the licence is still valid today.
    assert feasibility_recheck_changed(today=tonight) == {"partnerships": 1, "batches": 1}
    wait_for(lambda: runs() == 1, timeout=90, what="the first check", logs=[nightly_worker])
    run, r5 = r5_of_latest_run(p)
    assert r5.status != "FAIL" and "expires on" in r5.text  # valid until tonight (WARN: expires soon)
    assert run.recruitment_verdict != "fail"

    # Same day again: nothing changed and the date did not move — nothing to re-check.
    assert feasibility_recheck_changed(today=tonight) == {"partnerships": 0, "batches": 0}

    # The next night, with no edit to the partnership: re-checked because R.5 reads today's date.
    assert feasibility_recheck_changed(today=tonight + dt.timedelta(days=1)) == {"partnerships": 1, "batches": 1}
    wait_for(lambda: runs() == 2, timeout=90, what="the nightly re-check", logs=[nightly_worker])
    run, r5 = r5_of_latest_run(p)
    assert r5.status == "FAIL" and f"licence expired on {tonight.isoformat()}" in r5.text
    assert "R.5" in run.red_flags and run.recruitment_verdict == "fail"
    assert Partnership.objects.values("version", "updated_at").get(pk=p.pk) == before
