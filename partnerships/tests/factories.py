"""Factories for every model of the partnerships app.

Defaults describe a small Germany (destination) – Kosovo (origin) scheme. Factories of other apps are
referenced by dotted path so the modules do not import each other.
"""

from __future__ import annotations

import datetime as dt

import factory

from codelists import partnerships as c
from partnerships import models as m

ORGANISATION_FACTORY = "stakeholders.tests.factories.OrganisationFactory"
USER_FACTORY = "accounts.tests.factories.UserFactory"

#
# Reference data
#


class ElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Element
        django_get_or_create = ["code"]

    code = factory.Iterator([f"E{n}" for n in range(1, 9)])
    name = factory.LazyAttribute(lambda e: f"Element {e.code}")
    chapter = factory.LazyAttribute(lambda e: f"G{int(e.code[1]) + 2}")
    order = factory.LazyAttribute(lambda e: int(e.code[1]))


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Country
        django_get_or_create = ["code"]

    code = "DE"
    name = "Germany"
    iom_region = c.IomRegion.EEA


class SdgTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.SdgTarget
        django_get_or_create = ["code"]

    code = "8.8"
    goal = factory.LazyAttribute(lambda t: int(t.code.split(".")[0]))
    short_title = factory.LazyAttribute(lambda t: f"Target {t.code}")
    in_seeds = True


class GcmObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.GcmObjective
        django_get_or_create = ["number"]

    number = 18
    short_title = factory.LazyAttribute(lambda o: f"Objective {o.number}")
    in_seeds = True


#
# Partnership and its rows
#


class PartnershipFactory(factory.django.DjangoModelFactory):
    """A draft partnership in ``exploration``; ``with_countries=True`` adds DE (destination) and XK (origin)."""

    class Meta:
        model = m.Partnership
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Skills partnership {n}")
    summary = "Construction skills for a Germany–Kosovo corridor."
    form_of_engagement = c.FormOfEngagement.MOU
    migration_types = factory.LazyFunction(lambda: [c.MigrationType.TEMPORARY])
    skill_levels = factory.LazyFunction(lambda: [c.SkillLevel.MID])
    training_location = c.TrainingLocation.ORIGIN
    start_date = dt.date(2025, 1, 1)
    end_date = dt.date(2028, 12, 31)

    @factory.post_generation
    def with_countries(self, create, extracted, **kwargs):
        if create and extracted:
            PartnershipCountryFactory(partnership=self, country="DE", side=c.Side.DESTINATION)
            PartnershipCountryFactory(partnership=self, country="XK", side=c.Side.ORIGIN)


class PartnershipCountryFactory(factory.django.DjangoModelFactory):
    """Germany on the destination side unless told otherwise; the ``origin`` trait gives Kosovo as origin."""

    class Meta:
        model = m.PartnershipCountry
        django_get_or_create = ["partnership", "country"]

    partnership = factory.SubFactory(PartnershipFactory)
    country = "DE"
    side = c.Side.DESTINATION
    languages = factory.LazyAttribute(lambda row: ["de"] if row.country == "DE" else ["sq"])

    class Params:
        origin = factory.Trait(country="XK", side=c.Side.ORIGIN)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Objective

    partnership = factory.SubFactory(PartnershipFactory)
    kind = c.ObjectiveKind.SKILLED_WORKFORCE
    horizon = c.Horizon.LONG
    description = "A trained construction workforce on both sides."


class ObjectiveTensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ObjectiveTension

    partnership = factory.SubFactory(PartnershipFactory)
    objective_a = factory.SubFactory(ObjectiveFactory, partnership=factory.SelfAttribute("..partnership"))
    objective_b = factory.SubFactory(
        ObjectiveFactory, partnership=factory.SelfAttribute("..partnership"), kind=c.ObjectiveKind.EMPLOYER_RECRUITMENT
    )
    status = c.TensionStatus.OPEN


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Indicator

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    impact_category = c.ImpactCategory.ECONOMY
    measure_type = c.MeasureType.QUANTITATIVE
    level = c.IndicatorLevel.OUTPUT
    direction = c.Direction.INCREASE
    unit = "persons"
    baseline_value = "0"
    target_value = "100"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    collection_point = c.CollectionPoint.END_OF_TRAINING
    measured_on = dt.date(2026, 6, 30)
    value = "40"


class FeasibilityStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.FeasibilityStudy

    partnership = factory.SubFactory(PartnershipFactory)
    started_on = dt.date(2024, 3, 1)
    completed_on = dt.date(2024, 9, 1)
    predecessor_schemes_reviewed = "An earlier construction pilot and its evaluation."
    scope = factory.LazyFunction(lambda: [c.FeasibilityScope.LEGAL, c.FeasibilityScope.COSTS])


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Evaluation

    partnership = factory.SubFactory(PartnershipFactory)
    kind = c.EvaluationKind.EXTERNAL
    completed_on = dt.date(2028, 6, 30)


class LinkedInitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.LinkedInitiative

    partnership = factory.SubFactory(PartnershipFactory)
    kind = c.LinkedInitiativeKind.ODA_PROGRAMME
    name = factory.Sequence(lambda n: f"Development programme {n}")


class BusinessLinkageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.BusinessLinkage

    partnership = factory.SubFactory(PartnershipFactory)
    kind = c.BusinessLinkageKind.BUSINESS_DELEGATION
    status = c.BusinessLinkageStatus.PLANNED
    destination_org = factory.SubFactory(ORGANISATION_FACTORY, employer_org=True, country="DE")
    origin_org = factory.SubFactory(ORGANISATION_FACTORY, employer=True, country="XK")


class PathwayFactory(factory.django.DjangoModelFactory):
    """An existing work permit to Germany (the destination row is created or reused)."""

    class Meta:
        model = m.Pathway
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Work permit {n}")
    permit_kind = c.PermitKind.WORK_PERMIT
    destination_country = factory.SubFactory(
        PartnershipCountryFactory, partnership=factory.SelfAttribute("..partnership"), country="DE"
    )
    status = c.PathwayStatus.EXISTING
    legal_basis = "Residence Act, section on skilled workers"

    @factory.post_generation
    def origin_countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.origin_countries.set(extracted)


class PathwayStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PathwayStep

    pathway = factory.SubFactory(PathwayFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = "Recruitment through the employment agency"
    phase = c.Phase.PRE_DEPARTURE
    kind = c.PathwayStepKind.RECRUITMENT
    typical_days = 30


class ContinuumProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ContinuumProvision

    partnership = factory.SubFactory(PartnershipFactory)
    phase = c.Phase.PRE_DEPARTURE
    topic = c.ContinuumTopic.PRE_DEPARTURE_ORIENTATION
    status = c.ProvisionStatus.PLANNED


class SocialProtectionCoverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.SocialProtectionCover

    partnership = factory.SubFactory(PartnershipFactory)
    destination = factory.SubFactory(
        PartnershipCountryFactory, partnership=factory.SelfAttribute("..partnership"), country="DE"
    )
    branch = c.SocialProtectionBranch.HEALTH_CARE
    coverage = c.SocialProtectionCoverage.EQUAL_TREATMENT
    basis = c.SocialProtectionBasis.NATIONAL_LAW
    waiting_days = 0


class GrievanceChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.GrievanceChannel

    partnership = factory.SubFactory(PartnershipFactory)
    side = c.Side.DESTINATION
    kind = c.GrievanceKind.LABOUR_INSPECTORATE
    covers = factory.LazyFunction(lambda: [c.GrievanceCover.WAGES, c.GrievanceCover.WORKING_CONDITIONS])
    free_of_charge = True


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.StageChange

    partnership = factory.SubFactory(PartnershipFactory)
    from_stage = c.Stage.EXPLORATION
    to_stage = c.Stage.ASSESSMENT
    user = factory.SubFactory(USER_FACTORY)
