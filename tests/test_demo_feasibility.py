"""The demo partnerships through the feasibility engine (docs/demo-data.md, SMP-DOMAIN §0.4, §3.4).

Each demo documents its planted gaps and the rule ids they make FAIL or WARN (``DemoSpec.gaps``). The engine
must agree: for the high- and medium-completeness demos the FAIL findings are exactly the planted ones; for the
low-completeness demo the planted FAILs are among its FAILs; every planted warning is a WARN. The nearly-ready
demo has the highest readiness, and the recruitment check fails on a named red flag for some demos and passes
for another.

The evaluations are computed once for the module, on reference and demo data loaded inside a transaction that
is rolled back; the engine itself is pure, so the tests below read plain results.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from feasibility.services import check_loaded_partnership
from partnerships.demo import demo_load, demo_specs
from partnerships.models import Partnership
from partnerships.reference_data import reference_data_load
from partnerships.selectors import partnership_get_full

SPECS = demo_specs()
SPEC = {spec.key: spec for spec in SPECS}
NEARLY_READY = "north_africa_europe"


@pytest.fixture(scope="module")
def evaluations(django_db_setup, django_db_blocker) -> dict:
    """Demo key → engine evaluation of that demo partnership."""
    with django_db_blocker.unblock(), transaction.atomic():
        reference_data_load()
        demo_load()
        results = {}
        for spec in SPECS:
            partnership = Partnership.objects.get(name=spec.name)
            results[spec.key], _fingerprint = check_loaded_partnership(
                partnership_get_full(partnership_id=partnership.pk)
            )
        transaction.set_rollback(True)
    return results


def statuses(evaluation) -> dict[str, str]:
    return {finding.rule_id: str(finding.status) for finding in evaluation.findings}


def failing(evaluation) -> set[str]:
    return {rule for rule, status in statuses(evaluation).items() if status == "FAIL"}


def test_every_rule_evaluates_on_every_demo_without_error(evaluations):
    for key, evaluation in evaluations.items():
        assert evaluation.rule_errors == [], key
        assert evaluation.stage == SPEC[key].stage


@pytest.mark.parametrize("spec", [spec for spec in SPECS if spec.completeness != "low"], ids=lambda spec: spec.key)
def test_a_complete_demo_fails_exactly_the_rules_its_planted_gaps_document(evaluations, spec):
    assert failing(evaluations[spec.key]) == spec.planted_fails


@pytest.mark.parametrize("spec", [spec for spec in SPECS if spec.completeness == "low"], ids=lambda spec: spec.key)
def test_the_low_completeness_demo_fails_at_least_its_planted_rules(evaluations, spec):
    assert spec.planted_fails
    assert spec.planted_fails <= failing(evaluations[spec.key])


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.key)
def test_every_planted_warning_is_reported_as_a_warning(evaluations, spec):
    found = statuses(evaluations[spec.key])
    assert {rule: found[rule] for rule in spec.planted_warns} == dict.fromkeys(spec.planted_warns, "WARN")


def test_gaps_held_back_as_draft_are_marked_lenient_before_the_agreement_stage(evaluations):
    promise = {finding.rule_id: finding for finding in evaluations["promise_mekong"].findings}
    for rule in ("E3.R2", "E3.R3", "E1.R3"):
        assert (str(promise[rule].status), promise[rule].draft_lenient_applied) == ("WARN", True), rule


def test_the_nearly_ready_demo_has_the_highest_readiness_score(evaluations):
    scores = {key: evaluation.overall_score for key, evaluation in evaluations.items()}
    best = scores.pop(NEARLY_READY)
    assert all(best > other for other in scores.values()), (best, scores)
    assert failing(evaluations[NEARLY_READY]) == set()


def test_some_demos_fail_the_recruitment_check_on_a_named_blocking_red_flag(evaluations):
    flags = {key: evaluation.recruitment.red_flags for key, evaluation in evaluations.items()}
    # Recruiting nurses from a safeguards-list country without a government-to-government agreement.
    assert flags["health_workers_germany"] == ["R.14"]
    # A placement fee charged to workers recruited in Vanuatu.
    assert flags["seasonal_agriculture_nz"] == ["R.3"]
    # Item 4 of the §8.4 worked example: migrants pay 20 % of their transport.
    assert flags["mentor_mediterranean"] == ["R.3"]
    for key in ("health_workers_germany", "seasonal_agriculture_nz", "mentor_mediterranean"):
        assert evaluations[key].recruitment.verdict == "fail", key


def test_the_nearly_ready_demo_passes_the_recruitment_check(evaluations):
    recruitment = evaluations[NEARLY_READY].recruitment
    assert (recruitment.verdict, recruitment.red_flags) == ("pass", [])


@pytest.mark.django_db
def test_run_feasibility_on_the_demo_prints_the_same_red_flags():
    reference_data_load()
    demo_load(only=[NEARLY_READY, "seasonal_agriculture_nz"])
    out = StringIO()
    call_command("run_feasibility", "--all", "--sync", "--json", stdout=out)
    runs = [json.loads(line) for line in out.getvalue().splitlines()]
    names = dict(Partnership.objects.values_list("pk", "name"))
    by_name = {names[run["partnership"]]: run for run in runs}
    assert by_name[SPEC[NEARLY_READY].name]["recruitment"]["red_flags"] == []
    assert by_name[SPEC["seasonal_agriculture_nz"].name]["recruitment"]["red_flags"] == ["R.3"]
