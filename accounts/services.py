"""Writes of the accounts app: inviting a colleague and accepting an invitation (docs/security.md).

The invitation link carries a random secret; only its SHA-256 is stored, so the table never holds a working
link. A link works once and until it expires (``settings.INVITATION_VALID_DAYS``, 7 by default).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, User, UserRole
from accounts.selectors import invitation_organisations_for
from smp.exceptions import ValidationError

INVALID_LINK = _(
    "This invitation link does not work any more: it was already used, it expired, or it was never complete. "
    "Ask the colleague who invited you for a new one."
)


def invitation_token_hash(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def invitation_create(*, invited_by: User, email: str, organisation, base_url: str) -> Invitation:
    """Invite ``email`` into ``organisation`` and send the one-time link (rooted at ``base_url``).

    Officials invite into their own organisations only, administrators into any; others are refused.
    """
    if not invitation_organisations_for(invited_by).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You can invite colleagues only into an organisation you are an official of."))
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    raw_token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        organisation=organisation,
        invited_by=invited_by,
        token_hash=invitation_token_hash(raw_token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = base_url.rstrip("/") + reverse("accounts:invitation_accept", kwargs={"token": raw_token})
    context = {
        "inviter": invited_by.get_full_name() or invited_by.username,
        "organisation": organisation.name,
        "link": link,
        "expires_at": invitation.expires_at,
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    send_mail(subject, render_to_string("accounts/email/invitation.txt", context), None, [email])
    return invitation


def invitation_accept(
    *, raw_token: str, username: str, password: str, first_name: str = "", last_name: str = ""
) -> User:
    """Create the invited official with ``username`` and ``password`` and make them a member of the
    invitation's organisation. The link is spent in the same transaction, so it works only once."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organisation")
            .filter(token_hash=invitation_token_hash(raw_token or ""), accepted_at__isnull=True)
            .first()
        )
        if invitation is None or invitation.expires_at <= timezone.now():
            raise ValidationError(INVALID_LINK, code="invalid_invitation")
        username = (username or "").strip()
        errors: dict[str, list] = {}
        try:
            User.username_validator(username)
        except ValidationError as error:
            errors["username"] = list(error.messages)
        if not username:
            errors["username"] = [_("Choose a user name.")]
        elif User.objects.filter(username__iexact=username).exists():
            errors["username"] = [_("This user name is taken; choose another one.")]
        candidate = User(username=username, email=invitation.email, first_name=first_name, last_name=last_name)
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            errors["password"] = list(error.messages)
        if errors:
            raise ValidationError(errors)
        user = User.objects.create_user(
            username=username,
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            role=UserRole.OFFICIAL,
        )
        user.organisations.add(invitation.organisation)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return user
