"""The beat schedule (``CELERY_BEAT_SCHEDULE`` in smp/settings.py) names tasks that exist: the settings name
them by string so they import no app code, so a renamed task would otherwise go unnoticed."""

from __future__ import annotations

from django.conf import settings

from smp.celery import app


def test_the_beat_schedule_names_the_registered_tasks():
    from feasibility import tasks  # noqa: F401  (registers the tasks)
    from monitoring import tasks as monitoring_tasks  # noqa: F401  (the reporting reminders)
    from reviews import tasks as review_tasks  # noqa: F401  (the portfolio-figures job is scheduled too)

    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= set(app.tasks)
    assert "feasibility.run_feasibility" in app.tasks
