"""Reference data: the code tables that partnerships, rules and forms point to.

One loader per table, each idempotent: rows are compared with what is stored
and only differences are written, so a second run reports every row as
unchanged. The data files live next to the app that owns the table
(``partnerships/data``, ``skills/data``, ``recruitment/data``); ISO lists come
from django-countries and pycountry, never from hand-typed names. Columns and
sources of every file: ``docs/reference-data.md``.

Models of other apps are fetched with ``apps.get_model`` (string labels), so this
module imports no model across apps.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries as iso_countries

PARTNERSHIPS_DATA = Path(__file__).resolve().parent / "data"
SKILLS_DATA = Path(settings.BASE_DIR) / "skills" / "data"
RECRUITMENT_DATA = Path(settings.BASE_DIR) / "recruitment" / "data"


class ReferenceDataError(Exception):
    """A data file is malformed; the message names the file and, where known, the line."""


@dataclass
class LoadResult:
    """What one loader did to one table."""

    table: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    created_keys: set[tuple] = field(default_factory=set, repr=False)
    updated_keys: set[tuple] = field(default_factory=set, repr=False)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def changed(self) -> int:
        return self.created + self.updated

    def __str__(self) -> str:
        return (
            f"{self.table}: {self.total} rows — {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged"
        )


#
# Generic helpers
#


def read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for every non-blank data row of a UTF-8 CSV with a header."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            if not any((value or "").strip() for value in row.values()):
                continue
            yield reader.line_num, {key: (value or "").strip() for key, value in row.items() if key}


def parse_bool(value: str, *, path: Path, line: int, column: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"true", "yes", "1"}:
        return True
    if lowered in {"false", "no", "0"}:
        return False
    raise ReferenceDataError(
        _("%(file)s line %(line)d: %(column)s must be true or false, not %(value)r.")
        % {"file": path.name, "line": line, "column": column, "value": value}
    )


def parse_int(value: str, *, path: Path, line: int, column: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ReferenceDataError(
            _("%(file)s line %(line)d: %(column)s must be a whole number, not %(value)r.")
            % {"file": path.name, "line": line, "column": column, "value": value}
        )


def _prep(model_field: models.Field, value: Any) -> Any:
    """A comparable form of a value (Country objects and codes compare equal, '3' and 3 too)."""
    if value is None:
        return None
    if isinstance(value, models.Model):
        value = value.pk
    return model_field.get_prep_value(model_field.to_python(value))


def rows_sync(
    *, model: type[models.Model], rows: Sequence[dict[str, Any]], key: Sequence[str], table: str
) -> LoadResult:
    """Create missing rows and update differing ones; never delete (other rows may point at them).

    ``rows`` are dicts keyed by field name or attname (``parent_id``); ``key`` names the fields
    that identify a row. Rows are written in the order given, so parents can precede children.
    """
    meta = model._meta
    fields = {name: meta.get_field(name) for row in rows for name in row}
    key_fields = [meta.get_field(name) for name in key]
    has_updated_at = any(f.name == "updated_at" for f in meta.concrete_fields)

    def key_of_obj(obj: models.Model) -> tuple:
        return tuple(_prep(f, getattr(obj, f.attname)) for f in key_fields)

    def key_of_row(row: dict[str, Any]) -> tuple:
        return tuple(_prep(f, row[f.name if f.name in row else f.attname]) for f in key_fields)

    for name, model_field in fields.items():
        if not model_field.choices:
            continue
        allowed = {str(value) for value, _label in model_field.flatchoices}
        for row in rows:
            value = row[name]
            if value in (None, "") and model_field.blank:
                continue
            if str(value) not in allowed:
                raise ReferenceDataError(
                    _("%(table)s: %(value)r is not an allowed %(field)s.")
                    % {"table": table, "value": value, "field": model_field.name}
                )

    existing = {key_of_obj(obj): obj for obj in model._default_manager.all()}
    result = LoadResult(table=table)
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed_fields: set[str] = set()
    seen: set[tuple] = set()
    now = timezone.now()
    for row in rows:
        row_key = key_of_row(row)
        if row_key in seen:
            raise ReferenceDataError(
                _("%(table)s: the key %(key)s appears twice.") % {"table": table, "key": "/".join(map(str, row_key))}
            )
        seen.add(row_key)
        obj = existing.get(row_key)
        if obj is None:
            result.created_keys.add(row_key)
            to_create.append(model(**{fields[name].attname: value for name, value in row.items()}))
            continue
        differing = [
            name
            for name, value in row.items()
            if _prep(fields[name], getattr(obj, fields[name].attname)) != _prep(fields[name], value)
        ]
        if not differing:
            result.unchanged += 1
            continue
        for name in differing:
            setattr(obj, fields[name].attname, row[name])
            changed_fields.add(fields[name].name)
        if has_updated_at:
            obj.updated_at = now
        result.updated_keys.add(row_key)
        to_update.append(obj)
    if to_create:
        model._default_manager.bulk_create(to_create, batch_size=500)
    if to_update:
        update_fields = sorted(changed_fields | ({"updated_at"} if has_updated_at else set()))
        model._default_manager.bulk_update(to_update, update_fields, batch_size=500)
    result.created = len(to_create)
    result.updated = len(to_update)
    return result


def _choice_values(model: type[models.Model], field_name: str) -> set[str] | None:
    choices = model._meta.get_field(field_name).choices
    return {str(value) for value, _label in choices} if choices else None


#
# Countries and currencies (ISO lists from django-countries / pycountry)
#


def iom_regions_read(path: Path | None = None) -> dict[str, str]:
    """iso2 → IOM region code, from ``partnerships/data/iom_regions.csv``."""
    path = path or PARTNERSHIPS_DATA / "iom_regions.csv"
    mapping: dict[str, str] = {}
    for line, row in read_csv(path):
        code = row.get("iso2", "").upper()
        if code in mapping:
            raise ReferenceDataError(
                _("%(file)s line %(line)d: %(code)s is listed twice.") % {"file": path.name, "line": line, "code": code}
            )
        mapping[code] = row.get("iom_region", "")
    return mapping


def countries_load(*, regions_path: Path | None = None) -> LoadResult:
    """Every ISO 3166-1 country (plus XK, via ``COUNTRIES_OVERRIDE``) with its IOM region."""
    Country = apps.get_model("partnerships", "Country")
    regions = iom_regions_read(regions_path)
    allowed = _choice_values(Country, "iom_region")
    with translation.override("en"):
        known = {country.code: str(country.name) for country in iso_countries}
    unknown = sorted(set(regions) - set(known))
    if unknown:
        raise ReferenceDataError(
            _("iom_regions.csv lists codes that are not countries: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    missing = sorted(set(known) - set(regions))
    if missing:
        raise ReferenceDataError(_("iom_regions.csv has no row for: %(codes)s.") % {"codes": ", ".join(missing)})
    bad = sorted(f"{code}={region}" for code, region in regions.items() if region and allowed and region not in allowed)
    if bad:
        raise ReferenceDataError(_("iom_regions.csv uses unknown region codes: %(pairs)s.") % {"pairs": ", ".join(bad)})
    rows = [{"code": code, "name": name, "iom_region": regions[code]} for code, name in sorted(known.items())]
    return rows_sync(model=Country, rows=rows, key=["code"], table="countries")


def currencies_load() -> LoadResult:
    """Every ISO 4217 currency known to pycountry (code, English name, numeric code)."""
    Currency = apps.get_model("costs", "Currency")
    rows = [
        {"code": c.alpha_3, "name": c.name, "numeric": getattr(c, "numeric", "") or ""}
        for c in sorted(pycountry.currencies, key=lambda c: c.alpha_3)
    ]
    return rows_sync(model=Currency, rows=rows, key=["code"], table="currencies")


#
# Tables from the domain file (partnerships/data)
#


def elements_load(*, path: Path | None = None) -> LoadResult:
    """IOM's eight essential elements E1–E8 (SMP-DOMAIN §2.0)."""
    path = path or PARTNERSHIPS_DATA / "elements.csv"
    rows = [
        {
            "code": row["code"],
            "name": row["name"],
            "chapter": row["chapter"],
            "order": parse_int(row["order"], path=path, line=line, column="order"),
        }
        for line, row in read_csv(path)
    ]
    return rows_sync(model=apps.get_model("partnerships", "Element"), rows=rows, key=["code"], table="elements")


def sdg_targets_load(*, path: Path | None = None) -> LoadResult:
    """SDG targets of SMP-DOMAIN §9.2."""
    path = path or PARTNERSHIPS_DATA / "sdg_targets.csv"
    rows = [
        {
            "code": row["code"],
            "goal": parse_int(row["goal"], path=path, line=line, column="goal"),
            "short_title": row["short_title"],
            "in_seeds": parse_bool(row["in_seeds"], path=path, line=line, column="in_seeds"),
            "source": row["source"],
        }
        for line, row in read_csv(path)
    ]
    return rows_sync(model=apps.get_model("partnerships", "SdgTarget"), rows=rows, key=["code"], table="sdg_targets")


def gcm_objectives_load(*, path: Path | None = None) -> LoadResult:
    """The 23 objectives of the Global Compact for Migration (SMP-DOMAIN §9.3)."""
    path = path or PARTNERSHIPS_DATA / "gcm_objectives.csv"
    rows = [
        {
            "number": parse_int(row["number"], path=path, line=line, column="number"),
            "short_title": row["short_title"],
            "in_seeds": parse_bool(row["in_seeds"], path=path, line=line, column="in_seeds"),
            "source": row["source"],
        }
        for line, row in read_csv(path)
    ]
    return rows_sync(
        model=apps.get_model("partnerships", "GcmObjective"), rows=rows, key=["number"], table="gcm_objectives"
    )


#
# Skills (skills/data)
#


def sectors_load(*, path: Path | None = None) -> LoadResult:
    """Sectors of SMP-DOMAIN §6.4 with their climate and remote-work flags."""
    path = path or SKILLS_DATA / "sectors.csv"
    rows = [
        {
            "code": row["code"],
            "label": row["label"],
            "climate_exposed": parse_bool(row["climate_exposed"], path=path, line=line, column="climate_exposed"),
            "remote_feasible": parse_bool(row["remote_feasible"], path=path, line=line, column="remote_feasible"),
            "isic": row["isic"],
        }
        for line, row in read_csv(path)
    ]
    return rows_sync(model=apps.get_model("skills", "Sector"), rows=rows, key=["code"], table="sectors")


def occupations_load(*, path: Path | None = None) -> LoadResult:
    """ISCO-08 groups from ``skills/data/isco08.csv`` through the ISCO importer."""
    from skills.isco import occupations_import  # noqa: PLC0415 — skills.isco imports this module

    return occupations_import(path=path or SKILLS_DATA / "isco08.csv")


def qualification_frameworks_load(*, path: Path | None = None) -> list[LoadResult]:
    """Example qualification frameworks of SMP-DOMAIN §6.2 and their numbered levels."""
    path = path or SKILLS_DATA / "qualification_frameworks.csv"
    Framework = apps.get_model("skills", "QualificationFramework")
    Level = apps.get_model("skills", "QualificationLevel")
    parsed = list(read_csv(path))
    base_rows = []
    for line, row in parsed:
        levels = row.get("levels_count", "")
        base_rows.append(
            {
                "code": row["code"],
                "name": row["name"],
                "scope": row["scope"],
                "country": row.get("country", ""),
                "region_name": row.get("region_name", ""),
                "levels_count": parse_int(levels, path=path, line=line, column="levels_count") if levels else None,
                "url": row.get("url", ""),
            }
        )
    frameworks = rows_sync(model=Framework, rows=base_rows, key=["code"], table="qualification_frameworks")
    by_code = {fw.code: fw for fw in Framework._default_manager.all()}
    # Second pass: referenced_to points at a framework that may be defined later in the file.
    ref_rows = []
    for line, row in parsed:
        target = row.get("referenced_to", "")
        if target and target not in by_code:
            raise ReferenceDataError(
                _("%(file)s line %(line)d: referenced_to %(code)s is not a framework.")
                % {"file": path.name, "line": line, "code": target}
            )
        ref_rows.append({"code": row["code"], "referenced_to_id": by_code[target].pk if target else None})
    refs = rows_sync(model=Framework, rows=ref_rows, key=["code"], table="qualification_frameworks")
    # A framework created in the first pass and linked in the second still counts once, as created.
    frameworks.updated_keys |= refs.updated_keys - frameworks.created_keys
    frameworks.updated = len(frameworks.updated_keys)
    frameworks.unchanged = len(base_rows) - frameworks.created - frameworks.updated
    level_rows = [
        {"framework_id": fw.pk, "level": str(n), "title": f"{fw.code} level {n}"}
        for fw in sorted(by_code.values(), key=lambda fw: fw.code)
        if fw.levels_count
        for n in range(1, fw.levels_count + 1)
    ]
    levels = rows_sync(model=Level, rows=level_rows, key=["framework", "level"], table="qualification_levels")
    return [frameworks, levels]


#
# Recruitment (recruitment/data)
#


def who_ssl_entries_load(*, path: Path | None = None) -> LoadResult:
    """WHO Health Workforce Support and Safeguards List entries (SMP-DOMAIN §3.3) [outside sources]."""
    path = path or RECRUITMENT_DATA / "who_ssl.csv"
    known = {country.code for country in iso_countries}
    rows = []
    for line, row in read_csv(path):
        code = row["country"].upper()
        if code not in known:
            raise ReferenceDataError(
                _("%(file)s line %(line)d: %(code)s is not an ISO 3166-1 code.")
                % {"file": path.name, "line": line, "code": code}
            )
        rows.append({"country": code, "edition": parse_int(row["edition"], path=path, line=line, column="edition")})
    return rows_sync(
        model=apps.get_model("recruitment", "WhoSslEntry"),
        rows=rows,
        key=["country", "edition"],
        table="who_ssl_entries",
    )


#
# Everything at once
#

LOADERS: list[tuple[str, Callable[[], LoadResult | list[LoadResult]]]] = [
    ("countries", countries_load),
    ("currencies", currencies_load),
    ("elements", elements_load),
    ("sdg_targets", sdg_targets_load),
    ("gcm_objectives", gcm_objectives_load),
    ("sectors", sectors_load),
    ("occupations", occupations_load),
    ("qualification_frameworks", qualification_frameworks_load),
    ("who_ssl_entries", who_ssl_entries_load),
]


def reference_data_load(*, only: Iterable[str] | None = None) -> list[LoadResult]:
    """Run every loader (or those named in ``only``) in one transaction; return one result per table."""
    wanted = set(only) if only else None
    results: list[LoadResult] = []
    with transaction.atomic():
        for name, loader in LOADERS:
            if wanted is not None and name not in wanted:
                continue
            outcome = loader()
            results.extend(outcome if isinstance(outcome, list) else [outcome])
    return results
