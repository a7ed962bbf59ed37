"""Write services of the reviews app: notifications, comment resolution, re-checks and portfolio figures.

The review actions themselves (submit, approve …) and adding comments live in ``reviews.workflow``, where the
workflow is declared as data. Everything here is keyword-only and runs in one transaction per call.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import UserRole
from partnerships.models import Partnership, ReviewComment
from reviews.models import Notification, PartnershipFigures

logger = logging.getLogger(__name__)

#: Figures for the portfolio medians are compared in this currency (docs/review.md "Portfolio figures").
DEFAULT_PORTFOLIO_CURRENCY = "USD"


def portfolio_currency() -> str:
    """``settings.SMP_PORTFOLIO_CURRENCY`` or USD."""
    return getattr(settings, "SMP_PORTFOLIO_CURRENCY", "") or DEFAULT_PORTFOLIO_CURRENCY


def user_is_reviewer(user) -> bool:
    """IOM reviewers and admins (and superusers) review partnerships."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or user.role in (UserRole.REVIEWER, UserRole.ADMIN))
    )


#
# Notifications
#


def reviewers_of(*, partnership: Partnership) -> list:
    """Who hears about a partnership entering review: its assigned reviewer if any, else every active reviewer."""
    if partnership.assigned_reviewer_id:
        reviewer = partnership.assigned_reviewer
        return [reviewer] if reviewer is not None and reviewer.is_active else []
    return list(get_user_model().objects.filter(is_active=True, role=UserRole.REVIEWER).order_by("pk"))


def officials_of(*, partnership: Partnership) -> list:
    """Active officials (and API clients) of the organisations that take part in the partnership."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            role__in=[UserRole.OFFICIAL, UserRole.PARTNER],
            organisations__participations__partnership=partnership,
        )
        .distinct()
        .order_by("pk")
    )


def _send_emails(notification_ids: list[int]) -> None:
    """Email the given notifications to recipients with an address; errors are logged, never raised."""
    rows = Notification.objects.filter(pk__in=notification_ids).select_related("recipient", "partnership")
    subject_prefix = getattr(settings, "EMAIL_SUBJECT_PREFIX", "")
    messages = [
        (
            f"{subject_prefix}{row.partnership.name}",
            row.message,
            settings.DEFAULT_FROM_EMAIL,
            [row.recipient.email],
        )
        for row in rows
        if row.recipient.email
    ]
    if not messages:
        return
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:  # an unreachable mail server must not undo the review action
        logger.exception("Could not email %s review notifications", len(messages))


def notifications_create(*, partnership: Partnership, recipients: Iterable, actor, action: str, message: str) -> list:
    """Put ``message`` in each recipient's inbox (never the actor's own); email it too when email is configured.

    Emails go out after the transaction commits, so a refused action sends nothing.
    """
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if user is None or user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        rows.append(
            Notification(recipient=user, partnership=partnership, actor=actor, action=action, message=str(message))
        )
    created = Notification.objects.bulk_create(rows)
    if created and getattr(settings, "EMAIL_CONFIGURED", False):
        ids = [row.pk for row in created if row.pk is not None]
        if not ids:  # backends that do not return ids from bulk inserts
            ids = list(
                Notification.objects.filter(partnership=partnership, action=action, recipient__in=seen)
                .order_by("-id")
                .values_list("pk", flat=True)[: len(created)]
            )
        transaction.on_commit(lambda: _send_emails(ids))
    return created


def notifications_mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them, or the given ids); returns how many changed."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now(), updated_at=timezone.now())


#
# Review comments
#


def review_comment_resolve(*, comment: ReviewComment, user, resolved: bool = True) -> ReviewComment:
    """Mark a comment resolved (or open again). Only reviewers decide that a requested change is done."""
    if not user_is_reviewer(user):
        raise ValidationError(_("Only IOM reviewers can resolve review comments."), code="not_allowed")
    with transaction.atomic():
        comment = ReviewComment.objects.select_for_update().get(pk=comment.pk)
        if comment.resolved == resolved:
            return comment
        comment.resolved = resolved
        comment._history_user = user
        comment._change_reason = "resolved" if resolved else "reopened"
        comment.save(update_fields=["resolved", "updated_at"])
    return comment


#
# Feasibility re-check from the review page
#


def review_check_request(*, partnership: Partnership, user):
    """Ask for a fresh feasibility check of the current data (reviewers, before approving)."""
    from feasibility.services import feasibility_run_request

    if not user_is_reviewer(user) and not Partnership.objects.for_user(user).filter(pk=partnership.pk).exists():
        raise ValidationError(_("You cannot request a check of this partnership."), code="not_allowed")
    with transaction.atomic():
        return feasibility_run_request(partnership=partnership, user=user)


#
# Portfolio figures (denormalised cost figures for the dashboard medians)
#


def _convert(amount: Decimal | None, *, source: str, target: str, rates: dict[str, Decimal]) -> Decimal | None:
    if amount is None:
        return None
    if source == target:
        return amount
    rate = rates.get(source)
    return None if rate is None else (amount * rate).quantize(Decimal("0.01"))


def _portfolio_rates(*, currencies: Iterable[str], target: str) -> dict[str, Decimal]:
    """Latest rate from each currency into ``target`` (one query)."""
    from costs.models import ExchangeRate

    rates: dict[str, Decimal] = {}
    rows = (
        ExchangeRate.objects.filter(
            base_currency__in=sorted(set(currencies) - {target}),
            quote_currency=target,
            as_of__lte=timezone.localdate(),
        )
        .order_by("base_currency", "-as_of")
        .values_list("base_currency", "rate")
    )
    for base, rate in rows:
        rates.setdefault(base, rate)
    return rates


def partnership_figures_refresh(*, partnership_ids: Iterable[int] | None = None, stale_only: bool = True) -> int:
    """Recompute the cost figures the dashboard medians read, for the given partnerships (default: all).

    With ``stale_only`` only partnerships whose figures are missing or older than their current ``version``
    are recomputed. Returns the number of partnerships recomputed. Figures come from
    ``costs.calculations.partnership_cost_summary``; a missing exchange rate leaves them empty with the reason.
    """
    from django.db.models import F, OuterRef, Q, Subquery

    from costs.calculations import MissingExchangeRate, partnership_cost_summary

    target = portfolio_currency()
    qs = Partnership.objects.only(
        "id", "version", "planned_migrants_total", "planned_trainees_total", "reporting_currency"
    )
    if partnership_ids is not None:
        qs = qs.filter(pk__in=list(partnership_ids))
    if stale_only:
        stored = PartnershipFigures.objects.filter(partnership=OuterRef("pk")).values("partnership_version")[:1]
        qs = qs.annotate(figures_version=Subquery(stored)).filter(
            Q(figures_version__isnull=True) | ~Q(figures_version=F("version"))
        )
    partnerships = list(qs.order_by("pk"))
    if not partnerships:
        return 0
    rates = _portfolio_rates(currencies={p.reporting_currency or "USD" for p in partnerships}, target=target)
    for p in partnerships:
        currency = p.reporting_currency or "USD"
        values = {
            "partnership_version": p.version,
            "currency": currency,
            "portfolio_currency": target,
            "total_cost": None,
            "cost_per_migrant": None,
            "migrant_share_pct": None,
            "cost_per_migrant_portfolio": None,
            "error": "",
        }
        try:
            summary = partnership_cost_summary(partnership=p)
        except MissingExchangeRate as error:
            pairs = ", ".join(f"{base}→{quote}" for base, quote in error.pairs)
            values["error"] = str(_("No exchange rate for %(pairs)s.") % {"pairs": pairs})
        else:
            values.update(
                total_cost=summary.total if summary.items else None,
                cost_per_migrant=summary.cost_per_migrant if summary.items else None,
                migrant_share_pct=summary.migrant_share_pct,
                cost_per_migrant_portfolio=_convert(
                    summary.cost_per_migrant if summary.items else None, source=currency, target=target, rates=rates
                ),
            )
            if not summary.items:
                values["error"] = str(_("No cost items yet."))
        PartnershipFigures.objects.update_or_create(partnership_id=p.pk, defaults=values)
    return len(partnerships)
