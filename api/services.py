"""Write services of the api app: issuing and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import PREFIX_LENGTH, ApiToken
from smp.text import has_control_characters

KEY_PREFIX = "smp_"


def api_key_hash(raw_key: str) -> str:
    """The stored form of a key: its SHA-256 hex digest (keys are 256-bit random, so no salt is needed)."""
    return hashlib.sha256(raw_key.encode("utf-8", "surrogatepass")).hexdigest()


def api_token_can_manage(*, actor, user) -> bool:
    """Admins manage every token; an official manages tokens of users who share one of their organisations."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    if actor.is_superuser or actor.role == actor.Role.ADMIN:
        return True
    if actor.role != actor.Role.OFFICIAL:
        return False
    if actor.pk == user.pk:
        return True
    mine = set(actor.organisations.values_list("pk", flat=True))
    return bool(mine) and user.organisations.filter(pk__in=mine).exists()


def api_token_create(*, user, name: str, created_by=None) -> tuple[ApiToken, str]:
    """Issue a new key for ``user``; returns the token row and the raw key, which is never shown again.

    Raises ``ValidationError`` for an empty or too long name, an inactive user, or when ``created_by``
    may not manage ``user``'s tokens (``PermissionDenied``).
    """
    name = (name or "").strip()
    if created_by is not None and not api_token_can_manage(actor=created_by, user=user):
        raise PermissionDenied(_("You may not issue keys for this user."))
    errors = {}
    if not name:
        errors["name"] = ValidationError(_("Give the key a name, e.g. the system that will use it."), code="required")
    elif len(name) > 100:
        errors["name"] = ValidationError(_("Use at most 100 characters for the name."), code="max_length")
    elif has_control_characters(name):
        errors["name"] = ValidationError(_("Use letters, digits and punctuation only (no control characters)."))
    if not user.is_active:
        errors["user"] = ValidationError(_("This user is inactive; activate them first."), code="inactive")
    if errors:
        raise ValidationError(errors)
    raw_key = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name,
            user=user,
            prefix=raw_key[:PREFIX_LENGTH],
            key_hash=api_key_hash(raw_key),
            created_by=created_by,
        )
    return token, raw_key


def api_token_revoke(*, token: ApiToken, revoked_by=None) -> ApiToken:
    """Revoke a key at once; a revoked key is refused with 401. Revoking twice keeps the first date."""
    if revoked_by is not None and not api_token_can_manage(actor=revoked_by, user=token.user):
        raise PermissionDenied(_("You may not revoke this key."))
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=revoked_by
    )
    token.refresh_from_db()
    return token


def api_token_authenticate(*, raw_key: str) -> ApiToken | None:
    """The active token for ``raw_key`` with its user (one query), or ``None``."""
    if not raw_key or len(raw_key) > 200:
        return None
    return ApiToken.objects.active().select_related("user").filter(key_hash=api_key_hash(raw_key)).first()


def api_token_touch(*, token: ApiToken, every_seconds: int = 60) -> None:
    """Record the token's use, at most once a minute so reads stay one query cheaper."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= every_seconds:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


#
# Rows of a partnership that their app writes with the generic helpers
#


def partnership_discard(*, partnership, user, expected_version: int | None = None) -> None:
    """Delete a partnership that never went to review (a mistaken or test entry).

    Anything that was submitted is kept for the record: close it instead (stage ``closed``).
    """
    from codelists.partnerships import ReviewStatus
    from partnerships import policy
    from partnerships.services import instance_delete, partnership_conflict

    if user is not None:
        policy.require(policy.Action.DELETE, user=user, partnership=partnership)

    with transaction.atomic():
        from partnerships.models import Partnership

        current = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if expected_version is not None and current.version != expected_version:
            raise partnership_conflict(partnership_id=current.pk, expected_version=expected_version)
        if current.review_status != ReviewStatus.DRAFT or current.review_round > 0:
            raise ValidationError(
                _("This partnership has been submitted for review and is kept for the record; close it instead."),
                code="kept_for_record",
            )
        instance_delete(current, user=user)
