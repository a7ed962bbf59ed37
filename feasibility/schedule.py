"""Periodic jobs of the feasibility app, for ``CELERY_BEAT_SCHEDULE`` in smp/settings.py::

from feasibility.schedule import BEAT_SCHEDULE as FEASIBILITY_BEAT_SCHEDULE
CELERY_BEAT_SCHEDULE = {**FEASIBILITY_BEAT_SCHEDULE}
"""

from __future__ import annotations

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict] = {
    # Runs a lost worker left "running" (and queued runs nobody took) become "failed" — never left running.
    "feasibility-mark-stuck-runs": {
        "task": "feasibility.mark_stuck_runs",
        "schedule": crontab(minute="*/10"),
    },
    # Re-check partnerships whose data or the ruleset changed since their latest run.
    "feasibility-recheck-changed": {
        "task": "feasibility.recheck_changed",
        "schedule": crontab(hour=2, minute=30),
    },
}
