"""The dashboard's "Overdue reports": reporting periods that ended without values, for those who may see them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from codelists.partnerships import Stage
from codelists.reviews import REPORTING_REMINDER
from partnerships.models import Partnership, ReportingPeriod
from partnerships.tests.factories import IndicatorFactory, IndicatorValueFactory, PartnershipFactory
from reviews.models import Notification
from reviews.selectors import overdue_reports

pytestmark = pytest.mark.django_db


def running(partnership: Partnership) -> Partnership:
    Partnership.objects.filter(pk=partnership.pk).update(stage=Stage.IMPLEMENTATION)
    return partnership


def ended(partnership: Partnership, *, days_ago: int, name: str = "Second quarter") -> ReportingPeriod:
    ends_on = timezone.localdate() - dt.timedelta(days=days_ago)
    return ReportingPeriod.objects.create(
        partnership=partnership, name=name, starts_on=ends_on - dt.timedelta(days=90), ends_on=ends_on
    )


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("reviews:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_reviewer_sees_the_overdue_report_with_its_period_end_and_days_overdue(client, reviewer, partnership):
    period = ended(running(partnership), days_ago=12)
    html = dashboard(client, reviewer)
    assert 'id="overdue-reports"' in html
    assert reverse("monitoring:monitoring", kwargs={"pk": partnership.pk}) in html
    assert partnership.name in html and "Second quarter" in html
    assert date_format(period.ends_on, "DATE_FORMAT") in html  # "Nov. 25, 2026": in words, not ISO
    assert "12 days" in html


def test_an_official_sees_the_overdue_reports_of_their_partnerships_only(client, dest_official, outsider, partnership):
    ended(running(partnership), days_ago=3, name="Their own quarter")
    ended(running(PartnershipFactory(name="Somebody else's scheme")), days_ago=3, name="Someone else's quarter")
    html = dashboard(client, dest_official)
    assert "Their own quarter" in html and "Someone else's quarter" not in html
    html = dashboard(client, outsider)
    assert 'id="overdue-reports"' not in html
    assert "Their own quarter" not in html and "Someone else's quarter" not in html


def test_a_period_with_values_or_still_in_grace_is_not_listed(client, reviewer, partnership, settings):
    running(partnership)
    reported = ended(partnership, days_ago=20, name="Reported quarter")
    indicator = IndicatorFactory(partnership=partnership)
    IndicatorValueFactory(indicator=indicator, period=reported, measured_on=reported.ends_on)
    ended(partnership, days_ago=5, name="Quarter in grace")
    settings.MONITORING_REPORT_GRACE_DAYS = 5
    html = dashboard(client, reviewer)
    assert 'id="overdue-reports"' not in html
    settings.MONITORING_REPORT_GRACE_DAYS = 4
    assert "Quarter in grace" in dashboard(client, reviewer)


def test_the_first_ten_are_listed_and_the_rest_counted_oldest_first(reviewer):
    for n in range(12):
        ended(running(PartnershipFactory(name=f"Scheme {n:02d}")), days_ago=40 - n, name=f"Period {n:02d}")
    report = overdue_reports(partnerships=Partnership.objects.for_user(reviewer))
    assert report.total == 12 and report.more == 2
    assert [row["period"].name for row in report.rows] == [f"Period {n:02d}" for n in range(10)]
    assert [row["days_overdue"] for row in report.rows][:2] == [40, 39]


def test_the_dashboard_keeps_its_query_count_as_overdue_reports_grow(client, reviewer, dest_official, partnership):
    """The panel is one query (the first ten rows with a window count of all), for 2 overdue periods as for 30,
    for a reviewer (no restriction) as for an official (restricted to their partnerships)."""
    running(partnership)
    ended(partnership, days_ago=30, name="Quarter 0")
    ended(PartnershipFactory(), days_ago=30, name="Quarter 1")
    counts = {}
    for user in (reviewer, dest_official):
        client.force_login(user)
        with CaptureQueriesContext(connection) as few:
            assert client.get(reverse("reviews:dashboard")).status_code == 200
        counts[user.username] = len(few)
    Partnership.objects.update(stage=Stage.IMPLEMENTATION)
    for n in range(2, 30):
        ended(PartnershipFactory() if n % 2 else partnership, days_ago=30 + n, name=f"Quarter {n}")
    Partnership.objects.update(stage=Stage.IMPLEMENTATION)
    for user in (reviewer, dest_official):
        client.force_login(user)
        with CaptureQueriesContext(connection) as many:
            response = client.get(reverse("reviews:dashboard"))
        assert len(many) == counts[user.username], user.username
    assert "And 20 more overdue reports." in dashboard(client, reviewer)
    assert "And 5 more overdue reports." in dashboard(client, dest_official)  # 15 of the 30 are theirs
    assert response.status_code == 200


def test_a_reminder_in_the_inbox_leads_to_the_monitoring_tab(client, dest_official, partnership):
    Notification.objects.create(
        recipient=dest_official, partnership=partnership, action=REPORTING_REMINDER, message="Report, please."
    )
    client.force_login(dest_official)
    html = client.get(reverse("reviews:notifications")).content.decode()
    assert f'href="{reverse("monitoring:monitoring", kwargs={"pk": partnership.pk})}"' in html
