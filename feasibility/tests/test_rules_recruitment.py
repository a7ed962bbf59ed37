"""Ethical recruitment R.1–R.15 (SMP-DOMAIN §3.5) and the blocking red flags of §3.4.

``clean()`` builds one partnership that passes every R rule; each test breaks one thing. The §3.4 tests
check that every blocking red flag alone turns the recruitment verdict to ``fail``, that a red flag resting
on a recorded fact is never softened before ``agreement``, and that one resting on missing data is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from costs.tests.factories import (
    CostBenefitAnalysisFactory,
    CostItemFactory,
    CostShareFactory,
    SustainabilityPlanFactory,
)
from feasibility.engine import evaluate
from feasibility.registry import REGISTRY, Registry
from feasibility.tests.rule_helpers import corridor, participant, target, update
from feasibility.tests.rule_helpers import pathway as make_pathway
from feasibility.tests.support import FAIL, NA, PASS, TODAY, WARN, check, context, load, verdict
from partnerships.tests.factories import (
    ContinuumProvisionFactory,
    GrievanceChannelFactory,
    IndicatorFactory,
    PathwayStepFactory,
    SocialProtectionCoverFactory,
)
from recruitment.tests.factories import RecruiterFactory, RecruitmentArrangementFactory
from skills.tests.factories import (
    OccupationProfileFactory,
    RecognitionArrangementFactory,
    SkillsDocumentationToolFactory,
    TrainingProgrammeFactory,
)
from stakeholders.tests.factories import CapacityActivityFactory, OrganisationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

R_RULES = [f"R.{n}" for n in range(1, 16)]
BLOCKING = ["R.3", "R.4", "R.5", "R.8", "R.9", "R.10", "R.11", "R.14"]
#: WHO's Safeguards List as the tests see it: Nigeria listed, the Philippines (the clean origin) not.
SSL = {"NG"}
RECRUITMENT_COMPLAINTS = ["recruitment_fees", "contract_substitution", "document_retention"]
ORIENTATION = ["rights_obligations", "costs_fees", "working_conditions_contract", "grievance_support"]


def clean(stage: str = "agreement") -> SimpleNamespace:
    """A Philippines → Germany nursing corridor that passes R.1–R.15 (R.14 applies: nurses are health workers)."""
    c = corridor(
        stage,
        origin="PH",
        agreement_clauses=["ethical_recruitment", "employer_pays", "model_employment_contract"],
        recruitment_standards=["ilo_fair_recruitment", "iris_standard"],
        health_workforce_safeguards=["who_code_adherence"],
    )
    update(c.dest, ratified_instruments=["C97", "C181"])
    update(c.origin, languages=["en", "tl"])
    c.to = target(c.p, "2221")
    c.pathway = make_pathway(
        c.p, c.dest, c.to, exit_permit_required=False, sponsor_controls_residence=False, employer_tied="none"
    )
    c.authority = OrganisationFactory(name="Migrant Workers Office", category="government_agency", country="PH")
    c.monitor = OrganisationFactory(name="Labour inspectorate", category="government_agency", country="PH")
    c.recruiter = RecruiterFactory(
        partnership=c.p,
        organisation=OrganisationFactory(
            name="Manila Placement Agency", category="recruiter_private", country="PH", portfolio=[]
        ),
        licence_country="PH",
        licence_expiry=TODAY + dt.timedelta(days=365),
        licensing_authority=c.authority,
        sanction_status="none",
        uses_sub_agents=False,
        iris_status="certified",
        iris_checked_on=TODAY - dt.timedelta(days=30),
        monitoring_body=c.monitor,
        last_monitored_on=TODAY - dt.timedelta(days=60),
        payment_model="results_based",
    )
    c.arrangement = RecruitmentArrangementFactory(
        partnership=c.p,
        origin=c.origin,
        destination=c.dest,
        channel="private_agency",
        recruiters=[c.recruiter],
        employer_pays_commitment=True,
        fees_charged_to_workers=Decimal("0"),
        related_costs_charged_to_workers=[],
        worker_costs_declared_on=TODAY - dt.timedelta(days=90),
        wage_deductions_for_recruitment=False,
        refund_mechanism=True,
        worker_financing="not_needed",
        written_contract_before_departure=True,
        contract_days_before_departure=14,
        contract_languages=["en", "tl"],
        worker_languages=["en", "tl"],
        model_contract_used=True,
        contract_verified_by_authority=True,
        contract_substitution_prohibited=True,
        substitution_incidents_open=0,
        passport_retention_allowed=False,
        document_retention_prohibited_in_writing=True,
        monitoring_body=c.monitor,
        monitoring_frequency_months=6,
    )
    c.arrangement.target_occupations.add(c.to)
    for side, country, kind in (
        ("origin", c.origin, "migrant_resource_centre"),
        ("destination", c.dest, "trade_union"),
    ):
        GrievanceChannelFactory(
            partnership=c.p,
            side=side,
            country=country,
            kind=kind,
            covers=[*RECRUITMENT_COMPLAINTS, "wages"],
            remedies=["fee_refund", "compensation"],
            languages=["en"],
            free_of_charge=True,
        )
    c.pre_departure = ContinuumProvisionFactory(
        partnership=c.p,
        phase="pre_departure",
        topic="pre_departure_orientation",
        status="provided",
        content=ORIENTATION,
    )
    c.arrival = ContinuumProvisionFactory(
        partnership=c.p, phase="travel_arrival", topic="reception_information", status="planned", content=ORIENTATION
    )
    IndicatorFactory(partnership=c.p, code="worker_paid_recruitment_costs", impact_category="earnings_remittances")
    return c


def r(rule_id: str, c: SimpleNamespace, stage: str | None = None):
    return check(rule_id=rule_id, partnership=c.p, stage=stage, who_ssl=SSL)


#
# The clean partnership
#


def test_the_clean_partnership_passes_every_r_rule_and_the_recruitment_verdict_is_pass():
    c = clean()
    statuses = {rule_id: r(rule_id, c).status for rule_id in R_RULES}
    assert statuses == dict.fromkeys(R_RULES, PASS)
    evaluation = verdict(c.p, who_ssl=SSL)
    assert evaluation.recruitment.verdict == "pass"
    assert evaluation.recruitment.red_flags == []


def test_exactly_the_eight_red_flags_of_section_3_4_are_blocking():
    assert sorted(spec.id for spec in REGISTRY.values() if spec.blocking) == sorted(BLOCKING)


#
# §3.4: each blocking red flag alone turns the verdict to fail — and a recorded fact is never softened
#


def _fee(c):
    update(c.arrangement, fees_charged_to_workers=Decimal("450.00"), fees_currency="USD")


def _migrant_pays_transport(c):
    item = CostItemFactory(partnership=c.p, category="travel", subitem="transport", amount=Decimal("300"))
    CostShareFactory(item=item, payer="employer", percent=Decimal("80"))
    CostShareFactory(item=item, payer="migrant", percent=Decimal("20"))


def _recruiter_loan(c):
    update(c.arrangement, worker_financing="recruiter_loan")


def _expired_licence(c):
    update(c.recruiter, licence_expiry=dt.date(2026, 9, 30))


def _revoked(c):
    update(c.recruiter, sanction_status="revoked")


def _no_written_contract(c):
    update(c.arrangement, written_contract_before_departure=False)


def _contract_in_unread_language(c):
    update(c.arrangement, contract_languages=["de"])


def _substitution_case(c):
    update(c.arrangement, substitution_incidents_open=2)


def _passport_retention(c):
    update(c.arrangement, passport_retention_allowed=True)


def _exit_permit(c):
    update(c.pathway, exit_permit_required=True)


def _sponsor_control(c):
    update(c.pathway, sponsor_controls_residence=True)


RECORDED_FACTS = [
    pytest.param("R.3", _fee, "450.00 USD", id="R.3-fee"),
    pytest.param(
        "R.3",
        _migrant_pays_transport,
        "Travel / Travel and lodging on the way to the job: migrants pay 20.00 %",
        id="R.3-cost-table",
    ),
    pytest.param("R.4", _recruiter_loan, "borrow to take part (Loan from the recruiter)", id="R.4-recruiter-loan"),
    pytest.param("R.5", _expired_licence, "Manila Placement Agency's licence expired on 2026-09-30", id="R.5-expired"),
    pytest.param("R.5", _revoked, "Manila Placement Agency is Revoked", id="R.5-revoked"),
    pytest.param("R.8", _no_written_contract, "no written contract", id="R.8-no-contract"),
    pytest.param("R.8", _contract_in_unread_language, "do not read", id="R.8-language"),
    pytest.param("R.9", _substitution_case, "open contract-substitution cases: 2", id="R.9-open-case"),
    pytest.param("R.10", _passport_retention, "passports", id="R.10-retention"),
    pytest.param("R.11", _exit_permit, "permission to leave", id="R.11-exit-permit"),
    pytest.param("R.11", _sponsor_control, "sponsor control", id="R.11-kafala"),
]


def _health_from_listed_country(c):
    update(c.p, health_workforce_safeguards=["who_code_adherence", "g2g_agreement"])


@pytest.mark.parametrize(("rule_id", "breaks", "named"), RECORDED_FACTS)
def test_a_recorded_red_flag_alone_turns_the_verdict_to_fail(rule_id, breaks, named):
    c = clean()
    breaks(c)
    finding = r(rule_id, c)
    assert finding.status == FAIL
    assert named in finding.message
    evaluation = verdict(c.p, who_ssl=SSL)
    assert evaluation.recruitment.verdict == "fail"
    assert evaluation.recruitment.red_flags == [rule_id]


@pytest.mark.parametrize(("rule_id", "breaks", "named"), RECORDED_FACTS)
def test_a_recorded_red_flag_is_not_softened_before_agreement(rule_id, breaks, named):
    c = clean("design")
    breaks(c)
    finding = r(rule_id, c)
    assert finding.status == FAIL
    assert not finding.draft_lenient_applied
    assert verdict(c.p, who_ssl=SSL).recruitment.red_flags == [rule_id]


def test_health_workers_from_a_safeguards_list_country_without_safeguards_fail_from_agreement():
    c = clean()
    _health_from_listed_country(c)
    finding = check(rule_id="R.14", partnership=c.p, who_ssl={"PH"})
    assert finding.status == FAIL
    assert "2221" in finding.message and "Philippines" in finding.message
    assert "without Agreed with the origin's health ministry" in finding.message
    # The safeguard it has is not listed as missing; the evidence keeps the codes.
    assert "Government-to-government agreement" not in finding.message
    assert finding.evidence["safeguards"] == ["g2g_agreement", "who_code_adherence"]
    evaluation = verdict(c.p, who_ssl={"PH"})
    assert evaluation.recruitment.verdict == "fail"
    assert evaluation.recruitment.red_flags == ["R.14"]


def test_health_workers_from_a_safeguards_list_country_only_warn_before_agreement():
    c = clean("design")
    _health_from_listed_country(c)
    finding = check(rule_id="R.14", partnership=c.p, who_ssl={"PH"})
    assert finding.status == WARN
    assert finding.draft_lenient_applied


MISSING_DATA = [
    pytest.param("R.3", lambda c: update(c.arrangement, fees_charged_to_workers=None), id="R.3-fees-undeclared"),
    pytest.param("R.3", lambda c: update(c.arrangement, worker_costs_declared_on=None), id="R.3-undated"),
    pytest.param("R.3", lambda c: update(c.arrangement, wage_deductions_for_recruitment=None), id="R.3-deductions"),
    pytest.param("R.4", lambda c: update(c.arrangement, worker_financing="unknown"), id="R.4-unknown"),
    pytest.param("R.5", lambda c: update(c.recruiter, sanction_status="unknown"), id="R.5-sanction-unknown"),
    pytest.param("R.5", lambda c: update(c.recruiter, licence_expiry=None), id="R.5-no-expiry"),
    pytest.param("R.8", lambda c: update(c.arrangement, written_contract_before_departure=None), id="R.8-unknown"),
    pytest.param(
        "R.9",
        lambda c: update(c.arrangement, contract_substitution_prohibited=None, contract_verified_by_authority=None),
        id="R.9-neither",
    ),
    pytest.param("R.10", lambda c: update(c.arrangement, passport_retention_allowed=None), id="R.10-unknown"),
    pytest.param("R.11", lambda c: update(c.pathway, exit_permit_required=None), id="R.11-unknown"),
]


@pytest.mark.parametrize(("rule_id", "breaks"), MISSING_DATA)
def test_a_red_flag_resting_on_missing_data_is_softened_before_agreement(rule_id, breaks):
    c = clean("design")
    breaks(c)
    finding = r(rule_id, c)
    assert finding.status == WARN
    assert finding.draft_lenient_applied
    assert verdict(c.p, who_ssl=SSL).recruitment.red_flags == []


@pytest.mark.parametrize(("rule_id", "breaks"), MISSING_DATA)
def test_a_red_flag_resting_on_missing_data_fails_from_agreement(rule_id, breaks):
    c = clean("agreement")
    breaks(c)
    assert r(rule_id, c).status == FAIL
    assert verdict(c.p, who_ssl=SSL).recruitment.red_flags == [rule_id]


@pytest.mark.parametrize("rule_id", ["R.3", "R.4", "R.5", "R.8", "R.9", "R.10"])
def test_no_recruitment_arrangement_is_missing_data_for_the_blocking_rules(rule_id):
    c = corridor("design")
    finding = check(rule_id=rule_id, partnership=c.p)
    assert (finding.status, finding.draft_lenient_applied) == (WARN, True)
    assert check(rule_id=rule_id, partnership=c.p, stage="setup").status == FAIL


def test_no_pathway_used_is_missing_data_for_r11():
    c = corridor("design")
    assert check(rule_id="R.11", partnership=c.p).status == WARN
    assert check(rule_id="R.11", partnership=c.p, stage="agreement").status == FAIL


def test_three_non_blocking_fails_make_the_verdict_fail_without_red_flags():
    c = clean()
    update(c.p, agreement_clauses=["model_employment_contract"])  # R.1 fails
    update(c.recruiter, monitoring_body=None)  # R.7 fails (no recruiter monitored)
    c.pre_departure.delete()
    c.arrival.delete()  # R.13 fails
    evaluation = verdict(c.p, who_ssl=SSL)
    assert evaluation.recruitment.red_flags == []
    assert evaluation.recruitment.nonblocking_fails == 3
    assert evaluation.recruitment.verdict == "fail"


def test_one_non_blocking_warning_makes_the_verdict_warn():
    c = clean()
    update(c.p, recruitment_standards=[])  # R.1 warns
    assert verdict(c.p, who_ssl=SSL).recruitment.verdict == "warn"


#
# R.1 — fair-recruitment commitments in the agreement
#


def test_r1_warns_when_the_employer_pays_clause_is_missing():
    c = clean()
    update(c.p, agreement_clauses=["ethical_recruitment"])
    finding = r("R.1", c)
    assert finding.status == WARN and "Employer Pays Principle" in finding.message


def test_r1_fails_without_either_clause_but_only_from_agreement():
    c = clean("design")
    update(c.p, agreement_clauses=[])
    assert r("R.1", c).status == WARN
    assert r("R.1", c, stage="agreement").status == FAIL


#
# R.2 — recruitment channel for every corridor
#


def test_r2_fails_when_a_corridor_with_target_occupations_has_no_arrangement():
    c = clean()
    c.arrangement.delete()
    finding = r("R.2", c)
    assert finding.status == FAIL and "Philippines→Germany" in finding.message


def test_r2_warns_when_a_private_agency_corridor_names_no_recruiter():
    c = clean()
    c.arrangement.recruiters.clear()
    assert r("R.2", c).status == WARN


def test_r2_warns_when_the_public_employment_service_does_not_take_part():
    c = clean()
    update(c.arrangement, channel="public_employment_service")
    finding = r("R.2", c)
    assert finding.status == WARN and "the Public employment service that recruits" in finding.message


def test_r2_passes_a_public_employment_service_corridor_when_the_service_recruits_in_the_partnership():
    c = clean()
    update(c.arrangement, channel="public_employment_service")
    pes = OrganisationFactory(category="public_employment_service", country="PH")
    ParticipationFactory(partnership=c.p, organisation=pes, side="origin", roles=["recruiter"])
    assert r("R.2", c).status == PASS


def test_r2_warns_before_any_target_occupation_is_recorded():
    assert check(rule_id="R.2", partnership=corridor().p).status == WARN


#
# R.3 – R.5: outcomes not covered above
#


def test_r3_names_the_related_costs_workers_pay():
    c = clean()
    update(c.arrangement, related_costs_charged_to_workers=["visa_immigration"])
    finding = r("R.3", c)
    assert finding.status == FAIL and "Visas, permits, passports and other documents" in finding.message


def test_r3_fails_on_wage_deductions_for_recruitment():
    c = clean("design")
    update(c.arrangement, wage_deductions_for_recruitment=True)
    assert r("R.3", c).status == FAIL


def test_r4_warns_on_regulated_bank_loans():
    c = clean()
    update(c.arrangement, worker_financing="regulated_bank_loan")
    assert r("R.4", c).status == WARN


def test_r4_warns_on_an_interest_free_employer_advance_with_small_deductions():
    c = clean()
    update(
        c.arrangement,
        worker_financing="employer_advance",
        loan_interest_pct=Decimal("0"),
        loan_repaid_by_wage_deduction=True,
        max_deduction_pct_of_wage=Decimal("8"),
    )
    assert r("R.4", c).status == WARN


def test_r4_fails_on_an_employer_advance_charging_interest():
    c = clean()
    update(c.arrangement, worker_financing="employer_advance", loan_interest_pct=Decimal("4.5"))
    finding = r("R.4", c)
    assert finding.status == FAIL and "4.5" in finding.message


def test_r4_fails_when_repayments_take_more_than_ten_percent_of_the_wage():
    c = clean("design")
    update(
        c.arrangement,
        worker_financing="employer_advance",
        loan_interest_pct=Decimal("0"),
        loan_repaid_by_wage_deduction=True,
        max_deduction_pct_of_wage=Decimal("25"),
    )
    finding = r("R.4", c)
    assert finding.status == FAIL and not finding.draft_lenient_applied


def test_r5_is_not_applicable_when_employers_recruit_directly_everywhere():
    c = clean()
    update(c.arrangement, channel="employer_direct")
    assert r("R.5", c).status == NA


def test_r5_warns_when_a_licence_expires_within_ninety_days():
    c = clean()
    update(c.recruiter, licence_expiry=TODAY + dt.timedelta(days=40))
    finding = r("R.5", c)
    assert finding.status == WARN and "expires on" in finding.message


def test_r5_warns_on_a_sanction_warning():
    c = clean()
    update(c.recruiter, sanction_status="warning")
    assert r("R.5", c).status == WARN


def test_r5_fails_on_a_licence_from_another_country():
    c = clean("design")
    update(c.recruiter, licence_country="MA")
    finding = r("R.5", c)
    assert finding.status == FAIL and "MA" in finding.message


def test_r5_fails_on_unlicensed_sub_agents():
    c = clean("design")
    update(c.recruiter, uses_sub_agents=True, sub_agents_licensed=False)
    assert r("R.5", c).status == FAIL


def test_r5_passes_an_exempt_public_recruiter_with_a_recorded_basis():
    c = clean()
    update(c.recruiter, licence_exempt=True, exemption_basis="Public employment service under national law")
    update(c.recruiter, licence_number="", licence_expiry=None, licensing_authority=None)
    assert r("R.5", c).status == PASS


#
# R.6 — IRIS certification
#


def test_r6_warns_when_a_private_recruiter_is_only_committed_to_iris():
    c = clean()
    update(c.recruiter, iris_status="committed")
    finding = r("R.6", c)
    assert finding.status == WARN and "IRIS status Committed to IRIS" in finding.message


def test_r6_warns_when_the_iris_check_is_older_than_a_year():
    c = clean()
    update(c.recruiter, iris_checked_on=dt.date(2025, 6, 1))
    assert r("R.6", c).status == WARN


def test_r6_is_not_applicable_without_a_private_recruiter():
    c = clean()
    update(c.recruiter.organisation, category="public_employment_service")
    assert r("R.6", c).status == NA


#
# R.7 — monitoring and compliance-linked pay
#


def test_r7_warns_when_a_private_recruiter_is_paid_per_placement_without_incentive():
    c = clean()
    update(c.recruiter, payment_model="per_placement", compliance_incentive=False)
    assert r("R.7", c).status == WARN


def test_r7_fails_from_agreement_when_no_recruiter_is_monitored():
    c = clean()
    update(c.recruiter, monitoring_body=None)
    assert r("R.7", c).status == FAIL
    assert r("R.7", c, stage="design").status == WARN


def test_r7_is_not_applicable_without_recruiters():
    c = clean()
    c.arrangement.recruiters.clear()
    c.recruiter.delete()
    assert r("R.7", c).status == NA


#
# R.8 – R.10: outcomes not covered above
#


def test_r8_warns_when_the_contract_arrives_three_days_before_departure():
    c = clean()
    update(c.arrangement, contract_days_before_departure=3)
    finding = r("R.8", c)
    assert finding.status == WARN and "3 days" in finding.message


def test_r8_warns_when_only_some_worker_languages_are_covered():
    c = clean()
    update(c.arrangement, contract_languages=["en"])
    finding = r("R.8", c)
    assert finding.status == WARN and "no contract in Tagalog" in finding.message


def test_r9_warns_when_contracts_are_not_verified_by_an_authority():
    c = clean()
    update(c.arrangement, contract_verified_by_authority=False)
    assert r("R.9", c).status == WARN


def test_r10_warns_when_the_ban_is_not_in_writing():
    c = clean()
    update(c.arrangement, document_retention_prohibited_in_writing=False)
    assert r("R.10", c).status == WARN


#
# R.11 — freedom to leave and to change employer
#


def test_r11_warns_on_a_single_employer_permit_without_sponsor_control():
    c = clean()
    update(c.pathway, employer_tied="single_employer", change_of_employer_allowed=False)
    finding = r("R.11", c)
    assert finding.status == WARN and "E7.R5" in finding.message


#
# R.12 — grievance and remedy
#


def test_r12_warns_when_the_destination_channel_cannot_order_refunds():
    c = clean()
    for channel in c.p.grievance_channels.filter(side="destination"):
        update(channel, remedies=["legal_aid"])
    finding = r("R.12", c)
    assert finding.status == WARN and "Germany" in finding.message


def test_r12_warns_without_a_refund_mechanism():
    c = clean()
    update(c.arrangement, refund_mechanism=None)
    assert r("R.12", c).status == WARN


def test_r12_fails_from_agreement_when_no_channel_accepts_recruitment_complaints():
    c = clean()
    for channel in c.p.grievance_channels.all():
        update(channel, covers=["wages"])
    assert r("R.12", c).status == FAIL
    assert r("R.12", c, stage="design").status == WARN


#
# R.13 — ethical recruitment in orientation
#


def test_r13_warns_when_arrival_information_omits_recruitment_costs():
    c = clean()
    update(c.arrival, content=["rights_obligations", "working_conditions_contract", "grievance_support"])
    finding = r("R.13", c)
    assert finding.status == WARN and "Costs and fees" in finding.message


def test_r13_fails_from_agreement_when_neither_orientation_is_provided():
    c = clean()
    update(c.pre_departure, status="not_provided")
    c.arrival.delete()
    assert r("R.13", c).status == FAIL


def test_r13_is_not_applicable_when_every_pathway_used_is_remote_work():
    c = clean()
    update(c.pathway, permit_kind="remote_work")
    assert r("R.13", c).status == NA


#
# R.14 — health workers (outcomes not covered above)
#


def test_r14_passes_a_listed_origin_with_all_three_safeguards():
    c = clean()
    update(
        c.p,
        health_workforce_safeguards=[
            "g2g_agreement",
            "origin_health_ministry_agreed",
            "origin_health_workforce_investment",
        ],
    )
    assert check(rule_id="R.14", partnership=c.p, who_ssl={"PH"}).status == PASS


def test_r14_warns_when_an_unlisted_origin_has_no_who_code_commitment():
    c = clean()
    update(c.p, health_workforce_safeguards=[])
    assert r("R.14", c).status == WARN


def test_r14_warns_when_the_safeguards_list_is_not_loaded():
    c = clean()
    finding = check(rule_id="R.14", partnership=c.p, who_ssl=set())
    assert finding.status == WARN and "not loaded" in finding.message


def test_r14_is_not_applicable_without_health_occupations():
    c = clean()
    update(c.to, occupation=target(corridor().p, "7112").occupation)
    assert r("R.14", c).status == NA


def test_r14_does_not_count_veterinarians_as_health_workers():
    c = clean()
    update(c.to, occupation=target(corridor().p, "2250").occupation)
    assert check(rule_id="R.14", partnership=c.p, who_ssl={"PH"}).status == NA


#
# R.15 — capacity to regulate
#


def test_r15_warns_when_no_partner_country_ratified_c181():
    c = clean()
    update(c.dest, ratified_instruments=["C97"])
    finding = r("R.15", c)
    assert finding.status == WARN and "Germany: C97 Migration for Employment" in finding.message


def test_r15_says_in_words_when_a_country_has_no_ratification_recorded():
    c = clean()
    update(c.dest, ratified_instruments=[])
    finding = r("R.15", c)
    assert finding.status == WARN and "Germany: none recorded" in finding.message and "—" not in finding.message


def test_r15_warns_when_a_low_capacity_regulator_gets_no_ethical_recruitment_support():
    c = clean()
    part = ParticipationFactory(partnership=c.p, organisation=c.monitor, side="origin", capacity_level="low")
    assert r("R.15", c).status == WARN
    CapacityActivityFactory(partnership=c.p, target_participation=part, topic="ethical_recruitment")
    assert r("R.15", c).status == PASS


def test_r15_warns_without_a_recruitment_cost_indicator():
    c = clean()
    c.p.indicators.all().delete()
    assert r("R.15", c).status == WARN


def test_r15_fails_from_agreement_when_no_corridor_has_a_monitoring_body():
    c = clean()
    update(c.arrangement, monitoring_body=None)
    assert r("R.15", c).status == FAIL
    assert r("R.15", c, stage="design").status == WARN


def test_r15_warns_before_any_arrangement_is_recorded():
    assert check(rule_id="R.15", partnership=corridor().p).status == WARN


#
# Every E5–E8 and R rule on one rich partnership: no query, no error
#


def test_every_e5_to_e8_and_r_rule_runs_on_a_rich_partnership_without_a_query_or_an_error():
    c = clean("implementation")
    regulator = participant(c.p, "certification_body", name="Nursing Council")
    OccupationProfileFactory(
        target_occupation=c.to, country=c.dest, regulated=True, regulator=regulator.organisation, recognition_gap=True
    )
    OccupationProfileFactory(target_occupation=c.to, country=c.origin, labour_status="shortage")
    arrangement = RecognitionArrangementFactory(partnership=c.p, cost_payer=["employer"])
    arrangement.occupations.set([c.to])
    arrangement.countries.set([c.origin, c.dest])
    arrangement.responsible_orgs.set([c.authority, regulator.organisation])
    employer = participant(c.p, "employer", roles=["employer"])
    programme = TrainingProgrammeFactory(partnership=c.p, track="migration", mode="bridging")
    programme.occupations.set([c.to])
    programme.codesigned_by.set([employer])
    programme.certificate_recognised_in.set([c.dest])
    SkillsDocumentationToolFactory(partnership=c.p)
    PathwayStepFactory(pathway=c.pathway, responsible=c.authority)
    SocialProtectionCoverFactory(partnership=c.p, destination=c.dest, pathway=c.pathway)
    update(c.p, planned_migrants_total=20, reporting_currency="EUR", form_of_engagement="pilot")
    cost = CostItemFactory(partnership=c.p, category="training", subitem="training_delivery", linked_training=programme)
    CostShareFactory(item=cost, payer="gov_destination", organisation=OrganisationFactory(country="DE"))
    _migrant_pays_transport(c)
    CostBenefitAnalysisFactory(partnership=c.p)
    SustainabilityPlanFactory(partnership=c.p)

    p = load(c.p)
    ctx = context(p, who_ssl=SSL)
    subset = Registry()
    for spec in REGISTRY.ordered():
        if spec.element in ("E5", "E6", "E7", "E8", "R"):
            subset[spec.id] = spec
    with CaptureQueriesContext(connection) as queries:
        evaluation = evaluate(p, ctx, registry=subset)
    assert evaluation.rule_errors == []
    assert not queries.captured_queries
    assert len(evaluation.findings) == 13 + 10 + 11 + 11 + 15
    assert evaluation.recruitment.red_flags == ["R.3"]
