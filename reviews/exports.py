"""Exports of the reviews app: the PDF design brief of one partnership (WeasyPrint).

Only the Celery task ``reviews.render_design_brief`` (through ``reviews.services.design_brief_render``) calls
``design_brief_pdf``: web requests ask for a brief and download the stored file, they never render
(docs/review.md "PDF design brief"). The CSV of the filtered portfolio is streamed by
``reviews.views.dashboard_csv`` from ``reviews.selectors.portfolio_export_rows``. The brief is rendered from
an HTML template with print CSS (A4, page numbers, DejaVu fonts from fonts-dejavu-core) and needs no network:
no external resource is referenced.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from feasibility.models import FeasibilityRun
from partnerships.models import Partnership
from reviews import selectors


def design_brief_context(*, partnership: Partnership, run: FeasibilityRun | None) -> dict:
    """What the brief shows: the partnership graph (as loaded by ``partnership_get_full``), the given
    feasibility run (the latest succeeded one when the brief was asked for) and the cost-sharing table."""
    p = partnership
    return {
        "p": p,
        "run": run,
        "elements": selectors.findings_by_element(run),
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
        return HTML(string=html, base_url=None).write_pdf()
