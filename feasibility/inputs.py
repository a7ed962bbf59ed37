"""Where the inputs the rules read are entered, as the layers above the checks tell it.

The check engine knows what each rule reads (``feasibility.registry``) but not where people enter it: the
wizard knows its steps and fields, the API its operations. Each of them registers a *locator* here when its
app is ready (``AppConfig.ready``); ``manage.py rule_inputs`` asks every registered locator, so neither
layer imports the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Column name (``"wizard"``) → a function of an input name returning where it is entered (or ``None``).
LOCATORS: dict[str, Callable[[str], Any]] = {}


def register_locator(column: str, locate: Callable[[str], Any]) -> None:
    """Say where inputs are entered in ``column`` (registered once per app; a second call replaces it)."""
    LOCATORS[column] = locate


def locate(column: str, name: str) -> Any:
    """Where input ``name`` is entered according to ``column``'s locator (``None`` if no locator is registered)."""
    locator = LOCATORS.get(column)
    return locator(name) if locator is not None else None


#: The wizard's link to the field that fixes a finding (``design.inputs.fix_link``), registered by the wizard.
FIX_LINKS: dict[str, Callable[[int, str], Any]] = {}


def register_fix_link(link: Callable[[int, str], Any]) -> None:
    """Say how to link a finding to the field that fixes it (the wizard registers ``design.inputs.fix_link``)."""
    FIX_LINKS["wizard"] = link


def fix_link(partnership_id: int, rule_id: str) -> Any:
    """``{"url", "label"}`` of the page and field that fix a finding of ``rule_id`` (``None`` without a wizard)."""
    link = FIX_LINKS.get("wizard")
    return link(partnership_id, rule_id) if link is not None else None


#: The library of practices (``practices.selectors.practices_for_rules``), registered by the practices app.
PRACTICE_LOOKUPS: dict[str, Callable[..., dict[str, list]]] = {}


def register_practices(lookup: Callable[..., dict[str, list]]) -> None:
    """Say how to find the practices that illustrate rules (the practices app registers its selector)."""
    PRACTICE_LOOKUPS["library"] = lookup


def practices_for_rules(rule_ids, *, limit: int | None = None) -> dict[str, list]:
    """Rule id → the practices illustrating it (``name``, ``source``, ``url``, ``outside_sources``), in one query;
    empty without the library."""
    lookup = PRACTICE_LOOKUPS.get("library")
    return lookup(rule_ids, limit=limit) if lookup is not None else {}
