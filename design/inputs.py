"""Where in the wizard each input a feasibility rule reads is entered (``rule_inputs --json``, column ``wizard``).

The rules declare what they read as model fields (``feasibility.registry``); the wizard's step table
(``design.steps``) says which step and form shows each field. This module joins the two:

- a field of the partnership record → its step and form field (``{"step", "field", "anchor"}``);
- a field of a repeating row → the step of its collection; the main fields are in the step's table, the
  details on the row's own page (``"page": "row"``);
- a relation a rule follows (``partnerships.Partnership.objectives``) → the collection that adds those rows;
- an organisation's own fields → the organisation form reached from the actors step (``"page": "organisation"``);
- cost shares → the costs step's cost-sharing grid;
- results of a running partnership (indicator values, actual spending) → ``"monitoring"``: the partnership
  page's monitoring tab records them, not the design wizard.

Registered with ``feasibility.inputs`` when the app is ready, so the API's ``rule_inputs`` command lists it
without importing the wizard.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import models

from codelists.partnerships import WizardStep
from design.steps import STEPS, Collection
from feasibility.registry import TODAY, input_model_field, is_reference

MONITORING = "monitoring"

#: Inputs recorded while the partnership runs (the monitoring page), not while it is designed.
MONITORING_INPUTS = frozenset(
    {
        "partnerships.Partnership.indicator_values",
        "partnerships.Indicator.values",
        "costs.CostItem.actual_amount",
    }
)
MONITORING_MODELS = frozenset({"partnerships.IndicatorValue"})

#: Fields of a fixed row that identify the row (its question or topic) rather than being typed.
FIXED_KEYS = {
    "skills.DataNeed": ("prompt_code",),
    "partnerships.ContinuumProvision": ("phase", "topic"),
}

#: The stage is moved from the review step (lead side, through the stage service and its checklist).
STAGE_INPUT = "partnerships.Partnership.stage"


@cache
def _collections_by_model() -> dict[str, list[tuple[str, Collection]]]:
    found: dict[str, list[tuple[str, Collection]]] = {}
    for step in STEPS:
        for collection in step.collections:
            found.setdefault(collection.model, []).append((step.code, collection))
    return found


@cache
def _partnership_field_steps() -> dict[str, str]:
    return {name: step.code for step in STEPS for name in step.partnership_fields}


def _collection_location(step_code: str, collection: Collection, field_name: str | None = None) -> dict:
    location = {"step": step_code, "collection": collection.prefix, "anchor": f"set-{collection.prefix}"}
    if field_name is None:
        location["field"] = collection.prefix
        return location
    if field_name in FIXED_KEYS.get(collection.model, ()):
        location["field"] = "key"
    elif field_name in collection.fields:
        location["field"] = field_name
    elif field_name in collection.details:
        location.update(field=field_name, page="row")
    else:
        return {}
    return location


def wizard_location(name: str) -> dict | str | None:
    """Where input ``name`` (``"skills.OccupationProfile.regulated"``) is entered, or ``None`` when nowhere.

    Reference data and the date are never entered (``None``). See the module docstring for the shapes.
    """
    if name == TODAY or is_reference(name):
        return None
    if name in MONITORING_INPUTS:
        return MONITORING
    app_label, model_name, field_name = input_model_field(name)
    label = f"{app_label}.{model_name}"
    if label in MONITORING_MODELS:
        return MONITORING
    if name == STAGE_INPUT:
        return {"step": WizardStep.REVIEW, "field": "to_stage", "anchor": "stage"}
    if label == "stakeholders.Organisation":
        return {"step": WizardStep.ACTORS_GOVERNANCE, "field": field_name, "page": "organisation"}
    if label == "costs.CostShare" or name == "costs.CostItem.shares":
        return {"step": WizardStep.COSTS, "field": "shares", "anchor": "set-shares"}
    model = apps.get_model(app_label, model_name)
    field = model._meta.get_field(field_name)
    if label == "partnerships.Partnership":
        if isinstance(field, models.ForeignObjectRel):
            related = field.related_model._meta.label
            if related in MONITORING_MODELS:
                return MONITORING
            for step_code, collection in _collections_by_model().get(related, ()):
                return _collection_location(step_code, collection)
            return None
        step_code = _partnership_field_steps().get(field_name)
        if step_code is None:
            return None
        return {"step": step_code, "field": field_name, "anchor": f"id_main-{field_name}"}
    if isinstance(field, models.ForeignObjectRel):
        # A relation followed from a row (a pathway's steps, a target occupation's profiles): the rows' collection.
        related = field.related_model._meta.label
        if related in MONITORING_MODELS:
            return MONITORING
        for step_code, collection in _collections_by_model().get(related, ()):
            return _collection_location(step_code, collection)
        return None
    for step_code, collection in _collections_by_model().get(label, ()):
        location = _collection_location(step_code, collection, field_name)
        if location:
            return location
    return None
