"""Celery tasks of the feasibility app. Each takes primitive ids, re-fetches, and calls one service.

``run_feasibility`` is safe to deliver twice: the service claims the run with a conditional update.
Results live in our own tables (``FeasibilityRun``/``Finding``), not in the Celery result backend, so the
tasks ignore results: publishing one never touches the result store (a request must not wait for it).
"""

from __future__ import annotations

from datetime import date

from celery import shared_task
from celery.utils.log import get_task_logger
from django.conf import settings
from django.db import InterfaceError, OperationalError

from feasibility import services

logger = get_task_logger(__name__)

# Soft limit: the run is marked failed with the error; hard limit: the worker child is killed and the
# stuck-run job (or a redelivery) takes care of the run. Overridable through CELERY_TASK_*_TIME_LIMIT.
SOFT_TIME_LIMIT = getattr(settings, "CELERY_TASK_SOFT_TIME_LIMIT", 120)
HARD_TIME_LIMIT = getattr(settings, "CELERY_TASK_TIME_LIMIT", 180)


@shared_task(
    bind=True,
    name="feasibility.run_feasibility",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=HARD_TIME_LIMIT,
)
def run_feasibility(self, run_id: int) -> str:
    """Check the partnership of run ``run_id`` and store the findings (never raises for a rule error)."""
    delivery = self.request.delivery_info or {}
    # A redelivered message (worker lost before acking) or a retry after a database error may find the
    # run still "running": its previous holder is gone, so it may take the run over (services docstring).
    takeover = bool(delivery.get("redelivered")) or bool(self.request.retries)
    run = services.feasibility_run_execute(run_id=run_id, takeover=takeover)
    status = run.status if run is not None else "not-claimed"
    logger.info("Feasibility run %s: %s", run_id, status)
    return status


@shared_task(
    name="feasibility.check_batch",
    ignore_result=True,
    acks_late=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=HARD_TIME_LIMIT,
)
def check_batch(ids: list[int], today: str | None = None) -> int:
    """Check a batch of partnerships in this worker as of ``today`` (ISO date, default: the worker's date);
    one new run each (used by the nightly re-check, which passes the date it selected for)."""
    return len(services.feasibility_check_batch(ids=ids, today=date.fromisoformat(today) if today else None))


@shared_task(name="feasibility.mark_stuck_runs", ignore_result=True)
def mark_stuck_runs() -> dict:
    """Beat job: fail runs left ``running`` by a lost worker and queued runs nobody picked up."""
    return services.feasibility_mark_stuck_runs()


@shared_task(name="feasibility.recheck_changed", ignore_result=True)
def recheck_changed() -> dict:
    """Nightly beat job: re-check partnerships whose latest result may be stale (changed data, ruleset or
    reference data, a failed run, or a date-dependent rule checked on an earlier day)."""
    return services.feasibility_recheck_changed()
