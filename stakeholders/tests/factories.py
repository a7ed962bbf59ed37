"""Factories for the stakeholders app. Partnership factories are referenced by dotted path (no import cycle)."""

from __future__ import annotations

import factory

from codelists import stakeholders as c
from codelists.partnerships import Stage
from stakeholders.models import CapacityActivity, GovernanceBody, Organisation, Participation, PartnerGap

PARTNERSHIP_FACTORY = "partnerships.tests.factories.PartnershipFactory"


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A national government ministry of labour in Germany unless told otherwise; traits for other kinds."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    category = c.OrganisationCategory.GOVERNMENT_MINISTRY
    portfolio = factory.LazyAttribute(
        lambda o: [c.Portfolio.LABOUR_EMPLOYMENT] if o.category in c.GOVERNMENT_CATEGORIES else []
    )
    level = c.OrganisationLevel.NATIONAL
    country = "DE"

    class Params:
        employer_org = factory.Trait(category=c.OrganisationCategory.EMPLOYER_ORG)
        employer = factory.Trait(category=c.OrganisationCategory.EMPLOYER)
        training = factory.Trait(category=c.OrganisationCategory.TRAINING_PUBLIC)
        union = factory.Trait(category=c.OrganisationCategory.WORKERS_ORG)
        international = factory.Trait(category=c.OrganisationCategory.INTERNATIONAL_ORG, country="", level="")
        donor = factory.Trait(category=c.OrganisationCategory.DONOR)
        city = factory.Trait(category=c.OrganisationCategory.SUBNATIONAL_AUTHORITY, level=c.OrganisationLevel.LOCAL)


class ParticipationFactory(factory.django.DjangoModelFactory):
    """An organisation on the destination side of a partnership, as implementer."""

    class Meta:
        model = Participation

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    organisation = factory.SubFactory(OrganisationFactory)
    side = c.Side.DESTINATION
    roles = factory.LazyFunction(lambda: [c.ParticipationRole.IMPLEMENTER])
    joined_stage = Stage.EXPLORATION


class GovernanceBodyFactory(factory.django.DjangoModelFactory):
    """A steering committee (decision layer); pass ``members=[...]`` to seat participations."""

    class Meta:
        model = GovernanceBody
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    name = factory.Sequence(lambda n: f"Steering committee {n}")
    kind = c.GovernanceKind.STEERING_COMMITTEE
    layer = factory.LazyAttribute(lambda body: c.DEFAULT_LAYER[body.kind])
    reporting_cycle = c.ReportingCycle.QUARTERLY

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class PartnerGapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerGap

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    service = factory.Sequence(lambda n: f"Missing service {n}")


class CapacityActivityFactory(factory.django.DjangoModelFactory):
    """A planned workshop for a participation of the same partnership."""

    class Meta:
        model = CapacityActivity

    target_participation = factory.SubFactory(ParticipationFactory)
    partnership = factory.SelfAttribute("target_participation.partnership")
    topic = c.CapacityTopic.MATCHING
    method = c.CapacityMethod.WORKSHOP
    status = c.CapacityStatus.PLANNED


def lead_participation(user, partnership, *, role: str = c.ParticipationRole.LEAD) -> Participation:
    """Make ``user`` stand on the lead side of ``partnership`` (the permission policy, docs/permissions.md):
    one of their organisations takes part with ``role`` (``lead`` or ``co_lead``)."""
    organisation = user.organisations.first()
    if organisation is None:
        organisation = OrganisationFactory()
        user.organisations.add(organisation)
    return ParticipationFactory(partnership=partnership, organisation=organisation, roles=[role])
