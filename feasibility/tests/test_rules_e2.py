"""E2 — Multi-stakeholder approach and policy coherence (SMP-DOMAIN §2.2): one test per outcome of E2.R1–E2.R11."""

from __future__ import annotations

import datetime as dt

import pytest

from costs.tests.factories import CostBenefitAnalysisFactory
from feasibility.tests.support import FAIL, NA, PASS, WARN, at_stage, check, corridor, join
from partnerships.tests.factories import FeasibilityStudyFactory, ObjectiveFactory
from skills.tests.factories import SectorFactory
from stakeholders.tests.factories import CapacityActivityFactory, GovernanceBodyFactory, PartnerGapFactory

pytestmark = pytest.mark.django_db


def governments(p):
    """A labour ministry on each side; returns (origin, destination)."""
    return join(p, side="origin"), join(p, side="destination")


#
# E2.R1 — both States with a decision seat ⏳
#


def test_e2_r1_passes_when_both_governments_sit_on_the_steering_committee():
    c = corridor()
    origin, destination = governments(c.p)
    GovernanceBodyFactory(partnership=c.p, kind="steering_committee", members=[origin, destination])
    assert check(rule_id="E2.R1", partnership=c.p).status == PASS


def test_e2_r1_warns_when_one_side_has_no_decision_seat():
    c = corridor()
    origin, destination = governments(c.p)
    GovernanceBodyFactory(partnership=c.p, kind="steering_committee", members=[destination])
    finding = check(rule_id="E2.R1", partnership=c.p)
    assert finding.status == WARN and "origin" in finding.message


def test_e2_r1_does_not_count_an_advisory_council_as_a_decision_seat():
    c = corridor()
    origin, destination = governments(c.p)
    GovernanceBodyFactory(partnership=c.p, kind="steering_committee", members=[destination])
    GovernanceBodyFactory(partnership=c.p, kind="advisory_council", layer="decision", members=[origin])
    assert check(rule_id="E2.R1", partnership=c.p).status == WARN


def test_e2_r1_fails_when_a_side_has_no_government_naming_the_side():
    c = corridor(stage="agreement")
    join(c.p, side="destination")
    join(c.p, side="origin", category="donor")  # a donor agency is not government (§4.1)
    finding = check(rule_id="E2.R1", partnership=c.p)
    assert finding.status == FAIL and "origin" in finding.message


def test_e2_r1_missing_government_is_a_warning_while_drafting():
    c = corridor()
    join(c.p, side="destination")
    assert check(rule_id="E2.R1", partnership=c.p).draft_lenient_applied


#
# E2.R2 — whole-of-government coverage ⏳
#


def _ministries(p, side, *portfolios):
    for portfolio in portfolios:
        join(p, side=side, org_portfolio=[portfolio])


def test_e2_r2_passes_with_three_portfolios_on_each_side():
    c = corridor()
    for side in ("origin", "destination"):
        _ministries(c.p, side, "labour_employment", "migration_interior", "education_tvet_skills")
    assert check(rule_id="E2.R2", partnership=c.p).status == PASS


def test_e2_r2_warns_with_two_portfolios_on_a_side():
    c = corridor()
    _ministries(c.p, "origin", "labour_employment", "migration_interior", "education_tvet_skills")
    _ministries(c.p, "destination", "labour_employment", "foreign_affairs_consular")
    assert check(rule_id="E2.R2", partnership=c.p).status == WARN


def test_e2_r2_names_the_portfolios_in_words_and_keeps_their_codes_as_evidence():
    c = corridor()
    _ministries(c.p, "origin", "labour_employment", "migration_interior")
    finding = check(rule_id="E2.R2", partnership=c.p)
    assert "origin: 2 (Labour and employment, Migration and interior)" in finding.message
    assert "destination: 0 (not recorded)" in finding.message
    assert "labour_employment" not in finding.message
    assert finding.evidence["portfolios"]["origin"] == ["labour_employment", "migration_interior"]


def test_e2_r2_does_not_count_other_as_a_portfolio_and_fails_at_agreement():
    c = corridor(stage="agreement")
    _ministries(c.p, "origin", "labour_employment", "other")
    _ministries(c.p, "destination", "labour_employment", "migration_interior", "education_tvet_skills")
    finding = check(rule_id="E2.R2", partnership=c.p)
    assert finding.status == FAIL and "origin: 1" in finding.message


#
# E2.R3 — whole-of-society coverage ⏳
#


def test_e2_r3_passes_with_all_four_groups():
    c = corridor()
    for category in ("employer_org", "training_public", "workers_org", "diaspora_org"):
        join(c.p, category=category)
    assert check(rule_id="E2.R3", partnership=c.p).status == PASS


def test_e2_r3_warns_naming_each_missing_group():
    c = corridor()
    join(c.p, category="employer")
    finding = check(rule_id="E2.R3", partnership=c.p)
    assert finding.status == WARN
    assert "training institutions" in finding.message and "migrant or diaspora" in finding.message


def test_e2_r3_fails_without_any_employer_side_participant():
    c = corridor(stage="agreement")
    join(c.p, category="training_public")
    assert check(rule_id="E2.R3", partnership=c.p).status == FAIL


#
# E2.R4 — involved from the design stage
#


def test_e2_r4_passes_when_every_key_category_joined_by_design():
    c = corridor()
    join(c.p, joined_stage="exploration")
    for category in ("employer", "workers_org", "diaspora_org", "training_public"):
        join(c.p, category=category, joined_stage="design")
    assert check(rule_id="E2.R4", partnership=c.p).status == PASS


def test_e2_r4_warns_when_a_category_first_joined_at_setup():
    c = corridor()
    join(c.p, joined_stage="exploration")
    for category in ("employer", "diaspora_org", "training_public"):
        join(c.p, category=category, joined_stage="assessment")
    join(c.p, category="workers_org", joined_stage="setup")
    finding = check(rule_id="E2.R4", partnership=c.p)
    assert finding.status == WARN and "trade unions" in finding.message and finding.evidence["late"] == ["workers_org"]


def test_e2_r4_warns_when_a_category_is_not_involved_at_all():
    c = corridor()
    join(c.p, joined_stage="exploration")
    assert check(rule_id="E2.R4", partnership=c.p).status == WARN


#
# E2.R5 — layered governance ⏳
#


def _good_governance(c):
    origin, destination = governments(c.p)
    GovernanceBodyFactory(
        partnership=c.p,
        kind="steering_committee",
        members=[origin, destination],
        terms_of_reference="Decides budget and sectors.",
        reporting_cycle="quarterly",
        has_review_mechanism=True,
    )
    GovernanceBodyFactory(partnership=c.p, kind="operational_committee")
    return origin, destination


def test_e2_r5_passes_with_decision_and_operational_layers_and_coordination_rules():
    c = corridor()
    _good_governance(c)
    assert check(rule_id="E2.R5", partnership=c.p).status == PASS


def test_e2_r5_warns_without_a_sector_group_when_several_sectors_are_targeted():
    c = corridor()
    _good_governance(c)
    c.p.sectors.add(SectorFactory(code="ict"), SectorFactory(code="construction"))
    finding = check(rule_id="E2.R5", partnership=c.p)
    assert finding.status == WARN and "2 sectors" in finding.message


def test_e2_r5_warns_when_the_decision_body_has_no_review_mechanism():
    c = corridor()
    origin, destination = governments(c.p)
    GovernanceBodyFactory(
        partnership=c.p, members=[origin, destination], terms_of_reference="ToR", has_review_mechanism=None
    )
    GovernanceBodyFactory(partnership=c.p, kind="operational_committee")
    assert "review mechanism" in check(rule_id="E2.R5", partnership=c.p).message


def test_e2_r5_fails_without_any_governance_body():
    assert check(rule_id="E2.R5", partnership=corridor(stage="agreement").p).status == FAIL


#
# E2.R6 — objectives transparent
#


def test_e2_r6_passes_when_the_agreement_is_published():
    assert check(rule_id="E2.R6", partnership=corridor(agreement_published=True).p).status == PASS


def test_e2_r6_passes_when_every_objective_is_shared():
    c = corridor()
    ObjectiveFactory(partnership=c.p, visibility="all_participants")
    assert check(rule_id="E2.R6", partnership=c.p).status == PASS


def test_e2_r6_warns_about_restricted_objectives():
    c = corridor(agreement_published=False)
    ObjectiveFactory(partnership=c.p, visibility="restricted")
    assert check(rule_id="E2.R6", partnership=c.p).status == WARN


#
# E2.R7 — feasibility study with predecessor lessons ⏳
#


def test_e2_r7_passes_with_a_completed_study_reviewing_predecessors():
    c = corridor()
    FeasibilityStudyFactory(partnership=c.p)
    assert check(rule_id="E2.R7", partnership=c.p).status == PASS


def test_e2_r7_warns_when_the_study_reviews_no_predecessor():
    c = corridor()
    FeasibilityStudyFactory(partnership=c.p, predecessor_schemes_reviewed="")
    assert check(rule_id="E2.R7", partnership=c.p).status == WARN


def test_e2_r7_warns_without_a_study_before_agreement():
    assert check(rule_id="E2.R7", partnership=corridor(stage="assessment").p).status == WARN


def test_e2_r7_fails_without_a_study_from_agreement_on():
    assert check(rule_id="E2.R7", partnership=corridor(stage="setup").p).status == FAIL


#
# E2.R8 — business case per employer
#


def test_e2_r8_is_not_applicable_without_employers():
    assert check(rule_id="E2.R8", partnership=corridor().p).status == NA


def test_e2_r8_passes_with_a_business_case_or_an_roi_study_for_each_employer():
    c = corridor()
    join(c.p, category="employer", business_case="Fills 40 vacancies a year at lower hiring cost.")
    association = join(c.p, category="employer_org")
    CostBenefitAnalysisFactory(partnership=c.p, kind="employer_roi", participation=association)
    assert check(rule_id="E2.R8", partnership=c.p).status == PASS


def test_e2_r8_warns_naming_the_employer_without_business_case():
    c = corridor()
    join(c.p, category="employer", org_name="Bau GmbH")
    finding = check(rule_id="E2.R8", partnership=c.p)
    assert finding.status == WARN and "Bau GmbH" in finding.message


#
# E2.R9 — subnational authorities and champions
#


def test_e2_r9_passes_with_a_region_champions_on_both_sides_and_no_clearance_needed():
    c = corridor(security_clearance_required=False)
    join(c.p, side="origin", is_champion=True)
    join(c.p, side="destination", is_champion=True)
    join(c.p, side="origin", category="subnational_authority")
    assert check(rule_id="E2.R9", partnership=c.p).status == PASS


def test_e2_r9_warns_when_clearance_is_required_but_not_obtained():
    c = corridor(security_clearance_required=True)
    join(c.p, side="origin", is_champion=True)
    join(c.p, side="destination", is_champion=True)
    join(c.p, side="origin", category="subnational_authority")
    assert "clearance" in check(rule_id="E2.R9", partnership=c.p).message


def test_e2_r9_warns_without_champions_or_local_authorities():
    c = corridor(security_clearance_required=False)
    governments(c.p)
    finding = check(rule_id="E2.R9", partnership=c.p)
    assert finding.status == WARN and "champion" in finding.message and "regional or local" in finding.message


#
# E2.R10 — capacity gaps covered
#


def test_e2_r10_is_not_applicable_without_low_capacity_or_gaps():
    c = corridor()
    join(c.p, capacity_level="high")
    assert check(rule_id="E2.R10", partnership=c.p).status == NA


def test_e2_r10_passes_when_an_intermediary_takes_part():
    c = corridor()
    join(c.p, capacity_level="low")
    join(c.p, category="international_org", roles=["intermediary"], side="", org_country="", org_level="")
    assert check(rule_id="E2.R10", partnership=c.p).status == PASS


def test_e2_r10_passes_when_every_gap_has_a_capacity_activity():
    c = corridor()
    gap = PartnerGapFactory(partnership=c.p, service="Skills testing centre")
    ministry = join(c.p)
    CapacityActivityFactory(partnership=c.p, target_participation=ministry, partner_gap=gap)
    assert check(rule_id="E2.R10", partnership=c.p).status == PASS


def test_e2_r10_warns_naming_an_uncovered_gap():
    c = corridor()
    PartnerGapFactory(partnership=c.p, service="Skills testing centre")
    finding = check(rule_id="E2.R10", partnership=c.p)
    assert finding.status == WARN and "Skills testing centre" in finding.message


#
# E2.R11 — diaspora mapped before roles
#


def test_e2_r11_is_not_applicable_when_no_diaspora_is_involved_or_planned():
    assert check(rule_id="E2.R11", partnership=corridor(diaspora_engagement_planned=False).p).status == NA


def test_e2_r11_passes_when_mapped_and_every_diaspora_participant_has_a_role():
    c = corridor(diaspora_mapping_done_on=dt.date(2026, 1, 15))
    join(c.p, category="diaspora_org", roles=["advisor"])
    assert check(rule_id="E2.R11", partnership=c.p).status == PASS


def test_e2_r11_warns_when_the_diaspora_takes_part_without_mapping():
    c = corridor()
    join(c.p, category="diaspora_org", roles=["advisor"])
    assert check(rule_id="E2.R11", partnership=c.p).status == WARN


def test_e2_r11_warns_when_planned_but_unknown_engagement_is_not_mapped():
    assert check(rule_id="E2.R11", partnership=corridor(diaspora_engagement_planned=True).p).status == WARN


def test_e2_r11_stage_does_not_matter_because_it_never_fails():
    c = corridor()
    join(c.p, category="diaspora_org", roles=["advisor"])
    assert check(rule_id="E2.R11", partnership=at_stage(c.p, "implementation")).status == WARN
