"""Reads of the feasibility app: runs, their findings, and the rule catalogue."""

from __future__ import annotations

from django.db.models import Max, QuerySet

from feasibility.models import FeasibilityRun, RunStatus
from feasibility.registry import ELEMENTS, RECRUITMENT, RECRUITMENT_NAME, REGISTRY, Registry


def feasibility_run_get(*, run_id: int) -> FeasibilityRun:
    """One run with its findings (one query for the run, one for the findings)."""
    return FeasibilityRun.objects.prefetch_related("findings").get(pk=run_id)


def feasibility_runs_for_partnership(*, partnership_id: int) -> QuerySet:
    """Every run of a partnership, newest first (runs are kept as history)."""
    return FeasibilityRun.objects.filter(partnership_id=partnership_id).order_by("-created_at", "-id")


def feasibility_run_latest(*, partnership_id: int, succeeded_only: bool = False) -> FeasibilityRun | None:
    """The newest run of a partnership (or the newest succeeded one), with its findings."""
    qs = feasibility_runs_for_partnership(partnership_id=partnership_id)
    if succeeded_only:
        qs = qs.filter(status=RunStatus.SUCCEEDED)
    return qs.prefetch_related("findings").first()


def feasibility_latest_runs(*, partnership_ids=None, succeeded_only: bool = True) -> dict[int, FeasibilityRun]:
    """Partnership id → its latest (succeeded) run, for dashboards: two queries whatever the number."""
    qs = FeasibilityRun.objects.all()
    if succeeded_only:
        qs = qs.filter(status=RunStatus.SUCCEEDED)
    if partnership_ids is not None:
        qs = qs.filter(partnership_id__in=list(partnership_ids))
    latest_ids = qs.values("partnership_id").annotate(latest=Max("id")).values_list("latest", flat=True)
    return {run.partnership_id: run for run in FeasibilityRun.objects.filter(pk__in=list(latest_ids))}


def rule_catalogue(*, registry: Registry = REGISTRY) -> list[dict]:
    """Every registered rule grouped by element, E1 … E8 then ethical recruitment (the /rules/ page)."""
    groups = [{"code": code, "name": name, "rules": registry.for_element(code)} for code, name in ELEMENTS.items()]
    groups.append({"code": RECRUITMENT, "name": RECRUITMENT_NAME, "rules": registry.for_element(RECRUITMENT)})
    return groups
