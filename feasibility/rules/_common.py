"""Small helpers shared by the rule modules (not a rule module: the leading underscore keeps the
package importer from treating it as one). Nothing here queries."""

from __future__ import annotations

from collections.abc import Iterable

import pycountry
from django.conf.locale import LANG_INFO
from django.utils.functional import Promise
from django.utils.translation import get_language_info
from django_countries import countries

from feasibility.context import country_code
from feasibility.registry import LIST_KEY, Message, list_text
from feasibility.registry import rule_text as _

SIDES = ("origin", "destination")
# The two sides in words (translatable); the codes stay in evidence.
SIDE_NAMES = {"origin": _("origin"), "destination": _("destination")}


def side_names(codes) -> str:
    """Side codes in words: ``["origin", "destination"]`` → "origin, destination"."""
    return join(SIDE_NAMES.get(code, code) for code in codes)


def join(items: Iterable, *, limit: int = 8) -> str:
    """``"a, b, c"``; long lists are cut with "… (+n more)" so messages stay readable. When a name is a word
    to translate (a code-list label, a country) or the list is cut, the result is a :class:`Message` that
    keeps the names, so a finding stored from it reads in the reader's language (``LIST_KEY``)."""
    items = list(items)
    kept, more = items[:limit], max(len(items) - limit, 0)
    text = list_text(kept, more)
    if more or any(isinstance(item, Promise | Message) for item in kept):
        return Message(text, key=LIST_KEY, params={"items": kept, "more": more} if more else {"items": kept})
    return text


def country_label(pc) -> str:
    """A partnership country by its name, translated lazily (django-countries; Kosovo from
    ``COUNTRIES_OVERRIDE``), so a message parameter made of it alone renders in the reader's language."""
    code = country_code(pc)
    return countries.countries.get(code, code)


def org_name(participation) -> str:
    return participation.organisation.name


def sector_name(sector) -> str:
    """A sector by its code list's label, kept lazy (``str(sector)`` would fix it in the language of the check)."""
    return _item_choices(sector, "code").get(sector.code) or sector.label or sector.code


def occupation_label(target_occupation) -> str:
    return str(target_occupation.occupation)


def filled(text) -> bool:
    """A text field counts as recorded only when it holds more than whitespace."""
    return bool(text and str(text).strip())


# Missing values read as words in messages, never as "—" (everything a person reads is in words).
NOT_RECORDED = _("not recorded")


def _item_choices(obj, name: str) -> dict:
    # Through the instance's ``_meta`` (Django's model API), not ``type(obj)``: stand-ins that record reads
    # (feasibility/tests/recording.py) pass ``_meta`` through but are not of the model's type.
    field = obj._meta.get_field(name)
    return dict(getattr(field, "item_choices", None) or field.choices or [])


def shown(obj, name: str, value=None) -> str:
    """The label of ``obj``'s choice field ``name`` (or of ``value`` in that field's code list); an empty
    value reads "not recorded", a code outside the list is shown as stored. The label stays lazy text, so a
    message parameter made of it reads in the reader's language."""
    value = getattr(obj, name) if value is None else value
    if value in (None, ""):
        return NOT_RECORDED
    return _item_choices(obj, name).get(value, value)


def shown_list(obj, name: str, values=None) -> list[str]:
    """The labels of the codes of ``obj``'s list field ``name`` (or of ``values`` from that field's code list)."""
    values = getattr(obj, name) if values is None else values
    choices = _item_choices(obj, name)
    return [choices.get(value, value) for value in values or []]


def label(choices, value) -> str:
    """``value`` of code list ``choices`` (a ``TextChoices`` class) by its label (lazy text, like
    :func:`shown`); empty reads "not recorded"."""
    if value in (None, ""):
        return NOT_RECORDED
    try:
        return choices(value).label
    except ValueError:
        return str(value)


def labels(choices, values) -> list[str]:
    return [label(choices, value) for value in values or []]


def language_name(code: str) -> str:
    """An ISO 639-1 code as the language's name ("sr" → "Serbian"): translated lazily where Django knows the
    language, else its English name from ISO 639."""
    if code in LANG_INFO and "name" in LANG_INFO[code]:
        return get_language_info(code)["name_translated"]
    language = pycountry.languages.get(alpha_2=code) if code else None
    if language is not None:
        return language.name
    return str(code) if code else NOT_RECORDED
