"""Celery tasks of the reviews app. Each takes primitive ids (or none), re-fetches and calls one service."""

from __future__ import annotations

from celery import shared_task
from celery.utils.log import get_task_logger
from django.conf import settings
from django.db import InterfaceError, OperationalError

from reviews import services

logger = get_task_logger(__name__)


@shared_task(name="reviews.refresh_portfolio_figures", acks_late=True)
def refresh_portfolio_figures(partnership_ids: list[int] | None = None) -> int:
    """Beat job: recompute the dashboard's cost figures of partnerships whose data changed since (idempotent)."""
    return services.partnership_figures_refresh(partnership_ids=partnership_ids)


@shared_task(
    name="reviews.render_design_brief",
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=getattr(settings, "CELERY_TASK_SOFT_TIME_LIMIT", 120),
    time_limit=getattr(settings, "CELERY_TASK_TIME_LIMIT", 180),
)
def render_design_brief(brief_id: int) -> str:
    """Render the PDF design brief ``brief_id`` and store it (safe to deliver twice: the claim is conditional)."""
    brief = services.design_brief_render(brief_id=brief_id)
    status = brief.status if brief is not None else "not-claimed"
    logger.info("Design brief %s: %s", brief_id, status)
    return status
