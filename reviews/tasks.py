"""Celery tasks of the reviews app. Each takes primitive ids (or none), re-fetches and calls one service."""

from __future__ import annotations

from celery import shared_task

from reviews import services


@shared_task(name="reviews.refresh_portfolio_figures", acks_late=True)
def refresh_portfolio_figures(partnership_ids: list[int] | None = None) -> int:
    """Beat job: recompute the dashboard's cost figures of partnerships whose data changed since (idempotent)."""
    return services.partnership_figures_refresh(partnership_ids=partnership_ids)
