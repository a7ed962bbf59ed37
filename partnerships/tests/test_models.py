"""Integrity of the partnerships models: database constraints and ``clean()`` messages."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from codelists import partnerships as c
from partnerships import models as m
from partnerships.tests import factories as f

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
# Reference data
#


def test_it_rejects_element_codes_outside_e1_to_e8():
    with violates("element_code_valid"):
        m.Element.objects.create(code="E9", name="Nine")


def test_it_rejects_gcm_objective_24():
    with violates("gcmobjective_number_1_23"):
        m.GcmObjective.objects.create(number=24, short_title="No such objective")


def test_it_rejects_an_unknown_iom_region():
    with violates("country_iom_region_valid"):
        m.Country.objects.create(code="DE", name="Germany", iom_region="europe")


#
# Partnership
#


def test_it_rejects_end_date_before_start_date():
    partnership = f.PartnershipFactory.build(start_date=dt.date(2026, 1, 1), end_date=dt.date(2025, 1, 1))
    assert "after the start date" in clean_errors(partnership)["end_date"][0]
    with violates("partnership_end_after_start"):
        f.PartnershipFactory(start_date=dt.date(2026, 1, 1), end_date=dt.date(2025, 1, 1))


def test_it_rejects_a_contingency_budget_above_100_percent():
    partnership = f.PartnershipFactory.build(contingency_budget_pct=Decimal("120"))
    assert "contingency_budget_pct" in clean_errors(partnership)
    with violates("partnership_contingency_pct_0_100"):
        f.PartnershipFactory(contingency_budget_pct=Decimal("100.5"))


def test_it_rejects_fewer_trainees_than_migrants():
    partnership = f.PartnershipFactory.build(planned_migrants_total=100, planned_trainees_total=80)
    message = clean_errors(partnership)["planned_trainees_total"][0]
    assert "at least as many trainees as migrants (100)" in message
    with violates("partnership_trainees_at_least_migrants"):
        f.PartnershipFactory(planned_migrants_total=100, planned_trainees_total=80)


def test_trainees_default_to_migrants():
    partnership = f.PartnershipFactory.build(planned_migrants_total=50, planned_trainees_total=None)
    assert partnership.trainees_total == 50


def test_it_rejects_an_unknown_stage_in_the_database():
    partnership = f.PartnershipFactory()
    with violates("partnership_stage_valid"):
        m.Partnership.objects.filter(pk=partnership.pk).update(stage="negotiation")


def test_it_rejects_an_unknown_code_in_a_multi_choice_list():
    partnership = f.PartnershipFactory.build(migration_types=["temporary", "forever"])
    assert "forever" in clean_errors(partnership)["migration_types"][0]


def test_it_rejects_an_unknown_currency():
    partnership = f.PartnershipFactory.build(reporting_currency="XYZ")
    assert "reporting_currency" in clean_errors(partnership)


def test_duration_counts_a_started_month_in_full():
    partnership = m.Partnership(start_date=dt.date(2024, 1, 1), end_date=dt.date(2026, 12, 31))
    assert partnership.duration_months == 36
    partnership.end_date = dt.date(2027, 1, 1)
    assert partnership.duration_months == 36
    partnership.end_date = dt.date(2027, 1, 2)
    assert partnership.duration_months == 37
    partnership.end_date = None
    assert partnership.duration_months is None


def test_changed_since_approval_compares_versions():
    partnership = f.PartnershipFactory.build(version=4, approved_version=3)
    assert partnership.changed_since_approval
    partnership.approved_version = 4
    assert not partnership.changed_since_approval


def test_a_new_partnership_is_a_draft_in_exploration_at_version_1():
    partnership = f.PartnershipFactory()
    assert (partnership.stage, partnership.review_status, partnership.version) == ("exploration", "draft", 1)


#
# Partnership countries
#


def test_it_rejects_the_same_country_twice_in_a_partnership():
    row = f.PartnershipCountryFactory(country="DE", side=c.Side.DESTINATION)
    with violates():
        m.PartnershipCountry.objects.create(partnership=row.partnership, country="DE", side=c.Side.ORIGIN)
    duplicate = m.PartnershipCountry(partnership=row.partnership, country="DE", side=c.Side.ORIGIN)
    assert "already takes part" in str(clean_errors(duplicate))


def test_the_same_country_may_take_part_in_two_partnerships():
    f.PartnershipCountryFactory(country="DE")
    f.PartnershipCountryFactory(country="DE")
    assert m.PartnershipCountry.objects.filter(country="DE").count() == 2


def test_kosovo_is_a_valid_country():
    row = f.PartnershipCountryFactory(origin=True)
    row.full_clean()
    assert row.country.code == "XK"


def test_it_rejects_an_unknown_side():
    with violates("partnershipcountry_side_valid"):
        f.PartnershipCountryFactory(side="both")


#
# Objectives and tensions
#


def test_it_rejects_an_unknown_objective_kind():
    with violates("objective_kind_valid"):
        f.ObjectiveFactory(kind="world_peace")


def test_objectives_are_visible_to_all_participants_by_default():
    assert f.ObjectiveFactory().visibility == c.Visibility.ALL_PARTICIPANTS


def test_it_rejects_a_tension_of_an_objective_with_itself():
    objective = f.ObjectiveFactory()
    with violates("objectivetension_two_objectives"):
        m.ObjectiveTension.objects.create(
            partnership=objective.partnership, objective_a=objective, objective_b=objective
        )


def test_it_rejects_a_tension_with_an_objective_of_another_partnership():
    mine = f.ObjectiveFactory()
    tension = m.ObjectiveTension(partnership=mine.partnership, objective_a=mine, objective_b=f.ObjectiveFactory())
    assert "of this partnership" in clean_errors(tension)["objective_b"][0]


#
# Indicators
#


def test_it_rejects_two_indicators_with_the_same_code_in_a_partnership():
    indicator = f.IndicatorFactory(code="migrants_deployed")
    with violates():
        f.IndicatorFactory(partnership=indicator.partnership, code="migrants_deployed")


def test_indicators_without_code_may_repeat():
    indicator = f.IndicatorFactory(code="")
    f.IndicatorFactory(partnership=indicator.partnership, code="")
    assert indicator.partnership.indicators.count() == 2


def test_it_rejects_text_as_the_baseline_of_a_quantitative_indicator():
    indicator = f.IndicatorFactory.build(partnership=f.PartnershipFactory(), baseline_value="about ten")
    assert "needs a number" in clean_errors(indicator)["baseline_value"][0]


def test_a_qualitative_indicator_takes_a_text_target():
    indicator = f.IndicatorFactory(
        measure_type=c.MeasureType.QUALITATIVE, baseline_value="weak", target_value="Employers trust the certificate"
    )
    indicator.full_clean()
    assert indicator.target_number is None


def test_it_rejects_an_indicator_side_that_contradicts_its_country():
    row = f.PartnershipCountryFactory(origin=True)
    indicator = f.IndicatorFactory.build(partnership=row.partnership, country=row, side=c.Side.DESTINATION)
    assert "side" in clean_errors(indicator)


def test_it_rejects_a_text_value_for_a_quantitative_indicator():
    value = f.IndicatorValueFactory.build(indicator=f.IndicatorFactory(), value="many")
    assert "enter a number" in clean_errors(value)["value"][0]


#
# Feasibility study, business linkages
#


def test_it_rejects_a_feasibility_study_completed_before_it_started():
    with violates("feasibilitystudy_completed_after_start"):
        f.FeasibilityStudyFactory(started_on=dt.date(2025, 5, 1), completed_on=dt.date(2025, 1, 1))


def test_a_partnership_has_one_feasibility_study():
    study = f.FeasibilityStudyFactory()
    with violates():
        f.FeasibilityStudyFactory(partnership=study.partnership)


def test_it_rejects_a_business_linkage_between_an_organisation_and_itself():
    linkage = f.BusinessLinkageFactory()
    with violates("businesslinkage_two_organisations"):
        m.BusinessLinkage.objects.filter(pk=linkage.pk).update(origin_org=linkage.destination_org)


def test_it_rejects_a_negative_number_of_jobs():
    linkage = f.BusinessLinkageFactory()
    with violates():
        m.BusinessLinkage.objects.filter(pk=linkage.pk).update(jobs_created_origin=-3)


#
# Pathways and steps
#


def test_a_pathway_destination_must_be_a_destination_row_of_the_same_partnership():
    partnership = f.PartnershipFactory(with_countries=True)
    origin = partnership.countries.get(country="XK")
    pathway = f.PathwayFactory.build(partnership=partnership, destination_country=origin)
    assert "choose a country on the Destination side" in clean_errors(pathway)["destination_country"][0]
    elsewhere = f.PartnershipCountryFactory(country="DE")
    pathway = f.PathwayFactory.build(partnership=partnership, destination_country=elsewhere)
    assert "of this partnership" in clean_errors(pathway)["destination_country"][0]


def test_it_rejects_negative_pathway_fees():
    with violates("pathway_fees_not_negative"):
        f.PathwayFactory(fees=Decimal("-1"), fees_currency="EUR")


def test_pathway_fees_need_a_currency():
    pathway = f.PathwayFactory.build(partnership=f.PartnershipFactory(), fees=Decimal("75"), fees_currency="")
    pathway.destination_country = f.PartnershipCountryFactory(partnership=pathway.partnership)
    assert "currency" in clean_errors(pathway)["fees_currency"][0]


def test_remote_terms_belong_to_remote_work_routes_only():
    pathway = f.PathwayFactory()
    pathway.remote_model = c.RemoteModel.REMOTE_WITH_DUTY_TRAVEL
    assert "remote_model" in clean_errors(pathway)
    pathway.permit_kind = c.PermitKind.REMOTE_WORK
    pathway.full_clean()


def test_a_deleted_destination_row_in_use_by_a_pathway_is_protected():
    pathway = f.PathwayFactory()
    with pytest.raises(ProtectedError):
        pathway.destination_country.delete()


def test_it_rejects_a_step_whose_procedure_belongs_to_another_phase():
    step = f.PathwayStepFactory.build(pathway=f.PathwayFactory(), kind=c.PathwayStepKind.JOB_PLACEMENT)
    assert "not a procedure of the phase" in clean_errors(step)["kind"][0]
    with violates("pathwaystep_kind_in_phase"):
        f.PathwayStepFactory(phase=c.Phase.PRE_DEPARTURE, kind=c.PathwayStepKind.JOB_PLACEMENT)


def test_it_rejects_steps_in_the_pre_decision_phase():
    step = f.PathwayStepFactory.build(pathway=f.PathwayFactory(), phase=c.Phase.PRE_DECISION)
    assert "phase" in clean_errors(step)


def test_an_obstacle_status_needs_a_description():
    step = f.PathwayStepFactory.build(pathway=f.PathwayFactory(), obstacle_status=c.ObstacleStatus.OPEN)
    assert "Describe the obstacle" in clean_errors(step)["obstacle"][0]


#
# Continuum, social protection, grievance channels
#


def test_it_rejects_the_same_topic_twice_in_a_phase():
    provision = f.ContinuumProvisionFactory()
    with violates():
        f.ContinuumProvisionFactory(partnership=provision.partnership)


def test_it_rejects_a_topic_of_another_phase():
    provision = f.ContinuumProvisionFactory.build(
        partnership=f.PartnershipFactory(), phase=c.Phase.TRAVEL_ARRIVAL, topic=c.ContinuumTopic.HOUSING
    )
    assert "not a topic of the phase" in clean_errors(provision)["topic"][0]
    with violates("continuumprovision_topic_in_phase"):
        f.ContinuumProvisionFactory(phase=c.Phase.TRAVEL_ARRIVAL, topic=c.ContinuumTopic.HOUSING)


def test_every_topic_and_step_kind_belongs_to_exactly_one_phase():
    assert sorted(c.PHASE_OF_TOPIC) == sorted(c.ContinuumTopic.values)
    assert sorted(c.PHASE_OF_STEP_KIND) == sorted(c.PathwayStepKind.values)


def test_it_rejects_a_second_row_for_the_same_branch_and_destination():
    cover = f.SocialProtectionCoverFactory()
    with violates():
        f.SocialProtectionCoverFactory(partnership=cover.partnership, destination=cover.destination)


def test_social_protection_is_recorded_for_a_destination_row():
    row = f.PartnershipCountryFactory(origin=True)
    cover = f.SocialProtectionCoverFactory.build(partnership=row.partnership, destination=row)
    assert "destination" in clean_errors(cover)


def test_a_grievance_channel_country_is_on_the_channel_side():
    row = f.PartnershipCountryFactory(origin=True)
    channel = f.GrievanceChannelFactory.build(partnership=row.partnership, country=row, side=c.Side.DESTINATION)
    assert "country" in clean_errors(channel)


def test_an_employer_internal_channel_is_not_independent():
    assert not f.GrievanceChannelFactory.build(kind=c.GrievanceKind.EMPLOYER_INTERNAL).is_independent
    assert f.GrievanceChannelFactory.build(kind=c.GrievanceKind.TRADE_UNION).is_independent


#
# Audit rows
#


def test_a_stage_change_may_start_from_no_stage():
    f.StageChangeFactory(from_stage="", to_stage=c.Stage.IMPLEMENTATION).full_clean()


#
# Every choice column is guarded by the database
#

FACTORY_OF = {
    m.Country: f.CountryFactory,
    m.Partnership: f.PartnershipFactory,
    m.PartnershipCountry: f.PartnershipCountryFactory,
    m.Objective: f.ObjectiveFactory,
    m.ObjectiveTension: f.ObjectiveTensionFactory,
    m.Indicator: f.IndicatorFactory,
    m.IndicatorValue: f.IndicatorValueFactory,
    m.Evaluation: f.EvaluationFactory,
    m.LinkedInitiative: f.LinkedInitiativeFactory,
    m.BusinessLinkage: f.BusinessLinkageFactory,
    m.Pathway: f.PathwayFactory,
    m.PathwayStep: f.PathwayStepFactory,
    m.ContinuumProvision: f.ContinuumProvisionFactory,
    m.SocialProtectionCover: f.SocialProtectionCoverFactory,
    m.GrievanceChannel: f.GrievanceChannelFactory,
    m.StageChange: f.StageChangeFactory,
}

CHOICE_CONSTRAINTS = [
    (model, constraint.name.removeprefix(f"{model._meta.model_name}_").removesuffix("_valid"))
    for model in FACTORY_OF
    for constraint in model._meta.constraints
    if constraint.name.endswith("_valid") and constraint.name.startswith(model._meta.model_name)
]


@pytest.mark.parametrize(("model", "field"), CHOICE_CONSTRAINTS, ids=lambda v: getattr(v, "__name__", v))
def test_the_database_rejects_a_code_outside_the_list(model, field):
    obj = FACTORY_OF[model]()
    # A code outside a phase-dependent list also breaks the "<kind|topic> belongs to its phase" check;
    # PostgreSQL may report either constraint first, and both say the code is not allowed.
    allowed = {f"{model._meta.model_name}_{field}_valid"} | {
        constraint.name for constraint in model._meta.constraints if constraint.name.endswith("_in_phase")
    }
    bad_code = "not-a-code"[: model._meta.get_field(field).max_length or None]  # fits the column, in no list
    with pytest.raises(IntegrityError) as info, transaction.atomic():
        model.objects.filter(pk=obj.pk).update(**{field: bad_code})
    assert any(name in str(info.value) for name in allowed), str(info.value)


def test_every_choice_column_has_a_constraint():
    for model in FACTORY_OF:
        guarded = {name for candidate, name in CHOICE_CONSTRAINTS if candidate is model}
        choice_columns = {
            field.name
            for field in model._meta.concrete_fields
            if field.choices
            and not field.primary_key
            and field.name not in {"reporting_currency", "fees_currency", "fee_currency", "country"}
        }
        assert choice_columns <= guarded, (model.__name__, choice_columns - guarded)


def test_it_rejects_a_negative_step_fee():
    with violates("pathwaystep_fee_not_negative"):
        f.PathwayStepFactory(fee_amount=Decimal("-5"), fee_currency="EUR")


def test_it_rejects_version_zero():
    partnership = f.PartnershipFactory()
    with violates("partnership_version_positive"):
        m.Partnership.objects.filter(pk=partnership.pk).update(version=0)


def test_it_rejects_a_second_row_for_the_same_branch_and_route():
    cover = f.SocialProtectionCoverFactory()
    pathway = f.PathwayFactory(partnership=cover.partnership, destination_country=cover.destination)
    f.SocialProtectionCoverFactory(partnership=cover.partnership, destination=cover.destination, pathway=pathway)
    with violates():
        f.SocialProtectionCoverFactory(partnership=cover.partnership, destination=cover.destination, pathway=pathway)


#
# Addresses
#


def test_a_partnerships_absolute_url_is_its_page(client, partnership, dest_official, outsider):
    url = partnership.get_absolute_url()
    assert url == f"/partnerships/{partnership.pk}/"
    client.force_login(dest_official)
    response = client.get(url)
    assert response.status_code == 200
    assert f'href="/partnerships/{partnership.pk}/steps/basics/"' in response.content.decode()  # to the wizard
    client.force_login(outsider)
    assert client.get(url).status_code == 404
