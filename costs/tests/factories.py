"""Factories for the costs app. Partnership and organisation factories are referenced by dotted path."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from codelists import costs as c
from costs.models import CostBenefitAnalysis, CostItem, CostShare, Currency, ExchangeRate, SustainabilityPlan

PARTNERSHIP_FACTORY = "partnerships.tests.factories.PartnershipFactory"
ORGANISATION_FACTORY = "stakeholders.tests.factories.OrganisationFactory"


class CurrencyFactory(factory.django.DjangoModelFactory):
    """The euro unless told otherwise (get-or-create by code)."""

    class Meta:
        model = Currency
        django_get_or_create = ["code"]

    code = "EUR"
    name = "Euro"
    numeric = "978"


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    """1 MAD = 0.10 EUR on 1 January 2025 (the rate of SMP-DOMAIN §8.4's worked example)."""

    class Meta:
        model = ExchangeRate

    base_currency = "MAD"
    quote_currency = "EUR"
    rate = Decimal("0.10")
    as_of = datetime.date(2025, 1, 1)
    source = "test"


class CostItemFactory(factory.django.DjangoModelFactory):
    """A fixed 20,000 EUR partnership-meetings line without shares (a draft item)."""

    class Meta:
        model = CostItem

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    category = c.CostCategory.PROJECT_IMPLEMENTATION
    subitem = c.CostSubitem.PARTNERSHIP_MEETINGS
    amount = Decimal("20000.00")
    currency = "EUR"
    basis = factory.LazyAttribute(lambda item: c.TYPICAL_BASIS.get(item.subitem, c.CostBasis.FIXED))


class CostShareFactory(factory.django.DjangoModelFactory):
    """An employer share of 100 % of an item (pass ``percent`` and ``payer`` for partial shares)."""

    class Meta:
        model = CostShare

    item = factory.SubFactory(CostItemFactory)
    payer = c.Payer.EMPLOYER
    percent = Decimal("100.00")
    organisation = factory.Maybe(
        factory.LazyAttribute(lambda share: share.payer == c.Payer.OTHER),
        yes_declaration=factory.SubFactory(ORGANISATION_FACTORY, donor=True),
        no_declaration=None,
    )


class CostBenefitAnalysisFactory(factory.django.DjangoModelFactory):
    """Digital Explorers' public value-for-money study (ratio 1.7, break-even 2022, §8.3)."""

    class Meta:
        model = CostBenefitAnalysis

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    kind = c.CostBenefitKind.PUBLIC_VALUE_FOR_MONEY
    perspective = "ICT sector of the destination"
    benefit_cost_ratio = Decimal("1.70")
    break_even = "2022"
    alternatives_compared = False


class SustainabilityPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SustainabilityPlan

    partnership = factory.SubFactory(PARTNERSHIP_FACTORY)
    follow_on = "A follow-on phase financed by a training fund."
    mechanisms = factory.LazyFunction(lambda: [c.SustainabilityMechanism.TRAINING_FUND, c.SustainabilityMechanism.LEVY])
    mechanisms_tested = factory.LazyFunction(lambda: [c.SustainabilityMechanism.TRAINING_FUND])
    target_public_share_pct = Decimal("40.00")
    target_year = 2030
