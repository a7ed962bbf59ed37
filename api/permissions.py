"""Who may do what over the API.

Reading is decided by the queryset (``Partnership.objects.for_user``): an object outside it is a 404, so
its existence does not leak. Writing additionally needs a role that edits data: reviewers read every
partnership but change none (403, since they can see the object).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from accounts.models import UserRole
from api.throttling import auth_failure_record


def user_can_write(user) -> bool:
    """Officials, partner clients, admins and superusers write; reviewers only read."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.role in (UserRole.OFFICIAL, UserRole.PARTNER, UserRole.ADMIN)


def user_is_admin(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.role == UserRole.ADMIN))


class IsAuthenticatedApiUser(permissions.BasePermission):
    """An active, authenticated user; anonymous requests get 401 with ``WWW-Authenticate``.

    An anonymous request counts against its address's failures (``api.throttling``); over the limit it is a 429.
    """

    def has_permission(self, request, view) -> bool:
        if request.user is None or not request.user.is_authenticated:
            auth_failure_record(request, refuse_over_limit=True)
            return False
        return request.user.is_active


class PartnershipDataPermission(IsAuthenticatedApiUser):
    """Reads for every authenticated user (scoped by the queryset); writes for roles that edit data."""

    message = _(
        "Only the organisations taking part in a partnership (their officials and API clients) change its data; "
        "IOM reviewers read it."
    )

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in permissions.SAFE_METHODS or getattr(view, "action", None) in getattr(
            view, "read_like_actions", ()
        ):
            return True
        return user_can_write(request.user)


class ReadOnlyOrAdmin(IsAuthenticatedApiUser):
    """Reference data: every authenticated user reads it; admins change it."""

    message = _("Only administrators change reference data.")

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in permissions.SAFE_METHODS or user_is_admin(request.user)
