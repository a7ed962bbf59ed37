"""Integrity of the stakeholders models: database constraints, ``clean()`` messages and derived values."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from codelists import stakeholders as c
from partnerships.tests.factories import PartnershipFactory
from stakeholders.models import GovernanceBody, Organisation, Participation
from stakeholders.tests import factories as f

pytestmark = pytest.mark.django_db


@contextmanager
def violates(constraint: str | None = None):
    """Expect the database to refuse a write (inside a savepoint so the test can go on)."""
    with pytest.raises(IntegrityError) as info, transaction.atomic():
        yield
    if constraint:
        assert constraint in str(info.value)


def clean_errors(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        obj.full_clean()
    return info.value.message_dict


#
# Code lists
#


def test_every_category_belongs_to_exactly_one_group():
    assert set(c.CATEGORY_GROUP) == set(c.OrganisationCategory.values)
    assert set(c.CATEGORY_GROUP.values()) <= set(c.CategoryGroup.values)


def test_the_government_and_employer_groups_hold_the_codes_of_the_domain():
    assert {
        "government_ministry",
        "government_agency",
        "public_employment_service",
        "subnational_authority",
        "embassy_consulate",
    } == c.GOVERNMENT_CATEGORIES
    assert {"employer", "employer_org", "chamber"} == c.EMPLOYER_CATEGORIES
    assert "donor" not in c.GOVERNMENT_CATEGORIES


def test_there_are_nine_implementing_roles():
    assert len(c.IMPLEMENTING_ROLES) == 9
    assert set(c.ParticipationRole.values) >= c.IMPLEMENTING_ROLES
    assert "lead" not in c.IMPLEMENTING_ROLES


def test_every_governance_kind_has_a_default_layer():
    assert set(c.DEFAULT_LAYER) == set(c.GovernanceKind.values)


#
# Organisations
#


def test_it_requires_a_country_except_for_international_organisations_and_donors():
    ministry = f.OrganisationFactory.build(country="")
    assert "Give the organisation's country" in clean_errors(ministry)["country"][0]
    with violates("organisation_country_required"):
        f.OrganisationFactory(country="")
    f.OrganisationFactory(international=True).full_clean()
    f.OrganisationFactory(donor=True, country="", portfolio=[]).full_clean()


def test_an_international_organisation_has_no_country_and_no_level():
    iom = f.OrganisationFactory.build(category=c.OrganisationCategory.INTERNATIONAL_ORG, country="CH", portfolio=[])
    errors = clean_errors(iom)
    assert "no country" in errors["country"][0]
    assert "no level" in errors["level"][0]
    with violates("organisation_international_no_country_level"):
        f.OrganisationFactory(category=c.OrganisationCategory.INTERNATIONAL_ORG, country="CH", portfolio=[])


def test_a_subnational_authority_is_regional_or_local():
    city = f.OrganisationFactory.build(category=c.OrganisationCategory.SUBNATIONAL_AUTHORITY, level="national")
    assert "regional or local" in clean_errors(city)["level"][0]
    with violates("organisation_subnational_level"):
        f.OrganisationFactory(category=c.OrganisationCategory.SUBNATIONAL_AUTHORITY, level="national")
    f.OrganisationFactory(city=True).full_clean()


def test_only_government_organisations_have_a_portfolio():
    association = f.OrganisationFactory.build(employer_org=True, portfolio=["labour_employment"])
    assert "Only government organisations" in clean_errors(association)["portfolio"][0]


def test_it_rejects_an_unknown_portfolio_code():
    ministry = f.OrganisationFactory.build(portfolio=["defence"])
    assert "defence" in clean_errors(ministry)["portfolio"][0]


def test_it_rejects_an_unknown_category():
    with violates("organisation_category_valid"):
        f.OrganisationFactory(category="church")


def test_organisation_names_are_unique_per_country_whatever_the_case():
    f.OrganisationFactory(name="Ministry of Labour", country="DE")
    with violates():
        f.OrganisationFactory(name="MINISTRY OF LABOUR", country="DE")
    f.OrganisationFactory(name="Ministry of Labour", country="XK")
    assert Organisation.objects.filter(name__iexact="ministry of labour").count() == 2


def test_category_group_and_helpers_follow_the_category():
    ministry = f.OrganisationFactory.build()
    chamber = f.OrganisationFactory.build(category=c.OrganisationCategory.CHAMBER, portfolio=[])
    assert (ministry.category_group, ministry.is_government, ministry.is_employer_side) == ("government", True, False)
    assert (chamber.category_group, chamber.is_government, chamber.is_employer_side) == ("employers", False, True)
    assert f.OrganisationFactory.build(city=True).is_subnational


#
# Participations
#


def test_an_organisation_takes_part_once_in_a_partnership():
    participation = f.ParticipationFactory()
    with violates():
        f.ParticipationFactory(partnership=participation.partnership, organisation=participation.organisation)
    duplicate = Participation(
        partnership=participation.partnership,
        organisation=participation.organisation,
        side="destination",
        roles=["funder"],
        joined_stage="design",
    )
    assert "already takes part" in str(clean_errors(duplicate))


def test_a_participation_needs_at_least_one_role():
    participation = f.ParticipationFactory.build(partnership=PartnershipFactory(), roles=[])
    participation.organisation.save()
    assert "at least one role" in clean_errors(participation)["roles"][0]


def test_a_participation_needs_a_side_unless_it_is_international_or_a_donor():
    partnership = PartnershipFactory()
    ministry = f.OrganisationFactory()
    participation = Participation(
        partnership=partnership, organisation=ministry, side="", roles=["co_lead"], joined_stage="exploration"
    )
    assert "Say on which side" in clean_errors(participation)["side"][0]
    iom = f.OrganisationFactory(international=True)
    Participation(
        partnership=partnership, organisation=iom, side="", roles=["implementer"], joined_stage="exploration"
    ).full_clean()


def test_a_capacity_level_needs_an_assessment():
    participation = f.ParticipationFactory(capacity_assessed=False)
    participation.capacity_level = c.CapacityLevel.LOW
    assert "capacity_level" in clean_errors(participation)


def test_it_rejects_an_unknown_joined_stage():
    with violates("participation_joined_stage_valid"):
        f.ParticipationFactory(joined_stage="kickoff")


def test_implementing_roles_are_recognised():
    assert f.ParticipationFactory.build(roles=["lead", "recruiter"]).is_implementing
    assert not f.ParticipationFactory.build(roles=["lead", "funder"]).is_implementing


#
# Governance bodies, capacity activities
#


def test_a_sectoral_working_group_needs_a_sector():
    partnership = PartnershipFactory()
    body = GovernanceBody(partnership=partnership, name="Construction group", kind="sectoral_working_group")
    assert "choose it" in clean_errors(body)["sector"][0]
    with violates("governancebody_sectoral_needs_sector"):
        GovernanceBody.objects.create(
            partnership=partnership, name="Construction group", kind="sectoral_working_group", layer="thematic"
        )


def test_the_layer_defaults_from_the_kind():
    body = GovernanceBody(partnership=PartnershipFactory(), name="Advisers", kind="advisory_council")
    body.full_clean()
    assert body.layer == c.GovernanceLayer.THEMATIC


def test_a_body_is_never_stored_without_a_layer():
    with violates("governancebody_layer_valid"):
        GovernanceBody.objects.create(partnership=PartnershipFactory(), name="No layer", kind="steering_committee")


def test_the_chair_belongs_to_the_same_partnership():
    body = f.GovernanceBodyFactory()
    body.chair = f.ParticipationFactory()
    assert "of this partnership" in clean_errors(body)["chair"][0]


def test_a_capacity_activity_targets_a_participation_of_its_partnership():
    activity = f.CapacityActivityFactory()
    activity.target_participation = f.ParticipationFactory()
    assert "target_participation" in clean_errors(activity)


def test_it_rejects_an_unknown_capacity_topic():
    with violates("capacityactivity_topic_valid"):
        f.CapacityActivityFactory(topic="astrology")


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (f.OrganisationFactory, "category"),
        (f.OrganisationFactory, "level"),
        (f.ParticipationFactory, "side"),
        (f.ParticipationFactory, "joined_stage"),
        (f.ParticipationFactory, "capacity_level"),
        (f.GovernanceBodyFactory, "kind"),
        (f.GovernanceBodyFactory, "layer"),
        (f.GovernanceBodyFactory, "reporting_cycle"),
        (f.CapacityActivityFactory, "topic"),
        (f.CapacityActivityFactory, "method"),
        (f.CapacityActivityFactory, "status"),
    ],
)
def test_the_database_rejects_a_code_outside_the_list(factory, field):
    obj = factory()
    model = type(obj)
    with violates(f"{model._meta.model_name}_{field}_valid"):
        model.objects.filter(pk=obj.pk).update(**{field: "not-a-code"})
