"""The review page (``reviews:partnership``) costs a fixed number of queries whatever the partnership's size:
the same for a small partnership and for the largest demo (North Africa–Europe, ten times the rows).

Measured on PostgreSQL (before: 41 for the small one, 74 for the largest — one query per recruitment
arrangement for each end of its corridor, and about fifty to load the whole partnership graph):

* as a reviewer — 24: session and user (2), the partnership within the user's scope (1), what the page shows
  of the graph (``reviews.selectors.review_partnership_get``: 14), ``review_page_data`` (runs, the latest
  succeeded run and its findings, comments with their authors, transitions, stage changes: 6), exchange
  rates of the cost table (1), the notifications badge (1);
* as an official of the lead side — 25: the same and the submission guard's standing in the policy (1);
* as the assigned reviewer of a partnership in review, the approve guard (§5.2: the latest run is current
  on the data fingerprint, no change request open) adds the latest run, the whole graph for the fingerprint
  (``partnership_get_full``) and the open change requests: bounded, and fewer for a partnership whose
  collections are empty, since an empty collection skips the queries of its children.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from feasibility.services import feasibility_check_batch
from partnerships.demo import demo_load
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load
from partnerships.selectors import FULL_RELATIONS, ONE_TO_ONE

pytestmark = pytest.mark.django_db

# One of them fetches the practices of every open finding ("how others did it", practices.selectors).
REVIEWER_QUERIES = 25
OFFICIAL_QUERIES = 26
#: The reviewer's page, then the approve guard: latest run (1), the full graph (1 + one per relation at
#: most) and the open change requests (1).
APPROVE_GUARD_BOUND = REVIEWER_QUERIES + 1 + 1 + len(FULL_RELATIONS) + len(ONE_TO_ONE) + 1


@pytest.fixture(scope="module")
def largest(django_db_setup, django_db_blocker):
    """Reference data and the largest demo partnership, checked; loaded once for the module and rolled back
    at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        reference_data_load()
        demo_load(only=["north_africa_europe"])
        partnership = Partnership.objects.get(name__startswith="North Africa")
        feasibility_check_batch(ids=[partnership.pk])
        yield partnership.pk
        transaction.set_rollback(True)


@pytest.fixture
def small(largest):
    """A small partnership with one row of each kind the page lists: two countries, a lead and a co-lead
    organisation, a pathway with an occupation, a cost item in another currency with a share; checked."""
    from codelists.partnerships import Side
    from costs.tests.factories import CostItemFactory, CostShareFactory
    from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory, PathwayFactory
    from skills.tests.factories import OccupationFactory
    from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory

    partnership = PartnershipFactory(name="A small partnership")
    destination = PartnershipCountryFactory(partnership=partnership, country="NZ", side=Side.DESTINATION)
    PartnershipCountryFactory(partnership=partnership, country="TO", side=Side.ORIGIN)
    for name, side, role in (("Small lead", Side.DESTINATION, "lead"), ("Small co-lead", Side.ORIGIN, "co_lead")):
        organisation = OrganisationFactory(name=name, country="NZ" if side == Side.DESTINATION else "TO")
        ParticipationFactory(partnership=partnership, organisation=organisation, side=side, roles=[role])
    pathway = PathwayFactory(partnership=partnership, destination_country=destination)
    pathway.occupations.add(OccupationFactory())
    item = CostItemFactory(partnership=partnership, currency="NZD")
    CostShareFactory(item=item)
    feasibility_check_batch(ids=[partnership.pk])
    return partnership


@pytest.fixture
def reviewer(db):
    from accounts.models import UserRole
    from accounts.tests.factories import UserFactory

    return UserFactory(username="page_reviewer", role=UserRole.REVIEWER)


def comment_on(partnership_id: int, count: int) -> None:
    """``count`` comments, each by another author (one author per comment must not cost a query each)."""
    from accounts.models import UserRole
    from accounts.tests.factories import UserFactory
    from reviews.workflow import review_comment_add

    partnership = Partnership.objects.get(pk=partnership_id)
    for n in range(count):
        author = UserFactory(username=f"commenter_{partnership_id}_{n}", role=UserRole.REVIEWER)
        review_comment_add(partnership=partnership, user=author, text=f"Remark {n}.", element="E3")


def render(client, pk: int):
    response = client.get(reverse("reviews:partnership", args=[pk]))
    assert response.status_code == 200
    return response


def test_the_large_partnership_is_many_times_the_small_one(largest, small):
    from costs.models import CostItem
    from recruitment.models import RecruitmentArrangement
    from stakeholders.models import Participation

    def rows(pk):
        return sum(
            model.objects.filter(partnership_id=pk).count()
            for model in (CostItem, Participation, RecruitmentArrangement)
        )

    assert rows(largest) >= 5 * rows(small.pk)


def test_a_reviewer_sees_the_small_and_the_large_partnership_in_the_same_queries(
    client, reviewer, largest, small, django_assert_num_queries
):
    comment_on(small.pk, 1)
    comment_on(largest, 4)
    client.force_login(reviewer)
    for pk in (small.pk, largest):
        render(client, pk)  # warm: the first request of a session may cache what later ones read
        with django_assert_num_queries(REVIEWER_QUERIES):
            response = render(client, pk)
        assert response.context["elements"], "the checked partnership shows its findings"
    # The corridors of the recruitment arrangements are still named (origin → destination).
    from recruitment.models import RecruitmentArrangement

    arrangement = RecruitmentArrangement.objects.filter(partnership_id=largest).first()
    corridor = f"<td>{arrangement.origin.country.name} → {arrangement.destination.country.name}</td>"
    assert corridor in response.content.decode()


def test_the_lead_side_sees_the_small_and_the_large_partnership_in_the_same_queries(
    client, largest, small, django_assert_num_queries
):
    from accounts.models import User, UserRole
    from accounts.tests.factories import UserFactory

    small_lead = UserFactory(
        username="small_lead",
        role=UserRole.OFFICIAL,
        organisations=[small.participations.get(organisation__name="Small lead").organisation],
    )
    large_lead = User.objects.filter(organisations__participations__partnership_id=largest, role="official").first()
    for user, pk in ((small_lead, small.pk), (large_lead, largest)):
        client.force_login(user)
        render(client, pk)
        with django_assert_num_queries(OFFICIAL_QUERIES):
            response = render(client, pk)
        assert any(a["transition"].action == "submit" for a in response.context["actions"])


def test_the_assigned_reviewer_sees_the_approve_check_in_bounded_queries(
    client, reviewer, largest, small, django_assert_max_num_queries
):
    """§5.2 approve guard: the page says why approval would be refused, which reads the whole graph once."""
    Partnership.objects.filter(pk__in=[small.pk, largest]).update(review_status="in_review", assigned_reviewer=reviewer)
    client.force_login(reviewer)
    for pk in (small.pk, largest):
        render(client, pk)
        with django_assert_max_num_queries(APPROVE_GUARD_BOUND):
            response = render(client, pk)
        assert any(a["transition"].action == "approve" for a in response.context["actions"])
