"""A label and what follows it, punctuated the reader's way.

English and Spanish write "Stage: Design"; French puts a no-break space before the colon ("Phase : Conception").
Pages and messages that join a label to its value with a colon use :func:`colon` (``{% colon %}`` in templates,
from the ``punctuation`` tag library) or :func:`labelled`, never a literal ": ". Whole sentences that contain a
colon are translated as a whole and need neither.
"""

from __future__ import annotations

from django.utils.translation import pgettext


def colon() -> str:
    """The colon and space between a label and its value in the reader's language."""
    return pgettext("between a label and its value", ": ")


def semicolon() -> str:
    """The separator between the parts of a sentence or the items of a list of phrases ("; ", French " ; ")."""
    return pgettext("between two parts of a sentence", "; ")


def semicolons(items) -> str:
    """``items`` joined by :func:`semicolon`."""
    return semicolon().join(str(item) for item in items)


def labelled(label, value) -> str:
    """``label: value``, punctuated for the reader's language (``"Phase : Conception"`` in French)."""
    return f"{label}{colon()}{value}"
