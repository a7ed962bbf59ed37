"""The engine: leniency, errors, scoring, not-assessed elements and the recruitment verdict (§0.2, §0.4, §3.4).

These tests use a registry of their own with stub rules, so they pin the engine and not any real rule.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from feasibility.context import CORE_DEFAULTS, RuleContext
from feasibility.engine import evaluate, score
from feasibility.registry import (
    REGISTRY,
    RULESET_VERSION,
    SENTENCE_KEY,
    Outcome,
    Registry,
    Status,
    element_of,
    message_render,
    msg,
    rule_sort_key,
    sentence,
)


def ctx_at(stage: str, **cfg) -> RuleContext:
    return RuleContext(today=date(2026, 11, 2), stage=stage, cfg={**CORE_DEFAULTS, **cfg}, partnership=None)


def registry_with(*rules) -> Registry:
    """rules: (rule_id, outcome or callable, options)"""
    registry = Registry()
    for rule_id, result, options in rules:
        func = result if callable(result) else (lambda p, ctx, _r=result: _r)
        registry.rule(rule_id, title="t", says="Do the thing.", source="G0", **options)(func)
    return registry


PARTNERSHIP = SimpleNamespace(pk=1)


#
# Registry
#


def test_a_rule_id_names_its_element():
    assert element_of("E3.R2") == "E3"
    assert element_of("R.11") == "R"
    with pytest.raises(ValueError):
        element_of("E9.R1")


def test_registering_the_same_rule_id_twice_is_refused():
    registry = registry_with(("E1.R1", Outcome.passed("ok"), {}))
    with pytest.raises(ValueError, match="registered twice"):
        registry.rule("E1.R1", title="t", says="s", source="G")(lambda p, ctx: Outcome.passed("again"))


def test_only_recruitment_rules_can_be_blocking():
    with pytest.raises(ValueError, match="blocking"):
        Registry().rule("E8.R4", title="t", says="s", source="G", blocking=True)


def test_rules_are_ordered_naturally_so_r10_follows_r9():
    ids = ["E1.R10", "R.2", "E1.R9", "E2.R1", "E1.R1"]
    assert sorted(ids, key=rule_sort_key) == ["E1.R1", "E1.R9", "E1.R10", "E2.R1", "R.2"]


def test_severity_is_blocking_major_or_minor():
    registry = Registry()
    registry.rule("R.3", title="t", says="s", source="G", blocking=True)(lambda p, c: None)
    registry.rule("E1.R1", title="t", says="s", source="G")(lambda p, c: None)
    registry.rule("E1.R5", title="t", says="s", source="G", can_fail=False)(lambda p, c: None)
    assert [registry[i].severity for i in ("R.3", "E1.R1", "E1.R5")] == ["blocking", "major", "minor"]


def test_the_project_registry_holds_every_rule_of_e1_to_e4():
    expected = {f"E1.R{n}" for n in range(1, 11)} | {f"E2.R{n}" for n in range(1, 12)}
    expected |= {f"E3.R{n}" for n in range(1, 11)} | {f"E4.R{n}" for n in range(1, 11)}
    assert expected <= set(REGISTRY)
    assert RULESET_VERSION


#
# Draft leniency (§0.2)
#


@pytest.mark.parametrize("stage", ["exploration", "assessment", "design"])
def test_a_lenient_fail_is_a_warning_before_agreement(stage):
    registry = registry_with(("E1.R1", Outcome.fail("no objective"), {"draft_lenient": True}))
    finding = evaluate(PARTNERSHIP, ctx_at(stage), registry=registry).findings[0]
    assert finding.status == Status.WARN
    assert finding.draft_lenient_applied is True
    assert finding.message == "no objective"


@pytest.mark.parametrize("stage", ["agreement", "setup", "implementation", "evaluation", "closed"])
def test_a_lenient_fail_is_a_real_fail_from_agreement_on(stage):
    registry = registry_with(("E1.R1", Outcome.fail("no objective"), {"draft_lenient": True}))
    finding = evaluate(PARTNERSHIP, ctx_at(stage), registry=registry).findings[0]
    assert finding.status == Status.FAIL
    assert finding.draft_lenient_applied is False


def test_a_rule_without_the_hourglass_fails_even_in_exploration():
    registry = registry_with(("E1.R2", Outcome.fail("open tension"), {}))
    finding = evaluate(PARTNERSHIP, ctx_at("exploration"), registry=registry).findings[0]
    assert finding.status == Status.FAIL


def test_an_outcome_can_override_the_rule_leniency_both_ways():
    registry = registry_with(
        ("R.3", Outcome.fail("fee recorded", lenient=False), {"draft_lenient": True, "blocking": True}),
        ("R.4", Outcome.fail("financing unknown", lenient=True), {"blocking": True}),
    )
    findings = {f.rule_id: f for f in evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).findings}
    assert findings["R.3"].status == Status.FAIL
    assert findings["R.4"].status == Status.WARN and findings["R.4"].draft_lenient_applied


#
# Errors
#


def test_a_rule_that_raises_becomes_a_fail_finding_and_the_run_goes_on():
    def broken(p, ctx):
        raise KeyError("sectors")

    registry = registry_with(("E1.R1", broken, {"draft_lenient": True}), ("E1.R2", Outcome.passed("fine"), {}))
    evaluation = evaluate(PARTNERSHIP, ctx_at("design"), registry=registry)
    broken_finding, fine = evaluation.findings
    assert broken_finding.status == Status.FAIL  # never softened: it is a defect, not a draft gap
    assert "KeyError" in broken_finding.message and broken_finding.error
    assert fine.status == Status.PASS
    assert evaluation.rule_errors == ["E1.R1"]


def test_evidence_is_made_json_safe():
    registry = registry_with(("E1.R1", Outcome.passed("ok", on=date(2026, 1, 2), ids={3, 1}, pct=Decimal("5.50")), {}))
    finding = evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).findings[0]
    assert finding.evidence == {"on": "2026-01-02", "ids": [1, 3], "pct": "5.50"}
    assert json.loads(json.dumps(finding.evidence)) == finding.evidence


def test_evidence_with_choice_members_and_nested_sets_is_json_safe():
    registry = registry_with(("E1.R1", Outcome.passed("ok", status=Status.PASS, by_side={"origin": {"b", "a"}}), {}))
    finding = evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).findings[0]
    assert finding.evidence == {"status": "PASS", "by_side": {"origin": ["a", "b"]}}


#
# Message keys and parameters
#


def test_a_finding_keeps_its_message_template_and_parameters_beside_the_text():
    outcome = Outcome.warn(_("%(n)d of %(total)d objectives look mid or long term."), params={"n": 1, "total": 3})
    registry = registry_with(("E1.R1", outcome, {}))
    finding = evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).findings[0]
    assert finding.message == "1 of 3 objectives look mid or long term."
    assert finding.message_key == "%(n)d of %(total)d objectives look mid or long term."
    assert finding.message_params == {"n": 1, "total": 3}
    assert message_render(finding.message_key, finding.message_params) == finding.message


def test_the_key_is_the_untranslated_msgid_even_when_the_run_speaks_another_language():
    with translation.override("fr"):
        made = msg(_("No objective is recorded."))
    assert made.key == "No objective is recorded."


def test_a_sentence_of_fragments_keeps_each_fragment_and_renders_the_same_text():
    parts = [msg(_("no costed item in %(cats)s"), {"cats": "Travel"}), _("no monitoring and evaluation item")]
    outcome = Outcome.fail(sentence(parts), lenient=True, items=2)
    assert outcome.message == "No costed item in Travel; no monitoring and evaluation item."
    assert outcome.message_key == SENTENCE_KEY
    assert outcome.message_params == {
        "parts": [
            {"key": "no costed item in %(cats)s", "params": {"cats": "Travel"}},
            {"key": "no monitoring and evaluation item", "params": {}},
        ]
    }
    assert message_render(outcome.message_key, outcome.message_params) == outcome.message
    assert outcome.evidence == {"items": 2} and outcome.lenient is True


def test_plain_text_keeps_an_empty_key_and_the_error_finding_has_one():
    def broken(p, ctx):
        raise KeyError("sectors")

    registry = registry_with(("E1.R1", Outcome.passed("fine"), {}), ("E1.R2", broken, {}))
    fine, error = evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).findings
    assert (fine.message_key, fine.message_params) == ("", {})
    assert error.message_key == "The rule could not be evaluated (%(error)s)."
    assert error.message_params == {"error": "KeyError: 'sectors'"}
    assert message_render("", {}) == ""


def test_the_recommendation_is_the_rules_says_line():
    registry = registry_with(("E1.R1", Outcome.warn("short"), {}))
    assert evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).findings[0].recommendation == "Do the thing."


#
# Scoring (§0.4)
#


def test_the_element_score_counts_a_warning_as_half_and_ignores_not_applicable():
    registry = registry_with(
        ("E1.R1", Outcome.passed("p"), {}),
        ("E1.R2", Outcome.warn("w"), {}),
        ("E1.R3", Outcome.fail("f"), {}),
        ("E1.R4", Outcome.na("n"), {}),
    )
    e1 = evaluate(PARTNERSHIP, ctx_at("agreement"), registry=registry).elements["E1"]
    assert e1.score == pytest.approx((1 + 0.5) / 3 * 100, abs=0.01)
    assert e1.status == "fail"
    assert e1.counts == {"pass": 1, "warn": 1, "fail": 1, "not_applicable": 1}


def test_the_element_status_is_the_worst_applicable_status():
    registry = registry_with(("E2.R1", Outcome.passed("p"), {}), ("E2.R2", Outcome.warn("w"), {}))
    assert evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).elements["E2"].status == "warn"


def test_an_element_where_every_rule_is_not_applicable_has_no_score():
    registry = registry_with(("E3.R1", Outcome.na("n"), {}))
    e3 = evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).elements["E3"]
    assert (e3.status, e3.score) == ("not_applicable", None)


def test_an_element_without_rules_is_not_assessed_and_never_a_pass():
    registry = registry_with(("E1.R1", Outcome.passed("p"), {}))
    evaluation = evaluate(PARTNERSHIP, ctx_at("design"), registry=registry)
    for code in ("E2", "E3", "E4", "E5", "E6", "E7", "E8"):
        assert evaluation.elements[code].status == "not_assessed"
        assert evaluation.elements[code].score is None


def test_overall_readiness_is_the_mean_of_assessed_element_scores():
    registry = registry_with(
        ("E1.R1", Outcome.passed("p"), {}),  # E1 = 100
        ("E2.R1", Outcome.warn("w"), {}),  # E2 = 50
        ("E3.R1", Outcome.na("n"), {}),  # E3 has no score and does not count
    )
    assert evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).overall_score == 75.0


def test_the_score_helper_returns_none_when_nothing_applies():
    assert score([]) == (None, {"pass": 0, "warn": 0, "fail": 0, "not_applicable": 0})


#
# Recruitment verdict (§3.4)
#


def test_recruitment_is_not_assessed_without_r_rules():
    registry = registry_with(("E1.R1", Outcome.passed("p"), {}))
    recruitment = evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).recruitment
    assert (recruitment.verdict, recruitment.score, recruitment.red_flags) == ("not_assessed", None, [])


def test_one_blocking_fail_is_a_red_flag_and_fails_the_verdict_whatever_else():
    registry = registry_with(
        ("R.1", Outcome.passed("p"), {}),
        ("R.3", Outcome.fail("fee of 200 USD", lenient=False), {"blocking": True}),
    )
    recruitment = evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).recruitment
    assert recruitment.verdict == "fail"
    assert recruitment.red_flags == ["R.3"]
    assert recruitment.score == 50.0


def test_a_softened_blocking_rule_is_not_a_red_flag():
    registry = registry_with(("R.4", Outcome.fail("financing unknown", lenient=True), {"blocking": True}))
    recruitment = evaluate(PARTNERSHIP, ctx_at("design"), registry=registry).recruitment
    assert recruitment.verdict == "warn" and recruitment.red_flags == []


def test_up_to_two_non_blocking_fails_only_warn_three_fail():
    two = registry_with(*[(f"R.{n}", Outcome.fail("f"), {}) for n in (1, 2)], ("R.6", Outcome.passed("p"), {}))
    three = registry_with(*[(f"R.{n}", Outcome.fail("f"), {}) for n in (1, 2, 6)])
    assert evaluate(PARTNERSHIP, ctx_at("agreement"), registry=two).recruitment.verdict == "warn"
    assert evaluate(PARTNERSHIP, ctx_at("agreement"), registry=three).recruitment.verdict == "fail"


def test_the_non_blocking_fail_limit_comes_from_smp_rules():
    registry = registry_with(*[(f"R.{n}", Outcome.fail("f"), {}) for n in (1, 2)])
    ctx = ctx_at("agreement", R_MAX_NONBLOCKING_FAILS=1)
    assert evaluate(PARTNERSHIP, ctx, registry=registry).recruitment.verdict == "fail"


def test_recruitment_passes_when_every_applicable_rule_passes():
    registry = registry_with(("R.1", Outcome.passed("p"), {}), ("R.6", Outcome.na("no private recruiter"), {}))
    recruitment = evaluate(PARTNERSHIP, ctx_at("agreement"), registry=registry).recruitment
    assert (recruitment.verdict, recruitment.score) == ("pass", 100.0)


def test_recruitment_findings_do_not_change_element_scores():
    registry = registry_with(
        ("E8.R4", Outcome.passed("p"), {}), ("R.3", Outcome.fail("f", lenient=False), {"blocking": True})
    )
    evaluation = evaluate(PARTNERSHIP, ctx_at("agreement"), registry=registry)
    assert evaluation.elements["E8"].score == 100.0
    assert evaluation.overall_score == 100.0
