"""Bad input never writes anything and always answers a 4xx in the one error shape, never a 500."""

from __future__ import annotations

import pytest

from costs.models import CostItem, CostShare
from costs.tests.factories import CostItemFactory
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def _error(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] and body["error"]["message"]
    return body["error"]


@pytest.fixture
def cost_item_payload(partnership, employers_association, dest_ministry):
    return {
        "partnership": partnership.pk,
        "category": "training",
        "subitem": "training_delivery",
        "amount": "1200.00",
        "currency": "EUR",
        "shares": [
            {"payer": "employer", "organisation": employers_association.pk, "percent": "60.00"},
            {"payer": "gov_destination", "organisation": dest_ministry.pk, "percent": "35.00"},
        ],
    }


def test_it_rejects_shares_not_totalling_100_and_writes_nothing(partner_api, partnership, cost_item_payload):
    error = _error(partner_api.post("/api/v1/cost-items/", cost_item_payload, format="json"), 400)
    assert "95.00" in " ".join(error["fields"]["shares"])
    assert not CostItem.objects.filter(partnership=partnership).exists()
    partnership.refresh_from_db()
    assert partnership.version == 1


def test_it_accepts_shares_totalling_100(partner_api, partnership, cost_item_payload):
    cost_item_payload["shares"][1]["percent"] = "40.00"
    response = partner_api.post("/api/v1/cost-items/", cost_item_payload, format="json")
    assert response.status_code == 201, response.json()
    assert [s["percent"] for s in response.json()["shares"]] == ["60.00", "40.00"]


def test_a_cost_item_as_the_api_answered_it_can_be_sent_back(partner_api, partnership, cost_item_payload):
    """The shares of an answer carry their ids; sending the answer back (to re-create a deleted item, or to
    replace the shares) works: an id in a share is never read."""
    cost_item_payload["shares"][1]["percent"] = "40.00"
    answered = partner_api.post("/api/v1/cost-items/", cost_item_payload, format="json").json()
    assert all("id" in share for share in answered["shares"])
    replaced = partner_api.put(
        f"/api/v1/cost-items/{answered['id']}/shares/", {"shares": answered["shares"]}, format="json"
    )
    assert replaced.status_code == 200, replaced.json()
    assert partner_api.delete(f"/api/v1/cost-items/{answered['id']}/").status_code == 204
    body = {key: value for key, value in answered.items() if key not in ("id", "created_at", "updated_at")}
    again = partner_api.post("/api/v1/cost-items/", body, format="json")
    assert again.status_code == 201, again.json()
    assert [(s["payer"], s["percent"]) for s in again.json()["shares"]] == [
        (s["payer"], s["percent"]) for s in answered["shares"]
    ]


def test_replacing_shares_with_a_bad_set_keeps_the_old_ones(partner_api, partnership):
    item = CostItemFactory(partnership=partnership)
    CostShare.objects.create(item=item, payer="employer", percent=100)
    response = partner_api.put(
        f"/api/v1/cost-items/{item.pk}/shares/",
        {"shares": [{"payer": "employer", "percent": "50"}, {"payer": "nobody", "percent": "50"}]},
        format="json",
    )
    error = _error(response, 400)
    # The second share's payer, by its position from 0 — the same dotted path DRF gives nested rows.
    assert list(error["fields"]) == ["shares.1.payer"]
    assert error["fields"]["shares.1.payer"][0].startswith("Share 2: nobody is not a payer code")
    assert list(item.shares.values_list("payer", "percent")) == [("employer", 100)]


def test_a_share_that_is_not_an_object_is_named_by_its_position(partner_api, partnership):
    item = CostItemFactory(partnership=partnership)
    response = partner_api.put(
        f"/api/v1/cost-items/{item.pk}/shares/",
        {"shares": [{"payer": "employer", "percent": "50"}, {"payer": "migrant", "organisation": "x"}]},
        format="json",
    )
    assert list(_error(response, 400)["fields"]) == ["shares.1.organisation"]


def test_a_whole_set_problem_stays_on_shares(partner_api, partnership):
    item = CostItemFactory(partnership=partnership)
    response = partner_api.put(
        f"/api/v1/cost-items/{item.pk}/shares/", {"shares": [{"payer": "employer", "percent": "60"}]}, format="json"
    )
    error = _error(response, 400)
    assert list(error["fields"]) == ["shares"]
    assert "100" in error["fields"]["shares"][0]


def test_shares_must_be_a_list_of_plain_objects(partner_api, partnership):
    item = CostItemFactory(partnership=partnership)
    for shares in (
        "all of it",
        [["employer", 100]],
        [{"payer": {"nested": True}, "percent": 100}],
        [{"payer": "gov_destination", "organisation": 2.5e-42, "percent": "100"}],
        [{"payer": "gov_destination", "organisation": 2**70, "percent": "100"}],
    ):
        _error(partner_api.put(f"/api/v1/cost-items/{item.pk}/shares/", {"shares": shares}, format="json"), 400)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount", "a lot"),
        ("amount", "1" * 40),
        ("amount", "-5"),
        ("amount", "NaN"),
        ("currency", "XXY"),
        ("category", "snacks"),
        ("subitem", "transport"),  # belongs to another category
        ("year", 10**30),
        ("in_kind", "perhaps"),
        ("description", "x" * 50_000),
        ("country", 2**70),
        ("country", "DE"),
    ],
)
def test_it_rejects_a_bad_cost_item_field_with_a_message_on_that_field(partner_api, partnership, field, value):
    payload = {
        "partnership": partnership.pk,
        "category": "training",
        "subitem": "training_delivery",
        "amount": "10",
        "currency": "EUR",
        field: value,
    }
    error = _error(partner_api.post("/api/v1/cost-items/", payload, format="json"), 400)
    assert field in error["fields"], error
    assert not CostItem.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "x" * 300},
        {"name": ["not", "a", "string"]},
        {"migration_types": ["commuting"]},
        {"migration_types": "temporary"},
        {"skill_levels": ["mid", "mid"]},
        {"sectors": ["space_tourism"]},
        {"start_date": "yesterday"},
        {"start_date": "2028-01-01", "end_date": "2027-01-01"},
        {"planned_migrants_total": -1},
        {"planned_migrants_total": 10**20},
        {"contingency_budget_pct": "250"},
        {"reporting_currency": "EURO"},
        {"stage": "agreement"},
        {"review_status": "approved"},
    ],
)
def test_it_refuses_bad_partnership_data_and_keeps_what_was_saved(lead_api, partnership, payload):
    before = Partnership.objects.values().get(pk=partnership.pk)
    response = lead_api.patch(f"/api/v1/partnerships/{partnership.pk}/", payload, format="json")
    if "review_status" in payload:
        # read-only: ignored, never written
        assert response.status_code == 200
        assert Partnership.objects.get(pk=partnership.pk).review_status == before["review_status"]
        return
    error = _error(response, 400)
    assert error["fields"], error
    assert Partnership.objects.values().get(pk=partnership.pk) == before


def test_malformed_json_is_a_400_parse_error(partner_api, partnership):
    response = partner_api.generic(
        "PATCH", f"/api/v1/partnerships/{partnership.pk}/", '{"name": "unterminated', content_type="application/json"
    )
    assert _error(response, 400)["code"] == "parse_error"


def test_a_body_that_is_not_json_is_a_415(partner_api, partnership):
    response = partner_api.generic(
        "PATCH", f"/api/v1/partnerships/{partnership.pk}/", "name=x", content_type="application/x-www-form-urlencoded"
    )
    assert _error(response, 415)["code"] == "unsupported_media_type"


def test_a_json_array_body_is_refused_with_a_message(partner_api, partnership):
    _error(partner_api.post("/api/v1/cost-items/", [1, 2], format="json"), 400)


def test_a_stale_version_in_the_body_is_a_409_naming_who_saved(lead_api, partnership, dest_official):
    from partnerships.services import partnership_update

    partnership_update(partnership=partnership, user=dest_official, expected_version=1, data={"summary": "Theirs"})
    response = lead_api.patch(
        f"/api/v1/partnerships/{partnership.pk}/", {"summary": "Mine", "version": 1}, format="json"
    )
    error = _error(response, 409)
    assert error["current_version"] == 2
    assert error["saved_by"]
    partnership.refresh_from_db()
    assert partnership.summary == "Theirs"


def test_a_stale_version_on_a_row_is_a_409_and_the_row_is_not_written(lead_api, partnership):
    response = lead_api.post(
        "/api/v1/objectives/",
        {"partnership": partnership.pk, "kind": "skilled_workforce", "horizon": "mid", "version": 99},
        format="json",
    )
    _error(response, 409)
    assert not partnership.objectives.exists()


def test_the_etag_is_weak_and_follows_the_version(lead_api, partnership):
    response = lead_api.get(f"/api/v1/partnerships/{partnership.pk}/")
    assert response["ETag"] == 'W/"1"'
    response = lead_api.patch(
        f"/api/v1/partnerships/{partnership.pk}/", {"summary": "New"}, format="json", HTTP_IF_MATCH='W/"1"'
    )
    assert response.status_code == 200
    assert response["ETag"] == 'W/"2"'


def test_if_match_with_an_old_etag_is_a_412_and_nothing_is_written(lead_api, partnership):
    lead_api.patch(f"/api/v1/partnerships/{partnership.pk}/", {"summary": "First"}, format="json")
    response = lead_api.patch(
        f"/api/v1/partnerships/{partnership.pk}/", {"summary": "Second"}, format="json", HTTP_IF_MATCH='W/"1"'
    )
    assert _error(response, 412)["code"] == "precondition_failed"
    partnership.refresh_from_db()
    assert partnership.summary == "First"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/partnerships/99999999999999999999999/",
        "/api/v1/partnerships/abc/",
        "/api/v1/cost-items/-1/",
        "/api/v1/nothing-here/",
        "/api/v2/partnerships/",
    ],
)
def test_unknown_addresses_are_a_json_404(partner_api, path):
    assert _error(partner_api.get(path), 404)["code"] == "not_found"


@pytest.mark.parametrize(
    "query",
    [
        "partnership=99999999999999999999999",
        "partnership=abc",
        "country=Germany",
        "stage=flying",
        "min_score_E3=500",
        "min_score=60",
        "updated_since=last-week",
        "page_size=-4",
        "search=%00",
    ],
)
def test_bad_filters_are_a_400_with_the_parameter_named(partner_api, query):
    path = "/api/v1/cost-items/" if query.startswith("partnership") else "/api/v1/partnerships/"
    response = partner_api.get(f"{path}?{query}")
    if query.startswith("page_size"):
        assert response.status_code == 200  # an invalid page size falls back to the default
        return
    error = _error(response, 400)
    assert query.split("=")[0] in error["fields"], error


def test_a_page_beyond_the_end_is_a_404(partner_api, partnership):
    _error(partner_api.get("/api/v1/partnerships/?page=99"), 404)


def test_a_missing_exchange_rate_is_a_422_naming_the_pair(partner_api, partnership):
    CostItemFactory(partnership=partnership, currency="EUR")
    response = partner_api.get(f"/api/v1/partnerships/{partnership.pk}/cost-summary/?currency=USD")
    error = _error(response, 422)
    assert error["code"] == "missing_exchange_rate"
    assert error["pairs"] == [["EUR", "USD"]]
    assert "EUR→USD" in error["message"]


def test_an_unknown_currency_for_the_summary_is_a_400(partner_api, partnership):
    assert (
        "currency"
        in _error(partner_api.get(f"/api/v1/partnerships/{partnership.pk}/cost-summary/?currency=ZZZ"), 400)["fields"]
    )


def test_the_summary_converts_with_a_stored_rate(partner_api, partnership):
    import datetime as dt

    from costs.services import exchange_rate_set

    exchange_rate_set(base_currency="EUR", quote_currency="USD", rate="1.10", as_of=dt.date(2025, 1, 1))
    CostItemFactory(partnership=partnership, currency="EUR", amount="1000.00")
    response = partner_api.get(f"/api/v1/partnerships/{partnership.pk}/cost-summary/?currency=USD")
    assert response.status_code == 200
    assert response.json()["total"] == "1100.00"


def test_a_partnerships_own_rate_converts_its_summary_and_is_not_a_reference_rate(partner_api, partnership):
    import datetime as dt

    from costs.services import exchange_rate_set

    exchange_rate_set(base_currency="EUR", quote_currency="USD", rate="1.10", as_of=dt.date(2025, 1, 1))
    exchange_rate_set(
        partnership=partnership, base_currency="EUR", quote_currency="USD", rate="1.20", as_of=dt.date(2025, 1, 1)
    )
    CostItemFactory(partnership=partnership, currency="EUR", amount="1000.00")
    body = partner_api.get(f"/api/v1/partnerships/{partnership.pk}/cost-summary/?currency=USD").json()
    assert body["total"] == "1200.00" and body["rates_used"][0]["own"] is True
    listed = partner_api.get("/api/v1/exchange-rates/").json()
    assert [row["rate"] for row in listed["results"]] == ["1.10000000"]  # the shared reference rates only


def test_a_reference_rate_is_one_per_pair_and_day_whatever_partnerships_entered(api_for, partnership):
    import datetime as dt

    from accounts.models import UserRole
    from accounts.tests.factories import UserFactory
    from costs.services import exchange_rate_set

    admin = api_for(UserFactory(username="rates_admin", role=UserRole.ADMIN, is_staff=True, is_superuser=True))
    exchange_rate_set(
        partnership=partnership, base_currency="MAD", quote_currency="EUR", rate="0.09", as_of=dt.date(2025, 1, 1)
    )
    body = {"base_currency": "MAD", "quote_currency": "EUR", "rate": "0.1", "as_of": "2025-01-01"}
    assert admin.post("/api/v1/exchange-rates/", body, format="json").status_code == 201
    error = _error(admin.post("/api/v1/exchange-rates/", {**body, "rate": "0.2"}, format="json"), 400)
    assert "already a rate for these two currencies on this date" in error["message"]


def test_a_blank_licence_country_reads_as_an_empty_code(partner_api, partnership):
    from recruitment.tests.factories import RecruiterFactory

    recruiter = RecruiterFactory(partnership=partnership, licence_country="", organisation__country="DE")
    body = partner_api.get(f"/api/v1/recruiters/{recruiter.pk}/").json()
    assert body["licence_country"] == ""
    assert partner_api.get("/api/v1/recruiters/").status_code == 200
