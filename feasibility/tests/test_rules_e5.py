"""E5 — skills classification, recognition and development (SMP-DOMAIN §2.5): one test per outcome of E5.R1–R13."""

from __future__ import annotations

import pytest

from feasibility.registry import REGISTRY
from feasibility.tests.rule_helpers import corridor, participant, pathway, target, update
from feasibility.tests.support import FAIL, NA, PASS, WARN, check
from partnerships.tests.factories import IndicatorFactory
from skills.tests.factories import (
    OccupationProfileFactory,
    RecognitionArrangementFactory,
    SkillsDocumentationToolFactory,
    TrainingProgrammeFactory,
)
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_every_e5_rule_is_tagged_recognition_or_development():
    tags = {spec.id: spec.tag for spec in REGISTRY.for_element("E5")}
    assert tags == {
        **{f"E5.R{n}": "recognition" for n in range(1, 9)},
        **{f"E5.R{n}": "development" for n in range(9, 14)},
    }


def profile(c, to, country, **fields):
    return OccupationProfileFactory(target_occupation=to, country=country, **fields)


def arrangement(c, to, *countries, **fields):
    row = RecognitionArrangementFactory(partnership=c.p, **fields)
    row.occupations.set([to])
    row.countries.set(countries)
    return row


def programme(c, *targets, **fields):
    row = TrainingProgrammeFactory(partnership=c.p, **fields)
    row.occupations.set(targets)
    return row


#
# E5.R1 — skills clauses in the agreement
#

SKILLS_CLAUSES = ["recognition", "skills_development", "rpl", "certification"]


def _e5_r1(stage="design", clauses=SKILLS_CLAUSES, payer=("employer",)):
    c = corridor(stage, agreement_clauses=list(clauses))
    to = target(c.p)
    row = arrangement(c, to, c.origin, c.dest, cost_payer=list(payer))
    row.responsible_orgs.set(
        [OrganisationFactory(country="MA", category="government_agency"), OrganisationFactory(country="DE")]
    )
    return c


def test_e5_r1_passes_with_recognition_development_and_two_more_clauses_and_complete_arrangements():
    assert check(rule_id="E5.R1", partnership=_e5_r1().p).status == PASS


def test_e5_r1_warns_with_too_few_clauses():
    finding = check(rule_id="E5.R1", partnership=_e5_r1(clauses=["recognition", "skills_development"]).p)
    assert finding.status == WARN and "only 0" in finding.message.lower()


def test_e5_r1_warns_when_an_arrangement_does_not_say_who_pays():
    finding = check(rule_id="E5.R1", partnership=_e5_r1(payer=()).p)
    assert finding.status == WARN and "who pays" in finding.message


def test_e5_r1_fails_without_any_skills_clause_from_agreement_and_warns_before():
    c = _e5_r1(clauses=["cost_sharing"])
    assert check(rule_id="E5.R1", partnership=c.p).status == WARN
    assert check(rule_id="E5.R1", partnership=c.p, stage="agreement").status == FAIL


#
# E5.R2 — classification and recognition route mapped
#


def _e5_r2(**dest_fields):
    c = corridor()
    to = target(c.p, "7112")
    fields = {"classification_code": "7112", "regulated": False, "recognition_route": "employer_assessment"}
    profile(c, to, c.dest, **{**fields, "nqf_level": "4", **dest_fields})
    profile(c, to, c.origin, nqf_level="4", classification_code="7112")
    return c, to


def test_e5_r2_passes_when_every_occupation_is_classified_and_mapped():
    c, _to = _e5_r2()
    assert check(rule_id="E5.R2", partnership=c.p).status == PASS


def test_e5_r2_warns_when_the_recognition_route_is_unknown():
    c, _to = _e5_r2(recognition_route="unknown")
    finding = check(rule_id="E5.R2", partnership=c.p)
    assert finding.status == WARN and "7112" in finding.message and "recognition route missing" in finding.message


def test_e5_r2_accepts_a_missing_level_where_the_country_has_no_framework():
    c, _to = _e5_r2(nqf_level="")
    assert check(rule_id="E5.R2", partnership=c.p).status == WARN
    update(c.dest, nqf_status="none")
    assert check(rule_id="E5.R2", partnership=c.p).status == PASS


def test_e5_r2_fails_from_agreement_when_no_destination_profile_exists():
    c = corridor()
    target(c.p)
    assert check(rule_id="E5.R2", partnership=c.p).status == WARN
    assert check(rule_id="E5.R2", partnership=c.p, stage="agreement").status == FAIL


#
# E5.R3 — regulated occupations
#


def _regulated(gap=False, regulator_takes_part=True):
    c = corridor()
    to = target(c.p, "2221")
    regulator = OrganisationFactory(name="Nursing Chamber", category="certification_body", country="DE")
    if regulator_takes_part:
        ParticipationFactory(partnership=c.p, organisation=regulator, side="destination")
    profile(c, to, c.dest, regulated=True, regulator=regulator, recognition_gap=gap)
    return c, to


def test_e5_r3_is_not_applicable_without_a_regulated_occupation():
    c, to = _e5_r2()
    assert check(rule_id="E5.R3", partnership=c.p).status == NA


def test_e5_r3_passes_when_the_licensing_body_takes_part_and_there_is_no_gap():
    c, _to = _regulated()
    assert check(rule_id="E5.R3", partnership=c.p).status == PASS


def test_e5_r3_warns_naming_a_licensing_body_that_does_not_take_part():
    c, _to = _regulated(regulator_takes_part=False)
    finding = check(rule_id="E5.R3", partnership=c.p)
    assert finding.status == WARN and "Nursing Chamber" in finding.message


def test_e5_r3_fails_on_a_recognition_gap_without_bridging_and_passes_once_bridging_is_planned():
    c, to = _regulated(gap=True)
    assert check(rule_id="E5.R3", partnership=c.p, stage="agreement").status == FAIL
    assert check(rule_id="E5.R3", partnership=c.p).status == WARN  # ⏳ before agreement
    programme(c, to, mode="bridging")
    assert check(rule_id="E5.R3", partnership=c.p, stage="agreement").status == PASS


def test_e5_r3_fails_when_the_licensing_body_is_unknown():
    c = corridor("agreement")
    to = target(c.p, "2221")
    profile(c, to, c.dest, regulated=True, recognition_gap=False)
    assert check(rule_id="E5.R3", partnership=c.p).status == FAIL


#
# E5.R4 — cross-border recognition mechanism
#


def _needs_recognition(nqf_status="operational"):
    c = corridor()
    update(c.origin, nqf_status=nqf_status)
    to = target(c.p, "2221")
    profile(c, to, c.dest, recognition_route="individual_assessment")
    return c, to


def test_e5_r4_is_not_applicable_when_employers_assess_everywhere():
    c, _to = _e5_r2()
    assert check(rule_id="E5.R4", partnership=c.p).status == NA


def test_e5_r4_passes_with_an_existing_mutual_recognition_arrangement():
    c, to = _needs_recognition()
    arrangement(c, to, c.origin, c.dest, status="existing")
    assert check(rule_id="E5.R4", partnership=c.p).status == PASS


def test_e5_r4_warns_when_only_the_unilateral_procedure_covers_the_occupation():
    c, to = _needs_recognition()
    arrangement(c, to, c.dest, kind="unilateral", scope="", status="existing")
    finding = check(rule_id="E5.R4", partnership=c.p)
    assert finding.status == WARN and "Morocco → Germany" in finding.message


def test_e5_r4_warns_without_an_arrangement_when_the_origin_has_a_framework():
    c, _to = _needs_recognition("in_development")
    assert check(rule_id="E5.R4", partnership=c.p).status == WARN


def test_e5_r4_fails_without_an_arrangement_when_the_origin_has_no_framework():
    c, _to = _needs_recognition("none")
    finding = check(rule_id="E5.R4", partnership=c.p)
    assert finding.status == FAIL and "2221" in finding.message


#
# E5.R5 — employers validated the certification
#


def test_e5_r5_passes_when_a_destination_employer_validated_the_named_certificate():
    c = corridor()
    to = target(c.p, accepted_certification="Journeyman certificate (bricklayer)")
    to.certification_validated_by.set([participant(c.p, "employer_org")])
    assert check(rule_id="E5.R5", partnership=c.p).status == PASS


def test_e5_r5_warns_when_no_destination_employer_validated_it():
    c = corridor()
    to = target(c.p, accepted_certification="Journeyman certificate (bricklayer)")
    to.certification_validated_by.set([participant(c.p, "employer_org", side="origin")])
    finding = check(rule_id="E5.R5", partnership=c.p)
    assert finding.status == WARN and "validated" in finding.message


#
# E5.R6 — prior and informal learning
#


def test_e5_r6_passes_with_an_rpl_system_and_no_informal_occupation():
    c = corridor()
    update(c.origin, rpl_system="operational")
    target(c.p, informal_skills_common=False)
    assert check(rule_id="E5.R6", partnership=c.p).status == PASS


def test_e5_r6_warns_when_self_taught_workers_have_no_pathway_accepting_experience():
    c = corridor()
    update(c.origin, rpl_system="pilot")
    to = target(c.p, "2512", informal_skills_common=True)
    route = pathway(c.p, c.dest, to, accepts_experience_evidence=False)
    finding = check(rule_id="E5.R6", partnership=c.p)
    assert finding.status == WARN and "2512" in finding.message
    update(route, accepts_experience_evidence=True)
    assert check(rule_id="E5.R6", partnership=c.p).status == PASS


def test_e5_r6_warns_when_the_origin_has_no_rpl_route():
    c = corridor()
    target(c.p, informal_skills_common=False)
    finding = check(rule_id="E5.R6", partnership=c.p)
    assert finding.status == WARN and "Morocco" in finding.message


#
# E5.R7 — portable skills documentation
#


def test_e5_r7_passes_with_a_free_offline_protected_passport_from_departure_to_return():
    c = corridor()
    SkillsDocumentationToolFactory(partnership=c.p, offline_access=True, data_protection_basis="GDPR consent")
    assert check(rule_id="E5.R7", partnership=c.p).status == PASS


def test_e5_r7_warns_without_offline_access():
    c = corridor()
    SkillsDocumentationToolFactory(partnership=c.p, offline_access=None, data_protection_basis="GDPR consent")
    finding = check(rule_id="E5.R7", partnership=c.p)
    assert finding.status == WARN and "offline" in finding.message


def test_e5_r7_warns_when_no_tool_is_recorded():
    assert check(rule_id="E5.R7", partnership=corridor().p).status == WARN


def test_e5_r7_fails_when_migrants_pay_for_the_tool():
    c = corridor()
    SkillsDocumentationToolFactory(partnership=c.p, name="Skills card", free_to_migrant=False)
    finding = check(rule_id="E5.R7", partnership=c.p)
    assert finding.status == FAIL and "Skills card" in finding.message


#
# E5.R8 — recognition fast and explained
#


def _procedure(weeks):
    c = corridor(recognition_info_channels=["online_platform"], recognition_info_languages=["fr", "de"])
    to = target(c.p, "2221")
    profile(c, to, c.dest, recognition_route="individual_assessment", recognition_weeks=weeks)
    return c, to


def test_e5_r8_passes_with_a_short_procedure_and_information_in_an_origin_language():
    c, _to = _procedure(8)
    assert check(rule_id="E5.R8", partnership=c.p).status == PASS


def test_e5_r8_warns_on_a_long_procedure_unless_fast_tracked():
    c, to = _procedure(30)
    finding = check(rule_id="E5.R8", partnership=c.p)
    assert finding.status == WARN and "30 weeks" in finding.message
    arrangement(c, to, c.origin, c.dest, is_fast_track=True)
    assert check(rule_id="E5.R8", partnership=c.p).status == PASS


def test_e5_r8_warns_when_information_is_not_in_an_origin_language():
    c, _to = _procedure(8)
    update(c.p, recognition_info_languages=["de"])
    finding = check(rule_id="E5.R8", partnership=c.p)
    assert finding.status == WARN and "Morocco" in finding.message


#
# E5.R9 — training co-designed, gender needs assessed
#


def _codesigned(*categories, gender=True):
    c = corridor()
    to = target(c.p)
    tp = programme(c, to, track="migration", gender_needs_assessed=gender)
    tp.codesigned_by.set([participant(c.p, category, side=side) for category, side in categories])
    return c


def test_e5_r9_passes_when_employers_and_migrants_co_designed_and_gender_needs_were_assessed():
    c = _codesigned(("employer", "destination"), ("diaspora_org", "destination"))
    assert check(rule_id="E5.R9", partnership=c.p).status == PASS


def test_e5_r9_warns_without_a_migrant_side_co_designer():
    finding = check(rule_id="E5.R9", partnership=_codesigned(("chamber", "destination")).p)
    assert finding.status == WARN and "migrant" in finding.message


def test_e5_r9_fails_from_agreement_when_no_employer_co_designed_any_programme():
    c = _codesigned(("migrant_org", "origin"))
    assert check(rule_id="E5.R9", partnership=c.p).status == WARN
    assert check(rule_id="E5.R9", partnership=c.p, stage="agreement").status == FAIL


#
# E5.R10 — certificate valid on both sides
#


def _certified(*recognised_in):
    c = corridor()
    to = target(c.p)
    pathway(c.p, c.dest, to)
    tp = programme(c, to, track="migration")
    tp.certificate_recognised_in.set([getattr(c, name) for name in recognised_in])
    return c


def test_e5_r10_passes_when_the_certificate_counts_in_the_destination_and_at_home():
    assert check(rule_id="E5.R10", partnership=_certified("dest", "origin").p).status == PASS


def test_e5_r10_warns_when_the_certificate_does_not_count_at_home():
    finding = check(rule_id="E5.R10", partnership=_certified("dest").p)
    assert finding.status == WARN and "origin" in finding.message


def test_e5_r10_fails_from_agreement_when_no_destination_recognises_the_certificate():
    c = _certified("origin")
    assert check(rule_id="E5.R10", partnership=c.p).status == WARN
    assert check(rule_id="E5.R10", partnership=c.p, stage="agreement").status == FAIL


#
# E5.R11 — language, soft and cross-cutting skills
#


def test_e5_r11_passes_with_technical_soft_rights_and_language_to_a_target_level():
    c = corridor()
    programme(
        c,
        target(c.p),
        track="dual",
        modules=["technical", "soft_skills", "rights_information", "language"],
        language_target_level="B1",
    )
    assert check(rule_id="E5.R11", partnership=c.p).status == PASS


def test_e5_r11_warns_when_the_language_course_has_no_target_level():
    c = corridor()
    programme(c, target(c.p), track="dual", modules=["technical", "soft_skills", "rights_information", "language"])
    finding = check(rule_id="E5.R11", partnership=c.p)
    assert finding.status == WARN and "target level" in finding.message


#
# E5.R12 — quality assurance
#


def _accredited(c):
    body = OrganisationFactory(category="certification_body", country="MA")
    programme(c, target(c.p), provider_accredited=True, accreditation_body=body, issues_certificate=True)


def test_e5_r12_passes_with_accredited_certifying_providers_and_a_certification_indicator():
    c = corridor()
    _accredited(c)
    IndicatorFactory(partnership=c.p, code="trainees_certified", impact_category="skills")
    assert check(rule_id="E5.R12", partnership=c.p).status == PASS


def test_e5_r12_warns_when_no_indicator_tracks_certification():
    c = corridor()
    _accredited(c)
    finding = check(rule_id="E5.R12", partnership=c.p)
    assert finding.status == WARN and "indicator" in finding.message


#
# E5.R13 — across the migration cycle
#


def _cycle(c, *stages):
    to = target(c.p)
    for stage in stages:
        programme(c, to, stage=stage)
    programme(c, to, stage="post_arrival", audience="employers_managers")


def test_e5_r13_passes_before_departure_on_the_job_at_return_and_for_managers():
    c = corridor()
    _cycle(c, "pre_departure", "in_employment", "return")
    assert check(rule_id="E5.R13", partnership=c.p).status == PASS


def test_e5_r13_warns_when_a_temporary_scheme_has_no_training_at_return():
    c = corridor()
    _cycle(c, "pre_departure", "in_employment")
    finding = check(rule_id="E5.R13", partnership=c.p)
    assert finding.status == WARN and "return" in finding.message


def test_e5_r13_warns_when_no_programme_is_recorded():
    assert check(rule_id="E5.R13", partnership=corridor().p).status == WARN
