"""The monitoring data of one partnership as CSV and XLSX: indicator values against baseline and target, and
actual spending per cost item, payer and year against the item's plan.

Both formats hold the same two tables; the CSV puts them one after the other with a ``Table`` column, the
workbook gives each its own sheet. Every CSV cell goes through ``smp.exports.spreadsheet_safe`` (no formulas;
numbers rounded to two places); the CSV starts with a UTF-8 byte-order mark. The workbook is built by
``smp.exports.xlsx_workbook`` (typed cells, the same safe text).
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from smp.exports import CSV_BOM, spreadsheet_safe, xlsx_workbook


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
    return xlsx_workbook(
        [
            (_("Indicator values"), *value_table(data)),
            (_("Actual spending"), *spending_table(data)),
        ]
    )
