"""E7 — regular pathways, admission procedures and visas (SMP-DOMAIN §2.7): one test per outcome of E7.R1–R11."""

from __future__ import annotations

import datetime as dt

import pytest

from feasibility.tests.rule_helpers import corridor, participant, pathway, target, update
from feasibility.tests.support import FAIL, NA, PASS, WARN, check
from partnerships.tests.factories import (
    ContinuumProvisionFactory,
    PathwayStepFactory,
    SocialProtectionCoverFactory,
)
from skills.tests.factories import OccupationProfileFactory, RecognitionArrangementFactory, SectorFactory
from stakeholders.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 1)


def used(c, **fields):
    """One target occupation and one pathway covering it (a "pathway used")."""
    c.to = target(c.p)
    c.route = pathway(c.p, c.dest, c.to, **fields)
    return c.route


#
# E7.R1 — legal pathway mapped
#


def test_e7_r1_passes_when_every_occupation_has_an_existing_route_and_the_mapping_is_dated():
    c = corridor(pathway_mapping_done_on=DAY)
    used(c)
    assert check(rule_id="E7.R1", partnership=c.p).status == PASS


def test_e7_r1_warns_when_only_a_planned_route_without_reform_owner_exists():
    c = corridor(pathway_mapping_done_on=DAY)
    used(c, status="planned", name="Skilled-worker route (planned)")
    finding = check(rule_id="E7.R1", partnership=c.p)
    assert finding.status == WARN and "Skilled-worker route (planned)" in finding.message


def test_e7_r1_warns_when_the_mapping_is_not_dated():
    c = corridor()
    used(c)
    assert check(rule_id="E7.R1", partnership=c.p).status == WARN


def test_e7_r1_fails_from_agreement_when_an_occupation_has_no_route():
    c = corridor("agreement", pathway_mapping_done_on=DAY)
    target(c.p, "7112")
    finding = check(rule_id="E7.R1", partnership=c.p)
    assert finding.status == FAIL and "7112" in finding.message and "Germany" in finding.message


#
# E7.R2 — procedures along the continuum
#

PHASE_STEPS = [
    ("pre_departure", "recruitment"),
    ("pre_departure", "visa_work_permit"),
    ("travel_arrival", "entry_verification"),
    ("stay_employment", "post_arrival_registration"),
    ("onward_migration", "social_security_portability"),
    ("return_reintegration", "pre_return_orientation"),
]


def _steps(route, steps=PHASE_STEPS, **fields):
    authority = OrganisationFactory(category="government_agency")
    for phase, kind in steps:
        PathwayStepFactory(pathway=route, phase=phase, kind=kind, responsible=authority, **fields)


def test_e7_r2_passes_when_every_phase_is_mapped_with_authorities_and_durations():
    c = corridor()
    _steps(used(c))
    assert check(rule_id="E7.R2", partnership=c.p).status == PASS


def test_e7_r2_warns_when_return_is_not_mapped_for_temporary_migration():
    c = corridor()
    _steps(used(c), steps=PHASE_STEPS[:5])
    finding = check(rule_id="E7.R2", partnership=c.p)
    assert finding.status == WARN and "no step in Return and reintegration" in finding.message


def test_e7_r2_does_not_expect_return_steps_for_permanent_migration():
    c = corridor(migration_types=["permanent"])
    _steps(used(c), steps=PHASE_STEPS[:4])
    assert check(rule_id="E7.R2", partnership=c.p).status == PASS


def test_e7_r2_warns_on_an_open_obstacle_without_owner():
    c = corridor()
    _steps(used(c), obstacle="Appointment backlog", obstacle_status="open")
    assert check(rule_id="E7.R2", partnership=c.p).status == WARN


def test_e7_r2_fails_from_agreement_when_a_pathway_has_no_step():
    c = corridor("agreement")
    used(c)
    assert check(rule_id="E7.R2", partnership=c.p).status == FAIL


#
# E7.R3 — migration agency and consulate
#


def _authorities(c, joined="design", consulate=True):
    participant(
        c.p,
        "government_agency",
        roles=["permit_authority"],
        portfolio=["migration_interior"],
        name="Federal Office for Migration",
        joined_stage=joined,
        is_champion=True,
    )
    if consulate:
        participant(c.p, "embassy_consulate", roles=["permit_authority"], country="DE")


def test_e7_r3_passes_when_the_agency_joined_at_design_with_a_champion_and_a_consulate():
    c = corridor()
    _authorities(c)
    assert check(rule_id="E7.R3", partnership=c.p).status == PASS


def test_e7_r3_warns_without_a_visa_issuing_consulate():
    c = corridor()
    _authorities(c, consulate=False)
    assert check(rule_id="E7.R3", partnership=c.p).status == WARN


def test_e7_r3_warns_when_the_agency_joined_only_at_setup():
    c = corridor()
    _authorities(c, joined="setup")
    finding = check(rule_id="E7.R3", partnership=c.p)
    assert finding.status == WARN and "Federal Office for Migration" in finding.message


def test_e7_r3_fails_from_agreement_without_a_destination_migration_authority():
    assert check(rule_id="E7.R3", partnership=corridor().p, stage="agreement").status == FAIL


#
# E7.R4 — fast and simple procedures
#


def test_e7_r4_passes_a_quick_published_route_with_three_facilitation_measures():
    c = corridor()
    used(
        c,
        processing_days_typical=60,
        processing_time_published=True,
        digital_application="fully_digital",
        visa_centre_in_origin=True,
        info_languages=["fr", "de"],
    )
    assert check(rule_id="E7.R4", partnership=c.p).status == PASS


def test_e7_r4_warns_when_the_pre_departure_steps_add_up_to_more_than_ninety_days():
    c = corridor()
    route = used(c, processing_time_published=True, fast_track=True, fees_waived=True, visa_centre_in_origin=True)
    PathwayStepFactory(pathway=route, typical_days=70)
    PathwayStepFactory(pathway=route, typical_days=50, kind="visa_work_permit")
    finding = check(rule_id="E7.R4", partnership=c.p)
    assert finding.status == WARN and "120 days" in finding.message


def test_e7_r4_warns_and_lists_the_missing_facilitation_measures():
    c = corridor()
    used(c, processing_days_observed=30, processing_time_published=True)
    finding = check(rule_id="E7.R4", partnership=c.p)
    assert finding.status == WARN and "a visa centre in the origin" in finding.message


#
# E7.R5 — change of employer
#


def test_e7_r5_passes_when_permits_are_tied_only_to_the_sector():
    c = corridor()
    used(c, employer_tied="sector")
    assert check(rule_id="E7.R5", partnership=c.p).status == PASS


def test_e7_r5_warns_on_a_single_employer_permit_with_a_way_out():
    c = corridor()
    used(c, employer_tied="single_employer", change_of_employer_allowed=False, tied_safeguards=["change_on_abuse"])
    assert check(rule_id="E7.R5", partnership=c.p).status == WARN


def test_e7_r5_fails_from_agreement_on_a_single_employer_permit_without_safeguards():
    c = corridor()
    used(c, employer_tied="single_employer", change_of_employer_allowed=False)
    assert check(rule_id="E7.R5", partnership=c.p).status == WARN
    finding = check(rule_id="E7.R5", partnership=c.p, stage="agreement")
    assert finding.status == FAIL and "one employer" in finding.message


#
# E7.R6 — stay, renewal and residence
#


def test_e7_r6_passes_long_term_migration_on_a_renewable_route_to_residence():
    c = corridor(migration_types=["long_term"])
    used(c, max_stay_months=48, renewable=True, route_to_permanent_residence=True)
    assert check(rule_id="E7.R6", partnership=c.p).status == PASS


def test_e7_r6_warns_on_a_temporary_permit_that_can_be_neither_renewed_nor_converted():
    c = corridor()
    used(c, max_stay_months=24, renewable=False)
    finding = check(rule_id="E7.R6", partnership=c.p)
    assert finding.status == WARN and "24-month" in finding.message


def test_e7_r6_warns_when_a_seasonal_permit_has_no_recorded_length_of_stay():
    c = corridor()
    used(c, permit_kind="seasonal_work", renewable=True)
    finding = check(rule_id="E7.R6", partnership=c.p)
    assert finding.status == WARN and "length of stay" in finding.message


def test_e7_r6_fails_from_agreement_when_long_term_migration_has_no_route_to_residence():
    c = corridor("agreement", migration_types=["long_term"])
    used(c, max_stay_months=24, renewable=True, route_to_permanent_residence=False)
    assert check(rule_id="E7.R6", partnership=c.p).status == FAIL


#
# E7.R7 — seasonal and circular schemes
#


def _seasonal(c, **fields):
    defaults = {
        "permit_kind": "seasonal_work",
        "reentry_facilitated": True,
        "multiple_entry": True,
        "convertible_to": "work_permit",
    }
    route = used(c, **{**defaults, **fields})
    for branch in ("health_care", "employment_injury"):
        SocialProtectionCoverFactory(partnership=c.p, destination=c.dest, branch=branch)
    ContinuumProvisionFactory(partnership=c.p, phase="return_reintegration", topic="circular_reentry")
    return route


def test_e7_r7_is_not_applicable_without_seasonal_or_circular_migration():
    c = corridor()
    used(c)
    assert check(rule_id="E7.R7", partnership=c.p).status == NA


def test_e7_r7_passes_a_seasonal_route_with_re_entry_cover_and_support_at_home():
    c = corridor(migration_types=["seasonal"])
    _seasonal(c)
    assert check(rule_id="E7.R7", partnership=c.p).status == PASS


def test_e7_r7_warns_when_the_seasonal_permit_cannot_be_converted():
    c = corridor(migration_types=["seasonal"])
    _seasonal(c, convertible_to="")
    assert check(rule_id="E7.R7", partnership=c.p).status == WARN


def test_e7_r7_fails_only_from_agreement_when_workers_cannot_come_back():
    c = corridor(migration_types=["circular"])
    _seasonal(c, reentry_facilitated=False, multiple_entry=False)
    finding = check(rule_id="E7.R7", partnership=c.p)
    assert (finding.status, finding.draft_lenient_applied) == (WARN, True)
    assert check(rule_id="E7.R7", partnership=c.p, stage="agreement").status == FAIL


#
# E7.R8 — the BLMA checklist
#

BLMA = [
    "responsible_authorities",
    "migration_types_covered",
    "covered_groups",
    "model_employment_contract",
    "equal_treatment",
    "health_social_benefits",
]


def _social_partners(c, union_joined="assessment"):
    participant(c.p, "workers_org", joined_stage=union_joined)
    participant(c.p, "employer_org", joined_stage="exploration")
    participant(c.p, "ngo_cso", side="origin", joined_stage="design")


def test_e7_r8_passes_with_all_six_clauses_negotiated_with_social_partners():
    c = corridor(agreement_clauses=BLMA)
    _social_partners(c)
    assert check(rule_id="E7.R8", partnership=c.p).status == PASS


def test_e7_r8_warns_when_one_clause_is_missing():
    c = corridor(agreement_clauses=BLMA[:5])
    _social_partners(c)
    finding = check(rule_id="E7.R8", partnership=c.p)
    assert finding.status == WARN and "Health care and social benefits" in finding.message


def test_e7_r8_warns_when_the_union_joined_only_at_the_agreement():
    c = corridor(agreement_clauses=BLMA)
    _social_partners(c, union_joined="agreement")
    assert check(rule_id="E7.R8", partnership=c.p).status == WARN


def test_e7_r8_fails_from_agreement_when_three_clauses_are_missing():
    c = corridor("agreement", agreement_clauses=BLMA[:3])
    _social_partners(c)
    assert check(rule_id="E7.R8", partnership=c.p).status == FAIL


#
# E7.R9 — admissions can be scaled
#


def _shortage(c, **route_fields):
    route = used(c, **route_fields)
    OccupationProfileFactory(target_occupation=c.to, country=c.origin, labour_status="shortage")
    return route


def test_e7_r9_passes_with_adjustable_admissions_a_trigger_and_the_clause():
    c = corridor("agreement", admission_review_trigger="Vacancy rate above 5 %", agreement_clauses=["admission_review"])
    _shortage(c, admissions_adjustable=True)
    assert check(rule_id="E7.R9", partnership=c.p).status == PASS


def test_e7_r9_warns_without_a_trigger():
    c = corridor()
    used(c, admissions_adjustable=True)
    assert check(rule_id="E7.R9", partnership=c.p).status == WARN


def test_e7_r9_warns_from_agreement_without_the_admission_review_clause():
    c = corridor("agreement", admission_review_trigger="Vacancy rate above 5 %")
    used(c, admissions_adjustable=True)
    finding = check(rule_id="E7.R9", partnership=c.p)
    assert finding.status == WARN and "admission-review clause" in finding.message


def test_e7_r9_fails_only_from_agreement_for_a_shortage_occupation_that_cannot_be_scaled():
    c = corridor()
    _shortage(c, admissions_adjustable=False)
    assert check(rule_id="E7.R9", partnership=c.p).status == WARN
    finding = check(rule_id="E7.R9", partnership=c.p, stage="agreement")
    assert finding.status == FAIL and "7112" in finding.message


#
# E7.R10 — remote-work track
#


def _remote(c, terms):
    c.p.sectors.add(SectorFactory(code="ict"))
    route = pathway(c.p, c.dest, target(c.p, "2512"), permit_kind="remote_work", remote_terms_settled=terms)
    return route


LEGAL = ["contract_issuer", "taxation", "applicable_labour_law", "social_security_payer"]


def test_e7_r10_is_not_applicable_without_a_remote_work_pathway():
    assert check(rule_id="E7.R10", partnership=corridor().p).status == NA


def test_e7_r10_passes_a_settled_remote_track_in_ict():
    c = corridor()
    route = _remote(c, [*LEGAL, "working_hours", "data_protection"])
    update(route, remote_model="remote_trial_then_relocate")
    assert check(rule_id="E7.R10", partnership=c.p).status == PASS


def test_e7_r10_warns_when_fewer_than_two_workplace_terms_are_settled():
    c = corridor()
    route = _remote(c, [*LEGAL, "working_hours"])
    update(route, remote_model="remote_with_duty_travel")
    assert check(rule_id="E7.R10", partnership=c.p).status == WARN


def test_e7_r10_fails_only_from_agreement_when_no_legal_term_is_settled():
    c = corridor()
    _remote(c, ["working_hours"])
    assert check(rule_id="E7.R10", partnership=c.p).status == WARN
    assert check(rule_id="E7.R10", partnership=c.p, stage="agreement").status == FAIL


#
# E7.R11 — trained candidates can qualify
#


def _eligible(c, **fields):
    defaults = {
        "quota": False,
        "shortage_list": False,
        "labour_market_test": False,
        "skills_recognition_required": False,
        "eligibility_precheck": True,
    }
    return used(c, **{**defaults, **fields})


def test_e7_r11_passes_when_nothing_blocks_admission():
    c = corridor()
    _eligible(c)
    assert check(rule_id="E7.R11", partnership=c.p).status == PASS


def test_e7_r11_warns_when_a_labour_market_test_applies():
    c = corridor()
    _eligible(c, labour_market_test=True, lmt_waived_for_smp=False)
    assert check(rule_id="E7.R11", partnership=c.p).status == WARN


def test_e7_r11_fails_from_agreement_when_the_quota_is_below_the_places_planned():
    c = corridor("agreement")
    _eligible(c, quota=True, quota_per_year=5)
    finding = check(rule_id="E7.R11", partnership=c.p)
    assert finding.status == FAIL and "quota of 5" in finding.message and "20 places" in finding.message


def test_e7_r11_fails_when_recognition_is_required_but_no_arrangement_exists():
    c = corridor("agreement")
    _eligible(c, skills_recognition_required=True)
    assert check(rule_id="E7.R11", partnership=c.p).status == FAIL
    arrangement = RecognitionArrangementFactory(partnership=c.p, kind="unilateral", scope="")
    arrangement.occupations.set([c.to])
    arrangement.countries.set([c.dest])
    assert check(rule_id="E7.R11", partnership=c.p).status == PASS
