"""The Monitoring tab: reporting periods, indicator values and actual spending recorded by the lead side,
shown against targets and plan, exported, and read by rule E8.R9 (actual costs followed year by year)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from codelists import costs as cc
from codelists import partnerships as pc
from costs.models import ActualSpending, CostItem
from costs.tests.factories import CostItemFactory, CostShareFactory
from design.tests.support import form_data
from feasibility.services import check_loaded_partnership
from partnerships.models import IndicatorValue, Partnership, ReportingPeriod
from partnerships.selectors import partnership_get_for_check
from partnerships.tests.factories import IndicatorFactory, PartnershipFactory
from smp.exports import CSV_BOM
from stakeholders.tests.factories import ParticipationFactory, lead_participation

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(dest_official):
    """A partnership in implementation: a deployment indicator and a per-migrant travel line shared by two
    payers (the employer 80 %, the destination government 20 %)."""
    p = PartnershipFactory(
        stage=pc.Stage.IMPLEMENTATION,
        planned_migrants_total=100,
        planned_trainees_total=120,
        reporting_currency="EUR",
        with_countries=True,
    )
    lead_participation(dest_official, p)
    IndicatorFactory(
        partnership=p,
        code="migrants_deployed",
        name="Migrants deployed",
        baseline_value="0",
        target_value="100",
        collection_points=[pc.CollectionPoint.DURING_EMPLOYMENT],
    )
    IndicatorFactory(
        partnership=p,
        name="Satisfaction",
        measure_type=pc.MeasureType.QUALITATIVE,
        baseline_value="",
        target_value="Most are satisfied",
    )
    item = CostItemFactory(
        partnership=p,
        category=cc.CostCategory.TRAVEL,
        subitem=cc.CostSubitem.TRANSPORT,
        amount=Decimal("500.00"),
        basis=cc.CostBasis.PER_MIGRANT,
    )
    CostShareFactory(item=item, payer=cc.Payer.EMPLOYER, percent=Decimal("80.00"))
    CostShareFactory(item=item, payer=cc.Payer.GOV_DESTINATION, percent=Decimal("20.00"))
    return Partnership.objects.get(pk=p.pk)


@pytest.fixture
def official(client, dest_official):
    client.force_login(dest_official)
    return client


def tab_url(p) -> str:
    return reverse("monitoring:monitoring", kwargs={"pk": p.pk})


def add_period(client, p, *, name="2025", starts="2025-01-01", ends="2025-12-31"):
    return client.post(
        reverse("monitoring:period_new", kwargs={"pk": p.pk}),
        {"version": Partnership.objects.get(pk=p.pk).version, "name": name, "starts_on": starts, "ends_on": ends},
    )


def record(client, p, period, **fields):
    """Post the period's form as the browser would, with ``fields`` typed in (by label fragment → value)."""
    url = reverse("monitoring:period", kwargs={"pk": p.pk, "period_id": period.pk})
    data = form_data(client.get(url), form_id="period-form")
    data.update(fields)
    return client.post(url, data)


def keys(p, period):
    deployed = p.indicators.get(code="migrants_deployed")
    item = CostItem.objects.get(partnership=p)
    year = period.ends_on.year
    return {
        "deployed": f"value-{deployed.pk}",
        "employer": f"spent-{item.pk}-employer-0-{year}",
        "government": f"spent-{item.pk}-gov_destination-0-{year}",
    }


def test_the_lead_side_adds_a_period_and_records_values_and_spending(official, running):
    response = add_period(official, running)
    period = ReportingPeriod.objects.get(partnership=running)
    assert response.status_code == 302 and response["Location"].endswith(f"/monitoring/periods/{period.pk}/")
    k = keys(running, period)
    response = record(
        official, running, period, **{k["deployed"]: "40", k["employer"]: "16000", k["government"]: "4000"}
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get(period=period)
    assert (value.value, value.measured_on, value.collection_point) == (
        "40",
        dt.date(2025, 12, 31),  # empty "measured on": the last day of the period
        pc.CollectionPoint.DURING_EMPLOYMENT,
    )
    assert {(s.payer, s.year, s.amount) for s in ActualSpending.objects.all()} == {
        ("employer", 2025, Decimal("16000.00")),
        ("gov_destination", 2025, Decimal("4000.00")),
    }
    # The item's actual amount follows its spending records (§8.1, E8.R9).
    assert CostItem.objects.get(partnership=running).actual_amount == Decimal("20000.00")


def test_saving_unchanged_results_writes_no_history_and_a_blank_removes(official, running):
    add_period(official, running)
    period = ReportingPeriod.objects.get()
    k = keys(running, period)
    record(official, running, period, **{k["deployed"]: "40", k["employer"]: "16000"})
    history_rows = IndicatorValue.history.count() + ActualSpending.history.count()
    record(official, running, period)  # the same values again
    assert IndicatorValue.history.count() + ActualSpending.history.count() == history_rows
    record(official, running, period, **{k["employer"]: ""})
    assert not ActualSpending.objects.exists()
    assert CostItem.objects.get(partnership=running).actual_amount is None


def test_bad_input_is_explained_and_kept(official, running):
    add_period(official, running)
    period = ReportingPeriod.objects.get()
    k = keys(running, period)
    response = record(official, running, period, **{k["deployed"]: "forty", k["employer"]: "-5"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There are 2 problems to fix" in page
    assert "This indicator is quantitative: enter a number." in page
    assert 'value="forty"' in page and 'value="-5"' in page
    assert not IndicatorValue.objects.exists() and not ActualSpending.objects.exists()


def test_a_value_measured_outside_the_period_is_refused(official, running):
    add_period(official, running)
    period = ReportingPeriod.objects.get()
    k = keys(running, period)
    response = record(official, running, period, **{k["deployed"]: "40", f"{k['deployed']}-on": "2026-02-01"})
    assert response.status_code == 400
    assert "must fall within 2025" in response.content.decode()


def test_overlapping_periods_are_refused_in_words(official, running):
    add_period(official, running)
    response = add_period(official, running, name="Mid 2025", starts="2025-06-01", ends="2026-05-31")
    page = response.content.decode()
    assert response.status_code == 400
    assert "overlaps 2025" in page
    assert ReportingPeriod.objects.count() == 1


def test_a_stale_form_is_a_conflict_and_keeps_what_was_typed(official, running, dest_official):
    add_period(official, running)
    period = ReportingPeriod.objects.get()
    k = keys(running, period)
    url = reverse("monitoring:period", kwargs={"pk": running.pk, "period_id": period.pk})
    data = form_data(official.get(url), form_id="period-form")
    add_period(official, running, name="2026", starts="2026-01-01", ends="2026-12-31")  # someone saved since
    data.update({k["deployed"]: "55"})
    response = official.post(url, data)
    assert response.status_code == 409
    assert 'value="55"' in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_results_are_recorded_only_while_the_partnership_runs(official, running):
    Partnership.objects.filter(pk=running.pk).update(stage=pc.Stage.DESIGN)
    response = add_period(official, running)
    assert response.status_code == 400
    assert "Results are recorded once the partnership is being implemented or evaluated" in response.content.decode()
    assert not ReportingPeriod.objects.exists()


def test_only_the_lead_side_records(client, running, origin_official, unrelated_ministry):
    ParticipationFactory(partnership=running, organisation=origin_official.organisations.first(), roles=["implementer"])
    client.force_login(origin_official)
    assert client.get(tab_url(running)).status_code == 200  # participants read the tab
    assert add_period(client, running).status_code == 403
    from accounts.tests.factories import UserFactory

    outsider = UserFactory(organisations=[unrelated_ministry])
    client.force_login(outsider)
    assert client.get(tab_url(running)).status_code == 404


def test_a_period_with_results_cannot_be_deleted(official, running):
    add_period(official, running)
    period = ReportingPeriod.objects.get()
    k = keys(running, period)
    record(official, running, period, **{k["deployed"]: "40"})
    url = reverse("monitoring:period", kwargs={"pk": running.pk, "period_id": period.pk})
    response = official.post(
        url, {"action": "delete", "version": Partnership.objects.get(pk=running.pk).version}, follow=True
    )
    assert "still used by" in response.content.decode()
    assert ReportingPeriod.objects.exists()


def two_periods(official, running):
    add_period(official, running, name="2024", starts="2024-01-01", ends="2024-12-31")
    add_period(official, running, name="2025", starts="2025-01-01", ends="2025-12-31")
    first, second = ReportingPeriod.objects.order_by("starts_on")
    k1, k2 = keys(running, first), keys(running, second)
    record(official, running, first, **{k1["deployed"]: "40", k1["employer"]: "16000", k1["government"]: "4000"})
    record(official, running, second, **{k2["deployed"]: "60", k2["employer"]: "36000", k2["government"]: "9000"})
    return first, second


def test_the_tab_shows_progress_spending_by_payer_and_cost_per_migrant(official, running):
    two_periods(official, running)
    page = official.get(tab_url(running)).content.decode()
    assert "60.0 %" in page or "60 %" in page  # progress: (60 − 0) ÷ (100 − 0)
    # Planned: 500 EUR × 100 migrants = 50,000; employer 80 % = 40,000, spent 52,000.
    assert "40,000.00 EUR" in page and "52,000.00 EUR" in page
    # Cost per migrant: 20,000 ÷ 40 = 500 in 2024; 45,000 ÷ 60 = 750 in 2025.
    assert "500.00 EUR" in page and "750.00 EUR" in page
    assert "employer" not in page.replace("Employer", "")  # payer labels, never codes


def test_e8_r9_reads_what_is_recorded(official, running, settings):
    """E8.R9: cost per migrant rose from 500 in 2024 to 750 in 2025 → WARN; with 2025 cheaper → PASS."""
    first, second = two_periods(official, running)

    def outcome():
        evaluation, _fp = check_loaded_partnership(partnership_get_for_check(partnership_id=running.pk))
        return next(f for f in evaluation.findings if f.rule_id == "E8.R9")

    finding = outcome()
    assert finding.status == "WARN"
    assert "rose from" in str(finding.message)
    k2 = keys(running, second)
    record(official, running, second, **{k2["employer"]: "8000", k2["government"]: "2000"})  # 10,000 ÷ 60 ≈ 166.67
    finding = outcome()
    assert finding.status == "PASS", finding.message


def test_exports_hold_the_same_figures(official, running):
    two_periods(official, running)
    response = official.get(reverse("monitoring:export_csv", kwargs={"pk": running.pk}))
    text = response.content.decode("utf-8")
    assert text.startswith(CSV_BOM)
    assert "Migrants deployed" in text and "36000.00" in text and "Employer" in text
    response = official.get(reverse("monitoring:export_xlsx", kwargs={"pk": running.pk}))
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Indicator values", "Actual spending"]
    amounts = [row[-1] for row in book["Actual spending"].iter_rows(min_row=2, values_only=True)]
    assert sorted(amounts) == [4000, 9000, 16000, 36000]


def test_the_tab_reads_in_a_constant_number_of_queries(official, running, django_assert_max_num_queries):
    two_periods(official, running)
    with django_assert_max_num_queries(30) as small:
        official.get(tab_url(running))
    for year in range(2026, 2031):
        period = ReportingPeriod.objects.create(
            partnership=running, name=str(year), starts_on=dt.date(year, 1, 1), ends_on=dt.date(year, 12, 31)
        )
        for indicator in running.indicators.all():
            IndicatorValue.objects.create(
                indicator=indicator,
                period=period,
                value="70" if indicator.is_quantitative else "fine",
                measured_on=dt.date(year, 6, 30),
                collection_point=pc.CollectionPoint.DURING_EMPLOYMENT,
            )
        extra = CostItemFactory(partnership=running)
        CostShareFactory(item=extra)
        ActualSpending.objects.create(item=extra, period=period, year=year, payer="employer", amount=100)
        IndicatorFactory(partnership=running)
    with django_assert_max_num_queries(len(small.captured_queries)):
        official.get(tab_url(running))


def test_the_fix_link_of_e8_r9_leads_to_the_monitoring_tab(running):
    from design.inputs import fix_link

    link = fix_link(running.pk, "E8.R9")
    assert link["url"] == f"{tab_url(running)}#record"


def test_an_items_actual_amount_cannot_be_overwritten_once_it_has_spending_records(official, running, dest_official):
    from costs.services import cost_item_update
    from smp.exceptions import ValidationError

    add_period(official, running)
    period = ReportingPeriod.objects.get()
    k = keys(running, period)
    record(official, running, period, **{k["employer"]: "16000"})
    item = CostItem.objects.get(partnership=running)
    with pytest.raises(ValidationError) as refused:
        cost_item_update(item=item, user=dest_official, actual_amount=Decimal("1.00"))
    assert "sum of its 1 spending records" in str(refused.value)
    assert CostItem.objects.get(pk=item.pk).actual_amount == Decimal("16000.00")
    # Other fields still change.
    cost_item_update(item=CostItem.objects.get(pk=item.pk), user=dest_official, amount=Decimal("600.00"))


def test_results_are_not_deleted_outside_the_running_stages(official, running, dest_official):
    from partnerships.services import indicator_value_delete, reporting_period_delete
    from smp.exceptions import ValidationError

    add_period(official, running, name="Empty")
    add_period(official, running, name="2026", starts="2026-01-01", ends="2026-12-31")
    empty, full = ReportingPeriod.objects.order_by("starts_on")
    k = keys(running, full)
    record(official, running, full, **{k["deployed"]: "40"})
    Partnership.objects.filter(pk=running.pk).update(stage=pc.Stage.DESIGN)
    with pytest.raises(ValidationError, match="once the partnership is being implemented"):
        reporting_period_delete(period=empty, user=dest_official)
    with pytest.raises(ValidationError, match="once the partnership is being implemented"):
        indicator_value_delete(value=IndicatorValue.objects.get(), user=dest_official)
    assert ReportingPeriod.objects.count() == 2 and IndicatorValue.objects.count() == 1


def test_the_feasibility_tab_leads_an_e8_r9_warning_to_the_monitoring_tab(official, running):
    from django.utils import timezone

    from feasibility.models import FeasibilityRun, Finding

    run = FeasibilityRun.objects.create(
        partnership=running, status="succeeded", finished_at=timezone.now(), partnership_version=running.version
    )
    Finding.objects.create(run=run, rule_id="E8.R9", element="E8", status="WARN", message="No actual spending yet.")
    page = official.get(reverse("monitoring:feasibility", kwargs={"pk": running.pk})).content.decode()
    assert (
        f'href="{tab_url(running)}#record" data-fix-link>Where it is fixed: Monitoring: results and actual spending'
        in page
    )
