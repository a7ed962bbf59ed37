"""Cells of every CSV (and any other spreadsheet) export (issue 16, "Trust"; issue 21).

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and treats a leading
tab or carriage return alike — so a partnership named ``=HYPERLINK(…)`` would become a live formula on a
reviewer's machine. :func:`spreadsheet_safe` prefixes such text with an apostrophe (``'``), which shows the
text as typed. Numbers are never touched: ``-5`` stays the number ``-5``. Decimal fractions are rounded to
two places. Files start with a UTF-8 byte-order mark (:data:`CSV_BOM`) so spreadsheets read accents right.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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
    if isinstance(value, list | tuple):
        value = " ".join(str(item) for item in value)
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
