"""Test-only rule module: a deliberately slow rule for the worker kill test (tests/test_worker_feasibility.py).

Never imported by the application. A worker started with
``SMP_EXTRA_RULE_MODULES=feasibility.tests.slow_rule`` imports it (feasibility/rules/__init__.py) and every
run in that worker then sleeps ``SMP_TEST_SLOW_RULE_SECONDS`` inside this rule — long enough to kill the
worker while the run is ``running``.
"""

from __future__ import annotations

import os
import time

from feasibility.registry import Outcome, rule

SECONDS = float(os.environ.get("SMP_TEST_SLOW_RULE_SECONDS", "30"))


@rule("E8.R99", title="Slow test rule", says="Wait.", source="tests", can_fail=False)
def slow_rule(p, ctx) -> Outcome:
    time.sleep(SECONDS)
    return Outcome.passed(f"Slept {SECONDS} s.")
