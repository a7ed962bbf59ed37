"""Small helpers shared by the rule modules (not a rule module: the leading underscore keeps the
package importer from treating it as one). Nothing here queries."""

from __future__ import annotations

from collections.abc import Iterable

from feasibility.context import country_code

SIDES = ("origin", "destination")


def join(items: Iterable, *, limit: int = 8) -> str:
    """``"a, b, c"``; long lists are cut with "… (+n more)" so messages stay readable."""
    names = [str(item) for item in items]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" … (+{len(names) - limit} more)"
    return ", ".join(names)


def country_label(pc) -> str:
    """A partnership country as its ISO code (what users recognise in every language)."""
    return country_code(pc)


def org_name(participation) -> str:
    return participation.organisation.name


def occupation_label(target_occupation) -> str:
    return str(target_occupation.occupation)


def filled(text) -> bool:
    """A text field counts as recorded only when it holds more than whitespace."""
    return bool(text and str(text).strip())
