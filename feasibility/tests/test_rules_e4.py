"""E4 — Local development and job creation (SMP-DOMAIN §2.4): one test per outcome of E4.R1–E4.R10."""

from __future__ import annotations

import pytest

from feasibility.tests.support import FAIL, NA, PASS, WARN, check, corridor, join
from partnerships.tests.factories import BusinessLinkageFactory, IndicatorFactory, LinkedInitiativeFactory
from skills.tests.factories import (
    LabourMarketEvidenceFactory,
    OccupationFactory,
    OccupationProfileFactory,
    TargetOccupationFactory,
    TrainingProgrammeFactory,
)
from stakeholders.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def origin_profile(c, target, **fields):
    return OccupationProfileFactory(target_occupation=target, country=c.origin, **fields)


#
# E4.R1 — origin labour-market status known ⏳
#


def test_e4_r1_passes_with_an_evidenced_status_for_every_occupation_and_origin():
    c = corridor()
    target = TargetOccupationFactory(partnership=c.p)
    survey = LabourMarketEvidenceFactory(partnership=c.p, country=c.origin)
    origin_profile(c, target, labour_status="surplus", labour_status_evidence=survey)
    assert check(rule_id="E4.R1", partnership=c.p).status == PASS


def test_e4_r1_warns_when_the_evidence_comes_from_another_country():
    c = corridor()
    target = TargetOccupationFactory(partnership=c.p)
    german_survey = LabourMarketEvidenceFactory(partnership=c.p, country=c.destination)
    origin_profile(c, target, labour_status="surplus", labour_status_evidence=german_survey)
    finding = check(rule_id="E4.R1", partnership=c.p)
    assert finding.status == WARN and "no evidence from that country" in finding.message


def test_e4_r1_warns_about_an_unknown_status_or_a_missing_profile():
    c = corridor()
    nurses = TargetOccupationFactory(partnership=c.p)
    TargetOccupationFactory(partnership=c.p, occupation=OccupationFactory(code="7112"))
    origin_profile(c, nurses, labour_status="unknown")
    finding = check(rule_id="E4.R1", partnership=c.p)
    assert finding.status == WARN
    assert "status unknown" in finding.message and "no profile" in finding.message


def test_e4_r1_fails_without_any_origin_profile():
    c = corridor(stage="agreement")
    TargetOccupationFactory(partnership=c.p)
    assert check(rule_id="E4.R1", partnership=c.p).status == FAIL


#
# E4.R2 — safeguards where the origin is short ⏳
#


def test_e4_r2_is_not_applicable_without_origin_shortages():
    c = corridor()
    origin_profile(c, TargetOccupationFactory(partnership=c.p), labour_status="surplus")
    assert check(rule_id="E4.R2", partnership=c.p).status == NA


def test_e4_r2_passes_with_a_volume_and_a_circulation_safeguard():
    c = corridor()
    origin_profile(
        c,
        TargetOccupationFactory(partnership=c.p),
        labour_status="shortage",
        brain_drain_safeguards=["dual_track_training", "circularity_incentives"],
    )
    assert check(rule_id="E4.R2", partnership=c.p).status == PASS


def test_e4_r2_warns_without_a_volume_safeguard():
    c = corridor()
    origin_profile(
        c,
        TargetOccupationFactory(partnership=c.p),
        labour_status="shortage",
        brain_drain_safeguards=["skills_transfer", "circularity_incentives"],
    )
    assert check(rule_id="E4.R2", partnership=c.p).status == WARN


def test_e4_r2_fails_for_a_shortage_occupation_without_safeguards_naming_it():
    c = corridor(stage="agreement")
    origin_profile(c, TargetOccupationFactory(partnership=c.p), labour_status="shortage")
    finding = check(rule_id="E4.R2", partnership=c.p)
    assert finding.status == FAIL and "2221" in finding.message and "Kosovo" in finding.message


#
# E4.R3 — dual track
#


def test_e4_r3_is_not_applicable_without_origin_training():
    c = corridor()
    TrainingProgrammeFactory(partnership=c.p, location="destination")
    assert check(rule_id="E4.R3", partnership=c.p).status == NA


def test_e4_r3_passes_with_a_large_stay_share_and_local_employers():
    c = corridor()
    TrainingProgrammeFactory(partnership=c.p, places_total=100, places_migration=50)
    join(c.p, side="origin", category="employer")
    finding = check(rule_id="E4.R3", partnership=c.p)
    assert finding.status == PASS and finding.evidence["stay_share"] == 0.5


def test_e4_r3_warns_when_almost_everyone_trained_migrates():
    c = corridor()
    TrainingProgrammeFactory(partnership=c.p, places_total=60, places_migration=55)
    join(c.p, side="origin", category="employer")
    finding = check(rule_id="E4.R3", partnership=c.p)
    assert finding.status == WARN and "below 30%" in finding.message


def test_e4_r3_warns_when_places_are_not_recorded_or_no_origin_employer_takes_part():
    c = corridor()
    TrainingProgrammeFactory(partnership=c.p, places_total=None, places_migration=None)
    finding = check(rule_id="E4.R3", partnership=c.p)
    assert finding.status == WARN
    assert "places not recorded" in finding.message and "no origin employer" in finding.message


#
# E4.R4 — investment in origin training systems ⏳
#


def test_e4_r4_passes_with_a_public_provider_investing_in_the_system():
    c = corridor()
    school = OrganisationFactory(category="training_public", country="XK")
    TrainingProgrammeFactory(
        partnership=c.p, provider=school, system_components=["curriculum_upgrade", "trainer_training"]
    )
    assert check(rule_id="E4.R4", partnership=c.p).status == PASS


def test_e4_r4_warns_about_a_private_provider_chosen_without_reason():
    c = corridor()
    academy = OrganisationFactory(category="training_private", country="XK")
    TrainingProgrammeFactory(
        partnership=c.p, provider=academy, system_components=["curriculum_upgrade", "trainer_training"]
    )
    finding = check(rule_id="E4.R4", partnership=c.p)
    assert finding.status == WARN and "no reason" in finding.message


def test_e4_r4_warns_when_investment_is_thin():
    c = corridor()
    school = OrganisationFactory(category="training_public", country="XK")
    TrainingProgrammeFactory(partnership=c.p, provider=school, system_components=["equipment_infrastructure"])
    assert check(rule_id="E4.R4", partnership=c.p).status == WARN


def test_e4_r4_fails_without_origin_training():
    assert check(rule_id="E4.R4", partnership=corridor(stage="agreement").p).status == FAIL


#
# E4.R5 — embedded in wider programmes
#


def test_e4_r5_passes_when_each_origin_country_has_a_linked_initiative():
    c = corridor()
    LinkedInitiativeFactory(partnership=c.p, country=c.origin)
    assert check(rule_id="E4.R5", partnership=c.p).status == PASS


def test_e4_r5_warns_when_an_origin_country_has_none():
    c = corridor()
    LinkedInitiativeFactory(partnership=c.p, country=c.destination)
    finding = check(rule_id="E4.R5", partnership=c.p)
    assert finding.status == WARN and "Kosovo" in finding.message


#
# E4.R6 — territorial focus
#


def test_e4_r6_passes_with_named_regions_and_their_authority_taking_part():
    c = corridor()
    c.origin.target_regions = ["Prizren"]
    c.origin.save()
    join(c.p, side="origin", category="subnational_authority")
    assert check(rule_id="E4.R6", partnership=c.p).status == PASS


def test_e4_r6_warns_when_regions_are_not_named_and_no_local_authority_takes_part():
    finding = check(rule_id="E4.R6", partnership=corridor().p)
    assert finding.status == WARN
    assert "names no target region" in finding.message and "regional or local authority" in finding.message


#
# E4.R7 — business links along the corridor
#


def test_e4_r7_passes_with_a_linkage_from_a_destination_employer_to_an_origin_firm():
    c = corridor()
    BusinessLinkageFactory(partnership=c.p)  # German employers' association ↔ Kosovan employer
    assert check(rule_id="E4.R7", partnership=c.p).status == PASS


def test_e4_r7_warns_when_the_origin_organisation_is_not_in_an_origin_country():
    c = corridor()
    BusinessLinkageFactory(partnership=c.p, origin_org=OrganisationFactory(category="employer", country="FR"))
    assert check(rule_id="E4.R7", partnership=c.p).status == WARN


def test_e4_r7_warns_without_any_linkage():
    assert check(rule_id="E4.R7", partnership=corridor().p).status == WARN


#
# E4.R8 — skills transfer and circulation
#


def test_e4_r8_passes_with_two_measures_including_circulation_for_temporary_migration():
    p = corridor(migration_types=["temporary"], skills_transfer_measures=["circularity_incentives", "mentoring"]).p
    assert check(rule_id="E4.R8", partnership=p).status == PASS


def test_e4_r8_warns_when_temporary_migration_has_no_circulation_or_return_incentive():
    p = corridor(migration_types=["seasonal"], skills_transfer_measures=["mentoring", "remote_work_track"]).p
    finding = check(rule_id="E4.R8", partnership=p)
    assert finding.status == WARN and "Seasonal migration" in finding.message


def test_e4_r8_warns_with_a_single_measure():
    p = corridor(migration_types=["permanent"], skills_transfer_measures=["diaspora_knowledge_transfer"]).p
    assert check(rule_id="E4.R8", partnership=p).status == WARN


#
# E4.R9 — returnees linked to the local labour market ⏳
#


def test_e4_r9_is_not_applicable_for_permanent_migration_only():
    assert check(rule_id="E4.R9", partnership=corridor(migration_types=["long_term", "permanent"]).p).status == NA


def test_e4_r9_passes_with_matching_recognition_and_an_origin_pes_in_charge():
    c = corridor(return_services=["return_job_matching", "return_skills_recognition"])
    join(c.p, side="origin", category="public_employment_service", roles=["reintegration"])
    assert check(rule_id="E4.R9", partnership=c.p).status == PASS


def test_e4_r9_warns_when_a_key_service_or_the_origin_role_is_missing():
    c = corridor(return_services=["return_job_matching"])
    finding = check(rule_id="E4.R9", partnership=c.p)
    assert finding.status == WARN
    assert "Recognition of skills gained abroad" in finding.message and "reintegration role" in finding.message
    assert finding.evidence["return_services"] == ["return_job_matching"]  # evidence keeps the codes


def test_e4_r9_fails_without_any_return_service():
    c = corridor(stage="agreement", migration_types=["circular"])
    assert check(rule_id="E4.R9", partnership=c.p).status == FAIL


#
# E4.R10 — local development results measured in the origin
#


def test_e4_r10_passes_with_origin_indicators_for_jobs_and_remittances():
    c = corridor()
    IndicatorFactory(partnership=c.p, country=c.origin, impact_category="economy")
    IndicatorFactory(partnership=c.p, impact_category="earnings_remittances")  # no country: all countries
    assert check(rule_id="E4.R10", partnership=c.p).status == PASS


def test_e4_r10_warns_when_only_destination_indicators_exist():
    c = corridor()
    IndicatorFactory(partnership=c.p, country=c.destination, impact_category="economy")
    IndicatorFactory(partnership=c.p, country=c.destination, impact_category="skills")
    finding = check(rule_id="E4.R10", partnership=c.p)
    assert finding.status == WARN and "jobs or business" in finding.message
