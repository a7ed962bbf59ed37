"""Writes of the feasibility app: requesting, executing, comparing and housekeeping runs.

Run lifecycle (docs/feasibility.md):

    request ──► queued ──(worker claims: conditional UPDATE)──► running ──► succeeded | failed

* ``feasibility_run_request`` creates a *queued* run and publishes ``run_feasibility`` as soon as the row
  is committed (``feasibility.dispatch``): if the broker cannot be reached the run is marked failed and
  ``BrokerUnavailable`` is raised — no queued row is left that no worker will receive. It returns an
  existing run instead when that already answers the question: a run still *live* (queued within the
  dispatch window, or running within the hard time limit on the same partnership version) or a succeeded
  run of today on the same data fingerprint and ruleset version ("a second enqueue with unchanged data
  does not recompute").
* ``feasibility_run_execute`` claims the run with ``UPDATE … WHERE status = 'queued'``; 0 rows updated
  means another worker has it, so a redelivered or duplicated message does nothing. The only exception
  is a *takeover*: the broker redelivers an unacknowledged message only after its visibility timeout,
  which is longer than the task's hard time limit, so a redelivered task may claim a run still marked
  ``running`` — its first worker is gone. The claim counts ``attempts``, and only the holder of the latest
  claim may store a result, so a first worker that was presumed dead cannot overwrite the takeover.
* Findings and the final status are written in one transaction: a run is never half-stored, and a
  finished run is never written again. ``feasibility_mark_stuck_runs`` fails whatever a dead worker left.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone, translation

from feasibility.context import ReferenceData, build_context, load_reference_data, rule_settings
from feasibility.dispatch import dispatch_on_commit
from feasibility.engine import Evaluation, evaluate
from feasibility.fingerprint import data_fingerprint
from feasibility.models import FeasibilityRun, Finding, RunStatus
from feasibility.registry import REGISTRY, RULESET_VERSION, Registry
from partnerships.selectors import partnership_get_for_check, partnerships_get_for_check
from smp.exceptions import BrokerUnavailable

logger = logging.getLogger(__name__)

RETRYABLE_DB_ERRORS = (OperationalError, InterfaceError)


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


FINDINGS_PER_INSERT = 1000


def _findings(run_id: int, evaluation: Evaluation) -> list[Finding]:
    """One unsaved ``Finding`` per rule of ``evaluation``, for run ``run_id``.

    A finding with a message key keeps only the key and its parameters: its text is made from them in the
    reader's language (``Finding.text``), so storing the rendered text as well would only double the rows a
    nightly re-check writes. A message without a key (plain text) is stored as it is."""
    return [
        Finding(
            run_id=run_id,
            rule_id=f.rule_id,
            element=f.element,
            status=f.status.value,
            draft_lenient_applied=f.draft_lenient_applied,
            message="" if f.message_key else f.message,
            message_key=f.message_key,
            message_params=f.message_params,
            evidence_json=f.evidence,
        )
        for f in evaluation.findings
    ]


def _store_findings(evaluated: Iterable[tuple[int, Evaluation]]) -> None:
    """Insert the findings of evaluated runs with ``bulk_create``; call inside the transaction that also
    finishes the run(s)."""
    rows = [finding for run_id, evaluation in evaluated for finding in _findings(run_id, evaluation)]
    Finding.objects.bulk_create(rows, batch_size=FINDINGS_PER_INSERT)


def _result_fields(evaluation: Evaluation) -> dict:
    """The columns of a run that carry the evaluation (§0.4, §3.4)."""
    return {
        "stage_at_run": evaluation.stage,
        "element_results": evaluation.element_results_json(),
        "overall_score": _decimal(evaluation.overall_score),
        "recruitment_verdict": evaluation.recruitment.verdict,
        "recruitment_score": _decimal(evaluation.recruitment.score),
        "red_flags": evaluation.recruitment.red_flags,
    }


def check_loaded_partnership(
    p, *, today: date | None = None, reference: ReferenceData | None = None, registry: Registry = REGISTRY
) -> tuple[Evaluation, str]:
    """Evaluate a partnership loaded by ``partnership_get_for_check``; returns the evaluation and the data
    fingerprint.

    The rules run with translation switched off, whoever asked: a finding keeps its message key and
    parameters (code-list labels, countries and lists as keys too) and is made in the reader's language when
    shown, so the stored run is the same whether a French official's "Check again" or the nightly worker made
    it — and the rules skip a catalogue lookup for every text they write."""
    ctx = build_context(p, today=today, reference=reference)
    with translation.override(None):
        evaluation = evaluate(p, ctx, registry=registry)
    return evaluation, data_fingerprint(p, ruleset_version=RULESET_VERSION)


#
# Requesting a run
#


def _reusable_run(partnership, *, today: date) -> FeasibilityRun | None:
    """Today's succeeded run on the same data and ruleset, if there is one (checked by fingerprint)."""
    latest = (
        FeasibilityRun.objects.filter(
            partnership=partnership, status=RunStatus.SUCCEEDED, ruleset_version=RULESET_VERSION
        )
        .order_by("-finished_at", "-id")
        .first()
    )
    if latest is None or latest.finished_at is None:
        return None
    # Rules read the date (evidence age, licence expiry): a run from another day is not reused.
    if timezone.localdate(latest.finished_at) != today:
        return None
    version = getattr(partnership, "version", None)
    if version is not None and latest.partnership_version is not None and version != latest.partnership_version:
        return None  # the version moved: data changed, no need to load it to know
    loaded = partnership_get_for_check(partnership_id=partnership.pk)
    if data_fingerprint(loaded, ruleset_version=RULESET_VERSION) != latest.data_fingerprint:
        return None
    return latest


def queued_expires_after() -> timedelta:
    """The dispatch window: a run still ``queued`` after this long will not be picked up (docs/feasibility.md).

    ``SMP_RULES["RUN_QUEUED_EXPIRES_SECONDS"]``. Such a run is no longer reused, and the stuck-run job fails it.
    """
    return timedelta(seconds=int(rule_settings()["RUN_QUEUED_EXPIRES_SECONDS"]))


def running_expires_after() -> timedelta:
    """How long a run may legitimately stay ``running``: the task's hard time limit plus a margin."""
    return timedelta(seconds=_hard_time_limit() + RUNNING_MARGIN_SECONDS)


def _live_run(partnership, *, now) -> FeasibilityRun | None:
    """The newest run that is actually under way and will read the current data: reused by a request.

    Queued within the dispatch window (it reads the data when it starts), or running within the hard time
    limit on the partnership version it was requested for. Older queued or running rows are not reused.
    """
    live = Q(status=RunStatus.QUEUED, created_at__gte=now - queued_expires_after())
    version = getattr(partnership, "version", None)
    if version is not None:
        live |= Q(status=RunStatus.RUNNING, started_at__gte=now - running_expires_after(), partnership_version=version)
    return partnership.feasibility_runs.filter(live).order_by("-id").first()


def feasibility_run_request(
    *, partnership, user=None, force: bool = False, raise_if_unavailable: bool = True
) -> FeasibilityRun:
    """Ask for a feasibility check of ``partnership``; the work runs in a Celery worker.

    Returns the run that answers the request: a live run (``_live_run``), today's succeeded run when the
    data and ruleset are unchanged (nothing is recomputed), or a new queued run published as soon as it is
    committed. ``force=True`` always creates and publishes a new run.

    When the broker cannot be reached, the new run is marked failed with the reason and
    ``smp.exceptions.BrokerUnavailable`` is raised — from this call in autocommit mode, or from the
    enclosing ``transaction.atomic()`` block when it commits. ``raise_if_unavailable=False`` only logs it
    (for callers whose own write must stand, e.g. a review transition); the run is failed either way.
    """
    if not force:
        live = _live_run(partnership, now=timezone.now())
        if live is not None:
            return live
        reusable = _reusable_run(partnership, today=timezone.localdate())
        if reusable is not None:
            logger.info(
                "Feasibility of partnership %s unchanged since run %s: not recomputed", partnership.pk, reusable.pk
            )
            return reusable
    run = FeasibilityRun.objects.create(
        partnership=partnership,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
        status=RunStatus.QUEUED,
        partnership_version=getattr(partnership, "version", None),
        stage_at_run=partnership.stage,
        ruleset_version=RULESET_VERSION,
    )
    try:
        dispatch_on_commit([run.id], raise_if_unavailable=raise_if_unavailable)
    except BrokerUnavailable:
        run.refresh_from_db()  # failed by the dispatcher, with the reason
        raise
    return run


def feasibility_runs_request_batch(*, ids: Iterable[int], user=None) -> list[FeasibilityRun]:
    """Queue a fresh run for each partnership (``run_feasibility --all`` without ``--sync``), in bulk.

    Partnerships that already have a live queued run keep it; every other one gets a new run. Published
    like ``feasibility_run_request``: unsent runs are failed and ``BrokerUnavailable`` raised.
    """
    from partnerships.models import Partnership

    ids = list(ids)
    already = set(
        FeasibilityRun.objects.filter(
            partnership_id__in=ids, status=RunStatus.QUEUED, created_at__gte=timezone.now() - queued_expires_after()
        ).values_list("partnership_id", flat=True)
    )
    wanted = [pk for pk in ids if pk not in already]
    partnerships = Partnership.objects.filter(pk__in=wanted).only("id", "stage", "version")
    requested_by = _requester(user)
    runs = FeasibilityRun.objects.bulk_create(
        [
            FeasibilityRun(
                partnership_id=p.pk,
                requested_by=requested_by,
                status=RunStatus.QUEUED,
                partnership_version=getattr(p, "version", None),
                stage_at_run=p.stage,
                ruleset_version=RULESET_VERSION,
            )
            for p in partnerships
        ]
    )
    dispatch_on_commit([run.id for run in runs])
    return runs


#
# Executing a run (called by the Celery task)
#


def feasibility_run_execute(
    *, run_id: int, takeover: bool = False, registry: Registry = REGISTRY
) -> FeasibilityRun | None:
    """Claim run ``run_id``, check its partnership and store the findings; ``None`` when not claimed.

    Claims with a conditional update (queued → running; with ``takeover`` also running → running, see the
    module docstring). Database connection errors release the claim and propagate so the task retries
    with backoff; any other error marks the run failed with the error text.
    """
    claimable = Q(status=RunStatus.QUEUED)
    if takeover:
        claimable |= Q(status=RunStatus.RUNNING)
    claimed = FeasibilityRun.objects.filter(Q(pk=run_id) & claimable).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), finished_at=None, attempts=F("attempts") + 1, error=""
    )
    if not claimed:
        logger.info("Feasibility run %s not claimed: already taken, finished or missing", run_id)
        return None
    run = FeasibilityRun.objects.get(pk=run_id)
    mine = Q(pk=run_id, status=RunStatus.RUNNING, attempts=run.attempts)  # this claim, not a later takeover
    try:
        p = partnership_get_for_check(partnership_id=run.partnership_id)
        evaluation, fingerprint = check_loaded_partnership(p, registry=registry)
        with transaction.atomic():
            # A run taken over from a killed worker never stored findings (they are written in this same
            # transaction), but be explicit: a run's findings come from exactly one evaluation.
            Finding.objects.filter(run_id=run.pk).delete()
            _store_findings([(run.pk, evaluation)])
            stored = FeasibilityRun.objects.filter(mine).update(
                status=RunStatus.SUCCEEDED,
                finished_at=timezone.now(),
                data_fingerprint=fingerprint,
                partnership_version=getattr(p, "version", None),
                ruleset_version=RULESET_VERSION,
                **_result_fields(evaluation),
            )
            if not stored:  # failed by the stuck-run job or taken over meanwhile: keep that, store nothing
                transaction.set_rollback(True)
                logger.warning("Feasibility run %s was no longer running when it finished; result dropped", run_id)
    except RETRYABLE_DB_ERRORS:
        try:
            FeasibilityRun.objects.filter(mine).update(status=RunStatus.QUEUED)
        except DatabaseError:
            logger.warning("Could not release feasibility run %s after a database error", run_id)
        raise
    except Exception as exc:
        logger.exception("Feasibility run %s failed", run_id)
        FeasibilityRun.objects.filter(mine).update(
            status=RunStatus.FAILED, finished_at=timezone.now(), error=f"{type(exc).__name__}: {exc}"[:4000]
        )
    run.refresh_from_db()
    return run


def _evaluate_batch(partnerships: list, *, today: date, reference: ReferenceData) -> list[tuple]:
    """``(pk, version, evaluation, fingerprint)`` of each loaded partnership."""
    results = []
    for p in partnerships:
        evaluation, fingerprint = check_loaded_partnership(p, today=today, reference=reference)
        results.append((p.pk, getattr(p, "version", None), evaluation, fingerprint))
    return results


def _store_batch(results: list[tuple], *, requested_by, started, finished) -> list[FeasibilityRun]:
    """One succeeded run with its findings per result of ``_evaluate_batch``, in one transaction (two
    ``bulk_create``)."""
    with transaction.atomic():
        runs = FeasibilityRun.objects.bulk_create(
            [
                FeasibilityRun(
                    partnership_id=pk,
                    requested_by=requested_by,
                    status=RunStatus.SUCCEEDED,
                    started_at=started,
                    finished_at=finished,
                    attempts=1,
                    data_fingerprint=fingerprint,
                    partnership_version=version,
                    ruleset_version=RULESET_VERSION,
                    **_result_fields(evaluation),
                )
                for pk, version, evaluation, fingerprint in results
            ]
        )
        _store_findings((run.pk, result[2]) for run, result in zip(runs, results, strict=True))
    return runs


def feasibility_check_batch(
    *, ids: Iterable[int], user=None, today: date | None = None, reference: ReferenceData | None = None
) -> list[FeasibilityRun]:
    """Check many partnerships in this process and store one new succeeded run each.

    Loads the batch with ``partnerships_get_for_check`` (one query per relation for the whole batch),
    reads reference data once, and writes runs and findings with two ``bulk_create`` in one transaction.
    The nightly ``check_batch`` task and ``run_feasibility --all --sync`` (through ``feasibility_check_all``)
    call it; a single run (``feasibility_run_execute``) goes through the same ``check_loaded_partnership``
    and ``_store_findings``.
    """
    reference = reference or load_reference_data()
    today = today or timezone.localdate()
    started = timezone.now()
    results = _evaluate_batch(partnerships_get_for_check(ids=ids), today=today, reference=reference)
    return _store_batch(results, requested_by=_requester(user), started=started, finished=timezone.now())


def _requester(user):
    return user if getattr(user, "is_authenticated", False) else None


def feasibility_check_all(
    *,
    ids: Iterable[int],
    batch_size: int | None = None,
    user=None,
    today: date | None = None,
    reference: ReferenceData | None = None,
) -> list[int]:
    """Check many partnerships batch by batch in this process; return the new runs' ids in the order of ``ids``.

    The ``run_feasibility --all --sync`` path: ``feasibility_check_batch`` on each batch of ``batch_size``
    (``SMP_RULES["BATCH_SIZE"]``), each stored in a transaction of its own, so an error stops the work after
    the batches already stored. Several processes share the work through the nightly job's Celery tasks,
    not through threads.
    """
    ids = list(ids)
    size = max(1, int(batch_size or rule_settings()["BATCH_SIZE"]))
    reference = reference or load_reference_data()
    today = today or timezone.localdate()
    return [
        run.pk
        for start in range(0, len(ids), size)
        for run in feasibility_check_batch(ids=ids[start : start + size], user=user, today=today, reference=reference)
    ]


#
# Comparing runs
#


def feasibility_runs_compare(*, run_a: FeasibilityRun, run_b: FeasibilityRun) -> dict:
    """What changed from ``run_a`` (older) to ``run_b`` (newer): findings that appeared, disappeared or changed.

    ``changed`` lists rules whose status differs (``{"rule", "from", "to"}``), in rule order; also reports
    score and verdict changes. Uses prefetched findings when present.
    """
    from feasibility.registry import rule_sort_key

    a = {f.rule_id: f for f in run_a.findings.all()}
    b = {f.rule_id: f for f in run_b.findings.all()}
    appeared = sorted(set(b) - set(a), key=rule_sort_key)
    disappeared = sorted(set(a) - set(b), key=rule_sort_key)
    changed = [
        {"rule": rule_id, "from": a[rule_id].status, "to": b[rule_id].status}
        for rule_id in sorted(set(a) & set(b), key=rule_sort_key)
        if a[rule_id].status != b[rule_id].status
    ]
    return {
        "run_a": run_a.pk,
        "run_b": run_b.pk,
        "appeared": [{"rule": r, "status": b[r].status} for r in appeared],
        "disappeared": [{"rule": r, "status": a[r].status} for r in disappeared],
        "changed": changed,
        "unchanged": len(set(a) & set(b)) - len(changed),
        "overall_score": {"from": run_a.overall_score, "to": run_b.overall_score},
        "recruitment_verdict": {"from": run_a.recruitment_verdict, "to": run_b.recruitment_verdict},
    }


#
# Housekeeping (beat jobs)
#


# Seconds added to the hard time limit before a "running" run counts as no longer under way (reuse).
RUNNING_MARGIN_SECONDS = 20
# Seconds between the broker's scans for unacknowledged messages (unacked_restore_interval in settings).
RESTORE_SCAN_SECONDS = 10


def _hard_time_limit() -> int:
    return int(getattr(settings, "CELERY_TASK_TIME_LIMIT", 180) or 180)


def _visibility_timeout() -> int:
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {}
    return int(options.get("visibility_timeout", 3600))


def stuck_after() -> timedelta:
    """How long a run may stay ``running`` before the stuck-run job fails it.

    ``SMP_RULES["RUN_STUCK_AFTER_SECONDS"]``, else the broker's visibility timeout plus one scan for
    unacknowledged messages plus 20 s — by then a redelivered task has had its chance to take the run over
    (and restarted ``started_at``) — and never less than the hard time limit plus the same margin. With the
    defaults (hard limit 180 s, visibility timeout 200 s) that is 230 s; with the job every 30 s a run a
    killed worker left is failed at most 260 s after it started (docs/feasibility.md).
    """
    configured = rule_settings().get("RUN_STUCK_AFTER_SECONDS")
    if configured:
        return timedelta(seconds=int(configured))
    seconds = max(_visibility_timeout() + RESTORE_SCAN_SECONDS, _hard_time_limit()) + RUNNING_MARGIN_SECONDS
    return timedelta(seconds=seconds)


def feasibility_mark_stuck_runs(
    *, older_than: timedelta | None = None, queued_older_than: timedelta | None = None
) -> dict:
    """Fail runs a dead worker left ``running`` (started before ``older_than`` ago) and queued runs nobody took.

    Queued runs older than the dispatch window (``queued_expires_after``) were either never delivered or
    wait behind a backlog longer than anyone waits for an answer; a late delivery then claims nothing.
    Returns ``{"running": n, "queued": m}``, the numbers of runs marked failed.
    """
    now = timezone.now()
    older_than = stuck_after() if older_than is None else older_than
    queued_older_than = queued_expires_after() if queued_older_than is None else queued_older_than
    running = FeasibilityRun.objects.filter(status=RunStatus.RUNNING, started_at__lte=now - older_than).update(
        status=RunStatus.FAILED,
        finished_at=now,
        error=f"Stuck: still running {int(older_than.total_seconds())} s after it started (worker lost?).",
    )
    queued = FeasibilityRun.objects.filter(status=RunStatus.QUEUED, created_at__lte=now - queued_older_than).update(
        status=RunStatus.FAILED,
        finished_at=now,
        error=f"Never started: queued for more than {int(queued_older_than.total_seconds())} s.",
    )
    if running or queued:
        logger.warning("Marked %s stuck running and %s stale queued feasibility runs as failed", running, queued)
    return {"running": running, "queued": queued}


def reference_data_changed_at():
    """When reference data a rule reads outside the partnership (exchange rates, WHO list) last changed.

    One aggregate query per table; ``None`` when there is none. (A row deleted without another change is
    not seen; such data is replaced by new rows in practice, docs/reference-data.md.)
    """
    from django.apps import apps
    from django.db.models import Max

    latest = None
    for label in ("costs.ExchangeRate", "recruitment.WhoSslEntry"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        rows = model.objects.all()
        if label == "costs.ExchangeRate":  # a partnership's own rate is its data: it raises its version
            rows = rows.filter(partnership__isnull=True)
        changed = rows.aggregate(at=Max("updated_at"))["at"]
        if changed is not None and (latest is None or changed > latest):
            latest = changed
    return latest


def partnerships_needing_recheck(*, today: date | None = None, registry: Registry = REGISTRY) -> list[int]:
    """Ids of partnerships whose latest result may no longer hold (or that never had one); closed ones skipped.

    * data or ruleset changed: ``updated_at`` later than the latest run's creation, ``version`` different
      from the run's ``partnership_version``, or a run made with another ruleset version;
    * the latest run did not succeed (failed, or queued/running without finishing);
    * date: when a registered rule reads today's date (``reads_today``: licence expiry R.5, evidence age
      E3.R2/R.6/R.7, exchange rates in force E8 …), every partnership whose latest run was made before
      ``today`` — its outcome may have changed overnight without any edit;
    * reference data (exchange rates, WHO list) changed after the latest run.

    One query for the selection (the latest run's fields as subqueries) plus one aggregate per reference table.
    """
    from partnerships.models import Partnership

    today = today or timezone.localdate()
    latest = FeasibilityRun.objects.filter(partnership=OuterRef("pk")).order_by("-created_at", "-id")
    qs = Partnership.objects.exclude(stage="closed").annotate(
        last_run_at=Subquery(latest.values("created_at")[:1]),
        last_run_version=Subquery(latest.values("partnership_version")[:1]),
        last_run_ruleset=Subquery(latest.values("ruleset_version")[:1]),
        last_run_status=Subquery(latest.values("status")[:1]),
    )
    stale = (
        Q(last_run_at__isnull=True)
        | Q(updated_at__gt=F("last_run_at"))
        | ~Q(last_run_ruleset=RULESET_VERSION)
        | ~Q(last_run_status=RunStatus.SUCCEEDED)
    )
    if any(f.name == "version" for f in Partnership._meta.concrete_fields):
        stale |= Q(last_run_version__isnull=False) & ~Q(version=F("last_run_version"))
    if registry.date_dependent():
        start_of_today = timezone.make_aware(datetime.combine(today, time.min))
        stale |= Q(last_run_at__lt=start_of_today)
    reference_changed = reference_data_changed_at()
    if reference_changed is not None:
        stale |= Q(last_run_at__lt=reference_changed)
    return list(qs.filter(stale).order_by("pk").values_list("pk", flat=True))


def feasibility_recheck_changed(*, today: date | None = None) -> dict:
    """Nightly: enqueue a batch check (as of ``today``) of every partnership whose latest result may be stale."""
    from feasibility.tasks import check_batch

    today = today or timezone.localdate()
    ids = partnerships_needing_recheck(today=today)
    size = int(rule_settings()["BATCH_SIZE"])
    batches = [ids[i : i + size] for i in range(0, len(ids), size)]
    for batch in batches:
        check_batch.delay(batch, today.isoformat())
    return {"partnerships": len(ids), "batches": len(batches)}
