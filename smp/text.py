"""Text helpers that import no app.

- Control characters (issue 16, "Trust"): PostgreSQL cannot store a NUL in text (the driver raises before the
  query runs), and the other C0 control characters have no place in names, titles or notes. Tab, line feed and
  carriage return stay allowed.
- :func:`folded`: text as people compare and sort it, case and accents aside.
- :func:`untranslated`: a lazy text as written in the code, to be stored and translated again when shown.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils import translation
from django.utils.functional import Promise

#: C0 control characters except tab (\\t), line feed (\\n) and carriage return (\\r).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def has_control_characters(value: str) -> bool:
    """True when ``value`` holds a NUL or another C0 control character other than tab, LF and CR."""
    return CONTROL_CHARACTERS.search(value) is not None


def strip_control_characters(value: str) -> str:
    """``value`` without NUL and the other C0 control characters (tab, LF and CR stay)."""
    return CONTROL_CHARACTERS.sub("", value)


def folded(text) -> str:
    """``text`` with case and accents aside ("Égypte" → "egypte"), for comparing and sorting as people do."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def untranslated(text) -> str:
    """A lazy text (a label, a ``_()`` string) as written in the code, whatever the active language: the msgid
    to store and translate again for each reader. Other values become their text."""
    if isinstance(text, Promise):
        with translation.override(None):
            return str(text)
    return str(text)
