"""The registry marks every rule whose outcome can change with the date alone (``reads_today``).

The nightly re-check relies on the mark (feasibility.services.partnerships_needing_recheck): a rule that
reads ``ctx.today`` but is not marked would leave a stale result until someone edits the partnership
(issue 16: a recruiter licence expiring tonight stayed PASS under R.5).
"""

from __future__ import annotations

import datetime as dt

import pytest

from feasibility.engine import run_rule
from feasibility.registry import REGISTRY
from feasibility.tests.support import TODAY, context, load
from feasibility.tests.test_rules_recruitment import SSL, clean

pytestmark = pytest.mark.django_db

DATE_DEPENDENT = ["E3.R2", "E8.R1", "E8.R3", "E8.R4", "E8.R7", "E8.R8", "E8.R9", "E8.R11", "R.5", "R.6", "R.7"]


def test_the_rules_reading_today_are_marked_in_the_registry():
    # R.5 licence expiry, R.6/R.7 age of certification and monitoring checks, E3.R2 evidence age,
    # E8 rules through the exchange rates in force on the run's date and the last complete year.
    assert REGISTRY.date_dependent() == DATE_DEPENDENT


def test_every_rule_whose_outcome_moves_with_the_date_alone_is_marked_reads_today():
    p = load(clean("agreement").p)
    moved = []
    for spec in REGISTRY.ordered():
        now = run_rule(spec, p, context(p, today=TODAY, who_ssl=SSL))
        later = run_rule(spec, p, context(p, today=TODAY + dt.timedelta(days=3 * 365), who_ssl=SSL))
        if (now.status, now.message) != (later.status, later.message):
            moved.append(spec.id)
    assert "R.5" in moved  # the licence of the clean corridor expires within three years
    assert set(moved) <= set(REGISTRY.date_dependent()), f"not marked reads_today: {set(moved) - set(DATE_DEPENDENT)}"
