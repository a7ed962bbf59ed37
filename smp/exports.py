"""Cells of every CSV and XLSX export (issue 16, "Trust"; issue 21).

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and treats a leading
tab or carriage return alike — so a partnership named ``=HYPERLINK(…)`` would become a live formula on a
reviewer's machine. :func:`spreadsheet_safe` prefixes such text with an apostrophe (``'``), which shows the
text as typed. Numbers are never touched: ``-5`` stays the number ``-5``. Decimal fractions are rounded to
two places. Files start with a UTF-8 byte-order mark (:data:`CSV_BOM`) so spreadsheets read accents right.

Workbooks (:func:`xlsx_workbook`) hold typed cells: numbers as numbers (a spreadsheet can sum them; fractions
rounded to two places and shown with two decimals), dates as dates, text made safe as in the CSV. Every
XLSX export (monitoring, portfolio, cost table) builds its file with it.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

#: Written first, so spreadsheet programs open the file as UTF-8.
CSV_BOM = "\ufeff"
#: Leading characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TWO_PLACES = Decimal("0.01")


def spreadsheet_number(value: int | float | Decimal, places: Decimal = TWO_PLACES) -> str:
    """A number as text: integers as they are, fractions rounded half up to two decimals (``70.25``)."""
    if isinstance(value, int):
        return str(value)
    try:
        number = Decimal(str(value)).quantize(places, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # infinity: no spreadsheet number
        return ""
    return str(number) if number.is_finite() else ""


def spreadsheet_safe(value) -> str | int:
    """One cell: ``None`` → empty, numbers as numbers, lists joined by spaces, risky text prefixed with ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        return spreadsheet_number(value)
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        value = " ".join(str(item) for item in value)
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _local(value: datetime.datetime) -> datetime.datetime:
    """A moment as the reader's wall-clock time, without zone (neither CSV nor Excel cells keep one)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


#
# Workbooks (openpyxl)
#

#: How a fraction is shown: thousands separated, two decimals (the value itself keeps its two places).
DECIMAL_FORMAT = "#,##0.00"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
#: Characters Excel refuses in a sheet name; a name is at most 31 characters.
_SHEET_NAME_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


def xlsx_cell(value):
    """One typed cell: ``None`` stays empty, integers stay integers, fractions become numbers rounded to two
    places (never text), moments lose their zone in local time, anything else is text as in the CSV."""
    if value is None:
        return None
    if isinstance(value, bool):
        return spreadsheet_safe(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        text = spreadsheet_number(value)
        return Decimal(text) if text else None
    if isinstance(value, datetime.datetime):
        return _local(value)
    if isinstance(value, datetime.date):
        return value
    return spreadsheet_safe(value)


def xlsx_sheet_title(title: str) -> str:
    """``title`` as Excel accepts it: no ``\\ / * ? : [ ]``, at most 31 characters."""
    return _SHEET_NAME_FORBIDDEN.sub(" ", str(title)).strip()[:31] or "Sheet"


def xlsx_workbook(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """A workbook of one sheet per ``(title, header, rows)``: a bold, frozen header row, typed cells
    (:func:`xlsx_cell`) and columns as wide as their content (10 to 60 characters)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=xlsx_sheet_title(title))
        sheet.append([str(label) for label in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(label)) for label in header]
        for row in rows:
            sheet.append([xlsx_cell(value) for value in row])
            for index, cell in enumerate(sheet[sheet.max_row]):
                if isinstance(cell.value, Decimal):
                    cell.number_format = DECIMAL_FORMAT
                elif isinstance(cell.value, datetime.datetime):
                    cell.number_format = DATETIME_FORMAT
                shown = len(str(spreadsheet_safe(cell.value)))
                if index < len(widths):
                    widths[index] = max(widths[index], shown)
                else:
                    widths.append(shown)
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, width + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
