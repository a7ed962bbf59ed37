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
from urllib.parse import urlencode

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from codelists.partnerships import WizardStep
from design.steps import STEPS, Collection
from feasibility.registry import TODAY, input_model_field, is_reference
from smp.punctuation import labelled

MONITORING = "monitoring"

#: Inputs recorded while the partnership runs (the monitoring page), not while it is designed.
MONITORING_INPUTS = frozenset(
    {
        "partnerships.Partnership.indicator_values",
        "partnerships.Indicator.values",
        "costs.CostItem.actual_amount",
    }
)
MONITORING_MODELS = frozenset({"partnerships.IndicatorValue", "partnerships.ReportingPeriod", "costs.ActualSpending"})

#: Fields of a fixed row that identify the row (its question or topic) rather than being typed.
FIXED_KEYS = {
    "skills.DataNeed": ("prompt_code",),
    "partnerships.ContinuumProvision": ("phase", "topic"),
}

#: Terms of a cost share entered on its cost item's own page.
SHARE_TERMS = ("organisation", "timing", "risk_mitigation")

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
    if label == "costs.CostShare" and field_name in SHARE_TERMS:
        # Per share, on the cost item's own page (the grid holds the percentages).
        return {"step": WizardStep.COSTS, "collection": "items", "field": f"terms-0-{field_name}", "page": "row"}
    if label == "costs.CostShare" or name == "costs.CostItem.shares":
        return {"step": WizardStep.COSTS, "field": "shares", "anchor": "set-shares"}
    model = apps.get_model(app_label, model_name)
    field = model._meta.get_field(field_name)
    if isinstance(field, models.ForeignObjectRel):
        # A relation a rule follows (a partnership's objectives, a pathway's steps): the rows' collection.
        related = field.related_model._meta.label
        if related in MONITORING_MODELS:
            return MONITORING
        for step_code, collection in _collections_by_model().get(related, ()):
            return _collection_location(step_code, collection)
        return None
    if label == "partnerships.Partnership":
        step_code = _partnership_field_steps().get(field_name)
        if step_code is None:
            return None
        return {"step": step_code, "field": field_name, "anchor": f"id_main-{field_name}"}
    for step_code, collection in _collections_by_model().get(label, ()):
        location = _collection_location(step_code, collection, field_name)
        if location:
            return location
    return None


#
# Findings → the field that fixes them
#

#: Fields that name or place a row rather than state a fact a rule judges: a finding is not fixed there.
IDENTIFYING_FIELDS = frozenset(
    {
        "name",
        "title",
        "side",
        "country",
        "origin",
        "destination",
        "occupation",
        "destination_country",
        "permit_kind",
        "organisation",
        "kind",
        "category",
    }
)

#: Rules whose finding is best fixed at an input other than the first one the general order picks: the fact
#: the rule's title names (each is one of the rule's declared inputs; a test checks it).
FIX_INPUTS = {
    "E1.R3": "skills.LabourMarketEvidence.horizon_years",
    "E1.R4": "skills.TargetOccupation.automation_impact",
    "E1.R8": "partnerships.Partnership.end_date",
    "E2.R9": "stakeholders.Participation.is_champion",
    "E6.R10": "partnerships.Partnership.return_entitlements_guaranteed",
    "E7.R1": "partnerships.Pathway.occupations",
    "E8.R2": "costs.CostShare.percent",
    "E8.R3": "costs.CostShare.payer",
    "E8.R4": "costs.CostShare.payer",
    "E8.R5": "costs.CostShare.risk_mitigation",
    "E8.R7": "costs.CostBenefitAnalysis.benefit_cost_ratio",
    "E8.R8": "costs.SustainabilityPlan.mechanisms",
    "R.3": "recruitment.RecruitmentArrangement.fees_charged_to_workers",
    "R.4": "recruitment.RecruitmentArrangement.worker_financing",
    "R.10": "recruitment.RecruitmentArrangement.passport_retention_allowed",
    "R.11": "partnerships.Pathway.exit_permit_required",
    # Recorded while the partnership runs: the Monitoring tab of the partnership page.
    "E8.R9": "costs.CostItem.actual_amount",
}


@cache
def fix_location(rule_id: str) -> dict | None:
    """Where an official fixes a finding of ``rule_id``: the first fact the rule judges, on its element's step.

    The rule's declared inputs are tried in order: first a field of a row or of the partnership that is not
    just a name or a place (``IDENTIFYING_FIELDS``), on the step of the rule's element; then any such field on
    another step; then the collection of rows it reads. ``None`` when the rule reads nothing people enter.
    """
    from design.steps import ELEMENT_STEP
    from feasibility.registry import REGISTRY

    spec = REGISTRY[rule_id]
    if rule_id in FIX_INPUTS and FIX_INPUTS[rule_id] in spec.reads:
        location = wizard_location(FIX_INPUTS[rule_id])
        if isinstance(location, dict):
            return location
        if location == MONITORING:
            return {"page": MONITORING, "field": "results", "anchor": "record"}
    home = ELEMENT_STEP.get(spec.element)
    facts, collections = [], []
    for name in spec.reads:
        location = wizard_location(name)
        if not isinstance(location, dict) or location.get("page") == "organisation":
            continue
        field_name = name.rsplit(".", 1)[1]
        if location.get("field") in (location.get("collection"), "key", "shares", "to_stage"):
            collections.append(location)
        elif field_name not in IDENTIFYING_FIELDS:
            facts.append(location)
    for candidates in (
        [loc for loc in facts if loc["step"] == home],
        facts,
        [loc for loc in collections if loc["step"] == home],
        collections,
    ):
        if candidates:
            return candidates[0]
    return None


def fix_query(location: dict) -> str:
    """The ``fix`` query value of a step link: ``main-<field>``, ``<collection>:<field>`` or ``<collection>``."""
    if location.get("anchor", "").startswith("id_main-"):
        return f"main-{location['field']}"
    collection = location.get("collection")
    if collection and location["field"] not in (collection, "key"):
        return f"{collection}:{location['field']}"
    return collection or location.get("anchor", "")


def _field_label(model_label: str, field_name: str, *, first: bool = True) -> str:
    """The field's verbose name; capitalised when it starts a label (``first``), else as written (so "LMIS …"
    keeps its capitals and "legal basis" stays lower case after a colon)."""
    from django.utils.text import capfirst

    field = apps.get_model(model_label)._meta.get_field(field_name)
    name = str(getattr(field, "verbose_name", field_name))
    return str(capfirst(name)) if first else name


def fix_link(partnership_id: int, rule_id: str) -> dict | None:
    """``{"url", "label"}`` of the wizard page and field that fix a finding of ``rule_id``, or ``None``.

    The URL names the field in its query (``?fix=…&rule=…``): the step focuses it and shows the finding beside
    it (``design.views``); fields of a row's details lead to the first row's own page.
    """
    from django.urls import reverse

    from design.steps import STEPS_BY_CODE

    location = fix_location(rule_id)
    if location is None:
        return None
    if location.get("page") == MONITORING:
        url = reverse("monitoring:monitoring", kwargs={"pk": partnership_id})
        return {"url": f"{url}#{location['anchor']}", "label": str(_("Monitoring: results and actual spending"))}
    step = STEPS_BY_CODE[location["step"]]
    url = reverse("design:step", kwargs={"pk": partnership_id, "code": step.code})
    collection = next((c for c in step.collections if c.prefix == location.get("collection")), None)
    field = location["field"]
    if collection is not None and field.startswith("terms-"):
        label = labelled(collection.title, _field_label("costs.CostShare", field.rsplit("-", 1)[-1], first=False))
    elif collection is not None and field not in (collection.prefix, "key"):
        label = labelled(collection.title, _field_label(collection.model, field, first=False))
    elif collection is not None:
        label = str(collection.title)
    elif location.get("anchor", "").startswith("id_main-"):
        label = _field_label("partnerships.Partnership", field)
    elif field == "shares":
        label = str(_("Who pays: cost-sharing grid"))
    else:
        label = str(step.title)
    return {"url": f"{url}?{urlencode({'fix': fix_query(location), 'rule': rule_id})}", "label": label}


#
# Why a field matters: the rules that read it
#


@cache
def _rules_by_input() -> dict[str, list[str]]:
    from feasibility.registry import REGISTRY

    found: dict[str, list[str]] = {}
    for spec in REGISTRY.ordered():
        for name in spec.reads:
            found.setdefault(name, []).append(spec.id)
    return found


def rule_help(model_label: str, field_name: str) -> str:
    """A line saying which checks read a field, naming the first by its title ("" when none reads it)."""
    from feasibility.registry import REGISTRY

    rule_ids = _rules_by_input().get(f"{model_label}.{field_name}", [])
    if not rule_ids:
        return ""
    first = REGISTRY[rule_ids[0]]
    if len(rule_ids) == 1:
        return str(_("Checked by %(rule)s: %(title)s.") % {"rule": first.id, "title": first.title})
    return str(_("Checked by %(rules)s; first: %(title)s.") % {"rules": ", ".join(rule_ids), "title": first.title})
