"""Run lifecycle: request, claim, execute, reuse, history, compare, housekeeping (docs/feasibility.md)."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.db.models import F
from django.utils import timezone

from feasibility import services
from feasibility.fingerprint import data_fingerprint
from feasibility.models import FeasibilityRun, Finding, RunStatus
from feasibility.registry import REGISTRY, RULESET_VERSION, Outcome, Registry
from feasibility.tests.support import corridor, join, populate
from partnerships.models import Partnership
from partnerships.selectors import partnership_get_for_check
from partnerships.tests.factories import ObjectiveFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch):
    """Capture ``run_feasibility.delay`` calls instead of sending them to a broker."""
    from feasibility.tasks import run_feasibility

    calls: list[int] = []
    monkeypatch.setattr(run_feasibility, "delay", lambda run_id: calls.append(run_id))
    return calls


def execute(run):
    return services.feasibility_run_execute(run_id=run.pk)


#
# Requesting
#


def test_a_request_creates_a_queued_run_and_enqueues_it_only_after_commit(enqueued, django_capture_on_commit_callbacks):
    p = corridor().p
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = services.feasibility_run_request(partnership=p)
        assert enqueued == []  # nothing is sent before the transaction commits
    assert len(callbacks) == 1 and enqueued == [run.pk]
    assert (run.status, run.stage_at_run, run.ruleset_version) == (RunStatus.QUEUED, "design", RULESET_VERSION)


def test_a_request_while_a_run_is_queued_returns_that_run(enqueued):
    p = corridor().p
    first = services.feasibility_run_request(partnership=p)
    assert services.feasibility_run_request(partnership=p).pk == first.pk
    assert FeasibilityRun.objects.filter(partnership=p).count() == 1


def test_a_second_request_with_unchanged_data_returns_the_stored_run_without_recomputing(enqueued, midday):
    """Only a run of the same day is reused; ``midday`` keeps midnight away from the two requests (the
    second one reads the clock itself), so the test cannot fail when run at 23:59:59."""
    p = corridor().p
    run = services.feasibility_run_request(partnership=p)
    execute(run)
    again = services.feasibility_run_request(partnership=p)
    assert again.pk == run.pk and again.status == RunStatus.SUCCEEDED
    assert FeasibilityRun.objects.count() == 1


def test_a_request_after_a_data_change_makes_a_new_run_and_keeps_the_old_one(enqueued):
    p = corridor().p
    old = services.feasibility_run_request(partnership=p)
    execute(old)
    old_findings = list(old.findings.values_list("rule_id", "status", "message"))
    ObjectiveFactory(partnership=p, horizon="long")  # E1.R1 changes
    new = services.feasibility_run_request(partnership=p)
    assert new.pk != old.pk and new.status == RunStatus.QUEUED
    execute(new)
    assert list(old.findings.values_list("rule_id", "status", "message")) == old_findings  # never overwritten
    assert new.findings.get(rule_id="E1.R1").status == "PASS"
    assert old.findings.get(rule_id="E1.R1").status == "WARN"


def test_a_run_of_another_day_is_not_reused(enqueued):
    p = corridor().p
    run = services.feasibility_run_request(partnership=p)
    execute(run)
    FeasibilityRun.objects.filter(pk=run.pk).update(finished_at=timezone.now() - timedelta(days=2))
    assert services.feasibility_run_request(partnership=p).pk != run.pk


def test_a_queued_run_older_than_the_dispatch_window_is_not_reused(enqueued, settings):
    settings.SMP_RULES = {"RUN_QUEUED_EXPIRES_SECONDS": 600}
    p = corridor().p
    stale = services.feasibility_run_request(partnership=p)
    FeasibilityRun.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(seconds=601))
    fresh = services.feasibility_run_request(partnership=p)
    assert fresh.pk != stale.pk and fresh.status == RunStatus.QUEUED
    assert services.feasibility_run_request(partnership=p).pk == fresh.pk  # within the window: reused


def test_a_running_run_is_reused_only_within_the_hard_time_limit_and_on_the_same_version(enqueued, settings):
    settings.CELERY_TASK_TIME_LIMIT = 180
    p = corridor().p
    running = FeasibilityRun.objects.create(
        partnership=p, status=RunStatus.RUNNING, started_at=timezone.now(), partnership_version=p.version
    )
    assert services.feasibility_run_request(partnership=p).pk == running.pk
    FeasibilityRun.objects.filter(pk=running.pk).update(started_at=timezone.now() - timedelta(seconds=180 + 21))
    beyond = services.feasibility_run_request(partnership=p)
    assert beyond.pk != running.pk and beyond.status == RunStatus.QUEUED


def test_a_running_run_of_an_older_version_is_not_reused(enqueued):
    p = corridor().p
    running = FeasibilityRun.objects.create(
        partnership=p, status=RunStatus.RUNNING, started_at=timezone.now(), partnership_version=p.version - 1
    )
    assert services.feasibility_run_request(partnership=p).pk != running.pk


def test_force_always_queues_a_new_run(enqueued):
    p = corridor().p
    run = services.feasibility_run_request(partnership=p)
    execute(run)
    assert services.feasibility_run_request(partnership=p, force=True).pk != run.pk


#
# Executing and claiming
#


def test_executing_stores_one_finding_per_rule_in_rule_order_and_the_scores(enqueued):
    p = populate(PartnershipFactory(stage="design"), 2)
    run = execute(services.feasibility_run_request(partnership=p))
    assert run.status == RunStatus.SUCCEEDED and run.attempts == 1
    assert run.started_at <= run.finished_at
    findings = list(run.findings.all())
    assert [f.rule_id for f in findings] == [spec.id for spec in REGISTRY.ordered()]
    assert set(run.element_results) == {f"E{n}" for n in range(1, 9)}
    assert run.overall_score is not None and 0 <= run.overall_score <= 100
    assert run.data_fingerprint == data_fingerprint(
        partnership_get_for_check(partnership_id=p.pk), ruleset_version=RULESET_VERSION
    )
    assert run.partnership_version == p.version and run.stage_at_run == "design"
    e1 = findings[0]
    assert e1.recommendation == str(REGISTRY["E1.R1"].says) and e1.evidence_json is not None


def test_the_claim_is_conditional_so_a_second_delivery_does_nothing(enqueued):
    p = corridor().p
    run = services.feasibility_run_request(partnership=p)
    assert execute(run).status == RunStatus.SUCCEEDED
    finished_at = FeasibilityRun.objects.get(pk=run.pk).finished_at
    assert services.feasibility_run_execute(run_id=run.pk) is None
    assert services.feasibility_run_execute(run_id=run.pk, takeover=True) is None  # finished runs are never reclaimed
    run.refresh_from_db()
    assert (run.finished_at, run.attempts, run.findings.count()) == (finished_at, 1, len(REGISTRY))


def test_a_run_marked_running_by_another_worker_is_not_claimed():
    run = FeasibilityRun.objects.create(partnership=corridor().p, status=RunStatus.RUNNING, started_at=timezone.now())
    assert services.feasibility_run_execute(run_id=run.pk) is None
    assert FeasibilityRun.objects.get(pk=run.pk).status == RunStatus.RUNNING


def test_a_redelivered_message_takes_over_a_run_its_dead_worker_left_running():
    run = FeasibilityRun.objects.create(
        partnership=corridor().p, status=RunStatus.RUNNING, started_at=timezone.now(), attempts=1
    )
    done = services.feasibility_run_execute(run_id=run.pk, takeover=True)
    assert done.status == RunStatus.SUCCEEDED and done.attempts == 2
    assert done.findings.count() == len(REGISTRY)


def test_a_missing_run_is_not_claimed():
    assert services.feasibility_run_execute(run_id=424242) is None


def test_an_unexpected_error_marks_the_run_failed_with_the_error(monkeypatch):
    run = FeasibilityRun.objects.create(partnership=corridor().p)

    def broken(*, partnership_id):
        raise ValueError("the loader broke")

    monkeypatch.setattr(services, "partnership_get_for_check", broken)
    done = services.feasibility_run_execute(run_id=run.pk)
    assert done.status == RunStatus.FAILED and "ValueError: the loader broke" in done.error
    assert done.finished_at is not None and done.findings.count() == 0


def test_a_database_error_releases_the_claim_and_propagates_for_the_retry(monkeypatch):
    run = FeasibilityRun.objects.create(partnership=corridor().p)

    def unreachable(*, partnership_id):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "partnership_get_for_check", unreachable)
    with pytest.raises(OperationalError):
        services.feasibility_run_execute(run_id=run.pk)
    assert FeasibilityRun.objects.get(pk=run.pk).status == RunStatus.QUEUED


def test_a_rule_that_raises_does_not_fail_the_run():
    registry = Registry()
    registry.rule("E1.R1", title="t", says="s", source="G")(lambda p, ctx: 1 / 0)
    run = FeasibilityRun.objects.create(partnership=corridor().p)
    done = services.feasibility_run_execute(run_id=run.pk, registry=registry)
    assert done.status == RunStatus.SUCCEEDED
    finding = done.findings.get()
    assert finding.status == "FAIL" and "ZeroDivisionError" in finding.text


def test_the_task_claims_through_the_service_and_reports_a_duplicate(monkeypatch):
    from feasibility.tasks import run_feasibility

    run = FeasibilityRun.objects.create(partnership=corridor().p)
    assert run_feasibility.apply(args=[run.pk]).get() == RunStatus.SUCCEEDED
    assert run_feasibility.apply(args=[run.pk]).get() == "not-claimed"


#
# Batch checks
#


def test_a_batch_check_stores_a_new_succeeded_run_per_partnership():
    a, b = corridor().p, corridor(stage="agreement").p
    runs = services.feasibility_check_batch(ids=[a.pk, b.pk])
    assert [r.partnership_id for r in runs] == [a.pk, b.pk]
    assert all(r.status == RunStatus.SUCCEEDED for r in runs)
    assert Finding.objects.filter(run__in=runs).count() == 2 * len(REGISTRY)
    assert runs[1].stage_at_run == "agreement"
    stored = FeasibilityRun.objects.get(pk=runs[0].pk)
    assert stored.data_fingerprint == runs[0].data_fingerprint


def test_a_batch_run_and_a_single_run_agree_on_findings_and_fingerprint():
    p = populate(PartnershipFactory(stage="setup"), 2)
    batch = services.feasibility_check_batch(ids=[p.pk])[0]
    single = services.feasibility_run_execute(run_id=FeasibilityRun.objects.create(partnership=p).pk)
    assert batch.data_fingerprint == single.data_fingerprint
    as_rows = lambda run: list(run.findings.order_by("id").values_list("rule_id", "status", "message"))  # noqa: E731
    assert as_rows(batch) == as_rows(single)


def _count_stores(monkeypatch, *, fail_on_call: int | None = None) -> list[int]:
    """Wrap ``_store_batch`` to count the batches stored (and fail one call with a database error if asked)."""
    calls: list[int] = []
    store = services._store_batch

    def counting(results, **kwargs):
        calls.append(len(results))
        if fail_on_call is not None and len(calls) == fail_on_call:
            raise OperationalError("store failed (test)")
        return store(results, **kwargs)

    monkeypatch.setattr(services, "_store_batch", counting)
    return calls


def test_check_all_stores_batch_after_batch_and_returns_the_runs_in_the_order_of_the_ids(monkeypatch):
    stores = _count_stores(monkeypatch)
    ids = [corridor().p.pk, corridor(stage="agreement").p.pk, corridor().p.pk]
    run_ids = services.feasibility_check_all(ids=[ids[2], ids[0], ids[1]], batch_size=2)
    runs = FeasibilityRun.objects.in_bulk(run_ids)
    assert [runs[pk].partnership_id for pk in run_ids] == [ids[2], ids[0], ids[1]]
    assert {runs[pk].status for pk in run_ids} == {RunStatus.SUCCEEDED}
    assert Finding.objects.filter(run_id__in=run_ids).count() == 3 * len(REGISTRY)
    assert stores == [2, 1]  # two batches: 2 + 1


@pytest.mark.django_db(transaction=True)
def test_check_all_on_committed_data_gives_each_partnership_the_findings_and_fingerprint_of_a_single_run():
    ids = [corridor(stage=stage).p.pk for stage in ("design", "agreement", "design", "setup", "design")]
    run_ids = services.feasibility_check_all(ids=ids, batch_size=2)
    runs = FeasibilityRun.objects.in_bulk(run_ids)
    assert [runs[pk].partnership_id for pk in run_ids] == ids
    assert {runs[pk].status for pk in run_ids} == {RunStatus.SUCCEEDED}
    assert Finding.objects.filter(run_id__in=run_ids).count() == 5 * len(REGISTRY)
    single = services.feasibility_run_execute(run_id=FeasibilityRun.objects.create(partnership_id=ids[1]).pk)
    assert runs[run_ids[1]].data_fingerprint == single.data_fingerprint
    as_rows = lambda run: list(  # noqa: E731
        run.findings.order_by("rule_id").values_list("rule_id", "status", "message", "evidence_json")
    )
    assert as_rows(runs[run_ids[1]]) == as_rows(single)


@pytest.mark.django_db(transaction=True)
def test_check_all_stops_at_a_failing_batch_and_keeps_the_batches_stored_before(monkeypatch):
    stores = _count_stores(monkeypatch, fail_on_call=2)
    ids = [corridor().p.pk for _ in range(5)]
    with pytest.raises(OperationalError, match="store failed"):
        services.feasibility_check_all(ids=ids, batch_size=2)
    assert len(stores) == 2
    stored = sorted(FeasibilityRun.objects.values_list("partnership_id", flat=True))
    assert stored == sorted(ids[:2])  # the first batch; nothing of the failed one (its own transaction)
    assert Finding.objects.count() == 2 * len(REGISTRY)


def test_findings_are_stored_verbatim_whatever_characters_their_texts_hold():
    """Tabs, newlines, backslashes and the literal ``\\N`` come back as written, an empty evidence as ``{}``."""
    from feasibility.engine import Evaluation, FindingResult, RecruitmentResult
    from feasibility.registry import Status

    run = FeasibilityRun.objects.create(partnership=PartnershipFactory(), status=RunStatus.RUNNING)
    awkward = "tab\there\nnew line\r\\N back\\slash « ü » 'quote' \"dq\""
    findings = [
        FindingResult("E1.R1", "E1", Status.FAIL, True, awkward, "Says\twith tab", {"k": awkward, "n": [1, None]}),
        FindingResult("E1.R2", "E1", Status.NA, False, "", "", {}),
    ]
    evaluation = Evaluation("design", findings, {}, None, RecruitmentResult("not_assessed", None, [], 0))
    services._store_findings([(run.pk, evaluation)])
    stored = list(Finding.objects.filter(run=run).order_by("rule_id"))
    assert [(f.rule_id, f.status, f.draft_lenient_applied) for f in stored] == [
        ("E1.R1", "FAIL", True),
        ("E1.R2", "N/A", False),
    ]
    assert stored[0].message == awkward
    assert stored[0].recommendation == str(REGISTRY["E1.R1"].says)  # the rule's, not a stored copy
    assert stored[0].evidence_json == {"k": awkward, "n": [1, None]}
    assert stored[1].message == "" and stored[1].evidence_json == {}
    assert stored[0].created_at is not None


#
# Fingerprint
#


def test_the_fingerprint_changes_with_any_data_the_rules_read_but_not_with_review_bookkeeping():
    c = corridor()
    first = data_fingerprint(partnership_get_for_check(partnership_id=c.p.pk), ruleset_version="v1")
    assert data_fingerprint(partnership_get_for_check(partnership_id=c.p.pk), ruleset_version="v1") == first
    assert data_fingerprint(partnership_get_for_check(partnership_id=c.p.pk), ruleset_version="v2") != first
    Partnership.objects.filter(pk=c.p.pk).update(review_status="in_review", version=7)
    assert data_fingerprint(partnership_get_for_check(partnership_id=c.p.pk), ruleset_version="v1") == first
    c.origin.lmis_status = "none"
    c.origin.save()
    assert data_fingerprint(partnership_get_for_check(partnership_id=c.p.pk), ruleset_version="v1") != first


def test_the_fingerprint_sees_a_change_of_membership_in_a_many_to_many_relation():
    c = corridor()
    member = join(c.p)
    from stakeholders.tests.factories import GovernanceBodyFactory

    body = GovernanceBodyFactory(partnership=c.p)
    before = data_fingerprint(partnership_get_for_check(partnership_id=c.p.pk), ruleset_version="v")
    body.members.add(member)
    assert data_fingerprint(partnership_get_for_check(partnership_id=c.p.pk), ruleset_version="v") != before


#
# Compare
#


def _run_with(p, outcomes: dict[str, Outcome]) -> FeasibilityRun:
    registry = Registry()
    for rule_id, outcome in outcomes.items():
        registry.rule(rule_id, title="t", says="s", source="G")(lambda p, ctx, _o=outcome: _o)
    run = FeasibilityRun.objects.create(partnership=p)
    return services.feasibility_run_execute(run_id=run.pk, registry=registry)


def test_compare_lists_findings_that_appeared_disappeared_and_changed():
    p = corridor(stage="agreement").p
    old = _run_with(p, {"E1.R1": Outcome.fail("none"), "E1.R2": Outcome.passed("ok"), "E1.R3": Outcome.warn("w")})
    new = _run_with(p, {"E1.R1": Outcome.passed("ok"), "E1.R3": Outcome.warn("w"), "E2.R1": Outcome.warn("w")})
    diff = services.feasibility_runs_compare(run_a=old, run_b=new)
    assert diff["changed"] == [{"rule": "E1.R1", "from": "FAIL", "to": "PASS"}]
    assert diff["appeared"] == [{"rule": "E2.R1", "status": "WARN"}]
    assert diff["disappeared"] == [{"rule": "E1.R2", "status": "PASS"}]
    assert diff["unchanged"] == 1


#
# Housekeeping
#


def test_the_stuck_run_job_fails_runs_left_running_and_stale_queued_runs_only():
    p = corridor().p
    now = timezone.now()
    stuck = FeasibilityRun.objects.create(partnership=p, status=RunStatus.RUNNING, started_at=now - timedelta(hours=3))
    busy = FeasibilityRun.objects.create(partnership=p, status=RunStatus.RUNNING, started_at=now)
    stale = FeasibilityRun.objects.create(partnership=p)
    FeasibilityRun.objects.filter(pk=stale.pk).update(created_at=now - timedelta(days=2))
    fresh = FeasibilityRun.objects.create(partnership=p)
    assert services.feasibility_mark_stuck_runs(older_than=timedelta(hours=1)) == {"running": 1, "queued": 1}
    statuses = dict(FeasibilityRun.objects.values_list("pk", "status"))
    assert statuses[stuck.pk] == statuses[stale.pk] == RunStatus.FAILED
    assert statuses[busy.pk] == RunStatus.RUNNING and statuses[fresh.pk] == RunStatus.QUEUED
    assert "Stuck" in FeasibilityRun.objects.get(pk=stuck.pk).error


def test_the_stuck_threshold_leaves_time_for_a_redelivery_and_keeps_the_five_minute_bound(settings):
    # The defaults: visibility timeout a little above the hard limit, so a task still running is not redelivered.
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] == settings.CELERY_TASK_TIME_LIMIT + 20
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_interval"] == services.RESTORE_SCAN_SECONDS
    assert services.stuck_after() == timedelta(seconds=200 + 10 + 20)
    # A killed worker's run: failed at the latest one job interval after the threshold — under 5 minutes.
    interval = settings.CELERY_BEAT_SCHEDULE["feasibility-mark-stuck-runs"]["schedule"]
    assert services.stuck_after().total_seconds() + interval <= 300
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    assert services.stuck_after() == timedelta(seconds=3600 + 10 + 20)  # never before a redelivery could come
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 30}
    assert services.stuck_after() == timedelta(seconds=180 + 20)  # never before the hard limit
    settings.SMP_RULES = {"RUN_STUCK_AFTER_SECONDS": 30}
    assert services.stuck_after() == timedelta(seconds=30)


def test_a_result_of_a_worker_whose_run_was_taken_over_is_dropped(monkeypatch):
    run = FeasibilityRun.objects.create(partnership=corridor().p)
    real = services.check_loaded_partnership

    def presumed_dead(p, **kwargs):
        result = real(p, **kwargs)
        # Meanwhile the broker redelivered the message and another worker took the run over (a newer claim).
        FeasibilityRun.objects.filter(pk=run.pk).update(attempts=F("attempts") + 1)
        return result

    monkeypatch.setattr(services, "check_loaded_partnership", presumed_dead)
    done = services.feasibility_run_execute(run_id=run.pk)
    assert (done.status, done.attempts, done.findings.count()) == (RunStatus.RUNNING, 2, 0)


def test_a_result_arriving_after_the_stuck_job_failed_the_run_is_dropped(monkeypatch):
    run = FeasibilityRun.objects.create(partnership=corridor().p)
    real = services.check_loaded_partnership

    def slow_check(p, **kwargs):
        result = real(p, **kwargs)
        FeasibilityRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="Stuck")  # the job ran meanwhile
        return result

    monkeypatch.setattr(services, "check_loaded_partnership", slow_check)
    done = services.feasibility_run_execute(run_id=run.pk)
    assert done.status == RunStatus.FAILED and done.findings.count() == 0


def test_the_nightly_recheck_picks_partnerships_changed_since_their_latest_run(midday):
    never_checked = corridor().p
    unchanged = corridor().p
    changed = corridor().p
    old_ruleset = corridor().p
    corridor(stage="closed")
    runs = services.feasibility_check_batch(ids=[unchanged.pk, changed.pk, old_ruleset.pk])
    Partnership.objects.filter(pk=changed.pk).update(version=changed.version + 1)
    FeasibilityRun.objects.filter(pk=runs[2].pk).update(ruleset_version="2000.01-old")
    ids = services.partnerships_needing_recheck()
    assert ids == sorted([never_checked.pk, changed.pk, old_ruleset.pk])


def test_the_nightly_recheck_picks_every_partnership_checked_on_an_earlier_day_since_rules_read_the_date(midday):
    """Dates and times derive from one captured instant at about noon local time (``midday``): the runs made
    now count as today's whenever the test runs."""
    checked_yesterday = corridor().p
    checked_today = corridor().p
    runs = services.feasibility_check_batch(ids=[checked_yesterday.pk, checked_today.pk])
    yesterday = midday - timedelta(days=1)
    FeasibilityRun.objects.filter(pk=runs[0].pk).update(created_at=yesterday, finished_at=yesterday)
    assert "R.5" in REGISTRY.date_dependent() and "E3.R2" in REGISTRY.date_dependent()
    assert services.partnerships_needing_recheck() == [checked_yesterday.pk]
    tomorrow = timezone.localdate(midday) + timedelta(days=1)
    assert services.partnerships_needing_recheck(today=tomorrow) == sorted([checked_yesterday.pk, checked_today.pk])


def test_without_date_dependent_rules_an_unchanged_partnership_is_not_rechecked_the_next_day(midday):
    registry = Registry()
    registry.rule("E1.R1", title="t", says="s", source="x")(lambda p, ctx: Outcome.passed("ok"))
    p = corridor().p
    services.feasibility_check_batch(ids=[p.pk])
    tomorrow = timezone.localdate(midday) + timedelta(days=1)
    assert services.partnerships_needing_recheck(today=tomorrow, registry=registry) == []


def test_the_nightly_recheck_picks_a_partnership_whose_latest_run_failed(midday):
    p = corridor().p
    services.feasibility_check_batch(ids=[p.pk])
    assert services.partnerships_needing_recheck() == []
    FeasibilityRun.objects.create(partnership=p, status=RunStatus.FAILED, error="Not started")
    assert services.partnerships_needing_recheck() == [p.pk]


def test_the_nightly_recheck_picks_partnerships_checked_before_reference_data_changed(midday):
    from costs.tests.factories import ExchangeRateFactory

    p = corridor().p
    services.feasibility_check_batch(ids=[p.pk])
    assert services.partnerships_needing_recheck() == []
    ExchangeRateFactory()  # exchange rates in force are read by the E8 rules
    assert services.partnerships_needing_recheck() == [p.pk]


def test_the_nightly_selection_costs_the_same_queries_for_one_and_for_many_partnerships(
    django_assert_num_queries, midday
):
    ids = [corridor().p.pk for _ in range(3)]
    services.feasibility_check_batch(ids=ids[:1])
    with django_assert_num_queries(3):  # two reference aggregates, one selection
        assert services.partnerships_needing_recheck() == ids[1:]


def test_the_nightly_recheck_enqueues_batches(monkeypatch, settings):
    from feasibility.tasks import check_batch

    settings.SMP_RULES = {"BATCH_SIZE": 2}
    sent: list[list[int]] = []
    monkeypatch.setattr(check_batch, "delay", lambda ids, today: sent.append((ids, today)))
    ids = [corridor().p.pk for _ in range(3)]
    assert services.feasibility_recheck_changed(today=dt.date(2027, 1, 5)) == {"partnerships": 3, "batches": 2}
    assert sent == [(ids[:2], "2027-01-05"), (ids[2:], "2027-01-05")]  # the date the batch is checked as of


def test_requested_by_is_kept_for_a_signed_in_user(enqueued):
    from accounts.tests.factories import UserFactory

    user = UserFactory()
    run = services.feasibility_run_request(partnership=corridor().p, user=user)
    assert run.requested_by == user


def test_a_run_of_today_is_reused_only_on_the_same_date(enqueued, midday):
    """The run's finish time and both dates asked about derive from one captured instant (``midday``, at
    about noon local time), so no midnight can fall between finishing the run and asking about it."""
    p = corridor().p
    run = execute(services.feasibility_run_request(partnership=p))
    FeasibilityRun.objects.filter(pk=run.pk).update(finished_at=midday)
    today = timezone.localdate(midday)
    assert services._reusable_run(p, today=today) == run
    assert services._reusable_run(p, today=today + dt.timedelta(days=1)) is None
    assert services._reusable_run(p, today=today - dt.timedelta(days=1)) is None
