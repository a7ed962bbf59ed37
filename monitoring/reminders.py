"""Reporting reminders: the lead side hears, once, that a reporting period ended without values.

The beat job ``monitoring.send_reporting_reminders`` (``monitoring/tasks.py``, daily) calls
:func:`reporting_reminders_send`. Which periods are overdue is decided by
``partnerships.selectors.reporting_periods_overdue`` (the dashboard's "Overdue reports" reads the same); the
notices go through the reviews app's notifications (``reviews.services.notifications_create``: the in-app
inbox, and email after commit when ``settings.EMAIL_CONFIGURED``).

Once per period: each period is claimed in its own transaction with ``SELECT … FOR UPDATE SKIP LOCKED`` on a
row that still has no ``reminded_at`` and is still overdue, and ``reminded_at`` is written in the same
transaction as the notices. A second worker running at the same time skips the locked row, and any later run
finds ``reminded_at`` set; recording a value or a spending row takes the period off the overdue list.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_noop

from codelists.reviews import REPORTING_REMINDER
from partnerships.models import ReportingPeriod
from partnerships.selectors import reporting_periods_overdue
from partnerships.services import history_note
from reviews.services import lead_side_officials_of, notifications_create

logger = logging.getLogger(__name__)


def recipient_language(user) -> str:
    """The language a user's reminder is written in: their preferred language (``User.language``), else the
    site's default (``settings.LANGUAGE_CODE``)."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def monitoring_url(*, partnership_id: int) -> str:
    """The absolute address of a partnership's monitoring tab (``settings.SITE_URL``: no request here)."""
    path = reverse("monitoring:monitoring", kwargs={"pk": partnership_id})
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}"


def reporting_reminder_message(*, period: ReportingPeriod, language: str) -> str:
    """The reminder's text in ``language`` (falls back to English where no translation exists)."""
    with translation.override(language):
        return gettext(
            "The reporting period “%(period)s” of %(partnership)s ended on %(ends_on)s and nothing has been recorded "
            "for it yet: no indicator values and no actual spending. Please record them on the monitoring tab: "
            "%(url)s"
        ) % {
            "period": period.name,
            "partnership": period.partnership.name,
            "ends_on": formats.date_format(period.ends_on, "DATE_FORMAT"),
            "url": monitoring_url(partnership_id=period.partnership_id),
        }


def reporting_reminder_send(*, period_id: int, now: datetime, today: date | None = None) -> int:
    """Remind the lead side of one overdue period, unless it was reminded already; returns the notices sent.

    Claims the period in a transaction of its own (``FOR UPDATE SKIP LOCKED``, still overdue, no
    ``reminded_at``), puts one notice per lead-side official in their inbox — each in their language — and
    sets ``reminded_at = now`` with a history note. A period with nobody to remind stays unreminded, so the
    lead side's first active official hears about it on the next run.
    """
    today = today or timezone.localdate(now)
    with transaction.atomic():
        period = (
            reporting_periods_overdue(today=today)
            .filter(pk=period_id, reminded_at__isnull=True)
            .select_for_update(skip_locked=True, of=("self",))
            .first()
        )
        if period is None:  # reminded already, being reminded by another worker, or no longer overdue
            return 0
        recipients = lead_side_officials_of(partnership=period.partnership)
        if not recipients:
            logger.warning("Reporting period %s is overdue but its lead side has no active official", period.pk)
            return 0
        sent = 0
        for user in recipients:
            message = reporting_reminder_message(period=period, language=recipient_language(user))
            sent += len(
                notifications_create(
                    partnership=period.partnership,
                    recipients=[user],
                    actor=None,
                    action=REPORTING_REMINDER,
                    message=message,
                )
            )
        period.reminded_at = now
        history_note(period, user=None, reason=gettext_noop("reporting reminder sent"))
        period.save(update_fields=["reminded_at", "updated_at"])
    return sent


def reporting_reminders_send(*, now: datetime | None = None) -> dict:
    """Beat job: remind the lead side of every overdue period not reminded yet (``now``: the job's clock).

    Reads the candidate ids once, then claims and reminds each period in its own transaction
    (:func:`reporting_reminder_send`), so one failing period does not hold back the others' reminders already
    committed. Returns how many periods were reminded and how many notices went out.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    ids = list(reporting_periods_overdue(today=today).filter(reminded_at__isnull=True).values_list("pk", flat=True))
    periods = notices = 0
    for period_id in ids:
        sent = reporting_reminder_send(period_id=period_id, now=now, today=today)
        if sent:
            periods += 1
            notices += sent
    return {"overdue": len(ids), "reminded": periods, "notifications": notices}
