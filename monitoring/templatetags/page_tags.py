"""Template helpers of the partnership page."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from partnerships.lifecycle import gap_step_label, gap_text

register = template.Library()


@register.filter
def person(user, fallback: str = "") -> str:
    """A user's full name, else their username; ``fallback`` (default "someone") when there is no user (an
    account deleted since, or the platform itself)."""
    if user is None:
        return fallback or _("someone")
    return user.get_full_name() or user.username


@register.filter
def gap_words(stored: dict) -> str:
    """A gap stored on a stage change, in the reader's language (partnerships.lifecycle.gap_text)."""
    return gap_text(stored)


@register.filter
def gap_step(stored: dict) -> str:
    """The wizard step of a stored gap, named in the reader's language."""
    return gap_step_label(stored)
