"""Issue 16 ("Trust"): hostile input gets a 4xx in the API's error shape, never a 500.

Deep JSON on every write operation of the API (found by walking the router, so a new endpoint is covered
without touching this file), control characters in bodies and query strings, oversized bodies.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from api.tests.conftest import client_for
from api.tests.support import build_domain_rows, build_resources, make_period, make_spending
from api.urls import router
from costs.tests.factories import CostItemFactory
from partnerships.models import Partnership
from partnerships.tests import factories as pf
from reviews.tests.factories import ReviewCommentFactory
from smp.text import has_control_characters

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("post", "put", "patch")


def _error(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) >= {"code", "message", "fields"}
    assert body["error"]["message"]
    return body["error"]


def write_operations(objects: dict[str, int]) -> list[tuple[str, str]]:
    """(method, path) of every operation of /api/v1/ that takes a body, from the router's registry."""
    operations: list[tuple[str, str]] = []
    for prefix, viewset, basename in router.registry:
        allowed = set(getattr(viewset, "http_method_names", WRITE_METHODS))
        if hasattr(viewset, "create") and "post" in allowed:
            operations.append(("post", f"/api/v1/{prefix}/"))
        has_detail_writes = hasattr(viewset, "update") and allowed & {"put", "patch"}
        extra = [a for a in viewset.get_extra_actions() if set(a.mapping) & set(WRITE_METHODS)]
        if has_detail_writes or any(a.detail for a in extra):
            assert basename in objects, f"give the test an object of {basename} to write to"
        if has_detail_writes:
            for method in ("put", "patch"):
                if method in allowed:
                    operations.append((method, f"/api/v1/{prefix}/{objects.get(basename)}/"))
        for action in extra:
            for method in set(action.mapping) & set(WRITE_METHODS):
                if action.detail:
                    operations.append((method, f"/api/v1/{prefix}/{objects[basename]}/{action.url_path}/"))
                else:
                    operations.append((method, f"/api/v1/{prefix}/{action.url_path}/"))
    return operations


@pytest.fixture
def admin_api(db):
    # An administrator may call every write operation, so each request reaches the parser.
    return client_for(UserFactory(username="api_admin", role=UserRole.ADMIN))


@pytest.fixture
def every_object(partnership, employers_association) -> dict[str, int]:
    resources = build_resources(partnership)
    basenames = {prefix: basename for prefix, _viewset, basename in router.registry}
    objects = {basenames[r.path]: r.obj.pk for r in resources}
    objects["partnership"] = partnership.pk
    objects["organisation"] = employers_association.pk
    objects.setdefault("cost-item", CostItemFactory(partnership=partnership).pk)
    de = partnership.countries.get(country="DE")
    for basename, make in (
        ("objective-tension", lambda: pf.ObjectiveTensionFactory(partnership=partnership)),
        ("indicator-value", lambda: pf.IndicatorValueFactory(indicator=pf.IndicatorFactory(partnership=partnership))),
        ("feasibility-study", lambda: pf.FeasibilityStudyFactory(partnership=partnership)),
        ("evaluation", lambda: pf.EvaluationFactory(partnership=partnership)),
        ("linked-initiative", lambda: pf.LinkedInitiativeFactory(partnership=partnership)),
        ("business-linkage", lambda: pf.BusinessLinkageFactory(partnership=partnership)),
        (
            "pathway-step",
            lambda: pf.PathwayStepFactory(pathway=pf.PathwayFactory(partnership=partnership, destination_country=de)),
        ),
        ("review-comment", lambda: ReviewCommentFactory(partnership=partnership)),
        ("reporting-period", lambda: make_period(partnership)),
        (
            "actual-spending",
            lambda: make_spending(
                CostItemFactory(partnership=partnership), make_period(partnership, "2027-01-01", "2027-12-31")
            ),
        ),
    ):
        if basename not in objects:
            objects[basename] = make().pk
    objects.update(build_domain_rows(partnership))
    return objects


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_json_nested_1000_deep_is_a_400_on_every_write_operation(admin_api, every_object, partnership):
    operations = write_operations(every_object)
    assert len(operations) >= 40, operations  # the router really was walked
    version = Partnership.objects.get(pk=partnership.pk).version
    for method, path in operations:
        for body in (nested(1000), '{"name": ' + nested(1000) + "}", nested(100_000)):
            response = getattr(admin_api, method)(path, body, content_type="application/json")
            error = _error(response, 400)
            assert error["code"] == "parse_error", (method, path, error)
            assert "nested" in error["message"]
    assert Partnership.objects.get(pk=partnership.pk).version == version  # nothing was written


def test_json_just_over_the_depth_limit_is_refused_and_at_the_limit_is_parsed(official_api, partnership):
    path = f"/api/v1/partnerships/{partnership.pk}/"
    too_deep = json.dumps({"summary": json.loads(nested(32))})  # 33 levels with the outer object
    assert _error(official_api.patch(path, too_deep, content_type="application/json"), 400)["code"] == "parse_error"
    at_limit = json.dumps({"summary": json.loads(nested(31))})
    error = _error(official_api.patch(path, at_limit, content_type="application/json"), 400)
    assert error["code"] == "validation_error" and "summary" in error["fields"]  # the serializer's turn


def test_a_nul_in_a_body_is_refused_with_a_message_on_the_field(official_api, partnership):
    response = official_api.patch(f"/api/v1/partnerships/{partnership.pk}/", {"name": "Skills\x00"}, format="json")
    error = _error(response, 400)
    assert error["code"] == "validation_error"
    assert error["fields"] == {"name": ["Control characters (such as NUL) are not allowed in text."]}
    assert Partnership.objects.get(pk=partnership.pk).name == partnership.name


def test_a_control_character_in_a_nested_row_names_the_dotted_field(partner_api, partnership):
    payload = {
        "partnership": partnership.pk,
        "category": "training",
        "subitem": "training_delivery",
        "amount": "100.00",
        "currency": "EUR",
        "shares": [{"payer": "employer", "percent": "50"}, {"payer": "gov\x07destination", "percent": "50"}],
    }
    error = _error(partner_api.post("/api/v1/cost-items/", payload, format="json"), 400)
    assert list(error["fields"]) == ["shares.1.payer"]


def test_a_control_character_in_a_key_is_refused(official_api, partnership):
    response = official_api.patch(f"/api/v1/partnerships/{partnership.pk}/", {"na\x00me": "x"}, format="json")
    assert _error(response, 400)["fields"] == {"name": ["Control characters (such as NUL) are not allowed in text."]}


def test_tabs_and_line_breaks_stay_allowed(official_api, partnership):
    summary = "First line\r\nSecond line\twith a tab"
    response = official_api.patch(f"/api/v1/partnerships/{partnership.pk}/", {"summary": summary}, format="json")
    assert response.status_code == 200, response.json()
    assert Partnership.objects.get(pk=partnership.pk).summary == summary


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=st.characters(max_codepoint=0x7F), min_size=1, max_size=40))
def test_any_ascii_name_is_saved_or_refused_with_a_field_message_never_a_500(official_api, partnership, name):
    response = official_api.patch(f"/api/v1/partnerships/{partnership.pk}/", {"name": name}, format="json")
    assert response.status_code < 500, response.content
    if has_control_characters(name):
        assert _error(response, 400)["fields"]["name"]
    elif response.status_code == 400:
        assert response.json()["error"]["fields"]


@pytest.mark.parametrize("query", ["search=%00", "name=a%00b", "ordering=%00", "%00=1", "page=%00"])
def test_a_nul_in_an_api_query_string_is_a_400_in_the_error_shape(partner_api, partnership, query):
    for path in ("/api/v1/partnerships/", f"/api/v1/partnerships/{partnership.pk}/", "/api/v1/occupations/"):
        error = _error(partner_api.get(f"{path}?{query}"), 400)
        assert error["code"] == "validation_error" and error["fields"]


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x7f", "\u2028", "\ufeff"])
def test_other_odd_characters_in_an_api_query_string_never_give_a_500(partner_api, char):
    response = partner_api.get("/api/v1/partnerships/", {"search": f"a{char}b", "name": char})
    assert response.status_code < 500


def test_a_body_over_one_mebibyte_is_a_413_and_writes_nothing(official_api, partnership):
    body = json.dumps({"summary": "x" * (1024 * 1024)})
    response = official_api.patch(f"/api/v1/partnerships/{partnership.pk}/", body, content_type="application/json")
    error = _error(response, 413)
    assert error["code"] == "request_too_large"
    assert Partnership.objects.get(pk=partnership.pk).version == partnership.version


def test_the_body_limit_is_a_setting(official_api, partnership, settings):
    settings.API_MAX_BODY_BYTES = 200
    path = f"/api/v1/partnerships/{partnership.pk}/"
    assert official_api.patch(path, {"summary": "x" * 100}, format="json").status_code == 200
    assert _error(official_api.patch(path, {"summary": "x" * 300}, format="json"), 413)["code"] == "request_too_large"


def test_a_body_that_is_not_json_is_a_parse_error(official_api, partnership):
    path = f"/api/v1/partnerships/{partnership.pk}/"
    for body in ('{"name": ', "NaN", '{"name": "\\ud800"}x', b"\xff\xfe"):
        assert _error(official_api.patch(path, body, content_type="application/json"), 400)["code"] == "parse_error"
