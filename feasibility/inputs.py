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
