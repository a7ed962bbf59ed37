"""The partnership page costs a fixed number of queries whatever the partnership's size: the same for a small
factory partnership and for the largest demo (North Africa–Europe), on every tab.

Measured on PostgreSQL, as a reviewer: Design 14, Feasibility 13 (15 comparing two runs), Review 15,
History 15–16 — the same for both partnerships except History, whose page holds other kinds of rows. The lead
side adds the policy's standing (1) and, on the Design tab, the exit checklist of the current stage (a few
``exists`` queries; 18 in all for both). What they are:

* every tab — session and user (2), the partnership within the user's scope (1), the header: countries (1),
  the newest succeeded run (1), cost items and their shares (2), exchange rates (0–1), the notifications
  badge (1);
* Design — progress counts (1), the newest succeeded run and its findings (2), open change requests (1),
  the last stage change (1);
* Feasibility — runs: count and page (2), the newest succeeded run with its findings (2); comparing two
  runs adds the two runs and their findings (2);
* Review — ``reviews.selectors.review_page_data`` (runs, latest findings, comments, transitions, stage
  changes: 6);
* History — count and keys of one page (2), then per kind of row on the page its records and the records
  before them (2 each, ten kinds at most) and the names of changed foreign keys (one per kind pointed to).
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feasibility.services import feasibility_check_batch
from partnerships.demo import demo_load
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load

pytestmark = pytest.mark.django_db

#: Upper bounds per tab, for any partnership and any user who may see it.
BOUNDS = {"page": 26, "feasibility": 16, "review": 18, "history": 40}
COMPARE_BOUND = 17


@pytest.fixture(scope="module")
def largest(django_db_setup, django_db_blocker):
    """Reference data and the largest demo partnership, checked twice; loaded once for the module and rolled
    back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        reference_data_load()
        demo_load(only=["north_africa_europe"])
        partnership = Partnership.objects.get(name__startswith="North Africa")
        feasibility_check_batch(ids=[partnership.pk])
        feasibility_check_batch(ids=[partnership.pk])
        yield partnership.pk
        transaction.set_rollback(True)


@pytest.fixture
def small(largest):
    """A small partnership: two countries, a lead and a co-lead organisation, checked twice."""
    from codelists.partnerships import Side
    from costs.tests.factories import CostItemFactory, CostShareFactory
    from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
    from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory

    partnership = PartnershipFactory(name="A small partnership")
    PartnershipCountryFactory(partnership=partnership, country="NZ", side=Side.DESTINATION)
    PartnershipCountryFactory(partnership=partnership, country="TO", side=Side.ORIGIN)
    for name, side, role in (("Small lead", Side.DESTINATION, "lead"), ("Small co-lead", Side.ORIGIN, "co_lead")):
        organisation = OrganisationFactory(name=name, country="NZ" if side == Side.DESTINATION else "TO")
        ParticipationFactory(partnership=partnership, organisation=organisation, side=side, roles=[role])
    # One cost item in another currency than the reporting one, with a share: the header's figures then read
    # items, shares and exchange rates, as for any costed partnership.
    item = CostItemFactory(partnership=partnership, currency="NZD")
    CostShareFactory(item=item)
    feasibility_check_batch(ids=[partnership.pk])
    feasibility_check_batch(ids=[partnership.pk])
    return partnership


@pytest.fixture
def small_lead(small):
    from accounts.models import UserRole
    from accounts.tests.factories import UserFactory

    organisation = small.participations.get(organisation__name="Small lead").organisation
    return UserFactory(username="small_lead", role=UserRole.OFFICIAL, organisations=[organisation])


@pytest.fixture
def reviewer(db):
    from accounts.models import UserRole
    from accounts.tests.factories import UserFactory

    return UserFactory(username="page_reviewer", role=UserRole.REVIEWER)


def count_queries(client, path: str, params: dict | None = None) -> int:
    client.get(path, params or {})  # warm: the first request of a session may cache what later ones read
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200, path
    return len(queries)


def two_run_ids(partnership_id: int) -> dict:
    from feasibility.models import FeasibilityRun

    ids = list(FeasibilityRun.objects.filter(partnership_id=partnership_id).values_list("pk", flat=True)[:2])
    return {"a": ids[1], "b": ids[0]}


def test_the_large_partnership_is_many_times_the_small_one(largest, small):
    from costs.models import CostItem
    from stakeholders.models import Participation

    def rows(pk):
        items = CostItem.objects.filter(partnership_id=pk).count()
        return items + Participation.objects.filter(partnership_id=pk).count()

    assert rows(largest) >= 5 * rows(small.pk)


@pytest.mark.parametrize("name", ["page", "feasibility", "review", "history"])
def test_a_reviewer_sees_each_tab_of_a_small_and_a_large_partnership_in_the_same_bounded_queries(
    client, reviewer, largest, small, name
):
    client.force_login(reviewer)
    counts = [count_queries(client, reverse(f"monitoring:{name}", args=[pk])) for pk in (small.pk, largest)]
    assert max(counts) <= BOUNDS[name], counts
    if name != "history":  # a history page holds other kinds of rows for each partnership (bounded above)
        assert counts[0] == counts[1], counts


def test_comparing_two_runs_costs_the_same_for_a_small_and_a_large_partnership(client, reviewer, largest, small):
    client.force_login(reviewer)
    counts = [
        count_queries(client, reverse("monitoring:feasibility", args=[pk]), two_run_ids(pk))
        for pk in (small.pk, largest)
    ]
    assert counts[0] == counts[1] and counts[0] <= COMPARE_BOUND, counts


@pytest.mark.parametrize("name", ["page", "feasibility", "review", "history"])
def test_the_lead_side_sees_each_tab_in_bounded_queries(client, small_lead, largest, small, name):
    """The lead side also gets the stage checklist on the Design tab: more queries, still a fixed bound."""
    from accounts.models import User

    client.force_login(small_lead)
    small_count = count_queries(client, reverse(f"monitoring:{name}", args=[small.pk]))
    lead = User.objects.filter(organisations__participations__partnership_id=largest, role="official").first()
    client.force_login(lead)
    large_count = count_queries(client, reverse(f"monitoring:{name}", args=[largest]))
    assert max(small_count, large_count) <= BOUNDS[name], (small_count, large_count)
