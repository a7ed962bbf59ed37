"""Celery tasks of the reviews app. Each takes primitive ids (or none), re-fetches and calls one service."""

from __future__ import annotations

from celery import shared_task
from celery.utils.log import get_task_logger

from reviews import services
from reviews.documents import render_task

logger = get_task_logger(__name__)


@shared_task(name="reviews.refresh_portfolio_figures", acks_late=True)
def refresh_portfolio_figures(partnership_ids: list[int] | None = None) -> int:
    """Beat job: recompute the dashboard's cost figures of partnerships whose data changed since (idempotent)."""
    return services.partnership_figures_refresh(partnership_ids=partnership_ids)


@render_task("reviews.render_design_brief")
def render_design_brief(brief_id: int) -> str:
    """Render the PDF design brief ``brief_id`` and store it (safe to deliver twice: the claim is conditional)."""
    brief = services.design_brief_render(brief_id=brief_id)
    status = brief.status if brief is not None else "not-claimed"
    logger.info("Design brief %s: %s", brief_id, status)
    return status
