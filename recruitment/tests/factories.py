"""Factories for the recruitment app. Partnership and organisation factories are referenced by dotted path."""

from __future__ import annotations

import factory

from codelists import recruitment as c
from codelists.stakeholders import OrganisationCategory, Side
from recruitment.models import Recruiter, RecruitmentArrangement, WhoSslEntry

PARTNERSHIP_FACTORY = "partnerships.tests.factories.PartnershipFactory"
PARTNERSHIP_COUNTRY_FACTORY = "partnerships.tests.factories.PartnershipCountryFactory"
ORGANISATION_FACTORY = "stakeholders.tests.factories.OrganisationFactory"


class RecruiterFactory(factory.django.DjangoModelFactory):
    """A licensed private recruitment agency in Morocco, not sanctioned, status unknown to IRIS."""

    class Meta:
        model = Recruiter

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    organisation = factory.SubFactory(
        ORGANISATION_FACTORY, category=OrganisationCategory.RECRUITER_PRIVATE, portfolio=[], country="MA"
    )
    licence_number = factory.Sequence(lambda n: f"LIC-{n:05d}")
    licence_country = "MA"
    sanction_status = c.SanctionStatus.NONE
    payment_model = c.PaymentModel.PER_PLACEMENT


class RecruitmentArrangementFactory(factory.django.DjangoModelFactory):
    """A Morocco → Germany corridor recruited through the public employment service."""

    class Meta:
        model = RecruitmentArrangement
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    origin = factory.SubFactory(
        PARTNERSHIP_COUNTRY_FACTORY,
        partnership=factory.SelfAttribute("..partnership"),
        country="MA",
        side=Side.ORIGIN,
    )
    destination = factory.SubFactory(
        PARTNERSHIP_COUNTRY_FACTORY,
        partnership=factory.SelfAttribute("..partnership"),
        country="DE",
        side=Side.DESTINATION,
    )
    channel = c.RecruitmentChannel.PUBLIC_EMPLOYMENT_SERVICE
    contract_languages = factory.LazyFunction(lambda: ["ar", "fr"])
    worker_languages = factory.LazyFunction(lambda: ["ar", "fr"])

    @factory.post_generation
    def recruiters(self, create, extracted, **kwargs):
        if create and extracted:
            self.recruiters.set(extracted)


class WhoSslEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WhoSslEntry
        django_get_or_create = ["country", "edition"]

    country = "NG"
    edition = 2023
