"""Celery tasks of the agreements app: take primitive ids, re-fetch and call one service."""

from __future__ import annotations

from celery import shared_task
from celery.utils.log import get_task_logger
from django.conf import settings
from django.db import InterfaceError, OperationalError

from agreements import services

logger = get_task_logger(__name__)


@shared_task(
    name="agreements.render_agreement_draft",
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=getattr(settings, "CELERY_TASK_SOFT_TIME_LIMIT", 120),
    time_limit=getattr(settings, "CELERY_TASK_TIME_LIMIT", 180),
)
def render_agreement_draft(draft_id: int) -> str:
    """Render the draft agreement ``draft_id`` (DOCX and PDF) and store it (the claim is conditional)."""
    draft = services.agreement_draft_render(draft_id=draft_id)
    status = draft.status if draft is not None else "not-claimed"
    logger.info("Draft agreement %s: %s", draft_id, status)
    return status
