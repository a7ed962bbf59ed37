"""Exports of the reviews app: the portfolio (CSV, XLSX), a partnership's cost table (XLSX) and the PDF
design brief of one partnership (WeasyPrint).

The portfolio's columns are declared once (:func:`portfolio_table`): the CSV streamed by
``reviews.views.dashboard_csv`` and the workbook of ``reviews.views.dashboard_xlsx`` show the same headers
and values, from ``reviews.selectors.portfolio_export_rows``. Cells go through ``smp.exports``: CSV text
made formula-safe, numbers rounded to two places; workbook cells typed (numbers stay numbers).

Only the Celery task ``reviews.render_design_brief`` (through ``reviews.services.design_brief_render``) calls
``design_brief_pdf``: web requests ask for a brief and download the stored file, they never render
(docs/review.md "PDF design brief"). The brief is rendered from an HTML template with print CSS (A4, page
numbers, DejaVu fonts from fonts-dejavu-core) and needs no network: no external resource is referenced. It
is a tagged PDF/UA-1 document (language, title, one bookmark per heading: each essential element has one).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from codelists.partnerships import ElementCode
from feasibility.models import FeasibilityRun, RecruitmentVerdict
from partnerships.models import Partnership
from reviews import selectors
from smp.exports import xlsx_workbook

#
# The portfolio (CSV and XLSX)
#


def _verdict_label(code: str | None) -> str:
    return str(dict(RecruitmentVerdict.choices).get(code, code or ""))


def _red_flags(value) -> list[str]:
    if isinstance(value, str):  # SQLite returns the JSON text from a subquery
        return json.loads(value or "[]")
    return list(value or [])


def portfolio_header() -> list[str]:
    """The column headers of the portfolio exports, in words, in the active language."""
    element_names = dict(ElementCode.choices)
    return [
        _("ID"),
        _("Name"),
        _("Stage"),
        _("Review status"),
        _("Review round"),
        _("Version"),
        _("Approved version"),
        _("Planned migrants"),
        _("Readiness (%)"),
        *[_("Score: %(element)s") % {"element": element_names[code]} for code in selectors.ELEMENT_CODES],
        _("Recruitment verdict"),
        _("Recruitment red flags"),
        _("Cost per migrant"),
        _("Currency"),
        _("Borne by migrants (%)"),
        _("Last changed"),
    ]


def portfolio_row(p: Partnership) -> list:
    """One partnership of ``portfolio_export_rows`` as raw values (labels for codes; numbers unformatted)."""
    return [
        p.pk,
        p.name,
        p.get_stage_display(),
        p.get_review_status_display(),
        p.review_round,
        p.version,
        p.approved_version,
        p.planned_migrants_total,
        p.readiness,
        *[getattr(p, f"score_{code}") for code in selectors.ELEMENT_CODES],
        _verdict_label(p.recruitment_verdict),
        _red_flags(p.red_flags),
        p.cost_per_migrant,
        p.cost_currency,
        p.migrant_share_pct,
        p.updated_at,
    ]


def portfolio_rows(partnerships: Iterable[Partnership]) -> Iterator[list]:
    for p in partnerships:
        yield portfolio_row(p)


def portfolio_xlsx(*, partnerships) -> bytes:
    """The filtered portfolio (a ``portfolio_export_rows`` queryset) as a one-sheet workbook."""
    rows = portfolio_rows(partnerships.iterator(chunk_size=1000))
    return xlsx_workbook([(_("Portfolio"), portfolio_header(), rows)])


#
# A partnership's cost table (XLSX)
#


def cost_table_sheets(*, partnership: Partnership) -> list[tuple[str, list[str], list[list]]]:
    """The cost items with their totals and shares per payer, then the partnership's cost figures (§8.4).

    ``partnership`` is loaded by ``partnership_get_full``; the figures come from ``costs.calculations``
    through ``reviews.selectors.cost_sharing_table`` (one query for the exchange rates).
    """
    table = selectors.cost_sharing_table(partnership=partnership)
    currency = table["currency"]
    summary = table["summary"]
    figures = {row.item_id: row for row in summary.items} if summary is not None else {}
    payer_labels = [label for _code, label in table["payers"]]
    header = [
        _("Category"),
        _("Sub-item"),
        _("Description"),
        _("Basis"),
        _("Amount per unit"),
        _("Currency"),
        _("Quantity"),
        _("Total in the item's currency"),
        _("Total in %(currency)s") % {"currency": currency},
        *[_("%(payer)s (%%)") % {"payer": label} for label in payer_labels],
    ]
    rows = []
    for row in table["rows"]:
        item = row["item"]
        figure = figures.get(item.pk)
        rows.append(
            [
                item.get_category_display(),
                item.get_subitem_display(),
                item.description,
                item.get_basis_display(),
                item.amount,
                item.currency,
                figure.quantity if figure else None,
                figure.total_own if figure else None,
                row["total"],
                *row["percents"],
            ]
        )
    facts_header = [_("Figure"), _("Value"), _("Unit")]
    facts: list[list] = []
    if table["missing_rates"]:
        facts.append(
            [
                _("Totals cannot be computed: no exchange rate for %(pairs)s.") % {"pairs": table["missing_rates"]},
                None,
                "",
            ]
        )
    if summary is not None:
        facts.append([_("Total"), summary.total, currency])
        for label, amount, share in zip(payer_labels, table["by_payer"], table["payer_share_pct"], strict=True):
            facts.append([_("Paid by: %(payer)s") % {"payer": label}, amount, currency])
            facts.append([_("Share paid by: %(payer)s") % {"payer": label}, share, "%"])
        facts.append([_("Not yet shared"), summary.unassigned_total, currency])
        facts.append([_("Planned migrants"), summary.planned_migrants, ""])
        facts.append([_("Cost per migrant"), summary.cost_per_migrant, currency])
        facts.append([_("Borne by migrants"), summary.migrant_total, currency])
        facts.append([_("Borne by migrants, per migrant"), summary.migrant_cost_per_migrant, currency])
        facts.append([_("Share borne by migrants"), summary.migrant_share_pct, "%"])
        facts.append([_("Public share"), summary.public_share_pct, "%"])
        facts.append([_("Exchange rates valued on"), summary.valuation_date, ""])
    return [(_("Cost items"), header, rows), (_("Cost figures"), facts_header, facts)]


def cost_table_xlsx(*, partnership: Partnership) -> bytes:
    """A partnership's cost table as a workbook: sheets "Cost items" and "Cost figures"."""
    return xlsx_workbook(cost_table_sheets(partnership=partnership))


#
# The PDF design brief
#

#: An element's outcome in a run (``element_results``' status, or the recruitment verdict), in words.
ELEMENT_STATUS_LABELS = {**dict(RecruitmentVerdict.choices), "not_applicable": gettext_lazy("Not applicable")}
#: Tagged PDF for assistive technology (ISO 14289-1): structure tree, language, title, bookmarks.
PDF_VARIANT = "pdf/ua-1"


def design_brief_context(*, partnership: Partnership, run: FeasibilityRun | None) -> dict:
    """What the brief shows: the partnership graph (as loaded by ``partnership_get_full``), the given
    feasibility run (the latest succeeded one when the brief was asked for) and the cost-sharing table."""
    p = partnership
    return {
        "p": p,
        "run": run,
        "elements": [
            {**element, "status_label": ELEMENT_STATUS_LABELS.get(element["status"], element["status"])}
            for element in selectors.findings_by_element(run)
        ],
        "costs": selectors.cost_sharing_table(partnership=p),
        "origins": [c for c in p.countries.all() if c.side == "origin"],
        "destinations": [c for c in p.countries.all() if c.side == "destination"],
        "changed_since_approval": p.approved_version is not None and p.version > p.approved_version,
        "generated_at": timezone.localtime(),
        "LANGUAGE_CODE": translation.get_language(),
    }


def design_brief_html(*, partnership: Partnership, run: FeasibilityRun | None) -> str:
    return render_to_string("reviews/brief.html", design_brief_context(partnership=partnership, run=run))


def design_brief_pdf(*, partnership: Partnership, run: FeasibilityRun | None, language: str) -> bytes:
    """The design brief as PDF bytes, in ``language`` (slow: 1–3 s; call it from a worker only)."""
    from weasyprint import HTML

    with translation.override(language):
        html = design_brief_html(partnership=partnership, run=run)
        return HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)
