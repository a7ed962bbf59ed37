"""Reads of the stakeholders app that more than one caller needs (HackSoft style: keyword-only)."""

from __future__ import annotations

import re

from smp.text import folded
from stakeholders.models import Organisation


def organisation_name_key(name: str) -> str:
    """A name as compared for near-duplicates: case, accents, punctuation and spacing ignored
    ("Ministère du Travail", "ministere du travail.", "MINISTERE  DU-TRAVAIL" are one name)."""
    return " ".join(re.split(r"[\W_]+", folded(name))).strip()


def organisation_near_duplicates(*, name: str, country: str, exclude_id: int | None = None) -> list[Organisation]:
    """Organisations of ``country`` (or of no country) whose name is the same as ``name`` once case, accents,
    punctuation and spacing are ignored — offered instead of a second row for the same body."""
    key = organisation_name_key(name)
    if not key:
        return []
    candidates = Organisation.objects.filter(country=country or "").exclude(pk=exclude_id).only("name", "country")
    return [organisation for organisation in candidates if organisation_name_key(organisation.name) == key]
