"""Periodic jobs of the feasibility app, for ``CELERY_BEAT_SCHEDULE`` in smp/settings.py::

from feasibility.schedule import BEAT_SCHEDULE as FEASIBILITY_BEAT_SCHEDULE
CELERY_BEAT_SCHEDULE = {**FEASIBILITY_BEAT_SCHEDULE}
"""

from __future__ import annotations

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict] = {
    # Runs a lost worker left "running" (and queued runs nobody took) become "failed" — never left running.
    # Every 30 s: with the stuck threshold (230 s by default) a killed worker's run ends within 260 s of its
    # start, inside the 5-minute bound of docs/feasibility.md. Expires so a backlog does not pile them up.
    "feasibility-mark-stuck-runs": {
        "task": "feasibility.mark_stuck_runs",
        "schedule": 30.0,
        "options": {"expires": 25},
    },
    # Re-check partnerships whose latest result may be stale: data, ruleset or reference data changed, the
    # latest run failed, or (rules that read today's date) the latest run is from an earlier day.
    "feasibility-recheck-changed": {
        "task": "feasibility.recheck_changed",
        "schedule": crontab(hour=2, minute=30),
    },
}
