"""The Feasibility tab (every run, the difference between two) and the History tab (the merged audit
history, in words, paginated)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from feasibility.models import FeasibilityRun, Finding, RunStatus
from monitoring import selectors

pytestmark = pytest.mark.django_db


def url(partnership, name: str) -> str:
    return reverse(f"monitoring:{name}", args=[partnership.pk])


@pytest.fixture
def official(client, dest_official):
    client.force_login(dest_official)
    return client


def make_run(partnership, findings: dict[str, str], *, minutes_ago: int, score: str, verdict: str = "pass"):
    """A succeeded run with the given findings (rule id → status)."""
    run = FeasibilityRun.objects.create(
        partnership=partnership,
        status=RunStatus.SUCCEEDED,
        partnership_version=partnership.version,
        overall_score=Decimal(score),
        recruitment_verdict=verdict,
        finished_at=timezone.now(),
    )
    FeasibilityRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - dt.timedelta(minutes=minutes_ago))
    Finding.objects.bulk_create(
        Finding(run=run, rule_id=rule, element=rule.split(".")[0] if rule[0] == "E" else "R", status=status,
                message=f"{rule} says {status}")
        for rule, status in findings.items()
    )  # fmt: skip
    return run


@pytest.fixture
def two_runs(partnership):
    """Known changes: E1.R1 FAIL→PASS, E2.R1 unchanged, E3.R2 only in the older, E8.R2 only in the newer."""
    older = make_run(partnership, {"E1.R1": "FAIL", "E2.R1": "PASS", "E3.R2": "WARN"}, minutes_ago=60, score="40")
    newer = make_run(
        partnership, {"E1.R1": "PASS", "E2.R1": "PASS", "E8.R2": "FAIL"}, minutes_ago=5, score="55", verdict="warn"
    )
    return older, newer


#
# Feasibility: the difference between two runs
#


def test_the_difference_of_two_runs_lists_what_appeared_disappeared_and_changed(partnership, two_runs):
    older, newer = two_runs
    # Given in either order, the older run comes first.
    difference = selectors.runs_difference(partnership=partnership, run_a_id=newer.pk, run_b_id=older.pk)
    assert difference["older"] == older and difference["newer"] == newer
    assert [(r["rule"], r["before"], r["after"]) for r in difference["changed"]] == [("E1.R1", "Fail", "Pass")]
    assert [(r["rule"], r["after"]) for r in difference["appeared"]] == [("E8.R2", "Fail")]
    assert [(r["rule"], r["before"]) for r in difference["disappeared"]] == [("E3.R2", "Warning")]
    assert difference["unchanged"] == 1
    assert difference["recruitment_verdict"] == {"from": "Pass", "to": "Warning"}
    assert difference["changed"][0]["message"] == "E1.R1 says PASS"  # the newer finding
    assert difference["changed"][0]["title"]  # what the rule checks, from the registry


def test_the_feasibility_tab_shows_every_run_and_the_difference_in_words(official, partnership, two_runs):
    older, newer = two_runs
    page = official.get(url(partnership, "feasibility")).content.decode()
    assert f'id="run-{older.pk}"' in page and f'id="run-{newer.pk}"' in page
    assert f"?a={older.pk}&amp;b={newer.pk}#difference" in page  # "with the check before"
    page = official.get(url(partnership, "feasibility"), {"a": older.pk, "b": newer.pk}).content.decode()
    assert 'id="difference-changed"' in page and 'id="difference-appeared"' in page
    assert 'id="difference-disappeared"' in page
    assert "E8.R2" in page and "E3.R2" in page
    assert ">Fail</td><td>Pass<" in page  # E1.R1, labels not codes
    assert ">FAIL<" not in page


@pytest.mark.parametrize("query", [{"a": "x", "b": "1"}, {"a": "1"}, {"a": "999999", "b": "999998"}])
def test_a_bad_comparison_is_a_message_not_an_error(official, partnership, two_runs, query):
    response = official.get(url(partnership, "feasibility"), query)
    assert response.status_code == 200
    assert "Choose two different checks of this partnership to compare." in response.content.decode()


def test_runs_of_another_partnership_cannot_be_compared(official, partnership, two_runs):
    from partnerships.tests.factories import PartnershipFactory

    other = make_run(PartnershipFactory(), {"E1.R1": "PASS"}, minutes_ago=1, score="90")
    response = official.get(url(partnership, "feasibility"), {"a": two_runs[0].pk, "b": other.pk})
    assert "Choose two different checks" in response.content.decode()
    assert 'id="difference"' not in response.content.decode()


def test_the_header_shows_the_newest_run_readiness_and_verdict(official, partnership, two_runs):
    page = official.get(url(partnership, "page")).content.decode()
    assert 'id="fact-readiness">55 %' in page
    assert 'id="fact-recruitment">Warning' in page


#
# History
#


def test_the_history_merges_the_partnership_and_its_rows_newest_first_in_words(official, partnership, dest_official):
    from partnerships.services import partnership_update
    from stakeholders.models import Participation

    partnership_update(
        partnership=partnership,
        user=dest_official,
        expected_version=partnership.version,
        data={"form_of_engagement": "trade_agreement", "planned_migrants_total": 1500},
    )
    participation = Participation.objects.get(partnership=partnership, organisation__name__icontains="employ")
    participation.capacity_level = "high"
    participation.save()
    page, entries = selectors.history_page(partnership=partnership)
    assert entries[0].what == "Participation" and entries[0].kind_label == "Changed"
    assert entries[0].name == participation.organisation.name
    assert [(c.label, c.before, c.after) for c in entries[0].changes] == [("Capacity", "Not recorded", "High")]
    update = entries[1]
    assert update.what == "Partnership" and update.who == (dest_official.get_full_name() or "dest_official")
    changes = {c.label: (c.before, c.after) for c in update.changes}
    assert changes["Planned migrants (total)"] == ("Not recorded", "1,500")
    assert changes["Form of engagement"] == ("Memorandum of understanding", "Trade-related agreement")
    assert "Version" not in changes and "Updated at" not in changes  # bookkeeping is not a change
    # The participations' and the partnership's creations are there too, oldest last.
    assert {e.kind_label for e in entries[2:]} == {"Created"}
    assert page.paginator.count == len(entries)

    html = official.get(url(partnership, "history")).content.decode()
    assert "Trade-related agreement" in html and "<del>Not recorded</del>" in html


def test_the_history_shows_rows_removed_since_and_their_cost_shares(partnership, dest_official):
    from costs.tests.factories import CostItemFactory, CostShareFactory

    item = CostItemFactory(partnership=partnership)
    share = CostShareFactory(item=item)
    share.percent = Decimal("50")
    share.save()
    item.delete()  # the share goes with it
    _page, entries = selectors.history_page(partnership=partnership)
    kinds = [(e.what, e.kind_label) for e in entries[:3]]
    assert ("Cost item", "Deleted") in kinds and ("Cost share", "Deleted") in kinds
    changed = next(e for e in entries if e.what == "Cost share" and e.kind_label == "Changed")
    assert [(c.label, c.before, c.after) for c in changed.changes] == [("Percent", "100.00", "50.00")]


def test_the_history_is_paginated(official, partnership):
    from partnerships.models import Partnership

    for number in range(30):
        fresh = Partnership.objects.get(pk=partnership.pk)
        fresh.summary = f"Summary {number}"
        fresh.save()
    first = official.get(url(partnership, "history")).content.decode()
    assert "Summary 29" in first and "Page 1 of 2" in first
    second = official.get(url(partnership, "history"), {"page": "2"}).content.decode()
    assert "Page 2 of 2" in second and "Summary 29" not in second
    beyond = official.get(url(partnership, "history"), {"page": "99"})
    assert beyond.status_code == 200 and "Page 2 of 2" in beyond.content.decode()
