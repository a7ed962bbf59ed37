"""Reads of the accounts app."""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone

from accounts.models import Invitation, UserRole


def user_may_invite(user) -> bool:
    """Officials and administrators invite colleagues; reviewers and partner clients do not."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role in (UserRole.OFFICIAL, UserRole.ADMIN))
    )


def invitation_organisations_for(user):
    """Organisations ``user`` may invite into: any for administrators, their own for officials, none else."""
    organisations = apps.get_model("stakeholders", "Organisation").objects.order_by("name")
    if not user_may_invite(user):
        return organisations.none()
    if user.is_superuser or user.role == UserRole.ADMIN:
        return organisations
    return organisations.filter(members=user)


def invitation_get_open(*, token_hash: str) -> Invitation | None:
    """The invitation behind a link if it can still be accepted (not used, not expired), else None."""
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=token_hash, accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
