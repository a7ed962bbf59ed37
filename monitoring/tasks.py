"""Celery tasks of the monitoring app. Each calls one service."""

from __future__ import annotations

from celery import shared_task
from celery.utils.log import get_task_logger

from monitoring.reminders import reporting_reminders_send

logger = get_task_logger(__name__)


@shared_task(name="monitoring.send_reporting_reminders", ignore_result=True, acks_late=True)
def send_reporting_reminders() -> dict:
    """Daily beat job: remind the lead side of reporting periods that ended without values (once per period;
    safe to run twice or on two workers at once — each period is claimed with a row lock)."""
    result = reporting_reminders_send()
    logger.info("Reporting reminders: %s", result)
    return result
