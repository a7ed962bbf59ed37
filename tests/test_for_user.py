"""``Partnership.objects.for_user``: who reads which partnership (row-level access for every view and API)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from partnerships.models import Partnership
from partnerships.tests.factories import PartnershipFactory
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory


@pytest.fixture
def other_partnership(db):
    """A partnership none of the cast's organisations takes part in."""
    other = PartnershipFactory(name="Another scheme")
    ParticipationFactory(partnership=other, organisation=OrganisationFactory(name="Somebody else", country="FR"))
    return other


def visible(user) -> set[int]:
    return set(Partnership.objects.for_user(user).values_list("pk", flat=True))


def test_an_official_of_the_origin_ministry_sees_the_partnership(partnership, other_partnership, origin_official):
    assert visible(origin_official) == {partnership.pk}


def test_an_official_of_the_destination_ministry_sees_the_partnership(partnership, other_partnership, dest_official):
    assert visible(dest_official) == {partnership.pk}


def test_a_reviewer_sees_every_partnership(partnership, other_partnership, reviewer):
    assert visible(reviewer) == {partnership.pk, other_partnership.pk}


def test_an_admin_and_a_superuser_see_every_partnership(partnership, other_partnership):
    admin = UserFactory(role=UserRole.ADMIN)
    superuser = UserFactory(role=UserRole.OFFICIAL, is_superuser=True)
    assert visible(admin) == visible(superuser) == {partnership.pk, other_partnership.pk}


def test_a_partner_client_sees_the_partnership_its_organisation_takes_part_in(
    partnership, other_partnership, partner_client
):
    assert visible(partner_client) == {partnership.pk}


def test_a_user_of_an_unrelated_organisation_sees_nothing(partnership, other_partnership, outsider):
    assert visible(outsider) == set()


def test_anonymous_and_missing_users_see_nothing(partnership):
    assert visible(AnonymousUser()) == set()
    assert visible(None) == set()


def test_an_inactive_official_sees_nothing(partnership, dest_official):
    dest_official.is_active = False
    dest_official.save()
    assert visible(dest_official) == set()


def test_a_user_without_organisation_sees_nothing(partnership):
    assert visible(UserFactory(role=UserRole.PARTNER)) == set()


def test_a_partnership_appears_once_when_several_of_the_users_organisations_take_part(
    partnership, dest_ministry, employers_association
):
    both = UserFactory(organisations=[dest_ministry, employers_association])
    rows = list(Partnership.objects.for_user(both))
    assert rows == [partnership]


def test_leaving_an_organisation_removes_access(partnership, dest_official, dest_ministry):
    dest_official.organisations.remove(dest_ministry)
    assert visible(dest_official) == set()


def test_for_user_runs_one_query_for_5_and_for_50_partnerships(dest_official, dest_ministry):
    # Expected query: one SELECT on partnerships with an EXISTS subquery on participations and memberships.
    def count_for(n: int) -> int:
        for _ in range(n):
            ParticipationFactory(partnership=PartnershipFactory(), organisation=dest_ministry)
        with CaptureQueriesContext(connection) as queries:
            assert len(list(Partnership.objects.for_user(dest_official))) >= n
        return len(queries)

    assert count_for(5) == 1
    assert count_for(45) == 1
