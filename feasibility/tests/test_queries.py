"""Rules never query, and checking a partnership costs a fixed number of queries whatever its size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feasibility.context import build_context, load_reference_data
from feasibility.engine import evaluate
from feasibility.fingerprint import data_fingerprint
from feasibility.models import FeasibilityRun
from feasibility.registry import REGISTRY
from feasibility.services import feasibility_run_execute
from feasibility.tests.support import populate
from partnerships.selectors import FULL_RELATIONS, partnership_get_full
from partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

# Checking one partnership (feasibility_run_execute):
#   1  UPDATE … SET status='running' WHERE id=… AND status='queued'    (the claim)
#   1  SELECT the run
#  51  partnership_get_full (1 + one per relation, see partnerships/selectors.py)
#   2  reference data: exchange rates, WHO Safeguards List
#   2  SAVEPOINT / RELEASE of the storing transaction (a savepoint inside the test's transaction)
#   1  DELETE earlier findings of this run (none unless taken over)
#   1  INSERT the findings (bulk_create: one multi-row statement per 1,000 findings; SQLite's limit of 999
#      parameters per statement splits the 101 findings in two)
#   1  UPDATE … SET status='succeeded' WHERE id=… AND status='running'
#   1  SELECT the run again (refresh_from_db)
INSERTS = 1 if connection.vendor == "postgresql" else 2
CHECK_QUERIES = 1 + 1 + (1 + len(FULL_RELATIONS)) + 2 + 2 + 1 + INSERTS + 1 + 1


@pytest.mark.parametrize("size", [2, 40])
def test_evaluating_every_rule_on_a_loaded_partnership_issues_no_query(size, django_assert_num_queries):
    p = partnership_get_full(partnership_id=populate(PartnershipFactory(stage="agreement"), size).pk)
    ctx = build_context(p, reference=load_reference_data())
    with django_assert_num_queries(0):
        evaluation = evaluate(p, ctx)
        data_fingerprint(p, ruleset_version="v")
    assert len(evaluation.findings) == len(REGISTRY)
    assert not evaluation.rule_errors, [(f.rule_id, f.error) for f in evaluation.findings if f.error]


def _check_queries(size: int) -> int:
    p = populate(PartnershipFactory(stage="design"), size)
    run = FeasibilityRun.objects.create(partnership=p)
    with CaptureQueriesContext(connection) as captured:
        assert feasibility_run_execute(run_id=run.pk).status == "succeeded"
    return len(captured)


def test_checking_one_partnership_costs_the_same_queries_for_a_small_and_a_large_one(django_assert_max_num_queries):
    small, large = _check_queries(2), _check_queries(40)
    assert small == large == CHECK_QUERIES
    with django_assert_max_num_queries(CHECK_QUERIES):
        _ = feasibility_run_execute(run_id=FeasibilityRun.objects.create(partnership=PartnershipFactory()).pk)
