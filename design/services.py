"""Orchestration of the wizard's writes. Domain writes go through the apps' services.

One step's save is one transaction: the partnership's own fields (``partnerships.services.partnership_update``)
and every changed, added or removed row, each through its app's service. The first write checks the
version the page was built from (``ConflictError`` when someone saved since); each following write passes
the version the previous one produced. Every row is tried in its own savepoint so that all row errors are
reported at once; if any failed, the whole step is rolled back — nothing is half-saved and the user's
input stays on screen.

Models that have no dedicated service yet (indicators, evidence, linked initiatives, business linkages,
training programmes, recognition arrangements, continuum provisions, social protection, grievance
channels, and deletions of some rows) are written with the generic helpers of ``partnerships.services``
(version bump, ``instance_assign``, ``instance_save``, ``instance_delete``), which apply the same checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from codelists.partnerships import ReviewStatus
from design.steps import STEPS
from partnerships import policy
from partnerships import services as ps
from partnerships.models import Partnership
from smp.exceptions import ValidationError

#
# Operations
#


@dataclass
class RowOp:
    """One change to one row: ``create``, ``update`` or ``delete`` through the adapter ``adapter``."""

    adapter: str
    action: str
    data: dict = field(default_factory=dict)
    instance: models.Model | None = None
    key: str = ""
    form: Any = None


class StepSaveError(Exception):
    """Some writes of a step were refused; nothing was saved. ``errors`` pairs each form with its error."""

    def __init__(self, errors: list[tuple[Any, ValidationError]]):
        super().__init__("step not saved")
        self.errors = errors


#
# Generic writes for models without a dedicated service
#


def _generic_create(model_label: str) -> Callable:
    def create(*, partnership: Partnership, user, op: RowOp) -> models.Model:
        return ps.partnership_row_create(
            model=apps.get_model(model_label),
            partnership=partnership,
            user=user,
            data=op.data,
            expected_version=partnership.version,
        )

    return create


def _generic_update(*, partnership: Partnership, user, op: RowOp) -> models.Model:
    return ps.partnership_row_update(
        row=op.instance, user=user, data=op.data, expected_version=partnership.version, partnership=partnership
    )


def _generic_delete(*, partnership: Partnership, user, op: RowOp) -> None:
    ps.partnership_row_delete(row=op.instance, user=user, expected_version=partnership.version, partnership=partnership)


def _generic(model_label: str) -> dict[str, Callable]:
    return {"create": _generic_create(model_label), "update": _generic_update, "delete": _generic_delete}


def _under_parent(model_label: str) -> dict[str, Callable]:
    """Writes of rows that reach the partnership through a parent row (a pathway's steps, a target
    occupation's country profiles). The form offers only this partnership's parents, so the row stays in it."""

    def create(*, partnership: Partnership, user, op: RowOp) -> models.Model:
        row = apps.get_model(model_label)()
        _changed, many = ps.instance_assign(instance=row, data=op.data)
        return ps.partnership_row_save(
            row=row, user=user, many=many, partnership=partnership, expected_version=partnership.version
        )

    def update(*, partnership: Partnership, user, op: RowOp) -> models.Model:
        _changed, many = ps.instance_assign(instance=op.instance, data=op.data)
        return ps.partnership_row_save(
            row=op.instance, user=user, many=many, partnership=partnership, expected_version=partnership.version
        )

    return {"create": create, "update": update, "delete": _generic_delete}


#
# Adapters to the apps' services
#


def _country_create(*, partnership, user, op):
    from partnerships.services import partnership_country_add

    data = dict(op.data)
    return partnership_country_add(
        partnership=partnership,
        user=user,
        country=data.pop("country"),
        side=data.pop("side"),
        data=data,
        expected_version=partnership.version,
    )


def _country_update(*, partnership, user, op):
    from partnerships.services import partnership_country_update

    data = {k: v for k, v in op.data.items() if k != "country"}
    return partnership_country_update(
        partnership_country=op.instance, user=user, data=data, expected_version=partnership.version
    )


def _country_delete(*, partnership, user, op):
    from partnerships.services import partnership_country_remove

    partnership_country_remove(partnership_country=op.instance, user=user, expected_version=partnership.version)


def _objective_create(*, partnership, user, op):
    return ps.objective_create(partnership=partnership, user=user, data=op.data, expected_version=partnership.version)


def _objective_update(*, partnership, user, op):
    return ps.objective_update(objective=op.instance, user=user, data=op.data, expected_version=partnership.version)


def _objective_delete(*, partnership, user, op):
    ps.objective_delete(objective=op.instance, user=user, expected_version=partnership.version)


def _pathway_create(*, partnership, user, op):
    return ps.pathway_create(partnership=partnership, user=user, data=op.data, expected_version=partnership.version)


def _pathway_update(*, partnership, user, op):
    return ps.pathway_update(pathway=op.instance, user=user, data=op.data, expected_version=partnership.version)


def _participation_create(*, partnership, user, op):
    from stakeholders.services import participation_add

    data = dict(op.data)
    return participation_add(
        partnership=partnership,
        organisation=data.pop("organisation"),
        user=user,
        roles=data.pop("roles", []) or [],
        side=data.pop("side", "") or "",
        data=data,
        expected_version=partnership.version,
    )


def _participation_update(*, partnership, user, op):
    from stakeholders.services import participation_update

    data = {k: v for k, v in op.data.items() if k != "organisation"}
    return participation_update(participation=op.instance, user=user, data=data, expected_version=partnership.version)


def _participation_delete(*, partnership, user, op):
    from stakeholders.services import participation_remove

    participation_remove(participation=op.instance, user=user, expected_version=partnership.version)


def _body_create(*, partnership, user, op):
    from stakeholders.services import governance_body_create

    data = dict(op.data)
    members = data.pop("members", None)
    return governance_body_create(
        partnership=partnership, user=user, data=data, members=members, expected_version=partnership.version
    )


def _body_update(*, partnership, user, op):
    from stakeholders.services import governance_body_update

    return governance_body_update(
        governance_body=op.instance, user=user, data=op.data, expected_version=partnership.version
    )


def _data_need_set(*, partnership, user, op):
    from skills.services import data_need_set

    existing = op.instance
    return data_need_set(
        partnership=partnership,
        prompt_code=op.key,
        status=op.data.get("status") or "",
        answer=op.data.get("answer") or "",
        gap_strategy=op.data.get("gap_strategy") or "",
        # The row's own page edits the owner; the step's table leaves it (and the evidence, which only the API
        # links) as stored.
        gap_owner=op.data.get("gap_owner", existing.gap_owner if existing else None),
        evidence=list(existing.evidence.all()) if existing is not None else (),
        user=user,
        expected_version=partnership.version,
    )


def _provision_create(*, partnership, user, op):
    phase, topic = op.key.split(":", 1)
    op = RowOp(adapter=op.adapter, action="create", data={**op.data, "phase": phase, "topic": topic})
    return _generic_create("partnerships.ContinuumProvision")(partnership=partnership, user=user, op=op)


def _target_occupation_create(*, partnership, user, op):
    from skills.services import target_occupation_create

    data = dict(op.data)
    return target_occupation_create(
        partnership=partnership,
        occupation=data.pop("occupation"),
        user=user,
        expected_version=partnership.version,
        **data,
    )


def _target_occupation_update(*, partnership, user, op):
    from skills.services import target_occupation_update

    data = {k: v for k, v in op.data.items() if k != "occupation"}
    return target_occupation_update(
        target_occupation=op.instance, user=user, expected_version=partnership.version, **data
    )


def _cost_item_create(*, partnership, user, op):
    from costs.services import cost_item_create

    data = {k: v for k, v in op.data.items() if v is not None or k in ("country",)}
    return cost_item_create(
        partnership=partnership,
        category=data.pop("category"),
        subitem=data.pop("subitem"),
        amount=data.pop("amount"),
        currency=data.pop("currency"),
        basis=data.pop("basis", None) or None,
        user=user,
        expected_version=partnership.version,
        **data,
    )


def _cost_item_update(*, partnership, user, op):
    from costs.services import cost_item_update

    return cost_item_update(item=op.instance, user=user, expected_version=partnership.version, **op.data)


def _cost_item_delete(*, partnership, user, op):
    from costs.services import cost_item_delete

    cost_item_delete(item=op.instance, user=user, expected_version=partnership.version)


def _cost_shares_set(*, partnership, user, op):
    from costs.services import cost_share_set

    return cost_share_set(item=op.instance, shares=op.data["shares"], user=user, expected_version=partnership.version)


def _exchange_rate_set(*, partnership, user, op):
    """The partnership's own rate for one currency (the costs step), through the costs service."""
    from costs.services import exchange_rate_set

    return exchange_rate_set(partnership=partnership, user=user, expected_version=partnership.version, **op.data)


def _recruiter_create(*, partnership, user, op):
    from recruitment.services import recruiter_create

    data = dict(op.data)
    return recruiter_create(
        partnership=partnership,
        organisation=data.pop("organisation"),
        user=user,
        expected_version=partnership.version,
        **data,
    )


def _recruiter_update(*, partnership, user, op):
    from recruitment.services import recruiter_update

    data = {k: v for k, v in op.data.items() if k != "organisation"}
    return recruiter_update(recruiter=op.instance, user=user, expected_version=partnership.version, **data)


def _arrangement_create(*, partnership, user, op):
    from recruitment.services import recruitment_arrangement_create

    data = dict(op.data)
    return recruitment_arrangement_create(
        partnership=partnership,
        origin=data.pop("origin"),
        destination=data.pop("destination"),
        recruiters=data.pop("recruiters", None) or (),
        user=user,
        expected_version=partnership.version,
        **data,
    )


def _arrangement_update(*, partnership, user, op):
    from recruitment.services import recruitment_arrangement_update

    data = dict(op.data)
    recruiters = data.pop("recruiters", None)
    return recruitment_arrangement_update(
        arrangement=op.instance, recruiters=recruiters, user=user, expected_version=partnership.version, **data
    )


ADAPTERS: dict[str, dict[str, Callable]] = {
    "country": {"create": _country_create, "update": _country_update, "delete": _country_delete},
    "objective": {"create": _objective_create, "update": _objective_update, "delete": _objective_delete},
    "indicator": _generic("partnerships.Indicator"),
    "participation": {
        "create": _participation_create,
        "update": _participation_update,
        "delete": _participation_delete,
    },
    "governance_body": {"create": _body_create, "update": _body_update, "delete": _generic_delete},
    "evidence": _generic("skills.LabourMarketEvidence"),
    "data_need": {"create": _data_need_set, "update": _data_need_set, "delete": _generic_delete},
    "linked_initiative": _generic("partnerships.LinkedInitiative"),
    "business_linkage": _generic("partnerships.BusinessLinkage"),
    "target_occupation": {
        "create": _target_occupation_create,
        "update": _target_occupation_update,
        "delete": _generic_delete,
    },
    "training_programme": _generic("skills.TrainingProgramme"),
    "recognition": _generic("skills.RecognitionArrangement"),
    "provision": {"create": _provision_create, "update": _generic_update, "delete": _generic_delete},
    "social_protection": _generic("partnerships.SocialProtectionCover"),
    "grievance": _generic("partnerships.GrievanceChannel"),
    "pathway": {"create": _pathway_create, "update": _pathway_update, "delete": _generic_delete},
    "cost_item": {"create": _cost_item_create, "update": _cost_item_update, "delete": _cost_item_delete},
    "cost_shares": {"update": _cost_shares_set},
    "exchange_rate": {"update": _exchange_rate_set},
    "recruiter": {"create": _recruiter_create, "update": _recruiter_update, "delete": _generic_delete},
    "arrangement": {"create": _arrangement_create, "update": _arrangement_update, "delete": _generic_delete},
    "objective_tension": _generic("partnerships.ObjectiveTension"),
    "feasibility_study": _generic("partnerships.FeasibilityStudy"),
    "partner_gap": _generic("stakeholders.PartnerGap"),
    "capacity_activity": _generic("stakeholders.CapacityActivity"),
    "evidence_review": _generic("skills.EvidenceReview"),
    "data_sharing": _generic("skills.DataSharingArrangement"),
    "occupation_profile": _under_parent("skills.OccupationProfile"),
    "documentation_tool": _generic("skills.SkillsDocumentationTool"),
    "pathway_step": _under_parent("partnerships.PathwayStep"),
    "cost_benefit": _generic("costs.CostBenefitAnalysis"),
    "sustainability_plan": _generic("costs.SustainabilityPlan"),
}


#: The model each adapter writes (the step table's collections, plus the cost shares and the exchange rates of
#: the costs step).
ADAPTER_MODELS: dict[str, str] = {
    **{collection.adapter: collection.model for step in STEPS for collection in step.collections},
    "cost_shares": "costs.CostShare",
    "exchange_rate": "costs.ExchangeRate",
}

#
# Saving a step
#


def wizard_step_save(
    *,
    partnership: Partnership,
    user,
    expected_version: int,
    partnership_data: Mapping[str, Any],
    ops: Iterable[RowOp],
) -> int:
    """Save one wizard step in one transaction; return the number of writes (0 when nothing changed).

    Raises ``ConflictError`` when the partnership changed since ``expected_version`` (nothing written) and
    :class:`StepSaveError` listing every refused write (nothing written either). On success the
    partnership's ``version`` is the new one.
    """
    ops = list(ops)
    if not partnership_data and not ops:
        return 0
    # Who may change what (partnerships.policy): refused as a whole before anything is written.
    policy.require_fields(user=user, partnership=partnership, names=partnership_data)
    for model in sorted({ADAPTER_MODELS[op.adapter] for op in ops}):
        policy.require_row(user=user, partnership=partnership, model=model)
    errors: list[tuple[Any, ValidationError]] = []
    partnership.version = expected_version
    with transaction.atomic():
        if partnership_data:
            try:
                with transaction.atomic():
                    ps.partnership_update(
                        partnership=partnership, user=user, expected_version=expected_version, data=partnership_data
                    )
            except ValidationError as error:
                if getattr(error, "code", None) in ("under_review", "closed"):
                    raise
                errors.append((None, error))
        for op in ops:
            if op.instance is not None and hasattr(op.instance, "partnership_id"):
                op.instance.partnership = partnership  # services sync the version onto this object
            try:
                with transaction.atomic():
                    ADAPTERS[op.adapter][op.action](partnership=partnership, user=user, op=op)
            except ValidationError as error:
                if getattr(error, "code", None) in ("under_review", "closed"):
                    raise
                errors.append((op.form, error))
        if errors:
            transaction.set_rollback(True)
    if errors:
        partnership.version = expected_version
        raise StepSaveError(errors)
    return len(ops) + (1 if partnership_data else 0)


#
# Creating a partnership (step 1 on /partnerships/new/)
#


def wizard_partnership_create(*, user, data: Mapping[str, Any], organisation, side: str) -> Partnership:
    """Create the draft from step 1; the creator's organisation takes part as lead on ``side``."""
    return ps.partnership_create(user=user, data=data, lead_organisation=organisation, lead_side=side)


def wizard_organisation_create(*, user, partnership: Partnership, data: Mapping[str, Any]):
    """Register an organisation from the actors step of ``partnership`` (whoever may change that step may add
    the bodies it needs); one of the same name in the same country is named instead (``organisation_create``)."""
    from stakeholders import services as stakeholder_services

    policy.require(policy.Action.EDIT_PART, user=user, partnership=partnership, part="actors_governance")
    return stakeholder_services.organisation_create(data=data, user=user)


def wizard_organisation_update(*, user, organisation, data: Mapping[str, Any]):
    """Change one's own organisation; ``organisation_update`` refuses anyone but its members and administrators
    and records the change in every partnership it takes part in."""
    from stakeholders import services as stakeholder_services

    return stakeholder_services.organisation_update(organisation=organisation, data=data, user=user)


#
# Review and submit (W11)
#


def wizard_feasibility_check(*, partnership: Partnership, user):
    """Run the feasibility check now, in this request, and store the run with its findings."""
    from feasibility.services import feasibility_check_batch

    runs = feasibility_check_batch(ids=[partnership.pk], user=user)
    return runs[0]


def wizard_submit(*, partnership: Partnership, user, comment: str = "") -> str:
    """Submit the partnership to IOM review (``resubmit`` after changes were requested); returns the action.

    Calls the review workflow (``reviews.workflow.review_action_perform``), which checks the guards of §5.2.
    """
    try:
        from reviews.workflow import review_action_perform
    except ImportError as error:  # the review app lands separately
        raise ImproperlyConfigured(str(_("The review workflow is not installed."))) from error
    action = "resubmit" if partnership.review_status == ReviewStatus.CHANGES_REQUESTED else "submit"
    review_action_perform(
        partnership=partnership,
        action=action,
        user=user,
        comment=comment,
        expected_status=partnership.review_status,
    )
    return action


def wizard_withdraw(*, partnership: Partnership, user, comment: str = "") -> None:
    """Take the partnership back from IOM review so that it can be edited again (§5.2 ``withdraw``); the
    workflow checks who may and from which status."""
    from reviews.workflow import review_action_perform

    review_action_perform(
        partnership=partnership,
        action="withdraw",
        user=user,
        comment=comment,
        expected_status=partnership.review_status,
    )


def wizard_stage_move(
    *, partnership: Partnership, user, to_stage: str, reason: str, acknowledge_gaps: bool, closure_reason: str = ""
):
    """Move the lifecycle stage from the wizard or the partnership page through the one stage service (its
    checklist, its record)."""
    return ps.partnership_stage_set(
        partnership=partnership,
        to_stage=to_stage,
        user=user,
        reason=reason,
        acknowledge_gaps=acknowledge_gaps,
        closure_reason=closure_reason,
    )
