"""Services of the stakeholders app: organisations, participations, governance and capacity building."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.tests.factories import UserFactory
from codelists import partnerships as pc
from partnerships.models import Partnership
from partnerships.services import partnership_touch
from partnerships.tests.factories import PartnershipFactory
from smp.exceptions import ConflictError
from stakeholders import services as s
from stakeholders.models import CapacityActivity, GovernanceBody, Organisation, Participation
from stakeholders.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(db):
    return UserFactory(first_name="Ana", last_name="Official")


@pytest.fixture
def colleague(db):
    return UserFactory(first_name="Besa", last_name="Krasniqi")


def version_of(partnership) -> int:
    return Partnership.objects.values_list("version", flat=True).get(pk=partnership.pk)


#
# Organisations
#


def test_it_creates_an_organisation():
    ministry = s.organisation_create(
        data={
            "name": "Ministry of Labour",
            "category": "government_ministry",
            "portfolio": ["labour_employment"],
            "level": "national",
            "country": "XK",
        }
    )
    assert Organisation.objects.get(pk=ministry.pk).country.code == "XK"


def test_it_explains_what_to_fix_in_an_invalid_organisation():
    with pytest.raises(ValidationError) as info:
        s.organisation_create(data={"name": "Builders", "category": "employer_org", "portfolio": ["finance"]})
    errors = info.value.message_dict
    assert "Give the organisation's country" in errors["country"][0]
    assert "Only government organisations have a portfolio" in errors["portfolio"][0]
    assert not Organisation.objects.exists()


def test_it_updates_an_organisation():
    ministry = f.OrganisationFactory()
    s.organisation_update(organisation=ministry, data={"portfolio": ["labour_employment", "migration_interior"]})
    assert Organisation.objects.get(pk=ministry.pk).portfolio == ["labour_employment", "migration_interior"]


#
# Participations
#


def test_adding_a_participation_raises_the_version_and_takes_the_current_stage(official):
    partnership = PartnershipFactory(stage=pc.Stage.DESIGN)
    f.lead_participation(official, partnership)
    participation = s.participation_add(
        partnership=partnership,
        organisation=f.OrganisationFactory(),
        user=official,
        roles=["co_lead"],
        side="origin",
        data={"is_champion": True},
        expected_version=1,
    )
    assert (participation.joined_stage, participation.is_champion) == ("design", True)
    assert version_of(partnership) == partnership.version == 2
    assert participation.history.first().history_user == official


def test_an_organisation_cannot_join_twice(official):
    existing = f.ParticipationFactory()
    f.lead_participation(official, existing.partnership)
    with pytest.raises(ValidationError) as info:
        s.participation_add(
            partnership=existing.partnership,
            organisation=existing.organisation,
            user=official,
            roles=["funder"],
            side="destination",
        )
    assert "already takes part" in info.value.message_dict["organisation"][0]
    assert Participation.objects.count() == 2  # the existing one and the official's lead
    assert version_of(existing.partnership) == 1


def test_a_partnership_has_one_lead(official):
    lead = f.ParticipationFactory(roles=["lead"])
    f.lead_participation(official, lead.partnership, role="co_lead")
    with pytest.raises(ValidationError) as info:
        s.participation_add(
            partnership=lead.partnership,
            organisation=f.OrganisationFactory(),
            user=official,
            roles=["lead"],
            side="origin",
        )
    assert lead.organisation.name in info.value.message_dict["roles"][0]
    other = f.ParticipationFactory(partnership=lead.partnership, roles=["co_lead"])
    with pytest.raises(ValidationError):
        s.participation_update(participation=other, user=official, data={"roles": ["lead"]})


def test_a_participation_without_role_is_refused(official):
    partnership = PartnershipFactory()
    mine = f.lead_participation(official, partnership)
    with pytest.raises(ValidationError) as info:
        s.participation_add(
            partnership=partnership, organisation=f.OrganisationFactory(), user=official, roles=[], side="origin"
        )
    assert "roles" in info.value.message_dict
    assert list(Participation.objects.all()) == [mine]


def test_a_stale_participation_add_writes_nothing_and_names_the_other_user(official, colleague):
    partnership = PartnershipFactory()
    mine = f.lead_participation(official, partnership)
    partnership_touch(partnership=partnership, expected_version=1, user=colleague)
    with pytest.raises(ConflictError, match="Besa Krasniqi"):
        s.participation_add(
            partnership=partnership,
            organisation=f.OrganisationFactory(),
            user=official,
            roles=["funder"],
            side="destination",
            expected_version=1,
        )
    assert list(Participation.objects.all()) == [mine]


def test_a_participation_update_raises_the_version(official):
    participation = f.ParticipationFactory()
    f.lead_participation(official, participation.partnership)
    s.participation_update(
        participation=participation,
        user=official,
        data={"capacity_assessed": True, "capacity_level": "low"},
        expected_version=1,
    )
    stored = Participation.objects.get(pk=participation.pk)
    assert (stored.capacity_assessed, stored.capacity_level) == (True, "low")
    assert version_of(participation.partnership) == 2


def test_the_organisation_of_a_participation_cannot_be_swapped(official):
    participation = f.ParticipationFactory()
    with pytest.raises(ValidationError) as info:
        s.participation_update(
            participation=participation, user=official, data={"organisation": f.OrganisationFactory()}
        )
    assert "organisation" in info.value.message_dict


def test_removing_a_participation_takes_its_capacity_activities(official):
    activity = f.CapacityActivityFactory()
    participation = activity.target_participation
    f.lead_participation(official, participation.partnership)
    s.participation_remove(participation=participation, user=official, expected_version=1)
    assert not Participation.objects.filter(pk=participation.pk).exists()
    assert not CapacityActivity.objects.exists()
    assert version_of(participation.partnership) == 2


def test_participations_cannot_change_while_the_partnership_is_in_review(official):
    participation = f.ParticipationFactory(partnership=PartnershipFactory(review_status=pc.ReviewStatus.IN_REVIEW))
    with pytest.raises(ValidationError, match="withdraw it from review"):
        s.participation_update(participation=participation, user=official, data={"is_champion": True})


#
# Governance bodies
#


def test_a_governance_body_takes_the_default_layer_and_its_members(official):
    ministry = f.ParticipationFactory(roles=["lead"])
    partner = f.ParticipationFactory(partnership=ministry.partnership, side="origin", roles=["co_lead"])
    body = s.governance_body_create(
        partnership=ministry.partnership,
        user=official,
        data={"name": "Joint committee", "kind": "steering_committee", "chair": ministry},
        members=[ministry, partner],
        expected_version=1,
    )
    assert body.layer == "decision"
    assert set(body.members.all()) == {ministry, partner}
    assert version_of(ministry.partnership) == 2


def test_governance_members_come_from_the_same_partnership(official):
    partnership = PartnershipFactory()
    stranger = f.ParticipationFactory()
    with pytest.raises(ValidationError) as info:
        s.governance_body_create(
            partnership=partnership,
            user=official,
            data={"name": "Committee", "kind": "operational_committee"},
            members=[stranger],
        )
    assert "members" in info.value.message_dict
    assert not GovernanceBody.objects.exists()


def test_a_governance_body_update_keeps_an_explicit_layer(official):
    body = f.GovernanceBodyFactory()
    s.governance_body_update(governance_body=body, user=official, data={"layer": "operational"})
    assert GovernanceBody.objects.get(pk=body.pk).layer == "operational"


#
# Capacity and gaps
#


def test_a_capacity_activity_closing_a_gap_raises_the_version(official):
    participation = f.ParticipationFactory()
    gap = s.partner_gap_create(
        partnership=participation.partnership, user=official, data={"service": "Accredited language school"}
    )
    activity = s.capacity_activity_create(
        partnership=participation.partnership,
        user=official,
        data={
            "target_participation": participation,
            "topic": "orientation",
            "method": "accompaniment",
            "partner_gap": gap,
        },
        expected_version=2,
    )
    assert activity.partner_gap == gap
    s.capacity_activity_update(capacity_activity=activity, user=official, data={"status": "done"}, expected_version=3)
    assert CapacityActivity.objects.get(pk=activity.pk).status == "done"
    assert version_of(participation.partnership) == 4


def test_a_capacity_activity_for_another_partnerships_participant_is_refused(official):
    partnership = PartnershipFactory()
    with pytest.raises(ValidationError) as info:
        s.capacity_activity_create(
            partnership=partnership,
            user=official,
            data={"target_participation": f.ParticipationFactory(), "topic": "lmis", "method": "workshop"},
        )
    assert "target_participation" in info.value.message_dict
    assert version_of(partnership) == 1
