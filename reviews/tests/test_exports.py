"""Exports that open cleanly: the portfolio as CSV and XLSX, a partnership's cost table as XLSX, the PDF brief.

CSV: UTF-8 with a byte-order mark, formula-safe text, numbers rounded to two places, labels instead of codes.
XLSX (openpyxl): typed cells — numbers are numbers, never text — and named sheets. PDF: the partnership's
name intact in every page's footer (no JavaScript escapes in CSS), tagged PDF/UA-1 with one bookmark per
essential element. The PDF is rendered fresh here (``design_brief_pdf``); the stored, per-language briefs
and their worker are tested in ``test_briefs.py``.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from codelists.costs import CostBasis, CostCategory, CostSubitem, Payer
from costs.calculations import partnership_cost_summary
from costs.tests.factories import CostItemFactory, CostShareFactory
from feasibility.models import FeasibilityRun
from partnerships.models import Partnership
from partnerships.selectors import partnership_get_full
from partnerships.tests.factories import PartnershipFactory
from reviews.exports import design_brief_pdf
from reviews.tests.support import check_now
from smp.exports import CSV_BOM, spreadsheet_safe, xlsx_cell, xlsx_sheet_title

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://example.com/steal","Open me")'
IVORY_COAST = "Côte d'Ivoire – Spain care & health partnership"


def csv_rows(response) -> tuple[bytes, list[dict]]:
    assert response.status_code == 200
    raw = b"".join(response.streaming_content)
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment;") and ".xlsx" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def sheet_dicts(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def cells(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


@pytest.fixture
def scored(ready):
    """The persona partnership with a succeeded run whose readiness and E1 score carry long fractions."""
    run = check_now(ready)
    results = dict(run.element_results)
    results["E1"] = {**results["E1"], "score": 70.27000000000001}
    FeasibilityRun.objects.filter(pk=run.pk).update(overall_score=Decimal("70.27"), element_results=results)
    return ready


#
# CSV
#


def test_the_csv_starts_with_the_byte_order_mark_and_keeps_accents(client, reviewer):
    PartnershipFactory(name=IVORY_COAST)
    client.force_login(reviewer)
    raw, rows = csv_rows(client.get(reverse("reviews:dashboard_csv")))
    assert raw.startswith(b"\xef\xbb\xbf") and raw.decode("utf-8").startswith(CSV_BOM)
    assert [row["Name"] for row in rows] == [IVORY_COAST]


def test_the_csv_neutralises_formulas_and_keeps_numbers_numbers(client, reviewer, scored):
    PartnershipFactory(name=HYPERLINK)
    PartnershipFactory(name="-5 seasonal workers")
    client.force_login(reviewer)
    _raw, rows = csv_rows(client.get(reverse("reviews:dashboard_csv")))
    names = {row["Name"] for row in rows}
    assert "'" + HYPERLINK in names and "'-5 seasonal workers" in names and HYPERLINK not in names
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), row
            assert not value.startswith("-") or re.fullmatch(r"-\d+(\.\d\d)?", value), row
    # A negative number is a number, not text: no apostrophe in front of it.
    assert spreadsheet_safe(-5) == -5 and spreadsheet_safe(Decimal("-5")) == "-5.00"


def test_the_csv_rounds_readiness_and_scores_to_two_places_and_shows_labels(client, reviewer, scored):
    client.force_login(reviewer)
    _raw, rows = csv_rows(client.get(reverse("reviews:dashboard_csv")))
    (row,) = rows
    assert row["Readiness (%)"] == "70.27"
    assert row["Score: E1 Long- and mid-term planning"] == "70.27"
    for header, value in row.items():
        if header.startswith("Score:") and value:
            assert re.fullmatch(r"\d+\.\d\d", value), (header, value)
    assert row["Stage"] == scored.get_stage_display() and row["Review status"] == "Draft"
    assert row["Recruitment verdict"] in {"Pass", "Warning", "Fail", "Not assessed"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", row["Last changed"])


def test_the_migrant_share_and_cost_per_migrant_are_rounded(client, reviewer, partnership):
    from reviews.models import PartnershipFigures

    PartnershipFigures.objects.update_or_create(
        partnership=partnership,
        defaults={
            "partnership_version": partnership.version,
            "cost_per_migrant": Decimal("1234.5"),
            "migrant_share_pct": Decimal("12.5"),
            "currency": "EUR",
        },
    )
    client.force_login(reviewer)
    _raw, (row,) = csv_rows(client.get(reverse("reviews:dashboard_csv")))
    assert (row["Cost per migrant"], row["Borne by migrants (%)"], row["Currency"]) == ("1234.50", "12.50", "EUR")


#
# XLSX: the portfolio
#


def test_the_portfolio_workbook_has_typed_cells_and_no_formula(client, reviewer, scored):
    PartnershipFactory(name=HYPERLINK)
    PartnershipFactory(name=IVORY_COAST, planned_migrants_total=120)
    client.force_login(reviewer)
    book = workbook(client.get(reverse("reviews:dashboard_xlsx")))
    assert book.sheetnames == ["Portfolio"]
    rows = {row["Name"]: row for row in sheet_dicts(book["Portfolio"])}
    assert set(rows) == {scored.name, "'" + HYPERLINK, IVORY_COAST}
    checked = rows[scored.name]
    assert checked["Readiness (%)"] == pytest.approx(70.27) and isinstance(checked["Readiness (%)"], float)
    assert checked["Score: E1 Long- and mid-term planning"] == pytest.approx(70.27)
    assert isinstance(checked["ID"], int) and checked["ID"] == scored.pk
    assert rows[IVORY_COAST]["Planned migrants"] == 120
    assert rows[IVORY_COAST]["Readiness (%)"] is None  # not checked yet: an empty cell, not ""
    assert all(cell.data_type != "f" for cell in cells(book))
    readiness = next(cell for cell in book["Portfolio"][1] if cell.value == "Readiness (%)")
    assert book["Portfolio"].cell(row=2, column=readiness.column).number_format in ("General", "#,##0.00")


def test_the_portfolio_workbook_follows_the_dashboard_filters(client, reviewer, partnership):
    PartnershipFactory(name="Seasonal scheme", migration_types=["seasonal"])
    client.force_login(reviewer)
    book = workbook(client.get(reverse("reviews:dashboard_xlsx"), {"migration_type": "seasonal"}))
    assert [row["Name"] for row in sheet_dicts(book["Portfolio"])] == ["Seasonal scheme"]


def test_an_official_s_portfolio_workbook_holds_only_their_partnerships(client, dest_official, partnership):
    PartnershipFactory(name="Somebody else's scheme")
    client.force_login(dest_official)
    book = workbook(client.get(reverse("reviews:dashboard_xlsx")))
    assert [row["Name"] for row in sheet_dicts(book["Portfolio"])] == [partnership.name]


def test_the_dashboard_offers_the_workbook_with_the_same_filters(client, reviewer, partnership):
    client.force_login(reviewer)
    html = client.get(reverse("reviews:dashboard"), {"migration_type": "seasonal"}).content.decode()
    assert reverse("reviews:dashboard_xlsx") + "?migration_type=seasonal" in html
    assert reverse("reviews:dashboard_csv") + "?migration_type=seasonal" in html


def test_the_portfolio_workbook_costs_the_same_queries_for_3_and_for_30_partnerships(
    client, reviewer, django_assert_max_num_queries
):
    from reviews.tests.support import portfolio_seed

    portfolio_seed(3)
    client.force_login(reviewer)
    # Session and user (2), the partnerships with their latest run's figures and cost figures (1).
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("reviews:dashboard_xlsx"))
    portfolio_seed(27, seed=8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        book = workbook(client.get(reverse("reviews:dashboard_xlsx")))
    assert book["Portfolio"].max_row == 31


#
# XLSX: a partnership's cost table
#


@pytest.fixture
def costed(partnership):
    """Two cost lines: a fixed 20,000 EUR line shared employer 60 % / destination government 40 %, and a
    per-migrant 1,000.50 EUR travel line paid by the migrant; 10 planned migrants."""
    Partnership.objects.filter(pk=partnership.pk).update(planned_migrants_total=10, reporting_currency="EUR")
    meetings = CostItemFactory(partnership=partnership)
    CostShareFactory(item=meetings, payer=Payer.EMPLOYER, percent=Decimal("60"))
    CostShareFactory(item=meetings, payer=Payer.GOV_DESTINATION, percent=Decimal("40"))
    travel = CostItemFactory(
        partnership=partnership,
        category=CostCategory.TRAVEL,
        subitem=CostSubitem.TRANSPORT,
        basis=CostBasis.PER_MIGRANT,
        amount=Decimal("1000.50"),
        description="=cmd|' /C calc'!A0",
    )
    CostShareFactory(item=travel, payer=Payer.MIGRANT, percent=Decimal("100"))
    partnership.refresh_from_db()
    return partnership


def test_the_cost_table_workbook_holds_items_shares_and_figures_as_numbers(client, dest_official, costed):
    client.force_login(dest_official)
    book = workbook(client.get(reverse("reviews:cost_table_xlsx", args=[costed.pk])))
    assert book.sheetnames == ["Cost items", "Cost figures"]
    items = {row["Sub-item"]: row for row in sheet_dicts(book["Cost items"])}
    meetings = items["Partnership meetings and running the partnership"]
    assert meetings["Category"] == "Project implementation" and meetings["Basis"] == "Fixed"
    assert meetings["Amount per unit"] == 20000 and meetings["Total in EUR"] == 20000
    assert meetings["Employer (%)"] == 60 and meetings["Government of destination (%)"] == 40
    assert meetings["Migrant (%)"] is None
    travel = items["Travel and lodging on the way to the job"]
    assert travel["Quantity"] == 10 and travel["Total in the item's currency"] == pytest.approx(10005)
    assert travel["Migrant (%)"] == 100 and travel["Description"].startswith("'=")
    summary = partnership_cost_summary(partnership=costed)
    figures = {row["Figure"]: row for row in sheet_dicts(book["Cost figures"])}
    assert figures["Total"]["Value"] == pytest.approx(float(summary.total)) == 30005
    assert figures["Cost per migrant"]["Value"] == pytest.approx(float(summary.cost_per_migrant))
    assert figures["Cost per migrant"]["Unit"] == "EUR"
    assert figures["Share borne by migrants"]["Value"] == pytest.approx(float(summary.migrant_share_pct))
    assert figures["Paid by: Employer"]["Value"] == pytest.approx(12000)
    for cell in cells(book):
        if cell.row > 1 and isinstance(cell.value, str):
            assert not re.fullmatch(r"-?\d+(\.\d+)?", cell.value), f"number stored as text: {cell.coordinate}"
        assert cell.data_type != "f"


def test_a_missing_exchange_rate_is_said_in_the_cost_figures(client, reviewer, costed):
    CostItemFactory(partnership=costed, currency="MAD", amount=Decimal("500"))
    client.force_login(reviewer)
    book = workbook(client.get(reverse("reviews:cost_table_xlsx", args=[costed.pk])))
    (figure,) = sheet_dicts(book["Cost figures"])
    assert "no exchange rate for MAD→EUR" in figure["Figure"]
    assert all(row["Total in EUR"] is None for row in sheet_dicts(book["Cost items"]))


def test_an_outsider_gets_404_for_the_cost_table(client, outsider, costed):
    client.force_login(outsider)
    assert client.get(reverse("reviews:cost_table_xlsx", args=[costed.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("reviews:cost_table_xlsx", args=[costed.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_review_page_and_the_design_tab_link_to_the_cost_table(client, dest_official, costed):
    client.force_login(dest_official)
    link = reverse("reviews:cost_table_xlsx", args=[costed.pk])
    assert link in client.get(reverse("reviews:partnership", args=[costed.pk])).content.decode()
    assert link in client.get(reverse("monitoring:page", args=[costed.pk])).content.decode()


def test_the_cost_table_costs_the_same_queries_for_2_and_for_12_items(
    client, reviewer, costed, django_assert_max_num_queries
):
    client.force_login(reviewer)
    url = reverse("reviews:cost_table_xlsx", args=[costed.pk])
    # Session and user, the visible partnership, partnership_get_full's fixed set, the exchange rates.
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for _ in range(10):
        CostShareFactory(item=CostItemFactory(partnership=costed))
    with django_assert_max_num_queries(len(few.captured_queries)):
        book = workbook(client.get(url))
    assert book["Cost items"].max_row == 13


#
# Shared cell helpers
#


def test_typed_cells_keep_numbers_numbers_and_text_safe():
    assert xlsx_cell(-5) == -5
    assert xlsx_cell(Decimal("-5.5")) == Decimal("-5.50")
    assert xlsx_cell(70.27000000000001) == Decimal("70.27")
    assert xlsx_cell(float("inf")) is None and xlsx_cell(None) is None
    assert xlsx_cell("-5") == "'-5" and xlsx_cell(HYPERLINK) == "'" + HYPERLINK
    assert xlsx_sheet_title("Costs: 2025/2026 [draft]") == "Costs  2025 2026  draft"
    assert len(xlsx_sheet_title("x" * 40)) == 31


#
# PDF brief
#


def run_poppler(tool: str, *args: str, pdf: bytes, tmp_path) -> str:
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [f"/usr/bin/{tool}", *args, str(path), *(["-"] if tool in ("pdftotext",) else [])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture
def ivory_brief(ready):
    """A fresh brief (not the stored one) of a partnership whose name holds an apostrophe, dashes and an ampersand,
    with a run, so that it has a section per element and spans several pages."""
    Partnership.objects.filter(pk=ready.pk).update(name=IVORY_COAST)
    run = check_now(ready)
    return design_brief_pdf(partnership=partnership_get_full(partnership_id=ready.pk), run=run, language="en")


def test_the_brief_s_footer_shows_the_name_intact_on_every_page(ivory_brief, tmp_path):
    text = run_poppler("pdftotext", "-layout", pdf=ivory_brief, tmp_path=tmp_path)
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        footer = page.strip().splitlines()[-1]
        assert IVORY_COAST in footer, (number, footer)
        assert f"Page {number} / {len(pages)}" in footer
    for escape in ("u002D", "u0027", "u0026", "\\u"):
        assert escape not in text


def test_the_brief_declares_pdf_ua_and_is_tagged(ivory_brief, tmp_path):
    info = run_poppler("pdfinfo", pdf=ivory_brief, tmp_path=tmp_path)
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Title:\s+Design brief: " + re.escape(IVORY_COAST) + "$", info, re.M), info
    metadata = run_poppler("pdfinfo", "-meta", pdf=ivory_brief, tmp_path=tmp_path)
    assert re.search(r"pdfuaid:part(>|=\")1", metadata), metadata
    # The structure tree (StructTreeRoot): the document, its headings, paragraphs and tables as tags.
    structure = run_poppler("pdfinfo", "-struct", pdf=ivory_brief, tmp_path=tmp_path)
    assert structure.startswith("Document")
    tags = re.findall(r"^\s*(\w+)", structure, re.M)
    assert tags.count("H1") == 1 and tags.count("H3") == 9 and "Table" in tags and "TH" in tags


def test_the_brief_has_a_bookmark_per_essential_element(ivory_brief, tmp_path):
    xml = run_poppler("pdftohtml", "-xml", "-i", "-stdout", "-q", pdf=ivory_brief, tmp_path=tmp_path)
    outline = re.findall(r"<item page=\"\d+\">([^<]*)</item>", xml)
    assert outline, xml[:2000]
    for code in ("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "R"):
        assert any(title.startswith(f"{code} ") for title in outline), (code, outline)
    assert any(IVORY_COAST.replace("&", "&amp;") in title or IVORY_COAST in title for title in outline)
