"""The monitoring data of one partnership as CSV and XLSX: indicator values against baseline and target, and
actual spending per cost item, payer and year against the item's plan.

Both formats hold the same two tables; the CSV puts them one after the other with a ``Table`` column, the
workbook gives each its own sheet. Every cell goes through ``smp.exports.spreadsheet_safe`` (no formulas;
numbers rounded to two places); the CSV starts with a UTF-8 byte-order mark.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from smp.exports import CSV_BOM, spreadsheet_safe


def value_table(data: dict) -> tuple[list[str], list[list]]:
    header = [
        _("Indicator"),
        _("Unit"),
        _("Baseline"),
        _("Target"),
        _("Target date"),
        _("Reporting period"),
        _("Collected at"),
        _("Measured on"),
        _("Value"),
        _("Disaggregation"),
        _("Note"),
    ]
    rows = []
    for entry in data["indicators"]:
        indicator = entry.indicator
        for value in entry.values:
            rows.append(
                [
                    indicator.name,
                    indicator.unit,
                    indicator.baseline_value,
                    indicator.target_value,
                    indicator.target_date.isoformat() if indicator.target_date else "",
                    value.period.name if value.period_id else "",
                    value.get_collection_point_display(),
                    value.measured_on.isoformat(),
                    value.number if value.number is not None else value.value,
                    value.disaggregation_key,
                    value.note,
                ]
            )
    return header, rows


def spending_table(data: dict) -> tuple[list[str], list[list]]:
    header = [
        _("Cost item"),
        _("Currency"),
        _("Planned for the item"),
        _("Reporting period"),
        _("Year"),
        _("Payer"),
        _("Paying organisation"),
        _("Amount spent"),
    ]
    periods = {period.pk: period.name for period in data["periods"]}
    rows = []
    for row in data["item_rows"]:
        item = row["item"]
        if item.actual_amount is not None and not item.spending.all():
            # Spent on the whole line, recorded as one amount (without records by payer and year).
            rows.append(
                [
                    str(item),
                    item.currency,
                    row["planned"],
                    "",
                    item.year,
                    _("Not split by payer"),
                    "",
                    item.actual_amount,
                ]
            )
        for record in item.spending.all():
            rows.append(
                [
                    str(item),
                    item.currency,
                    row["planned"],
                    periods.get(record.period_id, ""),
                    record.year,
                    record.get_payer_display(),
                    str(record.organisation) if record.organisation_id else "",
                    record.amount,
                ]
            )
    return header, rows


def as_csv(data: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    out.write(CSV_BOM)
    for title, (header, rows) in (
        (_("Indicator values"), value_table(data)),
        (_("Actual spending"), spending_table(data)),
    ):
        writer.writerow([_("Table"), *header])
        for row in rows:
            writer.writerow([title, *(spreadsheet_safe(cell) for cell in row)])
        writer.writerow([])
    return out.getvalue()


def as_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, (header, rows) in (
        (_("Indicator values"), value_table(data)),
        (_("Actual spending"), spending_table(data)),
    ):
        sheet = book.create_sheet(title=title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_xlsx_cell(cell) for cell in row])
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value):
    """Numbers stay numbers (a spreadsheet can sum them); text is made safe like in the CSV."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int):
        return value
    return spreadsheet_safe(value)
