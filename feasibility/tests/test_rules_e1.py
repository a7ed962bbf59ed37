"""E1 — Long- and mid-term planning (SMP-DOMAIN §2.1): one test per outcome of E1.R1–E1.R10."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from costs.tests.factories import SustainabilityPlanFactory
from feasibility.tests.support import FAIL, NA, PASS, WARN, at_stage, check, corridor, join
from partnerships.tests.factories import (
    IndicatorFactory,
    ObjectiveFactory,
    ObjectiveTensionFactory,
    PathwayFactory,
    SdgTargetFactory,
)
from skills.tests.factories import (
    LabourMarketEvidenceFactory,
    OccupationFactory,
    SectorFactory,
    TargetOccupationFactory,
    TrainingProgrammeFactory,
)
from stakeholders.tests.factories import CapacityActivityFactory

pytestmark = pytest.mark.django_db


#
# E1.R1 — at least one mid/long-term objective ⏳
#


def test_e1_r1_passes_with_a_long_term_objective():
    c = corridor()
    ObjectiveFactory(partnership=c.p, horizon="short")
    ObjectiveFactory(partnership=c.p, horizon="long")
    assert check(rule_id="E1.R1", partnership=c.p).status == PASS


def test_e1_r1_warns_when_every_objective_is_short_term():
    c = corridor()
    ObjectiveFactory(partnership=c.p, horizon="short")
    finding = check(rule_id="E1.R1", partnership=c.p)
    assert finding.status == WARN and not finding.draft_lenient_applied
    assert "short term" in finding.message


def test_e1_r1_fails_without_objectives_from_agreement_on():
    c = corridor(stage="agreement")
    finding = check(rule_id="E1.R1", partnership=c.p)
    assert finding.status == FAIL
    assert finding.recommendation.startswith("Agree with every partner")


def test_e1_r1_reports_a_missing_objective_as_a_warning_while_drafting():
    c = corridor(stage="exploration")
    finding = check(rule_id="E1.R1", partnership=c.p)
    assert finding.status == WARN and finding.draft_lenient_applied


#
# E1.R2 — objectives checked for mutual compatibility
#


def test_e1_r2_is_not_applicable_with_a_single_objective():
    c = corridor()
    ObjectiveFactory(partnership=c.p)
    assert check(rule_id="E1.R2", partnership=c.p).status == NA


def test_e1_r2_passes_when_reviewed_and_no_tension_is_open():
    c = corridor(objective_coherence_reviewed_on=dt.date(2026, 3, 1))
    ObjectiveTensionFactory(partnership=c.p, status="mitigated")
    assert check(rule_id="E1.R2", partnership=c.p).status == PASS


def test_e1_r2_warns_when_objectives_were_never_reviewed_together():
    c = corridor()
    ObjectiveFactory.create_batch(2, partnership=c.p)
    finding = check(rule_id="E1.R2", partnership=c.p)
    assert finding.status == WARN and "no coherence review" in finding.message


def test_e1_r2_warns_about_an_open_tension_before_agreement():
    c = corridor(objective_coherence_reviewed_on=dt.date(2026, 3, 1))
    ObjectiveTensionFactory(partnership=c.p, status="open")
    assert check(rule_id="E1.R2", partnership=c.p).status == WARN


def test_e1_r2_fails_with_an_open_tension_at_agreement_even_though_it_is_not_lenient():
    c = corridor(stage="agreement", objective_coherence_reviewed_on=dt.date(2026, 3, 1))
    ObjectiveTensionFactory(partnership=c.p, status="open")
    assert check(rule_id="E1.R2", partnership=c.p).status == FAIL


#
# E1.R3 — forecasting evidence per sector ⏳
#


def test_e1_r3_passes_when_every_sector_has_forward_looking_evidence():
    c = corridor()
    construction = SectorFactory(code="construction")
    c.p.sectors.add(construction)
    LabourMarketEvidenceFactory(partnership=c.p, source_type="forecast_model", horizon_years=5, sector=construction)
    assert check(rule_id="E1.R3", partnership=c.p).status == PASS


def test_e1_r3_warns_when_a_sector_lacks_a_forecast_but_anticipation_is_planned():
    c = corridor()
    c.p.sectors.add(SectorFactory(code="construction"))
    ministry = join(c.p, side="origin")
    CapacityActivityFactory(partnership=c.p, target_participation=ministry, topic="skills_anticipation")
    finding = check(rule_id="E1.R3", partnership=c.p)
    assert finding.status == WARN and not finding.draft_lenient_applied
    assert "Construction" in finding.message


def test_e1_r3_ignores_a_forecast_shorter_than_three_years():
    c = corridor(stage="agreement")
    ict = SectorFactory(code="ict")
    c.p.sectors.add(ict)
    LabourMarketEvidenceFactory(partnership=c.p, source_type="forecast_model", horizon_years=2, sector=ict)
    assert check(rule_id="E1.R3", partnership=c.p).status == FAIL


def test_e1_r3_fails_with_no_forecast_and_nothing_planned_softened_before_agreement():
    c = corridor()
    c.p.sectors.add(SectorFactory(code="ict"))
    finding = check(rule_id="E1.R3", partnership=c.p)
    assert finding.status == WARN and finding.draft_lenient_applied
    assert check(rule_id="E1.R3", partnership=at_stage(c.p, "setup")).status == FAIL


#
# E1.R4 — future-of-work impact per occupation
#


def test_e1_r4_passes_when_every_occupation_is_assessed():
    c = corridor()
    TargetOccupationFactory(partnership=c.p, automation_impact="low")
    TargetOccupationFactory(partnership=c.p, occupation=OccupationFactory(code="7112"), automation_impact="medium")
    assert check(rule_id="E1.R4", partnership=c.p).status == PASS


def test_e1_r4_warns_about_an_occupation_with_unknown_impact_naming_it():
    c = corridor()
    TargetOccupationFactory(partnership=c.p, automation_impact="unknown")
    finding = check(rule_id="E1.R4", partnership=c.p)
    assert finding.status == WARN and "2221" in finding.message


def test_e1_r4_warns_about_high_exposure_without_retraining_provisions():
    c = corridor(flexibility_provisions=["redirect_funds"])
    TargetOccupationFactory(partnership=c.p, automation_impact="high")
    assert check(rule_id="E1.R4", partnership=c.p).status == WARN


def test_e1_r4_passes_high_exposure_when_training_can_change():
    c = corridor(flexibility_provisions=["change_training"])
    TargetOccupationFactory(partnership=c.p, automation_impact="high")
    assert check(rule_id="E1.R4", partnership=c.p).status == PASS


def test_e1_r4_warns_without_target_occupations_because_missing_data_never_passes():
    assert check(rule_id="E1.R4", partnership=corridor().p).status == WARN


#
# E1.R5 — climate and green transition
#


def test_e1_r5_passes_when_an_assessment_is_recorded():
    c = corridor(climate_assessment="Heat stress on sites; retrofit demand.")
    assert check(rule_id="E1.R5", partnership=c.p).status == PASS


def test_e1_r5_warns_without_an_assessment():
    finding = check(rule_id="E1.R5", partnership=corridor().p)
    assert finding.status == WARN and "exposed" not in finding.message


def test_e1_r5_warns_more_strongly_for_a_climate_exposed_sector():
    c = corridor()
    c.p.sectors.add(SectorFactory(code="agriculture_agrifood", climate_exposed=True))
    finding = check(rule_id="E1.R5", partnership=c.p)
    assert finding.status == WARN and "exposed to climate change" in finding.message


#
# E1.R6 — SDG and Global Compact links ⏳
#


def test_e1_r6_passes_when_objectives_are_linked_and_an_indicator_measures_the_link():
    c = corridor()
    target = SdgTargetFactory(code="8.8")
    objective = ObjectiveFactory(partnership=c.p)
    objective.sdg_targets.add(target)
    IndicatorFactory(partnership=c.p, sdg_target=target)
    assert check(rule_id="E1.R6", partnership=c.p).status == PASS


def test_e1_r6_warns_when_no_indicator_carries_the_links():
    c = corridor()
    ObjectiveFactory(partnership=c.p).sdg_targets.add(SdgTargetFactory(code="8.8"))
    finding = check(rule_id="E1.R6", partnership=c.p)
    assert finding.status == WARN and "no indicator" in finding.message


def test_e1_r6_warns_when_some_objectives_are_unlinked():
    c = corridor()
    ObjectiveFactory(partnership=c.p).sdg_targets.add(SdgTargetFactory(code="8.8"))
    ObjectiveFactory(partnership=c.p)
    assert "1 of 2" in check(rule_id="E1.R6", partnership=c.p).message


def test_e1_r6_fails_when_no_objective_is_linked():
    c = corridor(stage="implementation")
    ObjectiveFactory(partnership=c.p)
    assert check(rule_id="E1.R6", partnership=c.p).status == FAIL


#
# E1.R7 — flexibility provisions and contingency ⏳
#


def test_e1_r7_passes_with_two_provisions_and_a_cushion():
    p = corridor(flexibility_provisions=["redirect_funds", "change_sector"], contingency_budget_pct=Decimal("5")).p
    assert check(rule_id="E1.R7", partnership=p).status == PASS


def test_e1_r7_warns_with_a_single_provision():
    p = corridor(flexibility_provisions=["redirect_funds"], contingency_budget_pct=Decimal("5")).p
    assert check(rule_id="E1.R7", partnership=p).status == WARN


def test_e1_r7_warns_with_a_zero_contingency():
    p = corridor(flexibility_provisions=["redirect_funds", "change_sector"], contingency_budget_pct=Decimal("0")).p
    finding = check(rule_id="E1.R7", partnership=p)
    assert finding.status == WARN and "0 %" in finding.message


def test_e1_r7_fails_without_any_provision_at_agreement():
    assert check(rule_id="E1.R7", partnership=corridor(stage="agreement").p).status == FAIL


#
# E1.R8 — beyond one project cycle
#


def test_e1_r8_is_not_applicable_without_public_or_donor_money():
    p = corridor(funding_sources=["private_employer"], donor_funded=False).p
    assert check(rule_id="E1.R8", partnership=p).status == NA


@pytest.mark.parametrize("source", ["international_organisation", "foundation", "development_bank", "donor_oda"])
def test_e1_r8_applies_to_donor_money_of_every_kind(source):
    # §8.1 maps these funding sources to donors (payer "other" with a donor organisation): E1.R8 applies.
    p = corridor(
        funding_sources=[source], donor_funded=None, start_date=dt.date(2025, 1, 1), end_date=dt.date(2026, 6, 30)
    ).p
    finding = check(rule_id="E1.R8", partnership=p)
    assert finding.status == WARN and "18 months" in finding.message


@pytest.mark.parametrize("source", ["private_employer", "employer_association", "investor"])
def test_e1_r8_is_not_applicable_to_private_money_only(source):
    p = corridor(funding_sources=[source], donor_funded=False).p
    assert check(rule_id="E1.R8", partnership=p).status == NA


def test_e1_r8_passes_for_a_scheme_longer_than_36_months():
    p = corridor(funding_sources=["public_cod"], start_date=dt.date(2025, 1, 1), end_date=dt.date(2028, 12, 31)).p
    assert check(rule_id="E1.R8", partnership=p).status == PASS


def test_e1_r8_passes_a_short_scheme_with_a_follow_on_plan():
    c = corridor(donor_funded=True, start_date=dt.date(2025, 1, 1), end_date=dt.date(2026, 12, 31))
    SustainabilityPlanFactory(partnership=c.p)
    assert check(rule_id="E1.R8", partnership=c.p).status == PASS


def test_e1_r8_warns_for_a_short_scheme_without_follow_on():
    p = corridor(donor_funded=True, start_date=dt.date(2025, 1, 1), end_date=dt.date(2026, 12, 31)).p
    finding = check(rule_id="E1.R8", partnership=p)
    assert finding.status == WARN and "24 months" in finding.message


def test_e1_r8_treats_unknown_funding_and_dates_as_missing_data():
    p = corridor(start_date=None, end_date=None).p
    assert check(rule_id="E1.R8", partnership=p).status == WARN


#
# E1.R9 — capacity mapped and addressed ⏳
#


def test_e1_r9_passes_when_every_implementer_is_assessed_and_low_capacity_is_supported():
    c = corridor()
    weak = join(c.p, side="origin", capacity_assessed=True, capacity_level="low")
    join(c.p, capacity_assessed=True, capacity_level="high")
    CapacityActivityFactory(partnership=c.p, target_participation=weak)
    assert check(rule_id="E1.R9", partnership=c.p).status == PASS


def test_e1_r9_warns_about_an_unassessed_implementer_naming_it():
    c = corridor()
    join(c.p, capacity_assessed=True, capacity_level="high")
    join(c.p, side="origin", capacity_assessed=None, org_name="Employment Agency of Kosovo")
    finding = check(rule_id="E1.R9", partnership=c.p)
    assert finding.status == WARN and "Employment Agency of Kosovo" in finding.message


def test_e1_r9_warns_about_low_capacity_without_an_activity():
    c = corridor()
    join(c.p, side="origin", capacity_assessed=True, capacity_level="low")
    assert check(rule_id="E1.R9", partnership=c.p).status == WARN


def test_e1_r9_fails_when_no_implementer_was_assessed():
    c = corridor(stage="agreement")
    join(c.p, capacity_assessed=False)
    assert check(rule_id="E1.R9", partnership=c.p).status == FAIL


def test_e1_r9_ignores_participations_without_implementing_roles():
    c = corridor(stage="agreement")
    join(c.p, roles=["funder"], capacity_assessed=None)
    assert check(rule_id="E1.R9", partnership=c.p).status == FAIL  # nobody implementing has been assessed


#
# E1.R10 — no training before a legal pathway ⏳
#


def _trained(c, occupation_code="7112"):
    target = TargetOccupationFactory(partnership=c.p, occupation=OccupationFactory(code=occupation_code))
    programme = TrainingProgrammeFactory(partnership=c.p, track="migration")
    programme.occupations.add(target)
    return target


def test_e1_r10_is_not_applicable_when_nobody_is_trained_to_migrate():
    c = corridor()
    TrainingProgrammeFactory(partnership=c.p, track="stay", places_migration=0)
    assert check(rule_id="E1.R10", partnership=c.p).status == NA


def test_e1_r10_passes_when_an_existing_pathway_covers_the_trained_occupation():
    c = corridor()
    target = _trained(c)
    pathway = PathwayFactory(partnership=c.p, destination_country=c.destination, status="existing")
    pathway.occupations.add(target.occupation)
    assert check(rule_id="E1.R10", partnership=c.p).status == PASS


def test_e1_r10_warns_when_only_a_planned_pathway_without_legal_basis_exists():
    c = corridor()
    target = _trained(c)
    pathway = PathwayFactory(partnership=c.p, destination_country=c.destination, status="planned", legal_basis="")
    pathway.occupations.add(target.occupation)
    assert check(rule_id="E1.R10", partnership=c.p).status == WARN


def test_e1_r10_fails_for_training_towards_an_occupation_with_no_legal_route():
    c = corridor(stage="agreement")
    _trained(c, "7112")
    finding = check(rule_id="E1.R10", partnership=c.p)
    assert finding.status == FAIL and "7112" in finding.message


def test_e1_r10_only_counts_pathways_to_the_occupations_destinations():
    c = corridor(stage="agreement")
    target = _trained(c)
    from partnerships.tests.factories import PartnershipCountryFactory

    austria = PartnershipCountryFactory(partnership=c.p, country="AT", side="destination")
    target.destinations.add(austria)
    pathway = PathwayFactory(partnership=c.p, destination_country=c.destination)
    pathway.occupations.add(target.occupation)  # a route to Germany, but the occupation is planned for Austria
    assert check(rule_id="E1.R10", partnership=c.p).status == FAIL
