"""E3 — Data and information for evidence-based design (SMP-DOMAIN §2.3): one test per outcome of E3.R1–E3.R10."""

from __future__ import annotations

import pytest
from django.utils import translation

from codelists.skills import DATA_NEED_PROMPT_CODES
from costs.tests.factories import CostItemFactory
from feasibility.registry import message_render
from feasibility.tests.support import FAIL, PASS, TODAY, WARN, check, corridor, join
from partnerships.tests.factories import IndicatorFactory
from skills.tests.factories import (
    DataNeedFactory,
    DataSharingArrangementFactory,
    EvidenceReviewFactory,
    LabourMarketEvidenceFactory,
    SectorFactory,
)
from stakeholders.tests.factories import CapacityActivityFactory

pytestmark = pytest.mark.django_db


def evidence(c, *, country=None, sector=None, **fields):
    fields.setdefault("reference_year", TODAY.year - 1)
    return LabourMarketEvidenceFactory(partnership=c.p, country=country, sector=sector, **fields)


#
# E3.R1 — data needs mapped ⏳
#


def test_e3_r1_passes_when_every_prompt_is_answered_and_gaps_have_owners():
    c = corridor()
    owner = join(c.p)
    for code in DATA_NEED_PROMPT_CODES[:-1]:
        DataNeedFactory(partnership=c.p, prompt_code=code)
    DataNeedFactory(
        partnership=c.p, prompt_code=DATA_NEED_PROMPT_CODES[-1], status="gap", gap_strategy="Survey", gap_owner=owner
    )
    assert check(rule_id="E3.R1", partnership=c.p).status == PASS


def test_e3_r1_warns_listing_unanswered_prompts():
    c = corridor()
    DataNeedFactory(partnership=c.p, prompt_code="partner.1")
    finding = check(rule_id="E3.R1", partnership=c.p)
    assert finding.status == WARN and "27 of 28" in finding.message


def test_e3_r1_warns_about_a_gap_without_owner_and_a_not_applicable_without_reason():
    c = corridor()
    for code in DATA_NEED_PROMPT_CODES[2:]:
        DataNeedFactory(partnership=c.p, prompt_code=code)
    DataNeedFactory(partnership=c.p, prompt_code="partner.1", status="gap", gap_strategy="Survey")
    DataNeedFactory(partnership=c.p, prompt_code="partner.2", status="not_applicable", answer="")
    finding = check(rule_id="E3.R1", partnership=c.p)
    assert finding.status == WARN
    assert finding.evidence["gaps_without_strategy_or_owner"] == ["partner.1"]
    assert finding.evidence["not_applicable_without_reason"] == ["partner.2"]


def test_e3_r1_fails_without_any_data_need_at_agreement():
    assert check(rule_id="E3.R1", partnership=corridor(stage="agreement").p).status == FAIL


#
# E3.R2 — current needs, every country, jointly ⏳
#


def test_e3_r2_passes_with_current_joint_evidence_for_every_country_and_sector():
    c = corridor()
    ict = SectorFactory(code="ict")
    c.p.sectors.add(ict)
    evidence(c, country=c.origin, sector=ict, is_joint=True)
    evidence(c, country=c.destination, sector=ict)
    assert check(rule_id="E3.R2", partnership=c.p).status == PASS


def test_e3_r2_warns_about_old_evidence_and_no_joint_assessment():
    c = corridor()
    ict = SectorFactory(code="ict")
    c.p.sectors.add(ict)
    evidence(c, country=c.origin, sector=ict, reference_year=TODAY.year - 6)
    evidence(c, country=c.destination, sector=ict)
    finding = check(rule_id="E3.R2", partnership=c.p)
    assert finding.status == WARN
    assert "Kosovo/Information and communication technology" in finding.message and "jointly" in finding.message
    assert finding.evidence["missing_country_sector"] == ["XK/ict"]


def test_e3_r2_fails_when_one_side_has_no_labour_demand_evidence():
    c = corridor(stage="agreement")
    evidence(c, country=c.destination)
    evidence(c, country=c.origin, topics=["skills_supply"])
    finding = check(rule_id="E3.R2", partnership=c.p)
    assert finding.status == FAIL and "origin" in finding.message


#
# E3.R3 — employers fed in skills needs ⏳
#


def test_e3_r3_passes_when_every_sector_has_employer_input():
    c = corridor()
    ict = SectorFactory(code="ict")
    c.p.sectors.add(ict)
    evidence(c, sector=ict, source_type="employer_survey")
    assert check(rule_id="E3.R3", partnership=c.p).status == PASS


def test_e3_r3_counts_evidence_produced_by_an_employers_association():
    c = corridor()
    ict = SectorFactory(code="ict")
    c.p.sectors.add(ict)
    association = join(c.p, category="employer_org").organisation
    evidence(c, sector=ict, source_type="document_review", producer=association)
    assert check(rule_id="E3.R3", partnership=c.p).status == PASS


def test_e3_r3_warns_naming_a_sector_without_employer_input():
    c = corridor()
    ict, construction = SectorFactory(code="ict"), SectorFactory(code="construction")
    c.p.sectors.add(ict, construction)
    evidence(c, sector=ict, source_type="expert_consultation")
    finding = check(rule_id="E3.R3", partnership=c.p)
    assert finding.status == WARN and "Construction" in finding.message


def test_e3_r3_fails_when_no_sector_has_employer_input():
    c = corridor(stage="agreement")
    c.p.sectors.add(SectorFactory(code="ict"))
    assert check(rule_id="E3.R3", partnership=c.p).status == FAIL


#
# E3.R4 — triangulated sources
#


def test_e3_r4_passes_with_official_and_employer_sources_per_sector():
    c = corridor()
    ict = SectorFactory(code="ict")
    c.p.sectors.add(ict)
    evidence(c, sector=ict, source_type="labour_force_survey")
    evidence(c, sector=ict, source_type="big_data")
    assert check(rule_id="E3.R4", partnership=c.p).status == PASS


def test_e3_r4_warns_when_low_skilled_jobs_rely_on_online_adverts():
    c = corridor(skill_levels=["low"])
    agriculture = SectorFactory(code="agriculture_agrifood")
    c.p.sectors.add(agriculture)
    evidence(c, sector=agriculture, source_type="administrative")
    evidence(c, sector=agriculture, source_type="big_data")
    finding = check(rule_id="E3.R4", partnership=c.p)
    assert finding.status == WARN and "low-skilled" in finding.message


def test_e3_r4_warns_about_a_single_survey():
    c = corridor()
    ict = SectorFactory(code="ict")
    c.p.sectors.add(ict)
    evidence(c, sector=ict, source_type="labour_force_survey")
    assert check(rule_id="E3.R4", partnership=c.p).status == WARN


#
# E3.R5 — labour migration in each LMIS ⏳
#


def test_e3_r5_passes_when_every_country_has_a_functional_lmis_with_migration():
    c = corridor()
    for pc in (c.origin, c.destination):
        pc.lmis_status, pc.lmis_includes_labour_migration = "functional", True
        pc.save()
    assert check(rule_id="E3.R5", partnership=c.p).status == PASS


def test_e3_r5_warns_when_a_partial_lmis_is_being_supported():
    c = corridor()
    c.destination.lmis_status, c.destination.lmis_includes_labour_migration = "functional", True
    c.destination.save()
    c.origin.lmis_status = "partial"
    c.origin.save()
    statistics_office = join(c.p, side="origin", org_country="XK")
    CapacityActivityFactory(partnership=c.p, target_participation=statistics_office, topic="lmis")
    finding = check(rule_id="E3.R5", partnership=c.p)
    assert finding.status == WARN and "Kosovo" in finding.message


def test_e3_r5_fails_without_an_lmis_and_without_support():
    c = corridor(stage="agreement")
    c.origin.lmis_status = "none"
    c.origin.save()
    finding = check(rule_id="E3.R5", partnership=c.p)
    assert finding.status == FAIL and finding.evidence["failing"] == ["XK"]


#
# E3.R6 — disaggregated by sex and region
#


def test_e3_r6_passes_with_disaggregated_evidence_and_indicators():
    c = corridor()
    ict = SectorFactory(code="ict")
    c.p.sectors.add(ict)
    evidence(c, sector=ict, disaggregation=["sex", "subnational"])
    IndicatorFactory(partnership=c.p, impact_category="skills", disaggregation=["sex"])
    assert check(rule_id="E3.R6", partnership=c.p).status == PASS


def test_e3_r6_warns_about_a_participant_indicator_not_split_by_sex():
    c = corridor()
    ict = SectorFactory(code="ict")
    c.p.sectors.add(ict)
    evidence(c, sector=ict, disaggregation=["sex", "subnational"])
    IndicatorFactory(partnership=c.p, name="Remittances sent", impact_category="earnings_remittances")
    finding = check(rule_id="E3.R6", partnership=c.p)
    assert finding.status == WARN and "Remittances sent" in finding.message


def test_e3_r6_warns_without_any_sector():
    assert check(rule_id="E3.R6", partnership=corridor().p).status == WARN


#
# E3.R7 — public–private data sharing across the corridor
#


def test_e3_r7_passes_with_government_and_employers_of_both_sides_sharing_skills_needs():
    c = corridor()
    arrangement = DataSharingArrangementFactory(partnership=c.p, data_types=["skills_needs"])
    arrangement.parties.add(join(c.p, side="origin"), join(c.p, side="destination", category="employer_org"))
    assert check(rule_id="E3.R7", partnership=c.p).status == PASS


def test_e3_r7_warns_about_a_public_only_arrangement():
    c = corridor()
    arrangement = DataSharingArrangementFactory(partnership=c.p)
    arrangement.parties.add(join(c.p, side="origin"), join(c.p, side="destination"))
    finding = check(rule_id="E3.R7", partnership=c.p)
    assert finding.status == WARN and "employer side" in finding.message


def test_e3_r7_warns_without_any_arrangement():
    assert check(rule_id="E3.R7", partnership=corridor().p).status == WARN


#
# E3.R8 — evidence interpreted with social partners ⏳
#


def test_e3_r8_passes_with_a_tripartite_review_from_both_countries():
    c = corridor()
    review = EvidenceReviewFactory(partnership=c.p)
    review.participants.add(
        join(c.p, side="origin"),
        join(c.p, side="destination", category="employer_org"),
        join(c.p, side="destination", category="workers_org"),
    )
    assert check(rule_id="E3.R8", partnership=c.p).status == PASS


def test_e3_r8_warns_when_the_unions_are_missing():
    c = corridor()
    review = EvidenceReviewFactory(partnership=c.p)
    review.participants.add(join(c.p, side="origin"), join(c.p, side="destination", category="employer_org"))
    finding = check(rule_id="E3.R8", partnership=c.p)
    assert finding.status == WARN and "unions" in finding.message


def test_e3_r8_names_a_missing_country_and_reads_in_french():
    c = corridor()
    review = EvidenceReviewFactory(partnership=c.p)
    review.participants.add(
        join(c.p, side="destination", category="employer_org"), join(c.p, side="destination", category="workers_org")
    )
    finding = check(rule_id="E3.R8", partnership=c.p)
    origin = c.p.countries.get(side="origin")
    assert finding.status == WARN and f"missing: ministries, {origin.country.name})" in finding.message, finding.message
    with translation.override("fr"):
        text = message_render(finding.message_key, finding.message_params)
    assert "ministères" in text and "missing" not in text, text


def test_e3_r8_fails_without_a_review():
    assert check(rule_id="E3.R8", partnership=corridor(stage="evaluation").p).status == FAIL


#
# E3.R9 — matching process with a body on each side ⏳
#


def test_e3_r9_passes_with_a_described_process_and_a_matcher_on_each_side():
    c = corridor(matching_process="The PES preselects; employers interview online.")
    join(c.p, side="origin", category="public_employment_service", roles=["skills_matching"])
    join(c.p, side="destination", category="public_employment_service", roles=["skills_matching"])
    assert check(rule_id="E3.R9", partnership=c.p).status == PASS


def test_e3_r9_warns_about_a_low_capacity_matcher_without_support():
    c = corridor(matching_process="The PES preselects.")
    join(c.p, side="origin", category="public_employment_service", roles=["skills_matching"], capacity_level="low")
    join(c.p, side="destination", category="public_employment_service", roles=["skills_matching"])
    assert "low-capacity" in check(rule_id="E3.R9", partnership=c.p).message


def test_e3_r9_warns_when_only_one_side_is_assigned_and_nothing_is_described():
    c = corridor()
    join(c.p, side="destination", roles=["skills_matching"])
    finding = check(rule_id="E3.R9", partnership=c.p)
    assert finding.status == WARN and "origin" in finding.message and "not described" in finding.message


def test_e3_r9_fails_when_nobody_holds_the_matching_role():
    assert check(rule_id="E3.R9", partnership=corridor(stage="agreement").p).status == FAIL


#
# E3.R10 — M&E framework ⏳
#


def test_e3_r10_passes_with_a_small_varied_framework_with_baseline_follow_up_and_budget():
    c = corridor()
    points = ["before_training", "during_employment"]
    IndicatorFactory(partnership=c.p, impact_category="economy", collection_points=points)
    IndicatorFactory(partnership=c.p, impact_category="skills", measure_type="qualitative", collection_points=points)
    IndicatorFactory(partnership=c.p, impact_category="satisfaction", collection_points=points)
    CostItemFactory(partnership=c.p, category="monitoring_evaluation", subitem="external_evaluation")
    assert check(rule_id="E3.R10", partnership=c.p).status == PASS


def test_e3_r10_warns_naming_what_is_missing():
    c = corridor()
    IndicatorFactory(partnership=c.p, impact_category="economy", collection_points=["end_of_training"])
    finding = check(rule_id="E3.R10", partnership=c.p)
    assert finding.status == WARN
    for part in ("impact categories", "qualitative", "baseline", "follow-up", "cost item"):
        assert part in finding.message


def test_e3_r10_warns_about_too_many_indicators(settings):
    settings.SMP_RULES = {"E3.R10.max_indicators": 2}
    c = corridor()
    IndicatorFactory.create_batch(3, partnership=c.p)
    assert "more than 2" in check(rule_id="E3.R10", partnership=c.p).message


def test_e3_r10_fails_without_indicators():
    assert check(rule_id="E3.R10", partnership=corridor(stage="agreement").p).status == FAIL
