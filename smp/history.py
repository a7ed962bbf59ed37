"""Why a history row was written, kept as a key and shown in the reader's language.

Services store the reason in English, as the msgid of a phrase marked with ``gettext_noop`` ("cost item
saved"). Three reasons carry a detail after ": " (:func:`reason_with`): a name ("organisation changed: Ministry
of Labour"), a currency pair ("exchange rate set: MAD→EUR") or the untranslated name of a review action
("review: Approve"). :func:`reason_shown` translates the reason, and the detail when it is a msgid, when it
shows the row, so the history reads in the language of whoever reads it, not of whoever saved. A reason a
person typed (a curator's note on a practice) is shown as typed.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from smp.punctuation import labelled
from smp.text import untranslated

#: A change to an organisation, on each partnership it takes part in; the detail is its name.
ORGANISATION_CHANGED = gettext_noop("organisation changed")
#: An exchange rate saved; the detail is its pair.
EXCHANGE_RATE_SET = gettext_noop("exchange rate set")
#: A step of the IOM review; the detail is the action's name.
REVIEW = gettext_noop("review")
#: The reasons stored with a detail after ": ".
WITH_DETAIL = frozenset({ORGANISATION_CHANGED, EXCHANGE_RATE_SET, REVIEW})


def reason_with(reason: str, detail) -> str:
    """``reason: detail`` as stored: ``reason`` one of :data:`WITH_DETAIL`, ``detail`` a name or a lazy text
    (stored untranslated, so it is translated again for each reader)."""
    if reason not in WITH_DETAIL:
        raise ValueError(f"Not a reason with a detail: {reason!r}")
    return f"{reason}: {untranslated(detail)}"


def reason_shown(stored: str | None) -> str:
    """A stored history reason in the reader's language ("" for none). Unknown text is shown as stored."""
    if not stored:
        return ""
    head, separator, detail = stored.partition(": ")
    if separator and head in WITH_DETAIL:
        return labelled(gettext(head), gettext(detail))
    return gettext(stored)
