"""Write services of the reviews app: notifications, comment resolution, re-checks, portfolio figures and PDF
design briefs.

The review actions themselves (submit, approve …) and adding comments live in ``reviews.workflow``, where the
workflow is declared as data. Everything here is keyword-only and runs in one transaction per call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from accounts.models import UserRole
from codelists.reviews import BriefStatus
from codelists.stakeholders import ParticipationRole
from partnerships.models import Partnership
from partnerships.services import history_note
from reviews import selectors
from reviews.documents import FailureTexts, rendered_document_render, rendered_document_request
from reviews.models import DesignBrief, Notification, PartnershipFigures, ReviewComment
from smp.models import private_storage

logger = logging.getLogger(__name__)


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


def lead_side_officials_of(*, partnership: Partnership) -> list:
    """Active officials (and API clients) of the lead and co-lead organisations: the lead side of
    ``partnerships.policy`` (§4.2), who record the partnership's results. One query."""
    lead_roles = Q(organisations__participations__roles__icontains=f'"{ParticipationRole.LEAD}"') | Q(
        organisations__participations__roles__icontains=f'"{ParticipationRole.CO_LEAD}"'
    )
    # The JSON text of the roles holds each code in quotes: '"lead"' never matches '"co_lead"' (codes are
    # identifiers), and the match works on PostgreSQL and SQLite alike. The role conditions and the partnership
    # condition sit in one filter() so that they hold for the same participation.
    return list(
        get_user_model()
        .objects.filter(
            lead_roles,
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


def notifications_create(
    *, partnership: Partnership, recipients: Iterable, actor, action: str, message: str | Callable[[], str]
) -> list:
    """Put ``message`` in each recipient's inbox (never the actor's own); email it too when email is configured.

    ``message`` is text, a lazy translation, or a function that writes it: lazy texts and functions are made in
    each recipient's language (``User.language``, else the site's), so the inbox line and the email read in it.
    Emails go out after the transaction commits, so a refused action sends nothing.
    """
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if user is None or user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        with translation.override(getattr(user, "language", "") or settings.LANGUAGE_CODE):
            text = str(message() if callable(message) else message)
        rows.append(Notification(recipient=user, partnership=partnership, actor=actor, action=action, message=text))
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
        history_note(comment, user=user, reason=gettext_noop("resolved") if resolved else gettext_noop("reopened"))
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


def _portfolio_rate_rows(*, currencies: Iterable[str], target: str, partnership_ids: list[int]) -> tuple[list, dict]:
    """Every exchange rate into ``target`` that the given partnerships could use, in one query: the reference
    rates, and each partnership's own rates (keyed by partnership id). ``RateTable`` picks among them."""
    from costs.models import ExchangeRate

    bases = sorted(set(currencies) - {target})
    if not bases:
        return [], {}
    rows = ExchangeRate.objects.filter(
        Q(partnership__isnull=True) | Q(partnership_id__in=partnership_ids),
        base_currency__in=bases,
        quote_currency=target,
        as_of__lte=timezone.localdate(),
    ).only("partnership_id", "base_currency", "quote_currency", "rate", "as_of", "source")
    reference: list = []
    own: dict[int, list] = {}
    for row in rows:
        if row.partnership_id is None:
            reference.append(row)
        else:
            own.setdefault(row.partnership_id, []).append(row)
    return reference, own


def _in_portfolio_currency(*, total: Decimal, migrants: int, source: str, target: str, rates) -> tuple:
    """Cost per migrant in ``target``: the total in the reporting currency (as the cost service gives it)
    × the rate ÷ planned migrants, rounded once to ``target``'s minor unit. Returns (amount, quote) or
    (None, None) when ``rates`` has no rate for the pair (a rate is never inverted)."""
    from decimal import localcontext

    from costs.calculations import PRECISION, round_money

    quote = rates.quote_for(source, target)
    if quote is None:
        return None, None
    with localcontext(prec=PRECISION):
        return round_money(Decimal(total) * quote.rate / migrants, target), quote


def _stale(qs, *, target: str):
    """Partnerships of ``qs`` whose stored figures may no longer be right: none stored, the partnership changed
    since (``version``), the portfolio currency changed, or a reference exchange rate was written after the
    figures were (a new EUR→USD rate converts figures that were left out; a corrected MAD→EUR rate changes
    totals). A partnership's own rates are partnership data: writing one raises its version."""
    from django.db.models import Exists, Max, OuterRef

    from costs.models import ExchangeRate

    stored = PartnershipFigures.objects.filter(partnership=OuterRef("pk"))
    current = stored.filter(partnership_version=OuterRef("version"), portfolio_currency=target)
    latest_rate = ExchangeRate.objects.filter(partnership__isnull=True).aggregate(at=Max("updated_at"))["at"]
    if latest_rate is not None:
        current = current.filter(updated_at__gte=latest_rate)
    return qs.filter(~Exists(current))


def partnership_figures_refresh(*, partnership_ids: Iterable[int] | None = None, stale_only: bool = True) -> int:
    """Recompute the cost figures the dashboard reads, for the given partnerships (default: all).

    With ``stale_only`` only partnerships whose figures may be out of date are recomputed (:func:`_stale`).
    Returns the number of partnerships recomputed. Every figure in the reporting currency — total, cost per
    migrant, the share borne by migrants — is the cost service's own (``costs.calculations
    .partnership_cost_summary``: the partnership's own rates first, then the reference rates). The cost per
    migrant is then converted to the portfolio currency with the rate from the reporting currency, chosen
    the same way; without one it stays empty and the dashboard names the partnership as left out. A missing
    rate between an item's currency and the reporting currency leaves every figure empty with the reason.
    """
    from costs.calculations import MissingExchangeRate, RateTable, partnership_cost_summary

    target = selectors.portfolio_currency()
    qs = Partnership.objects.only(
        "id", "version", "planned_migrants_total", "planned_trainees_total", "reporting_currency"
    )
    if partnership_ids is not None:
        qs = qs.filter(pk__in=list(partnership_ids))
    if stale_only:
        qs = _stale(qs, target=target)
    partnerships = list(qs.order_by("pk"))
    if not partnerships:
        return 0
    reference, own = _portfolio_rate_rows(
        currencies={p.reporting_currency or "USD" for p in partnerships},
        target=target,
        partnership_ids=[p.pk for p in partnerships],
    )
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
            "portfolio_rate": None,
            "portfolio_rate_own": False,
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
            )
            if not summary.items:
                values["error"] = str(_("No cost items yet."))
            elif summary.cost_per_migrant is not None:
                rates = RateTable.from_rows([*reference, *own.get(p.pk, [])], partnership_id=p.pk)
                amount, quote = _in_portfolio_currency(
                    total=summary.total, migrants=p.planned_migrants_total, source=currency, target=target, rates=rates
                )
                if quote is not None:
                    values.update(
                        cost_per_migrant_portfolio=amount, portfolio_rate=quote.rate, portfolio_rate_own=quote.own
                    )
        PartnershipFigures.objects.update_or_create(partnership_id=p.pk, defaults=values)
    return len(partnerships)


#
# PDF design briefs (docs/review.md "PDF design brief")
#

#: Finished briefs (ready or failed) kept per partnership, newest first; older ones and their files are deleted.
DESIGN_BRIEFS_KEPT = 5


def design_brief_language(language: str | None) -> str:
    """The code of ``settings.LANGUAGES`` a brief in ``language`` is written in (``fr-ch`` → ``fr``)."""
    codes = [code for code, _name in settings.LANGUAGES]
    wanted = (language or settings.LANGUAGE_CODE).lower()
    for candidate in (wanted, wanted.split("-")[0]):
        if candidate in codes:
            return candidate
    raise ValidationError(
        {
            "language": _("Design briefs are written in %(languages)s; “%(language)s” is not one of them.")
            % {"languages": ", ".join(str(name) for _code, name in settings.LANGUAGES), "language": language}
        }
    )


def _design_brief_enqueue(brief_id: int) -> None:
    from reviews.tasks import render_design_brief

    transaction.on_commit(lambda: render_design_brief.delay(brief_id))


def design_brief_request(*, partnership: Partnership, user=None, language: str | None = None) -> DesignBrief:
    """Ask for the PDF design brief of ``partnership`` as it is now; a Celery worker renders it.

    Returns the brief for the current version, the latest succeeded run and ``language``: the stored one when
    it is ready or already being prepared (nothing is rendered twice), the failed one queued again (a retry;
    also a ready one whose file is gone, or one a lost worker left behind), or a new queued brief. Enqueues
    ``reviews.render_design_brief`` after commit. Two simultaneous requests get the same brief (unique
    constraints; the loser of the race reads the winner's row). See ``reviews.documents``.
    """
    language = design_brief_language(language)
    fresh = Partnership.objects.only("id", "version").get(pk=partnership.pk)
    return rendered_document_request(
        model=DesignBrief,
        key=selectors.design_brief_key(partnership=fresh, language=language),
        user=user,
        enqueue=_design_brief_enqueue,
    )


_DESIGN_BRIEF_FAILURES = FailureTexts(
    outdated=_(
        "The partnership was changed (it is now at version %(now)s) before this brief of version "
        "%(version)s was prepared. Prepare a new brief for the current data."
    ),
    too_long=_(
        "Preparing the PDF took longer than %(seconds)s seconds and was stopped. Try again; if it "
        "fails again, tell the platform administrators."
    ),
    failed=_(
        "The PDF could not be produced (%(detail)s). Try again; if it fails again, tell the platform administrators."
    ),
)


def _design_brief_files(brief: DesignBrief, partnership: Partnership) -> dict[str, tuple[str, bytes]]:
    from feasibility.models import FeasibilityRun
    from reviews.exports import design_brief_pdf

    run = FeasibilityRun.objects.prefetch_related("findings").get(pk=brief.run_id) if brief.run_id else None
    pdf = design_brief_pdf(partnership=partnership, run=run, language=brief.language)
    return {"file": (f"briefs/{brief.partnership_id}/brief-{brief.pk}.pdf", pdf)}


def design_brief_render(*, brief_id: int) -> DesignBrief | None:
    """Claim brief ``brief_id``, render it with WeasyPrint and store the PDF; ``None`` when not claimed.

    Called by the Celery task only. The claim is a conditional update (queued → running), so a message
    delivered twice renders once. Database connection errors put the brief back in the queue and propagate
    (the task retries); any other error marks the brief failed with the reason in words. Once stored, the
    partnership's oldest finished briefs are pruned. See ``reviews.documents``.
    """
    return rendered_document_render(
        model=DesignBrief,
        document_id=brief_id,
        render=_design_brief_files,
        failures=_DESIGN_BRIEF_FAILURES,
        on_stored=lambda brief: design_briefs_prune(partnership_id=brief.partnership_id),
    )


def design_briefs_prune(*, partnership_id: int, keep: int = DESIGN_BRIEFS_KEPT) -> int:
    """Delete the partnership's finished briefs beyond the newest ``keep``, and their files; returns how many."""
    old = list(
        DesignBrief.objects.filter(
            partnership_id=partnership_id, status__in=[BriefStatus.SUCCEEDED, BriefStatus.FAILED]
        ).order_by("-created_at", "-id")[keep:]
    )
    if not old:
        return 0
    names = [brief.file.name for brief in old if brief.file]
    DesignBrief.objects.filter(pk__in=[brief.pk for brief in old]).delete()
    storage = private_storage()

    def delete_files():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(old)
