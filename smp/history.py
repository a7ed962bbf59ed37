"""Why a history row was written, kept as a key and shown in the reader's language.

Services store the reason in English, as the msgid of a phrase marked with ``gettext_noop`` ("cost item
saved"), optionally followed by ": " and a detail that is a name or another msgid ("organisation changed:
Ministry of Labour", "review: Approve"). :func:`reason_shown` translates both parts when it shows the row, so
the history reads in the language of whoever reads it, not of whoever saved.
"""

from __future__ import annotations

from django.utils.translation import gettext

from smp.punctuation import labelled


def reason_shown(stored: str | None) -> str:
    """A stored history reason in the reader's language ("" for none). Unknown text is shown as stored."""
    if not stored:
        return ""
    head, separator, detail = stored.partition(": ")
    if separator:
        return labelled(gettext(head), gettext(detail))
    return gettext(stored)
