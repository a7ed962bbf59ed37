"""Celery tasks of the agreements app: take primitive ids, re-fetch and call one service."""

from __future__ import annotations

from celery.utils.log import get_task_logger

from agreements import services
from reviews.documents import render_task

logger = get_task_logger(__name__)


@render_task("agreements.render_agreement_draft")
def render_agreement_draft(draft_id: int) -> str:
    """Render the draft agreement ``draft_id`` (DOCX and PDF) and store it (the claim is conditional)."""
    draft = services.agreement_draft_render(draft_id=draft_id)
    status = draft.status if draft is not None else "not-claimed"
    logger.info("Draft agreement %s: %s", draft_id, status)
    return status
