"""Who may curate the library of practices: IOM reviewers and administrators (everyone may read it)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def can_curate(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or getattr(user, "role", "") in ("reviewer", "admin"))
    )


def require_curate(user) -> None:
    if not can_curate(user):
        raise PermissionDenied(_("Only IOM reviewers and administrators may curate the library of practices."))
