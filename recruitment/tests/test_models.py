"""Recruitment models: constraints that hold in the database, and the health-occupation test of R.14."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from codelists.costs import RECRUITMENT_RELATED
from codelists.recruitment import is_health_occupation
from recruitment.models import RecruitmentArrangement, WhoSslEntry
from recruitment.tests.factories import RecruiterFactory, RecruitmentArrangementFactory, WhoSslEntryFactory

#
# Health occupations (§3.3)
#


@pytest.mark.parametrize("code", ["22", "221", "2221", "2269", "3221", "32", "5321", "532", "3256"])
def test_health_set_contains_groups_22_32_and_532(code):
    assert is_health_occupation(code)


@pytest.mark.parametrize("code", ["225", "2250", "324", "3240", "5311", "2", "3", "53", "2512", "", "22a"])
def test_health_set_excludes_veterinary_groups_and_other_codes(code):
    assert not is_health_occupation(code)


#
# Database constraints
#

db = pytest.mark.django_db


@db
def test_a_recruiter_is_registered_once_per_partnership():
    recruiter = RecruiterFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RecruiterFactory(partnership=recruiter.partnership, organisation=recruiter.organisation)


@db
def test_negative_fees_charged_to_workers_are_refused_by_the_database():
    arrangement = RecruitmentArrangementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RecruitmentArrangement.objects.filter(pk=arrangement.pk).update(fees_charged_to_workers=Decimal("-1"))


@db
def test_unknown_fees_are_stored_as_null_not_zero():
    arrangement = RecruitmentArrangementFactory(fees_charged_to_workers=None)
    arrangement.refresh_from_db()
    assert arrangement.fees_charged_to_workers is None


@db
def test_origin_and_destination_must_differ():
    arrangement = RecruitmentArrangementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RecruitmentArrangement.objects.filter(pk=arrangement.pk).update(destination=arrangement.origin)


@db
def test_an_unknown_worker_financing_code_is_refused_by_the_database():
    arrangement = RecruitmentArrangementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RecruitmentArrangement.objects.filter(pk=arrangement.pk).update(worker_financing="payday_loan")


@db
def test_related_costs_accept_only_recruitment_related_subitems():
    arrangement = RecruitmentArrangementFactory(related_costs_charged_to_workers=["transport", "visa_immigration"])
    arrangement.full_clean()
    arrangement.related_costs_charged_to_workers = ["training_stipend"]
    with pytest.raises(ValidationError) as excinfo:
        arrangement.full_clean()
    assert "related_costs_charged_to_workers" in excinfo.value.message_dict
    assert "training_stipend" not in RECRUITMENT_RELATED


@db
def test_a_who_list_entry_is_unique_per_country_and_edition():
    WhoSslEntryFactory(country="NG", edition=2023)
    WhoSslEntryFactory(country="NG", edition=2020)
    with pytest.raises(IntegrityError), transaction.atomic():
        WhoSslEntry.objects.create(country="NG", edition=2023)


@db
def test_recruitment_arrangements_keep_a_history():
    arrangement = RecruitmentArrangementFactory(substitution_incidents_open=0)
    arrangement.substitution_incidents_open = 2
    arrangement.save()
    assert [h.substitution_incidents_open for h in arrangement.history.order_by("history_date")] == [0, 2]


#
# Services
#


@db
def test_an_arrangement_runs_from_an_origin_row_to_a_destination_row():
    from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
    from recruitment.services import recruitment_arrangement_create

    partnership = PartnershipFactory()
    germany = PartnershipCountryFactory(partnership=partnership, country="DE", side="destination")
    morocco = PartnershipCountryFactory(partnership=partnership, country="MA", side="origin", languages=["ar", "fr"])
    with pytest.raises(ValidationError) as excinfo:
        recruitment_arrangement_create(partnership=partnership, origin=germany, destination=morocco)
    assert set(excinfo.value.message_dict) == {"origin", "destination"}
    arrangement = recruitment_arrangement_create(partnership=partnership, origin=morocco, destination=germany)
    assert arrangement.worker_languages == ["ar", "fr"]


@db
def test_an_arrangement_refuses_a_recruiter_of_another_partnership():
    from recruitment.services import recruitment_arrangement_update

    arrangement = RecruitmentArrangementFactory()
    with pytest.raises(ValidationError) as excinfo:
        recruitment_arrangement_update(arrangement=arrangement, recruiters=[RecruiterFactory()])
    assert "recruiters" in excinfo.value.message_dict
    assert not arrangement.recruiters.exists()
