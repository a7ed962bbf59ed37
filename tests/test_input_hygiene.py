"""Issue 16 ("Trust") for the web pages: NUL and control characters never give a 500, CSV cells are inert.

The API's side (deep JSON, bodies, If-Match, database outage) is tested in ``api/tests``.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from api.models import ApiToken
from partnerships.tests.factories import PartnershipFactory
from reviews.tests.support import check_now
from skills.tests.factories import OccupationFactory
from smp.exports import CSV_BOM, spreadsheet_safe
from smp.text import has_control_characters, strip_control_characters

pytestmark = pytest.mark.django_db

NUL_QUERY = {"q": "bau\x00", "element": "E1\x00", "search": "\x00", "page": "\x00"}


def _web_pages(partnership) -> list[str]:
    pk = partnership.pk
    return [
        "/",
        reverse("design:list"),
        reverse("design:occupations"),
        reverse("design:step", kwargs={"pk": pk, "code": "basics"}),
        reverse("design:step", kwargs={"pk": pk, "code": "review"}),
        reverse("design:tasks", kwargs={"pk": pk}),
        reverse("design:check", kwargs={"pk": pk}),
        reverse("reviews:dashboard"),
        reverse("reviews:dashboard_csv"),
        reverse("reviews:partnership", kwargs={"pk": pk}),
        reverse("api:tokens"),
        "/rules/",
    ]


def test_a_nul_in_the_query_string_of_any_page_is_a_400_page_with_a_message(client, dest_official, partnership):
    client.force_login(dest_official)
    for path in _web_pages(partnership):
        response = client.get(path, NUL_QUERY)
        assert response.status_code == 400, (path, response.status_code)
        assert "null character" in response.content.decode(), path


def test_the_occupation_search_with_a_nul_is_a_400_not_a_500(client, dest_official):
    client.force_login(dest_official)
    assert client.get("/partnerships/occupations/?q=%00").status_code == 400
    assert client.get("/partnerships/occupations/?q=71%0012").status_code == 400


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=20))
def test_the_occupation_search_answers_any_text_without_a_500(client, dest_official, query):
    OccupationFactory(code="7112")  # noqa: F841 — something to find
    client.force_login(dest_official)
    response = client.get("/partnerships/occupations/", {"q": query})
    assert response.status_code == (400 if "\x00" in query else 200), (query, response.status_code)


@pytest.fixture
def ministry_client(dest_ministry):
    """An API client of the destination ministry, whose keys ``dest_official`` may issue."""
    return UserFactory(username="ministry_erp", role=UserRole.PARTNER, organisations=[dest_ministry])


def test_issuing_a_token_with_a_nul_in_its_name_is_a_400_and_issues_nothing(client, dest_official, ministry_client):
    client.force_login(dest_official)
    response = client.post("/api/tokens/", {"name": "ERP\x00", "user": ministry_client.pk})
    assert response.status_code == 400
    assert "null character" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_issuing_a_token_with_a_control_character_names_the_field(client, dest_official, ministry_client):
    client.force_login(dest_official)
    response = client.post("/api/tokens/", {"name": "ERP\x1b[31m", "user": ministry_client.pk})
    assert response.status_code == 400
    assert "no control characters" in response.content.decode()
    assert not ApiToken.objects.exists()
    response = client.post("/api/tokens/", {"name": "ERP\tsystem", "user": ministry_client.pk})
    assert response.status_code == 201


def test_a_nul_in_a_wizard_form_is_a_400_and_saves_nothing(client, dest_official, partnership):
    client.force_login(dest_official)
    step = reverse("design:step", kwargs={"pk": partnership.pk, "code": "review"})
    response = client.post(step, {"action": "submit", "comment": "ready\x00"})
    assert response.status_code == 400
    partnership.refresh_from_db()
    assert partnership.review_status == "draft"


def test_the_control_character_helpers_keep_tab_and_line_breaks():
    assert has_control_characters("a\x00b") and has_control_characters("\x1f") and has_control_characters("\x0b")
    assert not has_control_characters("a\tb\r\nc — é")
    assert strip_control_characters("a\x00b\x07\tc\n") == "ab\tc\n"


#
# CSV
#

FORMULAS = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert spreadsheet_safe(text) == "'" + text


def test_numbers_and_harmless_text_stay_as_they_are():
    assert spreadsheet_safe(-5) == -5
    assert spreadsheet_safe(Decimal("-5.5")) == "-5.50"
    assert spreadsheet_safe(-0.125) == "-0.13"
    assert spreadsheet_safe(99.375) == "99.38"
    assert spreadsheet_safe(Decimal("70")) == "70.00"
    assert spreadsheet_safe(float("nan")) == ""
    assert spreadsheet_safe(None) == ""
    assert spreadsheet_safe(["R.3", "R.14"]) == "R.3 R.14"
    assert spreadsheet_safe(["=x"]) == "'=x"
    assert spreadsheet_safe("Ghana–Germany care workers") == "Ghana–Germany care workers"


def test_the_portfolio_csv_neutralises_formulas_and_keeps_numbers(client, reviewer, partnership):
    for name in FORMULAS:
        PartnershipFactory(name=name)
    check_now(partnership)
    client.force_login(reviewer)
    response = client.get(reverse("reviews:dashboard_csv"))
    assert response.status_code == 200
    raw = b"".join(response.streaming_content).decode("utf-8")
    assert raw.startswith(CSV_BOM)  # UTF-8 with a byte-order mark
    rows = list(csv.DictReader(io.StringIO(raw.removeprefix(CSV_BOM))))
    names = {row["Name"] for row in rows}
    assert {"'" + name for name in FORMULAS} <= names
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), row
            assert not value.startswith("-") or value[1:].replace(".", "").isdigit(), row
    checked = next(row for row in rows if row["Name"] == partnership.name)
    for column in ("Readiness (%)", "Score: E1 Long- and mid-term planning"):
        whole, _dot, places = checked[column].partition(".")
        assert whole.isdigit() and len(places) == 2, checked[column]  # a number, two decimals
