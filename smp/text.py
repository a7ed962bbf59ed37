"""Control characters in text (issue 16, "Trust").

PostgreSQL cannot store a NUL in text (the driver raises before the query runs), and the other C0 control
characters have no place in names, titles or notes. Tab, line feed and carriage return stay allowed.
"""

from __future__ import annotations

import re

#: C0 control characters except tab (\\t), line feed (\\n) and carriage return (\\r).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def has_control_characters(value: str) -> bool:
    """True when ``value`` holds a NUL or another C0 control character other than tab, LF and CR."""
    return CONTROL_CHARACTERS.search(value) is not None


def strip_control_characters(value: str) -> str:
    """``value`` without NUL and the other C0 control characters (tab, LF and CR stay)."""
    return CONTROL_CHARACTERS.sub("", value)
