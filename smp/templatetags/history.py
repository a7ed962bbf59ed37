"""``{{ record.history_change_reason|reason }}``: a stored history reason in the reader's language
(smp.history.reason_shown). Registered in ``TEMPLATES["OPTIONS"]["libraries"]``: ``{% load history %}``."""

from __future__ import annotations

from django import template

from smp.history import reason_shown

register = template.Library()


@register.filter
def reason(stored) -> str:
    return reason_shown(stored)
