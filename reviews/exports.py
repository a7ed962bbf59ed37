"""Exports of the reviews app: the PDF design brief of one partnership (WeasyPrint).

The CSV of the filtered portfolio is streamed by ``reviews.views.dashboard_csv`` from
``reviews.selectors.portfolio_export_rows``. The brief is rendered from an HTML template with print CSS
(A4, page numbers, DejaVu fonts from fonts-dejavu-core) and needs no network: no external resource is
referenced.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from partnerships.models import Partnership
from partnerships.selectors import partnership_get_full
from reviews import selectors


def design_brief_context(*, partnership: Partnership) -> dict:
    """What the brief shows: the partnership graph, its latest successful check and the cost-sharing table."""
    p = partnership_get_full(partnership_id=partnership.pk)
    page = selectors.review_page_data(partnership=p)
    return {
        "p": p,
        "run": page["latest_run"],
        "elements": selectors.findings_by_element(page["latest_run"]),
        "costs": selectors.cost_sharing_table(partnership=p),
        "origins": [c for c in p.countries.all() if c.side == "origin"],
        "destinations": [c for c in p.countries.all() if c.side == "destination"],
        "changed_since_approval": p.approved_version is not None and p.version > p.approved_version,
        "generated_at": timezone.localtime(),
    }


def design_brief_html(*, partnership: Partnership, request=None) -> str:
    return render_to_string("reviews/brief.html", design_brief_context(partnership=partnership), request=request)


def design_brief_pdf(*, partnership: Partnership, request=None) -> bytes:
    """The design brief as PDF bytes."""
    from weasyprint import HTML

    html = design_brief_html(partnership=partnership, request=request)
    return HTML(string=html, base_url=None).write_pdf()
