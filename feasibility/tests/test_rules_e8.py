"""E8 — cost reduction and sharing (SMP-DOMAIN §2.8): one test per outcome of E8.R1–R11.

The figures come from ``costs.calculations``; these tests pin what the rules conclude from them, starting with
the worked example of §8.4 (E8.R3 PASS, E8.R4 and R.3 FAIL on the same rows).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from costs.tests.factories import (
    CostBenefitAnalysisFactory,
    CostItemFactory,
    CostShareFactory,
    ExchangeRateFactory,
    SustainabilityPlanFactory,
)
from feasibility.tests.rule_helpers import corridor, participant, update
from feasibility.tests.support import FAIL, NA, PASS, WARN, check
from partnerships.tests.factories import IndicatorFactory, IndicatorValueFactory
from skills.tests.factories import TrainingProgrammeFactory
from stakeholders.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def orgs() -> SimpleNamespace:
    return SimpleNamespace(
        dest_gov=OrganisationFactory(name="Destination ministry", country="DE"),
        origin_gov=OrganisationFactory(name="Origin ministry", country="MA"),
        employer=OrganisationFactory(name="Builders' association", category="employer_org", country="DE"),
        donor=OrganisationFactory(name="EU facility", category="donor", country=""),
    )


def item(p, category, subitem, amount, currency="EUR", **fields):
    return CostItemFactory(
        partnership=p, category=category, subitem=subitem, amount=Decimal(amount), currency=currency, **fields
    )


def share(cost_item, payer, percent, organisation=None, **fields):
    return CostShareFactory(item=cost_item, payer=payer, percent=Decimal(percent), organisation=organisation, **fields)


def worked_example(stage="design") -> SimpleNamespace:
    """§8.4's worked example: Morocco → euro area, 50 migrants, 60 trainees, 1 MAD = 0.10 EUR."""
    c = corridor(stage, reporting_currency="EUR", planned_migrants_total=50, planned_trainees_total=60)
    ExchangeRateFactory(base_currency="MAD", quote_currency="EUR", rate=Decimal("0.10"))
    o = c.orgs = orgs()
    meetings = item(c.p, "project_implementation", "partnership_meetings", "20000", basis="fixed")
    share(meetings, "gov_destination", "50", o.dest_gov)
    share(meetings, "gov_origin", "50", o.origin_gov)
    training = item(c.p, "training", "training_delivery", "10000", "MAD", basis="per_trainee")
    share(training, "employer", "40", o.employer)
    share(training, "gov_destination", "40", o.dest_gov)
    share(training, "gov_origin", "20", o.origin_gov)
    share(item(c.p, "travel", "visa_immigration", "100", basis="per_migrant"), "employer", "100", o.employer)
    c.transport = item(c.p, "travel", "transport", "300", basis="per_migrant")
    share(c.transport, "employer", "80", o.employer)
    share(c.transport, "migrant", "20")
    screening = item(c.p, "pre_selection", "candidate_screening", "50000", "MAD", basis="fixed")
    share(screening, "gov_origin", "100", o.origin_gov)
    evaluation = item(c.p, "monitoring_evaluation", "external_evaluation", "10000", basis="fixed")
    share(evaluation, "gov_destination", "50", o.dest_gov)
    share(evaluation, "other", "50", o.donor)
    return c


def test_the_worked_example_shares_costs_fairly_but_makes_migrants_pay_for_transport():
    c = worked_example()
    assert check(rule_id="E8.R3", partnership=c.p).status == PASS
    e8_r4 = check(rule_id="E8.R4", partnership=c.p)
    assert e8_r4.status == FAIL and not e8_r4.draft_lenient_applied
    assert "Travel / Travel and lodging on the way to the job: migrants pay 20.00 %" in e8_r4.message
    assert e8_r4.evidence["migrant_total"] == "3000.00"
    assert e8_r4.evidence["migrant_share_pct"] == "2.61"
    assert check(rule_id="R.3", partnership=c.p).status == FAIL


#
# E8.R1 — cost structure mapped
#

FULL_MAP = [
    ("project_implementation", "partnership_meetings"),
    ("project_implementation", "return_reintegration"),
    ("pre_selection", "candidate_screening"),
    ("training", "training_delivery"),
    ("travel", "transport"),
    ("travel", "visa_immigration"),
    ("monitoring_evaluation", "external_evaluation"),
]


def _mapped(rows=FULL_MAP, **partnership_fields):
    fields = {"reporting_currency": "EUR", "planned_migrants_total": 50, **partnership_fields}
    c = corridor(**fields)
    for category, subitem in rows:
        item(c.p, category, subitem, "1000")
    return c


def test_e8_r1_passes_when_every_block_is_costed_for_a_known_number_of_migrants():
    assert check(rule_id="E8.R1", partnership=_mapped().p).status == PASS


def test_e8_r1_warns_without_a_monitoring_and_evaluation_item():
    finding = check(rule_id="E8.R1", partnership=_mapped(FULL_MAP[:-1]).p)
    assert finding.status == WARN and "monitoring and evaluation" in finding.message


def test_e8_r1_warns_when_an_item_has_no_exchange_rate():
    c = _mapped()
    item(c.p, "training", "training_delivery", "500", "MAD")
    finding = check(rule_id="E8.R1", partnership=c.p)
    assert finding.status == WARN and "MAD→EUR" in finding.message


def test_e8_r1_counts_the_partnerships_own_rate_and_never_another_partnerships():
    """A rate entered in one partnership's costs step converts its items only (issue #19)."""
    c = _mapped()
    item(c.p, "training", "training_delivery", "500", "MAD")
    other = _mapped()
    ExchangeRateFactory(partnership=other.p, base_currency="MAD", quote_currency="EUR", rate=Decimal("0.09"))
    assert "MAD→EUR" in check(rule_id="E8.R1", partnership=c.p).message
    ExchangeRateFactory(partnership=c.p, base_currency="MAD", quote_currency="EUR", rate=Decimal("0.09"))
    assert "MAD→EUR" not in check(rule_id="E8.R1", partnership=c.p).message


def test_e8_r1_warns_when_return_support_is_not_costed_for_temporary_migration():
    finding = check(rule_id="E8.R1", partnership=_mapped(FULL_MAP[:1] + FULL_MAP[2:]).p)
    assert finding.status == WARN and "Return and reintegration support" in finding.message


def test_e8_r1_fails_from_agreement_when_travel_is_not_costed():
    c = _mapped([row for row in FULL_MAP if row[0] != "travel"])
    assert check(rule_id="E8.R1", partnership=c.p).status == WARN
    finding = check(rule_id="E8.R1", partnership=c.p, stage="agreement")
    assert finding.status == FAIL and "Travel" in finding.message


def test_e8_r1_fails_from_agreement_without_the_number_of_migrants():
    c = _mapped(planned_migrants_total=None)
    finding = check(rule_id="E8.R1", partnership=c.p, stage="agreement")
    assert finding.status == FAIL and "planned migrants" in finding.message


#
# E8.R2 — every cost has a payer
#


def test_e8_r2_passes_on_the_worked_example():
    assert check(rule_id="E8.R2", partnership=worked_example().p).status == PASS


def test_e8_r2_warns_on_a_voluntary_item_without_payer():
    c = worked_example()
    item(c.p, "monitoring_evaluation", "learning_events", "2000")
    finding = check(rule_id="E8.R2", partnership=c.p)
    assert finding.status == WARN and "Events sharing lessons learned" in finding.message


def test_e8_r2_warns_when_a_government_share_names_no_organisation():
    c = worked_example()
    c.p.cost_items.get(subitem="partnership_meetings").shares.filter(payer="gov_origin").update(organisation=None)
    assert check(rule_id="E8.R2", partnership=c.p).status == WARN


def test_e8_r2_warns_when_the_organisation_does_not_fit_the_payer_code():
    c = worked_example()
    c.p.cost_items.get(subitem="candidate_screening").shares.update(organisation=c.orgs.dest_gov)
    finding = check(rule_id="E8.R2", partnership=c.p)
    assert finding.status == WARN and "Destination ministry" in finding.message


def test_e8_r2_fails_from_agreement_when_an_essential_item_has_no_payer():
    c = worked_example("agreement")
    item(c.p, "travel", "other", "100", description="Airport transfer")
    finding = check(rule_id="E8.R2", partnership=c.p)
    assert finding.status == FAIL and "Nobody pays Travel / Airport transfer" in finding.message


#
# E8.R3 — costs shared
#


def test_e8_r3_warns_when_the_destination_government_pays_almost_everything():
    c = corridor(reporting_currency="EUR", planned_migrants_total=10)
    o = orgs()
    main = item(c.p, "project_implementation", "partnership_meetings", "90000")
    share(main, "gov_destination", "100", o.dest_gov)
    share(item(c.p, "travel", "transport", "1000"), "employer", "100", o.employer)
    finding = check(rule_id="E8.R3", partnership=c.p)
    assert finding.status == WARN and "unsustainable" in finding.message


def test_e8_r3_names_payers_by_their_labels_and_says_when_none_carries_the_bill():
    c = corridor(reporting_currency="EUR", planned_migrants_total=10)
    o = orgs()
    share(item(c.p, "travel", "transport", "1000"), "employer", "100", o.employer)
    finding = check(rule_id="E8.R3", partnership=c.p)
    assert finding.status == WARN and "Employer pays 100" in finding.message
    assert "payers carrying at least 10 %: only 1 (Employer)" in finding.message
    assert finding.evidence["payer_share_pct"]["employer"] == "100.00"
    unpaid = corridor(reporting_currency="EUR", planned_migrants_total=10)
    item(unpaid.p, "travel", "transport", "1000")
    finding = check(rule_id="E8.R3", partnership=unpaid.p)
    assert finding.message.startswith("No payer carries at least 10 %;") and "—" not in finding.message


def test_e8_r3_warns_while_essential_items_have_no_payer():
    c = worked_example()
    item(c.p, "travel", "other", "100", description="Airport transfer")
    finding = check(rule_id="E8.R3", partnership=c.p)
    assert finding.status == WARN and "no payer yet" in finding.message


def test_e8_r3_warns_when_an_exchange_rate_is_missing():
    c = worked_example()
    item(c.p, "training", "training_stipend", "100", "USD")
    finding = check(rule_id="E8.R3", partnership=c.p)
    assert finding.status == WARN and "USD→EUR" in finding.message


#
# E8.R4 — employer pays (outcomes not covered by the worked example)
#


def test_e8_r4_passes_when_migrants_pay_nothing_and_every_essential_item_has_a_payer():
    c = worked_example()
    c.transport.shares.filter(payer="migrant").delete()
    c.transport.shares.update(percent=Decimal("100"))
    assert check(rule_id="E8.R4", partnership=c.p).status == PASS


def test_e8_r4_warns_and_shows_the_per_migrant_cost_of_a_share_outside_the_recruitment_set():
    c = worked_example()
    c.transport.shares.filter(payer="migrant").delete()
    c.transport.shares.update(percent=Decimal("100"))
    back = item(c.p, "project_implementation", "return_reintegration", "100", basis="per_migrant")
    share(back, "gov_origin", "50", c.orgs.origin_gov)
    share(back, "migrant", "50")
    finding = check(rule_id="E8.R4", partnership=c.p)
    assert finding.status == WARN
    assert "Return and reintegration support" in finding.message and "50.00 EUR per migrant" in finding.message


def test_e8_r4_cannot_confirm_while_essential_items_have_no_payer():
    c = corridor(reporting_currency="EUR", planned_migrants_total=10)
    item(c.p, "travel", "transport", "300")
    finding = check(rule_id="E8.R4", partnership=c.p)
    assert finding.status == WARN and "cannot confirm" in finding.message.lower()


def test_e8_r4_fails_before_agreement_too():
    finding = check(rule_id="E8.R4", partnership=worked_example("exploration").p)
    assert finding.status == FAIL and not finding.draft_lenient_applied


#
# E8.R5 — employers contribute with limited risk
#


def _employer_share(**fields):
    c = corridor(reporting_currency="EUR", planned_migrants_total=10)
    participant(c.p, "employer", roles=["employer", "funder"])
    training = item(c.p, "training", "training_delivery", "5000")
    share(training, "employer", "100", OrganisationFactory(category="employer"), **fields)
    return c


def test_e8_r5_is_not_applicable_without_employers_taking_part():
    assert check(rule_id="E8.R5", partnership=worked_example().p).status == NA


def test_e8_r5_passes_when_employers_pay_on_visa_grant():
    assert check(rule_id="E8.R5", partnership=_employer_share(timing="on_visa_grant").p).status == PASS


def test_e8_r5_passes_an_upfront_share_backed_by_a_guarantee_fund():
    c = _employer_share(timing="upfront", risk_mitigation="guarantee_fund")
    assert check(rule_id="E8.R5", partnership=c.p).status == PASS


def test_e8_r5_warns_on_an_upfront_share_without_mitigation():
    finding = check(rule_id="E8.R5", partnership=_employer_share(timing="upfront").p)
    assert finding.status == WARN and "Training provider or facility (training the job requires)" in finding.message


def test_e8_r5_warns_when_employers_pay_nothing():
    c = corridor()
    participant(c.p, "chamber")
    assert check(rule_id="E8.R5", partnership=c.p).status == WARN


#
# E8.R6 — cost-sharing model in the agreement
#


def test_e8_r6_passes_with_the_clause_a_model_and_a_shared_table():
    c = corridor(
        agreement_clauses=["cost_sharing"],
        cost_sharing_models=["agreement_specified"],
        cost_table_visibility="all_participants",
    )
    assert check(rule_id="E8.R6", partnership=c.p).status == PASS


def test_e8_r6_warns_when_the_table_is_restricted_and_the_agreement_unpublished():
    c = corridor(agreement_clauses=["cost_sharing"], cost_sharing_models=["levy"], cost_table_visibility="restricted")
    assert check(rule_id="E8.R6", partnership=c.p).status == WARN
    update(c.p, agreement_published=True)
    assert check(rule_id="E8.R6", partnership=c.p).status == PASS


def test_e8_r6_fails_from_agreement_without_a_cost_sharing_clause():
    c = corridor(cost_sharing_models=["levy"])
    assert check(rule_id="E8.R6", partnership=c.p).status == WARN
    assert check(rule_id="E8.R6", partnership=c.p, stage="agreement").status == FAIL


#
# E8.R7 — public money justified
#


def test_e8_r7_is_not_applicable_when_no_public_money_is_used():
    c = corridor(reporting_currency="EUR", planned_migrants_total=10)
    share(item(c.p, "travel", "transport", "300"), "employer", "100", OrganisationFactory(category="employer"))
    assert check(rule_id="E8.R7", partnership=c.p).status == NA


def test_e8_r7_passes_with_a_wider_analysis_comparing_alternatives_and_pricing_outcomes():
    c = worked_example()
    CostBenefitAnalysisFactory(
        partnership=c.p,
        alternatives_compared=True,
        price_per_outcome=Decimal("2300"),
        price_currency="EUR",
        outcome_unit="migrant_placed",
    )
    finding = check(rule_id="E8.R7", partnership=c.p)
    assert finding.status == PASS and "1.70" in finding.message


def test_e8_r7_warns_without_an_analysis_naming_the_public_share():
    finding = check(rule_id="E8.R7", partnership=worked_example().p)
    assert finding.status == WARN and "61.74" in finding.message


def test_e8_r7_warns_on_unpaid_essential_items_naming_their_value_not_a_zero_public_share():
    c = corridor(reporting_currency="EUR", planned_migrants_total=10)
    share(item(c.p, "travel", "transport", "300"), "employer", "100", OrganisationFactory(category="employer"))
    item(c.p, "training", "training_delivery", "1200", basis="fixed")  # essential, no payer yet
    finding = check(rule_id="E8.R7", partnership=c.p)
    assert finding.status == WARN
    assert "1200.00 EUR have no payer yet" in finding.message and "0.00 %" not in finding.message
    assert finding.evidence["unassigned_essential_total"] == "1200.00"


def test_e8_r7_warns_on_a_ratio_below_one():
    c = worked_example()
    CostBenefitAnalysisFactory(
        partnership=c.p, benefit_cost_ratio=Decimal("0.80"), alternatives_compared=True, price_per_outcome=Decimal("1")
    )
    finding = check(rule_id="E8.R7", partnership=c.p)
    assert finding.status == WARN and "0.80" in finding.message


#
# E8.R8 — financial sustainability
#


def test_e8_r8_is_not_applicable_without_public_or_donor_money():
    c = corridor(reporting_currency="EUR", planned_migrants_total=10, donor_funded=False)
    share(item(c.p, "travel", "transport", "300"), "employer", "100", OrganisationFactory(category="employer"))
    assert check(rule_id="E8.R8", partnership=c.p).status == NA


def test_e8_r8_passes_with_mechanisms_a_lower_target_share_and_a_year():
    c = worked_example()
    SustainabilityPlanFactory(partnership=c.p, target_public_share_pct=Decimal("40"))
    finding = check(rule_id="E8.R8", partnership=c.p)
    assert finding.status == PASS and "61.74" in finding.message


def test_e8_r8_warns_when_a_running_scheme_has_tested_no_mechanism():
    c = worked_example("implementation")
    SustainabilityPlanFactory(partnership=c.p, mechanisms_tested=[])
    finding = check(rule_id="E8.R8", partnership=c.p)
    assert finding.status == WARN and "tested" in finding.message


def test_e8_r8_warns_when_the_target_share_is_not_below_today():
    c = worked_example()
    SustainabilityPlanFactory(partnership=c.p, target_public_share_pct=Decimal("70"))
    assert check(rule_id="E8.R8", partnership=c.p).status == WARN


def test_e8_r8_fails_from_agreement_for_a_publicly_funded_pilot_without_a_plan():
    c = worked_example("agreement")
    update(c.p, form_of_engagement="pilot")
    finding = check(rule_id="E8.R8", partnership=c.p)
    assert finding.status == FAIL and "pilot" in finding.message
    assert check(rule_id="E8.R8", partnership=c.p, stage="design").status == WARN


#
# E8.R9 — actual costs monitored
#


def _actuals(first_year_actual, second_year_actual, deployed=(50, 50)):
    c = corridor("implementation", reporting_currency="EUR", planned_migrants_total=100)
    item(c.p, "project_implementation", "operations", "100000", actual_amount=Decimal(first_year_actual), year=2024)
    item(
        c.p,
        "training",
        "training_delivery",
        "100000",
        basis="fixed",
        actual_amount=Decimal(second_year_actual),
        year=2025,
    )
    if deployed:
        indicator = IndicatorFactory(partnership=c.p, code="migrants_deployed")
        for year, count in zip((2024, 2025), deployed, strict=True):
            IndicatorValueFactory(indicator=indicator, measured_on=dt.date(year, 12, 31), value=str(count))
    return c


def test_e8_r9_is_not_applicable_before_implementation():
    assert check(rule_id="E8.R9", partnership=worked_example().p).status == NA


def test_e8_r9_passes_when_actuals_are_recorded_and_cost_per_migrant_falls():
    finding = check(rule_id="E8.R9", partnership=_actuals("100000", "80000").p)
    assert finding.status == PASS and "1600.00 EUR in 2025" in finding.message


def test_e8_r9_warns_when_cost_per_migrant_rises():
    finding = check(rule_id="E8.R9", partnership=_actuals("60000", "100000").p)
    assert finding.status == WARN and "rose from 1200.00 in 2024 to 2000.00 in 2025" in finding.message


def test_e8_r9_warns_without_migrants_deployed_values():
    finding = check(rule_id="E8.R9", partnership=_actuals("100000", "80000", deployed=()).p)
    assert finding.status == WARN and "migrants-deployed" in finding.message


#
# E8.R10 — no subsidy for a single employer
#


def _public_training(reserved=True, safeguards=()):
    c = corridor(reporting_currency="EUR", planned_migrants_total=10, public_subsidy_safeguards=list(safeguards))
    company = OrganisationFactory(name="BuildCo", category="employer")
    tp = TrainingProgrammeFactory(partnership=c.p, reserved_for_employer=company if reserved else None)
    cost = item(c.p, "training", "training_delivery", "5000", linked_training=tp)
    share(cost, "gov_destination", "100", OrganisationFactory(country="DE"))
    return c


def test_e8_r10_is_not_applicable_without_publicly_funded_training():
    c = corridor(reporting_currency="EUR")
    share(item(c.p, "travel", "transport", "300"), "employer", "100", OrganisationFactory(category="employer"))
    assert check(rule_id="E8.R10", partnership=c.p).status == NA


def test_e8_r10_passes_when_the_reserved_training_is_co_financed_and_funder_rules_checked():
    c = _public_training(safeguards=["employer_cofinancing", "funder_rules_checked"])
    assert check(rule_id="E8.R10", partnership=c.p).status == PASS


def test_e8_r10_warns_when_public_money_trains_staff_for_one_company_without_safeguards():
    finding = check(rule_id="E8.R10", partnership=_public_training(safeguards=["funder_rules_checked"]).p)
    assert finding.status == WARN and "reserved for one employer" in finding.message


#
# E8.R11 — resources for origin training
#


def _origin_training(*payers):
    c = corridor(reporting_currency="EUR", planned_migrants_total=10)
    o = orgs()
    by_code = {"gov_destination": o.dest_gov, "gov_origin": o.origin_gov, "employer": o.employer, "migrant": None}
    cost = item(c.p, "training", "training_delivery", "10000", basis="fixed", country=c.origin)
    for payer, percent in payers:
        share(cost, payer, percent, by_code[payer])
    return c


def test_e8_r11_is_not_applicable_without_training_in_the_origin_country():
    assert check(rule_id="E8.R11", partnership=worked_example().p).status == NA


def test_e8_r11_passes_when_the_destination_side_pays_most_of_origin_training():
    c = _origin_training(("gov_destination", "40"), ("employer", "20"), ("gov_origin", "40"))
    assert check(rule_id="E8.R11", partnership=c.p).status == PASS


def test_e8_r11_warns_when_the_origin_government_and_migrants_pay_most():
    c = _origin_training(("gov_origin", "70"), ("employer", "30"))
    finding = check(rule_id="E8.R11", partnership=c.p)
    assert finding.status == WARN and "Only 30.00 %" in finding.message
