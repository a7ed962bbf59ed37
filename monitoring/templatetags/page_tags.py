"""Template helpers of the partnership page."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def person(user, fallback: str = "") -> str:
    """A user's full name, else their username; ``fallback`` (default "someone") when there is no user (an
    account deleted since, or the platform itself)."""
    if user is None:
        return fallback or _("someone")
    return user.get_full_name() or user.username
