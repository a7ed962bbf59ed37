"""Which API operation writes each input a feasibility rule reads.

The rule registry declares what each rule reads as model fields (``feasibility.registry``: ``reads=``); which
endpoint writes a field is the API's knowledge, so the mapping lives here, beside the router. A field is
written by the create operation of the resource that lists its model; a relation a rule follows (for
example ``partnerships.Partnership.objectives``) by the create operation of the related rows; a field sent
inside a parent's body by the parent's operation (``NESTED``); the stage by its action. Reference tables and
the date have no operation: they come with the platform (``load_reference_data``) or the clock.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from feasibility.inputs import locate
from feasibility.registry import REGISTRY, TODAY, input_model_field, is_reference

#: Rows written inside another resource's body: the model → the operation that carries them.
NESTED = {"costs.CostShare": "PUT /api/v1/cost-items/{id}/shares/"}
#: Fields with an operation of their own rather than the resource's create.
OWN_OPERATION = {"partnerships.Partnership.stage": "POST /api/v1/partnerships/{id}/stage/"}


def _create_operations() -> dict[type[models.Model], str]:
    """Model → ``POST /api/v1/<prefix>/`` for every resource that creates rows."""
    from api.urls import router

    operations: dict[type[models.Model], str] = {}
    for prefix, viewset, _basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        allowed = getattr(viewset, "http_method_names", ["post"])
        if queryset is None or not hasattr(viewset, "create") or "post" not in allowed:
            continue
        operations.setdefault(queryset.model, f"POST /api/v1/{prefix}/")
    return operations


def input_operation(name: str, operations: dict | None = None) -> str | None:
    """The operation that writes input ``name`` (``"skills.OccupationProfile.regulated"``), or ``None``."""
    if name == TODAY or is_reference(name):
        return None
    if name in OWN_OPERATION:
        return OWN_OPERATION[name]
    operations = operations if operations is not None else _create_operations()
    app_label, model_name, field_name = input_model_field(name)
    model = apps.get_model(app_label, model_name)
    field = model._meta.get_field(field_name)
    if field.auto_created and not field.concrete and field.related_model is not None:
        target = field.related_model  # a reverse relation: written by creating the related rows
    else:
        target = model
    label = target._meta.label
    if label in NESTED:
        return NESTED[label]
    return operations.get(target)


def rule_inputs() -> list[dict]:
    """Every rule with its inputs: ``{"rule", "inputs": [{"field", "reference", "api", "wizard"}]}``.

    ``wizard`` comes from the locator the wizard registers with ``feasibility.inputs`` (``design.inputs``):
    ``{"step", "field", …}``, ``"monitoring"`` for results recorded while the partnership runs, or ``None``.
    """
    operations = _create_operations()
    rows = []
    for spec in REGISTRY.ordered():
        inputs = []
        for name in spec.reads:
            if name == TODAY:
                inputs.append({"field": TODAY, "reference": True})
                continue
            reference = is_reference(name)
            inputs.append(
                {
                    "field": name,
                    "reference": reference,
                    "api": None if reference else input_operation(name, operations),
                    "wizard": None if reference else locate("wizard", name),
                }
            )
        rows.append({"rule": spec.id, "inputs": inputs})
    return rows
