"""ISCO-08 import: the ILO's occupation structure into ``skills.Occupation``.

Input is a UTF-8 CSV with a header row (SMP-DOMAIN §6.1 "Loader input"; columns in
``docs/reference-data.md``). Only ``code`` and ``title`` are required: the level and
the parent follow from the code (1 digit major group, 2 sub-major, 3 minor, 4 unit;
the parent is the code one digit shorter), and the skill level defaults to the one
ISCO-08 gives the major group (sub-major group for groups 1 and 0). Codes are strings,
so the armed-forces group ``0`` keeps its leading zero.

The whole file is checked before anything is written and the write runs in one
transaction: a malformed row stops the import, names its CSV line and leaves the
database as it was. Re-importing the same file changes no row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from partnerships.reference_data import LoadResult, rows_sync

LEVELS = {1: "major", 2: "sub_major", 3: "minor", 4: "unit"}
CODE_RE = re.compile(r"^[0-9]{1,4}$")

# ISCO-08 skill level by major group; groups 1 and 0 span several levels and are set per sub-major group
# (SMP-DOMAIN §6.1 [outside sources: ISCO-08]).
MAJOR_SKILL_LEVEL = {"2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1}
SUB_MAJOR_SKILL_LEVEL = {"11": 4, "12": 4, "13": 4, "14": 3, "01": 4, "02": 2, "03": 1}

REQUIRED_COLUMNS = ("code", "title")
OPTIONAL_COLUMNS = ("level", "parent", "skill_level", "esco_uri")


class IscoImportError(ValueError):
    """A malformed ISCO CSV; ``line`` is the CSV line (1 = header) when the fault is in one row."""

    def __init__(self, message: str, *, line: int | None = None):
        self.line = line
        super().__init__(str(_("line %(line)d: %(message)s") % {"line": line, "message": message}) if line else message)


@dataclass(frozen=True)
class IscoRow:
    """One validated CSV row."""

    line: int
    code: str
    level: str
    title: str
    parent: str | None
    skill_level: int | None
    esco_uri: str | None  # None = column absent, leave the stored value alone


def isco_level(code: str) -> str:
    """``major``, ``sub_major``, ``minor`` or ``unit``, from the code's length."""
    return LEVELS[len(code)]


def isco_default_skill_level(code: str) -> int | None:
    """The ISCO-08 skill level of a group; None for major groups 1 and 0, which span several levels."""
    if code[0] in MAJOR_SKILL_LEVEL:
        return MAJOR_SKILL_LEVEL[code[0]]
    return SUB_MAJOR_SKILL_LEVEL.get(code[:2]) if len(code) >= 2 else None


def isco_parse(text: Iterable[str], *, stored_codes: Iterable[str] = ()) -> list[IscoRow]:
    """Validate a whole ISCO CSV; raise :class:`IscoImportError` at the first malformed row.

    ``stored_codes`` are codes already in the database, which count as known parents.
    """
    reader = csv.DictReader(text)
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise IscoImportError(
            str(_("the header must name the columns %(columns)s; missing: %(missing)s."))
            % {"columns": ", ".join(REQUIRED_COLUMNS), "missing": ", ".join(missing)},
            line=1,
        )
    unknown = [name for name in header if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise IscoImportError(
            str(_("unknown column(s) %(unknown)s; allowed: %(allowed)s."))
            % {"unknown": ", ".join(unknown), "allowed": ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)},
            line=1,
        )
    reader.fieldnames = header
    has_esco = "esco_uri" in header

    raw: list[tuple[int, dict[str, str]]] = []
    seen: dict[str, int] = {}
    for row in reader:
        values = {key: (value or "").strip() for key, value in row.items() if key}
        if not any(values.values()):
            continue
        line = reader.line_num
        code = values.get("code", "")
        if not CODE_RE.match(code):
            raise IscoImportError(
                str(_("bad code %(code)r: an ISCO-08 code is 1 to 4 digits.")) % {"code": code}, line=line
            )
        if code in seen:
            raise IscoImportError(
                str(_("code %(code)s already appears on line %(first)d.")) % {"code": code, "first": seen[code]},
                line=line,
            )
        seen[code] = line
        raw.append((line, values))

    known = set(seen) | set(stored_codes)
    rows: list[IscoRow] = []
    for line, values in raw:
        code = values["code"]
        level = isco_level(code)
        given_level = values.get("level", "")
        if given_level and given_level != level:
            raise IscoImportError(
                str(_("wrong level %(given)r for code %(code)s: a %(digits)d-digit code is %(level)r."))
                % {"given": given_level, "code": code, "digits": len(code), "level": level},
                line=line,
            )
        title = values.get("title", "")
        if not title:
            raise IscoImportError(str(_("missing title for code %(code)s.")) % {"code": code}, line=line)
        parent = code[:-1] or None
        given_parent = values.get("parent", "")
        if given_parent and given_parent != (parent or ""):
            raise IscoImportError(
                str(_("parent %(given)s does not match code %(code)s (expected %(expected)s)."))
                % {"given": given_parent, "code": code, "expected": parent or "none"},
                line=line,
            )
        if parent and parent not in known:
            raise IscoImportError(
                str(_("unknown parent %(parent)s for code %(code)s: it is neither in the file nor stored."))
                % {"parent": parent, "code": code},
                line=line,
            )
        skill_text = values.get("skill_level", "")
        if skill_text:
            try:
                skill_level: int | None = int(skill_text)
            except ValueError:
                raise IscoImportError(
                    str(_("skill level %(value)r is not a whole number.")) % {"value": skill_text}, line=line
                )
            if not 1 <= skill_level <= 4:
                raise IscoImportError(
                    str(_("skill level %(value)d is outside 1–4.")) % {"value": skill_level}, line=line
                )
        else:
            skill_level = isco_default_skill_level(code)
        rows.append(
            IscoRow(
                line=line,
                code=code,
                level=level,
                title=title,
                parent=parent,
                skill_level=skill_level,
                esco_uri=values.get("esco_uri", "") if has_esco else None,
            )
        )
    return rows


def occupations_import(*, path: Path | str | None = None, text: str | None = None) -> LoadResult:
    """Import an ISCO-08 CSV (a file ``path`` or its ``text``) into ``skills.Occupation``; all or nothing."""
    if (path is None) == (text is None):
        raise ValueError("Pass exactly one of path or text.")
    Occupation = apps.get_model("skills", "Occupation")
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise IscoImportError(str(_("file not found: %(path)s")) % {"path": path})
        except UnicodeDecodeError:
            raise IscoImportError(str(_("%(path)s is not UTF-8 text.")) % {"path": path})
    assert text is not None
    with transaction.atomic():
        stored = Occupation._default_manager.values_list("pk", flat=True)
        parsed = isco_parse(io.StringIO(text.lstrip("\ufeff"), newline=""), stored_codes=stored)
        # Parents before children, whatever the file order.
        parsed.sort(key=lambda row: (len(row.code), row.code))
        records = []
        for row in parsed:
            record = {
                "code": row.code,
                "level": row.level,
                "title": row.title,
                "parent_id": row.parent,
                "skill_level": row.skill_level,
            }
            if row.esco_uri is not None:
                record["esco_uri"] = row.esco_uri
            records.append(record)
        return rows_sync(model=Occupation, rows=records, key=["code"], table="occupations")
