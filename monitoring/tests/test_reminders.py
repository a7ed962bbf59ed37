"""Reporting reminders: the lead side hears once that a reporting period ended without values.

The clock is the service's ``now`` argument (the project freezes no time): the period below ends on
30 June 2026; the job "runs" on 1 July, again the same day and a week later.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from codelists.costs import Payer
from codelists.partnerships import Stage
from codelists.reviews import REPORTING_REMINDER
from costs.models import ActualSpending
from costs.tests.factories import CostItemFactory
from monitoring.reminders import reporting_reminder_send, reporting_reminders_send
from monitoring.tasks import send_reporting_reminders
from partnerships.models import Partnership, ReportingPeriod
from partnerships.selectors import reporting_periods_overdue
from partnerships.tests.factories import IndicatorFactory, IndicatorValueFactory
from reviews.models import Notification
from tests.markers import postgresql_only
from tests.processes import database_url

pytestmark = pytest.mark.django_db

ENDS_ON = dt.date(2026, 6, 30)
DAY_AFTER = dt.datetime(2026, 7, 1, 6, 0, tzinfo=dt.UTC)


def at(moment: dt.datetime, **delta) -> dt.datetime:
    return moment + dt.timedelta(**delta)


def running(partnership: Partnership, stage: str = Stage.IMPLEMENTATION) -> Partnership:
    Partnership.objects.filter(pk=partnership.pk).update(stage=stage)
    partnership.refresh_from_db()
    return partnership


def period_of(partnership: Partnership, *, name: str = "2026, first half", ends_on: dt.date = ENDS_ON):
    return ReportingPeriod.objects.create(
        partnership=partnership, name=name, starts_on=ends_on - dt.timedelta(days=180), ends_on=ends_on
    )


@pytest.fixture
def period(partnership):
    return period_of(running(partnership))


@pytest.fixture
def email_on(settings):
    settings.EMAIL_CONFIGURED = True
    settings.SITE_URL = "https://smp.example.org"


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the job at ``now``, with the emails that go out after each commit sent before it returns."""

    def run(now: dt.datetime) -> dict:
        with django_capture_on_commit_callbacks(execute=True):
            return reporting_reminders_send(now=now)

    return run


def reminded(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, action=REPORTING_REMINDER))


#
# Once per overdue period
#


def test_a_period_that_ended_without_values_reminds_each_lead_side_official_once(
    send, period, dest_official, origin_official, email_on
):
    result = send(DAY_AFTER)

    assert result == {"overdue": 1, "reminded": 1, "notifications": 2}
    link = "https://smp.example.org" + reverse("monitoring:monitoring", kwargs={"pk": period.partnership_id})
    for official in (dest_official, origin_official):  # the lead (destination ministry) and the co-lead
        (notice,) = reminded(official)
        assert notice.partnership_id == period.partnership_id and notice.actor is None
        assert "2026, first half" in notice.message and "June 30, 2026" in notice.message
        assert link in notice.message
        assert notice.url == reverse("monitoring:monitoring", kwargs={"pk": period.partnership_id})
    assert sorted(message.to[0] for message in mail.outbox) == sorted([dest_official.email, origin_official.email])
    assert all(link in message.body and period.partnership.name in message.subject for message in mail.outbox)
    period.refresh_from_db()
    assert period.reminded_at == DAY_AFTER
    assert period.history.first().history_change_reason == "reporting reminder sent"


def test_running_the_job_again_the_same_day_and_a_week_later_sends_nothing_more(
    send, period, dest_official, origin_official, email_on
):
    send(DAY_AFTER)
    assert send(at(DAY_AFTER, hours=6)) == {"overdue": 0, "reminded": 0, "notifications": 0}
    assert send(at(DAY_AFTER, days=7)) == {"overdue": 0, "reminded": 0, "notifications": 0}
    assert Notification.objects.filter(action=REPORTING_REMINDER).count() == 2
    assert len(mail.outbox) == 2
    period.refresh_from_db()
    assert period.reminded_at == DAY_AFTER


def test_a_period_claimed_by_another_worker_meanwhile_is_not_reminded_twice(period, dest_official):
    """The claim re-reads the row under a lock: a worker that listed the period before another one reminded
    it finds ``reminded_at`` set and sends nothing."""
    ReportingPeriod.objects.filter(pk=period.pk).update(reminded_at=DAY_AFTER)
    assert reporting_reminder_send(period_id=period.pk, now=at(DAY_AFTER, minutes=1)) == 0
    assert reminded(dest_official) == []


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_period_another_worker_is_reminding_is_skipped_not_waited_for(partnership, dest_official, origin_official):
    """Two workers at once: the one that finds the period's row locked skips it (``SKIP LOCKED``) instead of
    waiting and sending again; once the other has finished, the period is the other's to remind."""
    import psycopg2

    period = period_of(running(partnership))
    table = ReportingPeriod._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '5s'")  # without SKIP LOCKED the job would wait, then fail
    other = psycopg2.connect(database_url())  # another worker, in the middle of reminding the period
    try:
        with other.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {table} WHERE id = %s FOR UPDATE", [period.pk])  # noqa: S608
        assert reporting_reminders_send(now=DAY_AFTER) == {"overdue": 1, "reminded": 0, "notifications": 0}
        other.rollback()  # the other worker is gone without reminding: the lock is released
        assert reporting_reminders_send(now=DAY_AFTER)["notifications"] == 2
    finally:
        other.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert reminded(dest_official) and reminded(origin_official)


def test_a_period_not_over_yet_is_not_reminded(send, period, dest_official):
    last_day = dt.datetime(2026, 6, 30, 18, 0, tzinfo=dt.UTC)
    assert send(last_day)["notifications"] == 0
    assert reminded(dest_official) == []


def test_the_grace_days_delay_the_reminder(send, period, dest_official, settings):
    settings.MONITORING_REPORT_GRACE_DAYS = 7
    assert send(at(DAY_AFTER, days=6))["notifications"] == 0  # 7 July: last day of grace
    assert send(at(DAY_AFTER, days=7))["reminded"] == 1  # 8 July
    assert len(reminded(dest_official)) == 1


#
# Nothing to remind
#


def test_a_period_with_an_indicator_value_is_not_overdue(send, period, dest_official):
    indicator = IndicatorFactory(partnership=period.partnership)
    IndicatorValueFactory(indicator=indicator, period=period, measured_on=dt.date(2026, 6, 15))
    assert send(DAY_AFTER) == {"overdue": 0, "reminded": 0, "notifications": 0}
    assert reminded(dest_official) == []


def test_a_period_with_a_spending_row_is_not_overdue(send, period, dest_official):
    item = CostItemFactory(partnership=period.partnership)
    ActualSpending.objects.create(item=item, period=period, year=2026, payer=Payer.GOV_DESTINATION, amount=Decimal(0))
    assert send(DAY_AFTER)["overdue"] == 0
    assert reminded(dest_official) == []


def test_values_recorded_after_the_reminder_take_the_period_off_the_overdue_list(send, period, dest_official):
    send(DAY_AFTER)
    indicator = IndicatorFactory(partnership=period.partnership)
    IndicatorValueFactory(indicator=indicator, period=period, measured_on=dt.date(2026, 6, 15))
    assert list(reporting_periods_overdue(today=dt.date(2026, 7, 8))) == []


@pytest.mark.parametrize("stage", [Stage.DESIGN, Stage.SETUP, Stage.CLOSED])
def test_a_partnership_not_in_implementation_or_evaluation_is_not_reminded(send, partnership, dest_official, stage):
    period_of(running(partnership, stage))
    assert send(DAY_AFTER)["overdue"] == 0
    assert reminded(dest_official) == []


def test_a_partnership_in_evaluation_is_reminded(send, partnership, dest_official):
    period_of(running(partnership, Stage.EVALUATION))
    assert send(DAY_AFTER)["reminded"] == 1
    assert len(reminded(dest_official)) == 1


def test_participants_outside_the_lead_side_and_reviewers_are_not_reminded(
    send, period, employers_association, partner_client, reviewer, outsider, dest_official
):
    employer_official = UserFactory(
        username="employer_official", role=UserRole.OFFICIAL, organisations=[employers_association]
    )
    send(DAY_AFTER)
    assert len(reminded(dest_official)) == 1
    for user in (employer_official, partner_client, reviewer, outsider):
        assert reminded(user) == []


def test_inactive_lead_side_officials_are_not_reminded(send, period, dest_official, origin_official):
    origin_official.is_active = False
    origin_official.save(update_fields=["is_active"])
    assert send(DAY_AFTER)["notifications"] == 1
    assert reminded(origin_official) == []


def test_a_period_with_nobody_to_remind_stays_unreminded_until_someone_can_be(
    send, period, dest_ministry, origin_ministry
):
    assert send(DAY_AFTER) == {"overdue": 1, "reminded": 0, "notifications": 0}
    period.refresh_from_db()
    assert period.reminded_at is None
    newcomer = UserFactory(username="newcomer", role=UserRole.OFFICIAL, organisations=[dest_ministry])
    assert send(at(DAY_AFTER, days=1))["reminded"] == 1
    assert len(reminded(newcomer)) == 1


def test_no_email_without_a_mail_server_but_the_inbox_still_gets_the_reminder(
    period, dest_official, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_CONFIGURED = False
    with django_capture_on_commit_callbacks(execute=True):
        reporting_reminders_send(now=DAY_AFTER)
    assert mail.outbox == []
    assert len(reminded(dest_official)) == 1


#
# Language, task and schedule
#


def test_the_reminder_is_written_in_the_recipients_language(send, period, dest_official, settings, email_on):
    """Accounts keep no preferred language yet: everyone gets the site's language — dates included."""
    settings.LANGUAGE_CODE = "fr"
    send(DAY_AFTER)
    (notice,) = reminded(dest_official)
    assert "30 juin 2026" in notice.message
    assert "30 juin 2026" in mail.outbox[0].body


def test_the_beat_job_runs_the_reminders_on_todays_date(partnership, dest_official, settings):
    recent = period_of(running(partnership), ends_on=timezone.localdate() - dt.timedelta(days=3))
    assert "monitoring.send_reporting_reminders" in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    result = send_reporting_reminders.apply().get()
    assert result == {"overdue": 1, "reminded": 1, "notifications": 1}
    recent.refresh_from_db()
    assert recent.reminded_at is not None
    assert send_reporting_reminders.apply().get()["notifications"] == 0
