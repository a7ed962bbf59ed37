"""Fixability: every rule that can fail or warn can be made to, and mended, over the REST API alone.

For each case of the tables (``cases_*.py``), starting from the worked example at stage ``agreement`` (every
rule passes or does not apply), the test breaks the partnership with HTTP calls to ``/api/v1/``, runs the
check over the API and asserts the rule's outcome; then it mends it the same way, runs the check again and
asserts the rule passes (or no longer applies, where the domain reference says so). A rule with no case must
be listed in ``NEVER_FAIL_OR_WARN`` with the reason.

The worked example is built once for the module, over HTTP, and committed; each case runs in a transaction
rolled back at its end, so the cases are independent. ``xdist_group`` keeps the module on one process.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from tests.fixability.harness import Case, Http
from tests.http_adapter import GENEROUS_THROTTLES, InProcessApi, celery_eager, load_example

from .cases_e1_e3 import CASES as CASES_E1_E3
from .cases_e4_e6 import CASES as CASES_E4_E6
from .cases_e7_r import CASES as CASES_E7_R

pytestmark = [pytest.mark.whole_api, pytest.mark.xdist_group("fixability")]

CASES: list[Case] = [*CASES_E1_E3, *CASES_E4_E6, *CASES_E7_R]

#: Rules that only pass or do not apply, never fail or warn — none so far (the completeness test below).
NEVER_FAIL_OR_WARN: dict[str, str] = {}


@pytest.fixture(scope="module")
def golden(django_db_setup, django_db_blocker):
    """The worked example at stage ``agreement`` and a key of its lead official, committed for the module."""
    from django.test import override_settings

    from accounts.models import UserRole
    from accounts.tests.factories import UserFactory
    from stakeholders.tests.factories import OrganisationFactory

    example = load_example()
    with django_db_blocker.unblock(), override_settings(API_THROTTLE_RATES=GENEROUS_THROTTLES), celery_eager():
        call_command("load_reference_data", verbosity=0)
        ministry = OrganisationFactory(
            name="Federal Ministry of Labour and Social Affairs",
            category="government_ministry",
            portfolio=["labour_employment"],
            level="national",
            country="DE",
        )
        official = UserFactory(username="fixability_official", role=UserRole.OFFICIAL, organisations=[ministry])
        api = InProcessApi.for_user(official, name="fixability")
        made = example.build(api, today=datetime.date.today())
        run = example.check(api, made["partnership"]["id"])
        assert example.all_pass(run), example.not_passing(run)
    yield api, made
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def http(golden, db, settings):
    settings.API_THROTTLE_RATES = GENEROUS_THROTTLES
    api, made = golden
    with celery_eager():
        yield Http(api, dict(made))


def outcome(http: Http, rule: str) -> tuple[str, str]:
    """Run the check over the API; the rule's outcome and message in the succeeded run."""
    example = load_example()
    run = example.check(http.api, http.pid)
    assert run["status"] == "succeeded", run
    findings = [
        finding
        for section in [*run["elements"], run.get("recruitment") or {}]
        for finding in section.get("findings", [])
        if finding["rule"] == rule
    ]
    assert len(findings) == 1, f"{rule}: {findings}"
    return findings[0]["outcome"], findings[0]["message"]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_rule_can_be_broken_and_mended_over_the_api(case: Case, http: Http):
    assert outcome(http, case.rule)[0] in ("pass", "not_applicable")
    broken_with = case.breaks(http)
    status, message = outcome(http, case.rule)
    assert status == case.broken, f"after breaking: {status} ({message})"
    if broken_with is None:
        case.fixes(http)
    else:
        case.fixes(http, broken_with)
    status, message = outcome(http, case.rule)
    assert status == case.fixed, f"after mending: {status} ({message})"


def test_every_rule_that_can_fail_or_warn_has_a_case():
    import feasibility.rules  # noqa: F401 — registers every rule
    from feasibility.registry import REGISTRY, rule_sort_key

    covered = {case.rule for case in CASES}
    assert not covered & set(NEVER_FAIL_OR_WARN)
    missing = sorted(set(REGISTRY) - covered - set(NEVER_FAIL_OR_WARN), key=rule_sort_key)
    assert missing == [], f"rules without a fixability case: {missing}"
