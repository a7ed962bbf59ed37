"""Reads of the feasibility app: runs, their findings, and the rule catalogue."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Max, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from feasibility.models import FeasibilityRun, RunStatus
from feasibility.registry import (
    ELEMENTS,
    RECRUITMENT,
    RECRUITMENT_NAME,
    REGISTRY,
    TODAY,
    Registry,
    RuleSpec,
    input_model_field,
    is_reference,
)


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


def rule_input_label(name: str) -> str:
    """An input of ``RuleSpec.reads`` in words, from the models' verbose names.

    ``"skills.OccupationProfile.regulated"`` → "Occupation profile — regulated profession";
    ``"partnerships.Partnership.objectives"`` (a reverse relation) → "Partnership — objectives";
    ``"today"`` → "Today's date".
    """
    if name == TODAY:
        return str(_("Today's date"))
    app_label, model_name, field_name = input_model_field(name)
    model = apps.get_model(app_label, model_name)
    field = model._meta.get_field(field_name)
    if isinstance(field, models.ForeignObjectRel):
        what = (
            field.related_model._meta.verbose_name
            if field.one_to_one
            else field.related_model._meta.verbose_name_plural
        )
    else:
        what = field.verbose_name
    return f"{capfirst(model._meta.verbose_name)} — {what}"


def rule_inputs(spec: RuleSpec) -> list[dict]:
    """What a rule reads, for the catalogue and the API: ``[{"field", "label", "reference"}, …]`` in declared order."""
    return [{"field": name, "label": rule_input_label(name), "reference": is_reference(name)} for name in spec.reads]
