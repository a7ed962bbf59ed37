"""Cost models: the rules of §8.1 hold in the database itself, not only in the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from codelists.costs import ESSENTIAL_CATEGORIES, SUBITEMS_BY_CATEGORY, CostCategory, CostSubitem, minor_unit
from costs.models import CostItem, CostShare
from costs.tests.factories import (
    CostItemFactory,
    CostShareFactory,
    CurrencyFactory,
    ExchangeRateFactory,
    SustainabilityPlanFactory,
)
from stakeholders.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


#
# Cost items
#


def test_a_negative_amount_is_refused_by_the_database():
    item = CostItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CostItem.objects.filter(pk=item.pk).update(amount=Decimal("-0.01"))


def test_a_negative_actual_amount_is_refused_by_the_database():
    item = CostItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CostItem.objects.filter(pk=item.pk).update(actual_amount=Decimal("-5"))


def test_a_subitem_of_another_category_is_refused_by_the_database():
    item = CostItemFactory(category=CostCategory.TRAVEL, subitem=CostSubitem.TRANSPORT)
    with pytest.raises(IntegrityError), transaction.atomic():
        CostItem.objects.filter(pk=item.pk).update(subitem=CostSubitem.TRAINING_DELIVERY)


def test_the_subitem_other_fits_every_category():
    for category in CostCategory.values:
        CostItemFactory(category=category, subitem=CostSubitem.OTHER, description="Translation of documents")


def test_an_unknown_category_or_basis_is_refused_by_the_database():
    item = CostItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CostItem.objects.filter(pk=item.pk).update(basis="per_month")
    with pytest.raises(IntegrityError), transaction.atomic():
        CostItem.objects.filter(pk=item.pk).update(category="catering", subitem="other")


def test_validation_names_the_subitem_that_does_not_belong_to_the_category():
    item = CostItemFactory.build(category=CostCategory.TRAINING, subitem=CostSubitem.TRANSPORT)
    with pytest.raises(ValidationError) as excinfo:
        item.clean()
    assert excinfo.value.message_dict["subitem"] == [
        "The sub-item “Travel and lodging on the way to the job” does not belong to the category “Training”."
    ]


def test_the_subitem_other_needs_a_description():
    item = CostItemFactory.build(subitem=CostSubitem.OTHER, description=" ")
    with pytest.raises(ValidationError) as excinfo:
        item.clean()
    assert "description" in excinfo.value.message_dict


def test_only_monitoring_and_evaluation_is_voluntary():
    assert set(CostCategory.values) - {CostCategory.MONITORING_EVALUATION} == ESSENTIAL_CATEGORIES
    assert CostItemFactory.build(category="travel", subitem="transport").essential
    assert not CostItemFactory.build(category="monitoring_evaluation", subitem="external_evaluation").essential


def test_every_category_lists_its_subitems_and_other():
    listed = {sub for subs in SUBITEMS_BY_CATEGORY.values() for sub in subs}
    assert listed == set(CostSubitem.values)
    assert all(CostSubitem.OTHER in subs for subs in SUBITEMS_BY_CATEGORY.values())


def test_cost_items_keep_a_history():
    item = CostItemFactory(amount=Decimal("100.00"))
    item.amount = Decimal("120.00")
    item.save()
    assert [h.amount for h in item.history.order_by("history_date")] == [Decimal("100.00"), Decimal("120.00")]


#
# Cost shares
#


@pytest.mark.parametrize("percent", ["0", "-10", "100.01"])
def test_a_share_outside_0_to_100_is_refused_by_the_database(percent):
    item = CostItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CostShare.objects.create(item=item, payer="employer", percent=Decimal(percent))


def test_a_share_of_exactly_100_is_accepted():
    assert CostShareFactory(percent=Decimal("100")).percent == Decimal("100")


def test_the_payer_other_without_an_organisation_is_refused_by_the_database():
    item = CostItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CostShare.objects.create(item=item, payer="other", percent=Decimal("50"))


def test_an_unknown_payer_code_is_refused_by_the_database():
    item = CostItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CostShare.objects.create(item=item, payer="donor", percent=Decimal("50"))


def test_the_same_payer_and_organisation_cannot_appear_twice_on_an_item():
    employer = OrganisationFactory(employer=True)
    share = CostShareFactory(payer="employer", organisation=employer, percent=Decimal("50"))
    with pytest.raises(IntegrityError), transaction.atomic():
        CostShare.objects.create(item=share.item, payer="employer", organisation=employer, percent=Decimal("50"))


def test_the_same_payer_without_organisation_cannot_appear_twice_on_an_item():
    share = CostShareFactory(payer="migrant", percent=Decimal("50"))
    with pytest.raises(IntegrityError), transaction.atomic():
        CostShare.objects.create(item=share.item, payer="migrant", percent=Decimal("50"))


def test_two_employers_may_share_an_item():
    share = CostShareFactory(payer="employer", organisation=OrganisationFactory(employer=True), percent=Decimal("50"))
    CostShare.objects.create(
        item=share.item, payer="employer", organisation=OrganisationFactory(employer=True), percent=Decimal("50")
    )
    assert share.item.shares.count() == 2


def test_cost_shares_keep_a_history():
    share = CostShareFactory(percent=Decimal("100"))
    share_id = share.pk
    share.delete()
    assert [h.history_type for h in CostShare.history.filter(id=share_id).order_by("history_date")] == ["+", "-"]


#
# Exchange rates and currencies
#


@pytest.mark.parametrize("rate", ["0", "-1.5"])
def test_a_rate_that_is_not_positive_is_refused_by_the_database(rate):
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRateFactory(rate=Decimal(rate))


def test_a_rate_from_a_currency_to_itself_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRateFactory(base_currency="EUR", quote_currency="EUR")


def test_one_rate_per_pair_and_day():
    ExchangeRateFactory(as_of=datetime.date(2025, 1, 1))
    ExchangeRateFactory(as_of=datetime.date(2025, 2, 1))
    ExchangeRateFactory(base_currency="EUR", quote_currency="MAD", rate=Decimal("10"), as_of=datetime.date(2025, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRateFactory(as_of=datetime.date(2025, 1, 1), rate=Decimal("0.11"))


def test_a_rate_keeps_eight_decimals():
    rate = ExchangeRateFactory(rate=Decimal("0.09234567"))
    rate.refresh_from_db()
    assert rate.rate == Decimal("0.09234567")


def test_a_currency_knows_its_minor_unit():
    assert CurrencyFactory(code="JPY", name="Yen", numeric="392").minor_unit == 0
    assert minor_unit("EUR") == 2
    assert minor_unit("JOD") == 3


#
# Sustainability plan
#


def test_tested_mechanisms_must_be_planned_mechanisms():
    plan = SustainabilityPlanFactory.build(mechanisms=["levy"], mechanisms_tested=["training_fund"])
    with pytest.raises(ValidationError) as excinfo:
        plan.clean()
    assert "mechanisms_tested" in excinfo.value.message_dict


def test_a_partnership_has_one_sustainability_plan():
    plan = SustainabilityPlanFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SustainabilityPlanFactory(partnership=plan.partnership)
