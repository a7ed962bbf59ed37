"""Sending queued runs to the workers: publish once the run is committed, never leave an orphan.

A queued run is only worth keeping if a worker will receive its message. So a run is published as soon
as its row is committed (``transaction.on_commit``; in autocommit mode that is at once, inside the
request), with the bounded publish retry of ``CELERY_TASK_PUBLISH_RETRY_POLICY`` and the broker's socket
timeouts (``CELERY_BROKER_TRANSPORT_OPTIONS``). When the broker cannot be reached the run is marked
``failed`` with the reason in words and :class:`BrokerUnavailable` is raised, which the API answers with
a 503 (``broker_unavailable``, ``Retry-After``) and the review page with a message. A failed run is never
reused, so the next request after the broker returns starts a new run. docs/feasibility.md, "Dispatch".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from kombu.exceptions import OperationalError as KombuOperationalError

from feasibility.models import FeasibilityRun, RunStatus
from smp.exceptions import BrokerUnavailable

logger = logging.getLogger(__name__)

# Errors a publish raises when the broker is down, refuses or times out: kombu wraps the transport's
# connection errors in its OperationalError; a socket error may escape unwrapped (OSError).
PUBLISH_ERRORS = (KombuOperationalError, OSError)


def publish_runs(run_ids: list[int]) -> None:
    """Send ``run_feasibility`` for each committed queued run; fail the ones that could not be sent.

    Raises :class:`BrokerUnavailable` (after marking the unsent runs failed) when the broker is unreachable.
    """
    from feasibility.tasks import run_feasibility

    for position, run_id in enumerate(run_ids):
        try:
            run_feasibility.delay(run_id)
        except PUBLISH_ERRORS as error:
            unsent = run_ids[position:]
            logger.warning("Job queue unreachable, %s feasibility run(s) not started: %s", len(unsent), error)
            fail_unsent(unsent)
            raise BrokerUnavailable(run_ids=unsent) from error


def fail_unsent(run_ids: Iterable[int]) -> int:
    """Mark queued runs whose message never reached the broker as failed, with the reason in words."""
    return FeasibilityRun.objects.filter(pk__in=list(run_ids), status=RunStatus.QUEUED).update(
        status=RunStatus.FAILED,
        finished_at=timezone.now(),
        error=gettext(
            "Not started: the job queue could not be reached when the check was requested. "
            "Ask for the check again in a minute."
        ),
    )


def dispatch_on_commit(run_ids: list[int], *, raise_if_unavailable: bool = True) -> None:
    """Publish ``run_ids`` once the current transaction commits (at once in autocommit mode).

    With ``raise_if_unavailable`` the :class:`BrokerUnavailable` of a failed publish propagates to the
    caller: from this call in autocommit mode, otherwise from the ``transaction.atomic()`` block whose
    commit ran the callback — the runs are committed (and failed) by then. Without it, the runs are still
    failed with the reason, and the error is only logged (callers whose own work must not be undone or
    reported as an error because a check could not start, e.g. a review transition).
    """
    if not run_ids:
        return

    def publish() -> None:
        try:
            publish_runs(run_ids)
        except BrokerUnavailable:
            if raise_if_unavailable:
                raise

    transaction.on_commit(publish)
