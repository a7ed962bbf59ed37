"""Monitoring a running partnership over the API: reporting periods, indicator values per period and actual
spending per cost item, year and payer (§9.1, E8.R9).

The lead side records them while the partnership is being implemented or evaluated (400 ``not_running`` at
another stage); every write goes through the services, raises the partnership's version and honours
``version`` / ``If-Match``; a participant outside the lead side gets 403, an outsider 404. A cost item's
``actual_amount`` is the sum of its spending records, and the cost summary's actuals by year come from them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.tests.conftest import client_for
from api.tests.support import make_period, make_spending, running
from codelists.partnerships import Stage
from costs.models import ActualSpending, CostItem
from costs.tests.factories import CostItemFactory
from partnerships.models import IndicatorValue, Partnership, ReportingPeriod
from partnerships.tests import factories as pf
from stakeholders.tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db

PERIODS = "/api/v1/reporting-periods/"
VALUES = "/api/v1/indicator-values/"
SPENDING = "/api/v1/actual-spending/"


def version_of(partnership) -> int:
    return Partnership.objects.values_list("version", flat=True).get(pk=partnership.pk)


def error(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]


def actual_amount(item) -> Decimal | None:
    return CostItem.objects.values_list("actual_amount", flat=True).get(pk=item.pk)


@pytest.fixture
def running_partnership(partnership):
    running(partnership)
    return partnership


@pytest.fixture
def led_elsewhere(dest_ministry):
    """Another running partnership the same ministry leads: its rows are visible, but not of this partnership."""
    other = pf.PartnershipFactory(name="Germany–Albania care partnership", stage="implementation")
    ParticipationFactory(partnership=other, organisation=dest_ministry, roles=["lead"])
    return other


#
# Reporting periods
#


def test_the_lead_records_changes_and_deletes_a_reporting_period(lead_api, running_partnership):
    p = running_partnership
    before = version_of(p)
    payload = {"partnership": p.pk, "name": "2026, first half", "starts_on": "2026-01-01", "ends_on": "2026-06-30"}
    created = lead_api.post(PERIODS, payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert created["Location"].endswith(f"{PERIODS}{body['id']}/")
    assert created["ETag"] == f'W/"{before + 1}"'
    assert (body["partnership"], body["starts_on"], body["ends_on"], body["reminded_at"]) == (
        p.pk,
        "2026-01-01",
        "2026-06-30",
        None,
    )
    detail = created["Location"]
    assert lead_api.get(detail).json()["name"] == "2026, first half"

    # reminded_at belongs to the reminder job: a client cannot set it.
    changed = lead_api.patch(
        detail, {"ends_on": "2026-07-31", "reminded_at": "2026-08-01T00:00:00Z", "version": before + 1}, format="json"
    )
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["ends_on"], changed.json()["reminded_at"]) == ("2026-07-31", None)
    assert version_of(p) == before + 2

    replaced = lead_api.put(detail, {**payload, "name": "2026 H1", "ends_on": "2026-06-30"}, format="json")
    assert replaced.status_code == 200, replaced.json()
    assert ReportingPeriod.objects.get(pk=body["id"]).name == "2026 H1"

    assert lead_api.delete(detail).status_code == 204
    assert not ReportingPeriod.objects.filter(pk=body["id"]).exists()
    assert version_of(p) == before + 4


def test_a_stale_version_or_etag_changes_no_period(lead_api, running_partnership):
    period = make_period(running_partnership)
    detail = f"{PERIODS}{period.pk}/"
    etag = lead_api.get(detail)["ETag"]
    stale = version_of(running_partnership)
    assert lead_api.patch(detail, {"name": "First"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    conflict = error(lead_api.patch(detail, {"name": "Second", "version": stale}, format="json"), 409)
    assert conflict["code"] == "conflict" and conflict["current_version"] == stale + 1
    assert error(lead_api.patch(detail, {"name": "Third"}, format="json", HTTP_IF_MATCH=etag), 412)["code"] == (
        "precondition_failed"
    )
    assert error(lead_api.delete(f"{detail}?version={stale}"), 409)["code"] == "conflict"
    assert ReportingPeriod.objects.get(pk=period.pk).name == "First"


def test_periods_of_a_partnership_do_not_overlap_and_end_after_they_start(lead_api, running_partnership):
    p = running_partnership
    make_period(p, "2026-01-01", "2026-06-30", name="2026, first half")
    before = version_of(p)
    overlapping = {"partnership": p.pk, "name": "Spring", "starts_on": "2026-04-01", "ends_on": "2026-09-30"}
    refused = error(lead_api.post(PERIODS, overlapping, format="json"), 400)
    assert refused["code"] == "validation_error"
    assert "overlaps 2026, first half" in refused["fields"]["starts_on"][0]
    backwards = {"partnership": p.pk, "name": "Backwards", "starts_on": "2026-12-31", "ends_on": "2026-07-01"}
    assert error(lead_api.post(PERIODS, backwards, format="json"), 400)["message"] == (
        "A reporting period ends after it starts."
    )
    same_start = {"partnership": p.pk, "name": "Again", "starts_on": "2026-01-01", "ends_on": "2026-01-31"}
    assert error(lead_api.post(PERIODS, same_start, format="json"), 400)["message"] == (
        "This partnership already has a reporting period starting that day."
    )
    assert version_of(p) == before
    assert ReportingPeriod.objects.filter(partnership=p).count() == 1


def test_a_period_still_holding_values_or_spending_is_not_deleted(lead_api, running_partnership):
    period = make_period(running_partnership)
    indicator = pf.IndicatorFactory(partnership=running_partnership)
    pf.IndicatorValueFactory(indicator=indicator, period=period, measured_on=dt.date(2026, 3, 31))
    refused = error(lead_api.delete(f"{PERIODS}{period.pk}/"), 400)
    assert "indicator values" in refused["message"]
    assert ReportingPeriod.objects.filter(pk=period.pk).exists()


def test_periods_are_filtered_by_partnership_and_dates(lead_api, running_partnership, led_elsewhere):
    first = make_period(running_partnership, "2026-01-01", "2026-06-30")
    second = make_period(running_partnership, "2026-07-01", "2026-12-31")
    elsewhere = make_period(led_elsewhere, "2026-01-01", "2026-12-31")

    def ids(query: str) -> list[int]:
        response = lead_api.get(f"{PERIODS}?{query}")
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids(f"partnership={running_partnership.pk}") == [first.pk, second.pk]
    assert ids(f"partnership={led_elsewhere.pk}") == [elsewhere.pk]
    assert ids(f"partnership={running_partnership.pk}&starts_on_after=2026-02-01") == [second.pk]
    assert ids(f"partnership={running_partnership.pk}&ends_on_before=2026-06-30") == [first.pk]
    assert ids("covers=2026-08-15") == [second.pk, elsewhere.pk]
    assert ids("starts_on_before=2025-12-31") == []
    assert "starts_on_after" in error(lead_api.get(f"{PERIODS}?starts_on_after=2026-13-01"), 400)["fields"]


#
# Indicator values per period
#


def test_a_value_is_recorded_in_a_period_and_filtered_by_it(lead_api, running_partnership):
    period = make_period(running_partnership)
    indicator = pf.IndicatorFactory(partnership=running_partnership, baseline_value="0", target_value="50")
    payload = {
        "indicator": indicator.pk,
        "period": period.pk,
        "collection_point": "end_of_training",
        "measured_on": "2026-06-30",
        "value": "18",
    }
    created = lead_api.post(VALUES, payload, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["period"] == period.pk
    pf.IndicatorValueFactory(indicator=indicator)  # a value without a period
    rows = lead_api.get(f"{VALUES}?period={period.pk}").json()["results"]
    assert [row["id"] for row in rows] == [created.json()["id"]]
    assert len(lead_api.get(f"{VALUES}?indicator={indicator.pk}").json()["results"]) == 2
    # The period is shown with the value inside its indicator too.
    nested = lead_api.get(f"/api/v1/indicators/{indicator.pk}/").json()["values"]
    assert {row["period"] for row in nested} == {period.pk, None}


def test_a_value_needs_a_period_of_its_partnership_and_a_day_inside_it(lead_api, running_partnership, led_elsewhere):
    period = make_period(running_partnership)
    foreign = make_period(led_elsewhere)
    hidden = make_period(pf.PartnershipFactory(stage="implementation"))  # a partnership the lead cannot see
    indicator = pf.IndicatorFactory(partnership=running_partnership)
    payload = {"indicator": indicator.pk, "collection_point": "end_of_training", "measured_on": "2026-03-31"}
    before = version_of(running_partnership)
    other = error(lead_api.post(VALUES, {**payload, "value": "3", "period": foreign.pk}, format="json"), 400)
    assert other["fields"]["period"] == ["Choose a reporting period of this partnership."]
    unseen = error(lead_api.post(VALUES, {**payload, "value": "3", "period": hidden.pk}, format="json"), 400)
    assert "does not exist" in unseen["fields"]["period"][0]
    outside = {**payload, "value": "3", "period": period.pk, "measured_on": "2026-09-30"}
    assert "measured_on" in error(lead_api.post(VALUES, outside, format="json"), 400)["fields"]
    assert version_of(running_partnership) == before
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("stage", ["exploration", "design", "agreement", "setup"])
def test_results_before_implementation_are_refused_with_not_running(lead_api, partnership, stage):
    running(partnership, stage)
    indicator = pf.IndicatorFactory(partnership=partnership)
    stored = pf.IndicatorValueFactory(indicator=indicator)
    item = CostItemFactory(partnership=partnership)
    period = make_period(partnership)
    spending = make_spending(item, period)
    before = version_of(partnership)
    writes = [
        (
            "post",
            PERIODS,
            {"partnership": partnership.pk, "name": "H2", "starts_on": "2026-07-01", "ends_on": "2026-12-31"},
        ),
        ("patch", f"{PERIODS}{period.pk}/", {"name": "Renamed"}),
        (
            "post",
            VALUES,
            {
                "indicator": indicator.pk,
                "collection_point": "end_of_training",
                "measured_on": "2026-06-30",
                "value": "4",
            },
        ),
        ("patch", f"{VALUES}{stored.pk}/", {"value": "41"}),
        (
            "post",
            SPENDING,
            {"item": item.pk, "period": period.pk, "year": 2026, "payer": "gov_destination", "amount": "5"},
        ),
        ("patch", f"{SPENDING}{spending.pk}/", {"amount": "2000.00"}),
    ]
    for method, path, body in writes:
        refused = error(getattr(lead_api, method)(path, body, format="json"), 400)
        assert refused["code"] == "not_running", (method, path, refused)
        assert f"it is at the {Stage(stage).label.lower()} stage" in refused["message"]
    assert version_of(partnership) == before
    assert ReportingPeriod.objects.get(pk=period.pk).name == period.name
    assert IndicatorValue.objects.get(pk=stored.pk).value == "40"
    assert ActualSpending.objects.get(pk=spending.pk).amount == Decimal("1000.00")


def test_results_are_recorded_during_evaluation_too(lead_api, partnership):
    running(partnership, "evaluation")
    payload = {"partnership": partnership.pk, "name": "Follow-up", "starts_on": "2029-01-01", "ends_on": "2029-12-31"}
    assert lead_api.post(PERIODS, payload, format="json").status_code == 201


#
# Actual spending
#


def test_the_lead_records_spending_and_the_items_actual_amount_follows(lead_api, running_partnership, dest_ministry):
    p = running_partnership
    period = make_period(p)
    item = CostItemFactory(partnership=p, amount=Decimal("5000.00"), currency="EUR")
    before = version_of(p)
    payload = {"item": item.pk, "period": period.pk, "year": 2026, "payer": "employer", "amount": "1200.50"}
    created = lead_api.post(SPENDING, payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert created["Location"].endswith(f"{SPENDING}{body['id']}/")
    assert created["ETag"] == f'W/"{before + 1}"'
    assert (body["partnership"], body["payer"], body["payer_label"], body["currency"], body["amount"]) == (
        p.pk,
        "employer",
        "Employer",
        "EUR",
        "1200.50",
    )
    assert actual_amount(item) == Decimal("1200.50")

    second = {**payload, "payer": "gov_destination", "organisation": dest_ministry.pk, "amount": "800.00"}
    assert lead_api.post(SPENDING, second, format="json").status_code == 201
    assert actual_amount(item) == Decimal("2000.50")

    changed = lead_api.patch(created["Location"], {"amount": "200.00", "version": before + 2}, format="json")
    assert changed.status_code == 200, changed.json()
    assert actual_amount(item) == Decimal("1000.00")

    # Moved to another item of the partnership: both items' actual amounts follow.
    other_item = CostItemFactory(partnership=p)
    moved = lead_api.patch(created["Location"], {"item": other_item.pk}, format="json")
    assert moved.status_code == 200, moved.json()
    assert (actual_amount(item), actual_amount(other_item)) == (Decimal("800.00"), Decimal("200.00"))

    assert lead_api.delete(created["Location"]).status_code == 204
    assert actual_amount(other_item) is None  # no records left: no actual amount
    assert version_of(p) == before + 5


def test_a_stale_version_or_etag_records_no_spending(lead_api, running_partnership):
    item = CostItemFactory(partnership=running_partnership)
    period = make_period(running_partnership)
    spending = make_spending(item, period, amount="100.00")
    detail = f"{SPENDING}{spending.pk}/"
    etag = lead_api.get(detail)["ETag"]
    stale = version_of(running_partnership)
    assert lead_api.patch(detail, {"amount": "150.00", "version": stale}, format="json").status_code == 200
    conflict = error(lead_api.patch(detail, {"amount": "175.00", "version": stale}, format="json"), 409)
    assert conflict["code"] == "conflict"
    assert error(lead_api.delete(detail, HTTP_IF_MATCH=etag), 412)["code"] == "precondition_failed"
    payload = {"item": item.pk, "period": period.pk, "year": 2027, "payer": "migrant", "amount": "5", "version": stale}
    assert error(lead_api.post(SPENDING, payload, format="json"), 409)["code"] == "conflict"
    assert actual_amount(item) == Decimal("150.00")
    assert ActualSpending.objects.count() == 1


def test_bad_spending_is_a_400_naming_the_field_and_nothing_is_written(
    lead_api, running_partnership, led_elsewhere, dest_ministry
):
    p = running_partnership
    period = make_period(p)
    item = CostItemFactory(partnership=p)
    make_spending(item, period, payer="employer", amount="100.00")
    make_spending(item, period, payer="other", organisation=dest_ministry, amount="50.00")
    foreign_period = make_period(led_elsewhere)
    foreign_item = CostItemFactory(partnership=led_elsewhere)
    base = {"item": item.pk, "period": period.pk, "year": 2026, "payer": "migrant", "amount": "10.00"}
    before = version_of(p)
    field_errors = [
        ({"amount": "-1.00"}, "amount"),
        ({"amount": "12345678901234.00"}, "amount"),
        ({"payer": "uncle"}, "payer"),
        ({"year": 1800}, "year"),
        ({"payer": "other"}, "organisation"),
        ({"period": foreign_period.pk}, "period"),
        ({"organisation": 2**63}, "organisation"),
    ]
    for change, field in field_errors:
        refused = error(lead_api.post(SPENDING, {**base, **change}, format="json"), 400)
        assert refused["code"] == "validation_error"
        assert field in refused["fields"], (change, refused)
    assert error(lead_api.post(SPENDING, {**base, "payer": "other"}, format="json"), 400)["fields"]["organisation"] == [
        "Name the paying organisation for the payer Other."
    ]
    duplicate = "This payer's spending on the cost item is already recorded for this period and year."
    for again in ({"payer": "employer"}, {"payer": "other", "organisation": dest_ministry.pk}):
        refused = error(lead_api.post(SPENDING, {**base, **again}, format="json"), 400)
        assert refused["message"] == duplicate, refused
    # A cost item of another partnership the client leads: the item's partnership decides, and the period is not
    # of that partnership.
    cross = error(lead_api.post(SPENDING, {**base, "item": foreign_item.pk}, format="json"), 400)
    assert cross["fields"] == {"period": ["Choose a reporting period of this partnership."]}
    moved = error(
        lead_api.patch(f"{SPENDING}{ActualSpending.objects.first().pk}/", {"item": foreign_item.pk}, format="json"), 400
    )
    assert moved["fields"] == {"item": ["Choose a cost item of this partnership."]}
    assert version_of(p) == before
    assert ActualSpending.objects.count() == 2
    assert actual_amount(item) == Decimal("150.00")


def test_spending_is_filtered_by_partnership_item_period_year_and_payer(lead_api, running_partnership, led_elsewhere):
    first, second = make_period(running_partnership), make_period(running_partnership, "2026-07-01", "2026-12-31")
    item, other_item = (
        CostItemFactory(partnership=running_partnership),
        CostItemFactory(partnership=running_partnership),
    )
    a = make_spending(item, first, year=2026, payer="employer")
    b = make_spending(item, second, year=2027, payer="gov_origin")
    c = make_spending(other_item, second, year=2027, payer="employer")
    d = make_spending(CostItemFactory(partnership=led_elsewhere), make_period(led_elsewhere))

    def ids(query: str) -> set[int]:
        response = lead_api.get(f"{SPENDING}?{query}")
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["results"]}

    assert ids(f"partnership={running_partnership.pk}") == {a.pk, b.pk, c.pk}
    assert ids(f"partnership={led_elsewhere.pk}") == {d.pk}
    assert ids(f"item={item.pk}") == {a.pk, b.pk}
    assert ids(f"period={second.pk}") == {b.pk, c.pk}
    assert ids("year=2027") == {b.pk, c.pk}
    assert ids(f"payer=employer&partnership={running_partnership.pk}") == {a.pk, c.pk}
    for bad in ("year=99999", "payer=uncle", "item=0", "period=x"):
        assert error(lead_api.get(f"{SPENDING}?{bad}"), 400)["code"] == "validation_error", bad


def test_the_cost_summary_takes_its_actuals_by_year_from_the_spending_records(lead_api, running_partnership):
    """E8.R9 compares the actuals of each year with the plan: a line's records count in their own year."""
    p = running_partnership
    item = CostItemFactory(partnership=p, amount=Decimal("9000.00"), currency="EUR", year=2026)
    period = make_period(p)
    summary_url = f"/api/v1/partnerships/{p.pk}/cost-summary/?currency=EUR"
    for year, payer, amount in ((2026, "employer", "3000.00"), (2027, "gov_destination", "1500.00")):
        body = {"item": item.pk, "period": period.pk, "year": year, "payer": payer, "amount": amount}
        assert lead_api.post(SPENDING, body, format="json").status_code == 201
    summary = lead_api.get(summary_url).json()
    assert {year: Decimal(value) for year, value in summary["actual_by_year"].items()} == {
        "2026": Decimal("3000.00"),
        "2027": Decimal("1500.00"),
    }
    assert {payer: Decimal(value) for payer, value in summary["actual_by_payer"].items()} == {
        "employer": Decimal("3000.00"),
        "gov_destination": Decimal("1500.00"),
    }
    record = ActualSpending.objects.get(year=2027)
    assert lead_api.patch(f"{SPENDING}{record.pk}/", {"year": 2028}, format="json").status_code == 200
    assert set(lead_api.get(summary_url).json()["actual_by_year"]) == {"2026", "2028"}


#
# Who may record results
#


def _stored_rows(partnership) -> dict[str, tuple[str, object, dict, dict]]:
    """Collection → (detail path of a stored row, its model, a create payload, a change)."""
    period = make_period(partnership)
    later = {"partnership": partnership.pk, "name": "H2", "starts_on": "2026-07-01", "ends_on": "2026-12-31"}
    indicator = pf.IndicatorFactory(partnership=partnership)
    value = pf.IndicatorValueFactory(indicator=indicator)
    new_value = {"indicator": indicator.pk, "collection_point": "end_of_training", "measured_on": "2026-06-30"}
    item = CostItemFactory(partnership=partnership)
    spending = make_spending(item, period)
    new_spending = {"item": item.pk, "period": period.pk, "year": 2026, "payer": "gov_origin", "amount": "5.00"}
    return {
        PERIODS: (f"{PERIODS}{period.pk}/", period, later, {"name": "Renamed"}),
        VALUES: (f"{VALUES}{value.pk}/", value, {**new_value, "value": "7"}, {"value": "41"}),
        SPENDING: (f"{SPENDING}{spending.pk}/", spending, new_spending, {"amount": "9.00"}),
    }


def test_a_participant_outside_the_lead_side_reads_results_but_may_not_record_them(partner_api, running_partnership):
    """The employers' association funds the partnership (it may change the costs part) but does not lead it:
    recording results and spending is the lead side's (policy ``RECORD_RESULTS``)."""
    before = version_of(running_partnership)
    for collection, (detail, row, create, change) in _stored_rows(running_partnership).items():
        assert partner_api.get(detail).status_code == 200, collection
        assert partner_api.get(collection).json()["count"] == 1, collection
        count = type(row).objects.count()
        for response in (
            partner_api.post(collection, create, format="json"),
            partner_api.patch(detail, change, format="json"),
            partner_api.delete(detail),
        ):
            refused = error(response, 403)
            assert refused["message"].startswith("Only the lead or a co-lead organisation"), refused
            assert "record results and spending" in refused["message"]
        assert type(row).objects.count() == count
    assert version_of(running_partnership) == before


def test_the_co_lead_records_results(origin_official, running_partnership):
    co_lead = client_for(origin_official)
    for collection, (detail, _row, create, change) in _stored_rows(running_partnership).items():
        assert co_lead.post(collection, create, format="json").status_code == 201, collection
        assert co_lead.patch(detail, change, format="json").status_code == 200, collection


def test_an_outsider_sees_no_results_and_a_reviewer_records_none(outsider_api, reviewer_api, running_partnership):
    before = version_of(running_partnership)
    for collection, (detail, row, create, change) in _stored_rows(running_partnership).items():
        assert outsider_api.get(collection).json()["count"] == 0, collection
        for response in (
            outsider_api.get(detail),
            outsider_api.post(collection, create, format="json"),
            outsider_api.patch(detail, change, format="json"),
            outsider_api.delete(detail),
        ):
            assert error(response, 404)["code"] == "not_found", collection
        assert reviewer_api.get(detail).status_code == 200, collection
        for response in (
            reviewer_api.post(collection, create, format="json"),
            reviewer_api.patch(detail, change, format="json"),
            reviewer_api.delete(detail),
        ):
            assert error(response, 403)["code"] == "permission_denied", collection
        assert type(row).objects.filter(pk=row.pk).exists()
    assert version_of(running_partnership) == before


#
# Queries
#


def _grow(partnership, count: int, offset: int) -> None:
    indicator = pf.IndicatorFactory(partnership=partnership)
    item = CostItemFactory(partnership=partnership)
    for n in range(offset, offset + count):
        start = dt.date(2000 + n // 12, n % 12 + 1, 1)
        period = ReportingPeriod.objects.create(
            partnership=partnership, name=f"Month {n}", starts_on=start, ends_on=start + dt.timedelta(days=27)
        )
        pf.IndicatorValueFactory(indicator=indicator, period=period, measured_on=start)
        ActualSpending.objects.create(item=item, period=period, year=2000 + n, payer="employer", amount=Decimal(n))


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    assert response.json()["count"] >= 5
    return len(captured)


def test_the_result_lists_cost_the_same_queries_for_5_or_50_rows(
    lead_api, running_partnership, django_assert_max_num_queries
):
    lead_api.get(PERIODS)  # records the key's use, so later requests skip that update
    paths = [f"{PERIODS}?page_size=100", f"{VALUES}?page_size=100", f"{SPENDING}?page_size=100"]
    _grow(running_partnership, 5, 0)
    small = {path: _queries(lead_api, path) for path in paths}
    _grow(running_partnership, 45, 5)
    large = {path: _queries(lead_api, path) for path in paths}
    assert small == large
    for path in paths:
        with django_assert_max_num_queries(4):  # key, count, page
            assert len(lead_api.get(path).json()["results"]) == 50


#
# Schema
#


def test_the_schema_documents_the_result_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    for path in (PERIODS, VALUES, SPENDING):
        operations = schema["paths"][path]
        assert {"get", "post"} <= set(operations), path
        assert "not_running" in operations["post"]["description"], path
        assert {"put", "patch", "delete"} <= set(schema["paths"][f"{path}{{id}}/"]), path
    spending = schema["components"]["schemas"]["ActualSpending"]["properties"]
    assert spending["payer"] == {"$ref": "#/components/schemas/PayerEnum"}
    assert spending["payer_label"]["readOnly"] is True
    period = schema["components"]["schemas"]["IndicatorValueRowRequest"]["properties"]["period"]
    assert period["description"] == (
        "The id of a reporting period of the same partnership (listed at GET /api/v1/reporting-periods/). "
        "Optional; the value must be measured within the period's dates."
    )
    parameters = {p["name"] for p in schema["paths"][SPENDING]["get"]["parameters"]}
    assert {"partnership", "item", "period", "year", "payer"} <= parameters
