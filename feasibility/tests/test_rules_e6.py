"""E6 — social aspects of employment and mobility (SMP-DOMAIN §2.6): one test per outcome of E6.R1–R10."""

from __future__ import annotations

import datetime as dt

import pytest

from feasibility.tests.rule_helpers import corridor, pathway, target, update
from feasibility.tests.support import FAIL, NA, PASS, WARN, check
from partnerships.tests.factories import (
    ContinuumProvisionFactory,
    GrievanceChannelFactory,
    SocialProtectionCoverFactory,
)
from skills.tests.factories import SectorFactory
from stakeholders.tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 1)


def remote_only(c):
    """Make every pathway used a remote-work track (the N/A case of E6.R4–R6, R.13)."""
    pathway(c.p, c.dest, target(c.p, "2512"), permit_kind="remote_work")


def provide(c, phase, topic, **fields):
    return ContinuumProvisionFactory(partnership=c.p, phase=phase, topic=topic, status="provided", **fields)


#
# E6.R1 — aspirations studied
#


def test_e6_r1_passes_with_a_dated_survey_broken_down_by_gender():
    c = corridor(aspirations_study_on=DAY, aspirations_methods=["survey"], aspirations_by_gender=True)
    assert check(rule_id="E6.R1", partnership=c.p).status == PASS


def test_e6_r1_warns_when_only_second_hand_methods_were_used():
    c = corridor(aspirations_study_on=DAY, aspirations_methods=["research_review"], aspirations_by_gender=True)
    finding = check(rule_id="E6.R1", partnership=c.p)
    assert finding.status == WARN and "Research review" in finding.message


def test_e6_r1_warns_without_a_gender_breakdown():
    c = corridor(aspirations_study_on=DAY, aspirations_methods=["focus_groups"])
    assert check(rule_id="E6.R1", partnership=c.p).status == WARN


def test_e6_r1_fails_without_a_study_from_agreement_and_warns_before():
    c = corridor()
    assert check(rule_id="E6.R1", partnership=c.p).status == WARN
    assert check(rule_id="E6.R1", partnership=c.p, stage="agreement").status == FAIL


#
# E6.R2 — gender analysis
#


def test_e6_r2_passes_with_an_ex_ante_analysis_that_found_no_imbalance():
    c = corridor(gender_analysis_ex_ante_on=DAY, gender_imbalances_found=False)
    assert check(rule_id="E6.R2", partnership=c.p).status == PASS


def test_e6_r2_warns_when_imbalances_have_no_action_plan():
    c = corridor(gender_analysis_ex_ante_on=DAY, gender_imbalances_found=True)
    finding = check(rule_id="E6.R2", partnership=c.p)
    assert finding.status == WARN and "action plan" in finding.message


def test_e6_r2_warns_at_evaluation_without_an_ex_post_analysis():
    c = corridor("evaluation", gender_analysis_ex_ante_on=DAY, gender_imbalances_found=False)
    assert check(rule_id="E6.R2", partnership=c.p).status == WARN


def test_e6_r2_fails_without_an_ex_ante_analysis_from_agreement():
    assert check(rule_id="E6.R2", partnership=corridor().p, stage="agreement").status == FAIL


#
# E6.R3 — safeguards for women and diverse SOGIESC
#

ALL_SAFEGUARDS = [
    "maternity_protection",
    "harassment_gbv_prevention",
    "sogiesc_orientation",
    "gender_sensitive_staff_training",
    "labour_law_cover_domestic_care",
]


def test_e6_r3_passes_with_every_kind_of_safeguard():
    c = corridor(inclusion_safeguards=ALL_SAFEGUARDS)
    c.p.sectors.add(SectorFactory(code="health_care"))
    assert check(rule_id="E6.R3", partnership=c.p).status == PASS


def test_e6_r3_warns_without_sogiesc_measures():
    c = corridor(inclusion_safeguards=["maternity_protection", "harassment_gbv_prevention", "gender_balanced_staffing"])
    finding = check(rule_id="E6.R3", partnership=c.p)
    assert finding.status == WARN and "SOGIESC content in orientation or Safe referrals" in finding.message


def test_e6_r3_fails_when_care_workers_lack_labour_law_cover():
    c = corridor("agreement", inclusion_safeguards=ALL_SAFEGUARDS[:4])
    c.p.sectors.add(SectorFactory(code="domestic_work"))
    finding = check(rule_id="E6.R3", partnership=c.p)
    assert finding.status == FAIL and "Domestic work" in finding.message


def test_e6_r3_fails_without_maternity_or_harassment_protection():
    c = corridor("agreement", inclusion_safeguards=["sogiesc_orientation"])
    assert check(rule_id="E6.R3", partnership=c.p).status == FAIL


#
# E6.R4 — pre-departure orientation
#

ORIENTATION = [
    "rights_obligations",
    "working_conditions_contract",
    "grievance_support",
    "living_culture",
    "uncertainties",
]


def _orientation(c, **fields):
    responsible = ParticipationFactory(partnership=c.p, side="origin")
    defaults = {"content": ORIENTATION, "languages": ["ar", "fr"], "responsible": responsible}
    return provide(c, "pre_departure", "pre_departure_orientation", **{**defaults, **fields})


def test_e6_r4_passes_with_a_full_orientation_in_every_worker_language():
    c = corridor()
    _orientation(c)
    assert check(rule_id="E6.R4", partnership=c.p).status == PASS


def test_e6_r4_accepts_uncertainties_covered_by_expectation_management():
    c = corridor()
    _orientation(c, content=ORIENTATION[:4])
    assert check(rule_id="E6.R4", partnership=c.p).status == WARN
    provide(c, "pre_decision", "expectation_management")
    assert check(rule_id="E6.R4", partnership=c.p).status == PASS


def test_e6_r4_warns_when_a_worker_language_is_missing():
    c = corridor()
    _orientation(c, languages=["fr"])
    finding = check(rule_id="E6.R4", partnership=c.p)
    assert finding.status == WARN and "ar" in finding.message


def test_e6_r4_fails_without_orientation_from_agreement():
    assert check(rule_id="E6.R4", partnership=corridor().p, stage="agreement").status == FAIL


def test_e6_r4_is_not_applicable_when_every_pathway_used_is_remote():
    c = corridor()
    remote_only(c)
    assert check(rule_id="E6.R4", partnership=c.p).status == NA


#
# E6.R5 — soft landing
#


def _landing(c, services=("bank_account", "administrative_help")):
    provide(c, "travel_arrival", "reception_information", delivery=["welcome_centre"])
    provide(c, "stay_employment", "soft_landing_integration", services=list(services), delivery=["mentor"])
    provide(c, "stay_employment", "housing")
    provide(c, "stay_employment", "language_lifelong_learning")


def test_e6_r5_passes_with_reception_soft_landing_housing_a_mentor_and_language_learning():
    c = corridor()
    _landing(c)
    assert check(rule_id="E6.R5", partnership=c.p).status == PASS


def test_e6_r5_warns_when_soft_landing_leaves_out_the_bank_account():
    c = corridor()
    _landing(c, services=("administrative_help",))
    finding = check(rule_id="E6.R5", partnership=c.p)
    assert finding.status == WARN and "Bank account" in finding.message


def test_e6_r5_fails_only_from_agreement_when_nothing_is_provided_for_arrival():
    c = corridor()
    finding = check(rule_id="E6.R5", partnership=c.p)
    assert (finding.status, finding.draft_lenient_applied) == (WARN, True)
    assert check(rule_id="E6.R5", partnership=c.p, stage="agreement").status == FAIL


def test_e6_r5_is_not_applicable_when_every_pathway_used_is_remote():
    c = corridor()
    remote_only(c)
    assert check(rule_id="E6.R5", partnership=c.p).status == NA


#
# E6.R6 — health and injury cover from arrival
#


def _covers(c, **fields):
    for branch in ("health_care", "employment_injury"):
        SocialProtectionCoverFactory(partnership=c.p, destination=c.dest, branch=branch, **fields)


def test_e6_r6_passes_with_equal_cover_from_day_one():
    c = corridor()
    _covers(c)
    assert check(rule_id="E6.R6", partnership=c.p).status == PASS


def test_e6_r6_warns_on_a_waiting_period_without_bridging_insurance():
    c = corridor()
    _covers(c, waiting_days=90)
    finding = check(rule_id="E6.R6", partnership=c.p)
    assert finding.status == WARN and "90 days" in finding.message
    c.p.social_protection_covers.update(bridging_insurance=True)
    assert check(rule_id="E6.R6", partnership=c.p).status == PASS


def test_e6_r6_fails_when_workers_have_no_injury_cover():
    c = corridor("agreement")
    _covers(c)
    c.p.social_protection_covers.filter(branch="employment_injury").update(coverage="none")
    finding = check(rule_id="E6.R6", partnership=c.p)
    assert finding.status == FAIL and "no Employment injury cover" in finding.message


def test_e6_r6_is_not_applicable_when_every_pathway_used_is_remote():
    c = corridor()
    remote_only(c)
    assert check(rule_id="E6.R6", partnership=c.p).status == NA


#
# E6.R7 — social security and portability
#


def _social_security(c, pension_portable="yes"):
    for branch in ("sickness_maternity", "old_age_pension", "unemployment", "family_benefits"):
        SocialProtectionCoverFactory(
            partnership=c.p,
            destination=c.dest,
            branch=branch,
            portable=pension_portable if branch == "old_age_pension" else "yes",
        )


def test_e6_r7_passes_with_four_branches_portable_pensions_and_a_tax_treaty():
    c = corridor(fiscal_cooperation=["double_taxation_agreement"])
    _social_security(c)
    assert check(rule_id="E6.R7", partnership=c.p).status == PASS


def test_e6_r7_warns_when_pensions_do_not_follow_temporary_workers_home():
    c = corridor(fiscal_cooperation=["double_taxation_agreement"])
    _social_security(c, pension_portable="no")
    finding = check(rule_id="E6.R7", partnership=c.p)
    assert finding.status == WARN and "temporary" in finding.message


def test_e6_r7_warns_without_a_double_taxation_agreement():
    c = corridor()
    _social_security(c)
    assert check(rule_id="E6.R7", partnership=c.p).status == WARN


def test_e6_r7_fails_only_from_agreement_when_no_branch_was_assessed():
    c = corridor()
    assert check(rule_id="E6.R7", partnership=c.p).status == WARN
    assert check(rule_id="E6.R7", partnership=c.p, stage="agreement").status == FAIL


#
# E6.R8 — family reunification and visits
#


def _route(c, **fields):
    defaults = {
        "family_reunification": True,
        "family_waiting_months": 3,
        "spouse_work_allowed": True,
        "multiple_entry": True,
    }
    return pathway(c.p, c.dest, target(c.p), **{**defaults, **fields})


def test_e6_r8_passes_a_long_stay_route_with_family_spouse_work_and_multiple_entry():
    c = corridor()
    _route(c, max_stay_months=48)
    assert check(rule_id="E6.R8", partnership=c.p).status == PASS


def test_e6_r8_passes_a_short_stay_route_with_family_visits():
    c = corridor()
    _route(c, max_stay_months=9, family_reunification=False, multiple_entry=False, family_visits_facilitated=True)
    assert check(rule_id="E6.R8", partnership=c.p).status == PASS


def test_e6_r8_warns_when_spouses_may_not_work():
    c = corridor()
    _route(c, spouse_work_allowed=False)
    assert check(rule_id="E6.R8", partnership=c.p).status == WARN


def test_e6_r8_warns_when_reunification_is_barred_but_an_exemption_was_requested():
    c = corridor(family_exemption_requested_on=DAY)
    _route(c, family_reunification=False)
    finding = check(rule_id="E6.R8", partnership=c.p)
    assert finding.status == WARN and "exemption" in finding.message


def test_e6_r8_fails_a_long_stay_route_barring_families_from_agreement():
    c = corridor("agreement")
    _route(c, family_reunification=False)
    finding = check(rule_id="E6.R8", partnership=c.p)
    assert finding.status == FAIL and "Work permit" in finding.message


def test_e6_r8_is_not_applicable_when_every_pathway_used_is_remote():
    c = corridor()
    remote_only(c)
    assert check(rule_id="E6.R8", partnership=c.p).status == NA


#
# E6.R9 — independent complaint channels
#


def _channels(c, consular=True):
    GrievanceChannelFactory(
        partnership=c.p,
        country=c.dest,
        covers=["wages", "working_conditions", "harassment_gbv"],
        languages=["ar"],
        safe_regardless_of_status=True,
    )
    if consular:
        GrievanceChannelFactory(partnership=c.p, country=c.dest, kind="consular_service", languages=["ar"])
    GrievanceChannelFactory(partnership=c.p, side="origin", kind="migrant_resource_centre")


def test_e6_r9_passes_with_an_independent_safe_channel_a_consulate_and_an_origin_centre():
    c = corridor()
    _channels(c)
    assert check(rule_id="E6.R9", partnership=c.p).status == PASS


def test_e6_r9_warns_without_a_consular_channel():
    c = corridor()
    _channels(c, consular=False)
    finding = check(rule_id="E6.R9", partnership=c.p)
    assert finding.status == WARN and "consular" in finding.message


def test_e6_r9_fails_when_a_destination_has_only_the_employers_channel():
    c = corridor("agreement")
    GrievanceChannelFactory(partnership=c.p, country=c.dest, kind="employer_internal")
    finding = check(rule_id="E6.R9", partnership=c.p)
    assert finding.status == FAIL and "Germany" in finding.message


#
# E6.R10 — return and reintegration
#


def _return(c, groups=("women", "all")):
    update(
        c.p,
        return_services=["pre_return_orientation", "one_stop_centre"],
        return_entitlements_guaranteed=True,
        fiscal_cooperation=["simplified_registration"],
    )
    provide(c, "return_reintegration", "return_support", target_groups=list(groups))


def test_e6_r10_passes_with_a_prepared_return_and_support_for_women():
    c = corridor()
    _return(c)
    assert check(rule_id="E6.R10", partnership=c.p).status == PASS


def test_e6_r10_warns_when_return_support_ignores_returning_women():
    c = corridor()
    _return(c, groups=("all",))
    finding = check(rule_id="E6.R10", partnership=c.p)
    assert finding.status == WARN and "women" in finding.message


def test_e6_r10_fails_without_any_return_measure_from_agreement():
    assert check(rule_id="E6.R10", partnership=corridor().p, stage="agreement").status == FAIL


def test_e6_r10_is_not_applicable_to_permanent_migration():
    assert check(rule_id="E6.R10", partnership=corridor(migration_types=["permanent"]).p).status == NA
