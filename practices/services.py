"""Writing the library of practices: curation by IOM staff (``practices.policy``) and the idempotent loader."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_noop

from codelists.partnerships import ElementCode
from practices.models import Practice

DATA_PATH = Path(__file__).resolve().parent / "data" / "practices.json"

#: Fields the loader and the curation screens write.
FIELDS = (
    "name",
    "corridor",
    "origin_countries",
    "destination_countries",
    "regions",
    "sectors",
    "rules",
    "summary",
    "actions",
    "figures",
    "source",
    "outside_sources",
)


def _elements(actions: dict) -> list[str]:
    return [code for code in ElementCode.values if (actions or {}).get(code)]


def _save(practice: Practice, *, user=None, reason: str = "") -> Practice:
    practice.elements = _elements(practice.actions)
    practice.full_clean()
    practice._history_user = user
    practice._change_reason = reason[:100] if reason else None
    practice.save()
    return practice


@transaction.atomic
def practice_create(*, user, data: dict) -> Practice:
    practice = Practice(slug=data["slug"], **{name: data[name] for name in FIELDS if name in data})
    return _save(practice, user=user, reason=gettext_noop("added to the library"))


@transaction.atomic
def practice_update(*, practice: Practice, user, data: dict, reason: str = "") -> Practice:
    for name in FIELDS:
        if name in data:
            setattr(practice, name, data[name])
    return _save(practice, user=user, reason=reason or gettext_noop("edited"))


@transaction.atomic
def practice_retire(*, practice: Practice, user, retired: bool = True) -> Practice:
    practice.retired = retired
    return _save(practice, user=user, reason=gettext_noop("retired") if retired else gettext_noop("restored"))


@transaction.atomic
def practices_load(*, path: Path | None = None) -> dict[str, int]:
    """Create or update the entries of the data file (matched by slug); unchanged entries are left alone, entries
    curated away from the file are not touched. Returns counts."""
    rows = json.loads((path or DATA_PATH).read_text(encoding="utf-8"))
    existing = {p.slug: p for p in Practice.objects.filter(slug__in=[row["slug"] for row in rows])}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in rows:
        practice = existing.get(row["slug"])
        if practice is None:
            _save(
                Practice(slug=row["slug"], **{name: row[name] for name in FIELDS}),
                reason=gettext_noop("loaded from the data file"),
            )
            counts["created"] += 1
        elif any(getattr(practice, name) != row[name] for name in FIELDS):
            for name in FIELDS:
                setattr(practice, name, row[name])
            _save(practice, reason=gettext_noop("reloaded from the data file"))
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts
