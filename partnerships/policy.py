"""Who may do what inside a partnership: the one permission policy (docs/permissions.md).

Reading is decided by ``Partnership.objects.for_user``: a partnership outside it does not exist for the user
(404). Everything else a user may do with a partnership they can see is decided here, by
:func:`decide` over :data:`PERMISSIONS` — a map from an :class:`Action` to a function of the user's
:class:`Standing` in that partnership. The wizard, the web pages, the API, the review workflow and the admin
all ask this module; none of them keeps a rule of its own. A refusal carries a sentence naming the role that
the action needs, which the API answers as 403 and the web pages show as a message.

Standing (one query per user and partnership):

* **administrator** — superusers and users with the admin role: everything;
* **IOM reviewer** — reads every partnership, reviews, comments and asks for checks; never changes data;
* **lead side** — members (officials or API clients) of an organisation whose participation carries ``lead``
  or ``co_lead`` (§4.2): every part of the data and every lead action;
* **participant** — members of another participating organisation: read everything, change the parts their
  organisation's roles make it responsible for (:data:`ROLE_PARTS`), and their own participation's details;
* anyone else sees nothing (404, not here).

Partner API clients (role ``partner``) stand where their organisation stands; in addition they may create
partnerships (their organisation then leads them), like officials.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from codelists.partnerships import WizardStep
from codelists.stakeholders import ParticipationRole

#
# Actions, roles and parts
#


class Action(models.TextChoices):
    """Everything a user may try to do with a partnership, besides reading it."""

    CREATE = "create", _("Create a partnership")
    EDIT_PART = "edit_part", _("Change data of a part (wizard step) of the partnership")
    EDIT_OWN_PARTICIPATION = "edit_own_participation", _("Change the details of one's own participation")
    MANAGE_PARTICIPANTS = "manage_participants", _("Add or remove participants, change their roles and sides")
    HAND_OVER_LEAD = "hand_over_lead", _("Hand the lead over to another participant")
    MOVE_STAGE = "move_stage", _("Move the lifecycle stage")
    CLOSE = "close", _("Close the partnership")
    DELETE = "delete", _("Delete a draft never submitted for review")
    SUBMIT = "submit", _("Submit, resubmit, withdraw or reopen for IOM review")
    REVIEW = "review", _("Start, release, approve or request changes in an IOM review")
    COMMENT = "comment", _("Comment on the partnership")
    REQUEST_CHECK = "request_check", _("Ask for a feasibility check")
    RECORD_RESULTS = "record_results", _("Record reporting periods, indicator values and actual spending")
    RECORD_AGREEMENT = "record_agreement", _("Record the signed agreement (date, published link, clauses, PDF)")
    ADMINISTER = "administer", _("Use the administration site")


class Role(models.TextChoices):
    """A user's standing in one partnership (the columns of the table in docs/permissions.md)."""

    LEAD_ORGANISATION = "lead_organisation", _("Lead organisation (its officials and API clients)")
    CO_LEAD = "co_lead", _("Co-lead organisation (its officials and API clients)")
    PARTICIPANT = "participant", _("Other participant (its officials and API clients)")
    REVIEWER = "reviewer", _("IOM reviewer")
    ADMIN = "admin", _("Administrator")
    NONE = "none", _("No part in the partnership")


#: The parts of a partnership are the wizard's data steps (W1–W10). W11 (review) edits no data.
PARTS: tuple[str, ...] = tuple(code for code in WizardStep.values if code != WizardStep.REVIEW)

_R = ParticipationRole
_S = WizardStep

#: Which parts an organisation's participation roles make it responsible for. ``lead`` and ``co_lead`` have
#: every part; ``advisor`` and ``observer`` none (they read).
ROLE_PARTS: dict[str, frozenset[str]] = {
    _R.LEAD: frozenset(PARTS),
    _R.CO_LEAD: frozenset(PARTS),
    _R.FUNDER: frozenset({_S.COSTS}),
    _R.IMPLEMENTER: frozenset({_S.LOCAL_DEVELOPMENT, _S.SOCIAL}),
    _R.TRAINING_PROVIDER: frozenset({_S.SKILLS}),
    _R.RECRUITER: frozenset({_S.RECRUITMENT}),
    _R.SKILLS_MATCHING: frozenset({_S.EVIDENCE, _S.RECRUITMENT}),
    _R.EMPLOYER: frozenset({_S.EVIDENCE, _S.SKILLS, _S.COSTS}),
    _R.CERTIFICATION_BODY: frozenset({_S.SKILLS}),
    _R.PERMIT_AUTHORITY: frozenset({_S.PATHWAYS}),
    _R.SUPPORT_SERVICE: frozenset({_S.SOCIAL}),
    _R.REINTEGRATION: frozenset({_S.SOCIAL, _S.LOCAL_DEVELOPMENT}),
    _R.DATA_PROVIDER: frozenset({_S.EVIDENCE}),
    _R.ADVISOR: frozenset(),
    _R.INTERMEDIARY: frozenset({_S.RECRUITMENT, _S.SOCIAL}),
    _R.OBSERVER: frozenset(),
}

#: The part each partnership-scoped model belongs to (its wizard step). Participations are special: only the
#: lead side manages them (:attr:`Action.MANAGE_PARTICIPANTS`); a participant edits its own details.
MODEL_PARTS: dict[str, str] = {
    "partnerships.PartnershipCountry": _S.COUNTRIES_OBJECTIVES,
    "partnerships.Objective": _S.COUNTRIES_OBJECTIVES,
    "partnerships.ObjectiveTension": _S.COUNTRIES_OBJECTIVES,
    "partnerships.Indicator": _S.COUNTRIES_OBJECTIVES,
    "partnerships.IndicatorValue": _S.COUNTRIES_OBJECTIVES,
    "partnerships.Evaluation": _S.COUNTRIES_OBJECTIVES,
    "stakeholders.Participation": _S.ACTORS_GOVERNANCE,
    "stakeholders.GovernanceBody": _S.ACTORS_GOVERNANCE,
    "stakeholders.PartnerGap": _S.ACTORS_GOVERNANCE,
    "stakeholders.CapacityActivity": _S.ACTORS_GOVERNANCE,
    "skills.LabourMarketEvidence": _S.EVIDENCE,
    "skills.DataNeed": _S.EVIDENCE,
    "skills.EvidenceReview": _S.EVIDENCE,
    "skills.DataSharingArrangement": _S.EVIDENCE,
    "partnerships.FeasibilityStudy": _S.EVIDENCE,
    "partnerships.LinkedInitiative": _S.LOCAL_DEVELOPMENT,
    "partnerships.BusinessLinkage": _S.LOCAL_DEVELOPMENT,
    "skills.TargetOccupation": _S.SKILLS,
    "skills.OccupationProfile": _S.SKILLS,
    "skills.TrainingProgramme": _S.SKILLS,
    "skills.RecognitionArrangement": _S.SKILLS,
    "skills.SkillsDocumentationTool": _S.SKILLS,
    "partnerships.ContinuumProvision": _S.SOCIAL,
    "partnerships.SocialProtectionCover": _S.SOCIAL,
    "partnerships.GrievanceChannel": _S.SOCIAL,
    "partnerships.Pathway": _S.PATHWAYS,
    "partnerships.PathwayStep": _S.PATHWAYS,
    "costs.CostItem": _S.COSTS,
    "costs.CostShare": _S.COSTS,
    "costs.ExchangeRate": _S.COSTS,  # a partnership's own rates; the shared reference rates are administrators'
    "costs.CostBenefitAnalysis": _S.COSTS,
    "costs.SustainabilityPlan": _S.COSTS,
    "recruitment.Recruiter": _S.RECRUITMENT,
    "recruitment.RecruitmentArrangement": _S.RECRUITMENT,
}

#: The fields of the partnership record each part edits, in the order the wizard shows them (``design.steps``
#: takes them from here). The agreement's fields sit with the basics, which only the lead side edits; fields not
#: listed (lifecycle and review fields) are the lead side's too and change through their own actions.
PART_FIELDS: dict[str, tuple[str, ...]] = {
    _S.BASICS: (
        "name",
        "summary",
        "form_of_engagement",
        "migration_types",
        "start_date",
        "end_date",
        "donor_funded",
        "skill_levels",
        "sectors",
        "training_location",
        "funding_sources",
        "target_groups",
        "development_benefit",
        "corridor_rationale",
        "flex_change_sector",
        "flex_change_skill_level",
        "flex_change_length_of_stay",
        "flexibility_provisions",
        "agreement_clauses",
        "agreement_published",
        "agreement_url",
    ),
    _S.COUNTRIES_OBJECTIVES: (
        "objective_coherence_reviewed_on",
        "climate_assessment",
        "climate_assessment_on",
    ),
    _S.ACTORS_GOVERNANCE: (
        "security_clearance_required",
        "security_clearance_obtained_on",
        "diaspora_engagement_planned",
        "diaspora_mapping_done_on",
    ),
    _S.EVIDENCE: ("matching_process",),
    _S.LOCAL_DEVELOPMENT: (
        "skills_transfer_measures",
        "return_services",
    ),
    _S.SKILLS: (
        "recognition_info_channels",
        "recognition_info_languages",
    ),
    _S.SOCIAL: (
        "aspirations_study_on",
        "aspirations_methods",
        "aspirations_by_gender",
        "gender_analysis_ex_ante_on",
        "gender_imbalances_found",
        "gender_action_plan",
        "inclusion_safeguards",
        "return_entitlements_guaranteed",
        "gender_analysis_ex_post_on",
        "fiscal_cooperation",
    ),
    _S.PATHWAYS: (
        "pathway_mapping_done_on",
        "admission_review_trigger",
        "family_exemption_requested_on",
    ),
    _S.COSTS: (
        "planned_migrants_total",
        "planned_trainees_total",
        "reporting_currency",
        "cost_sharing_models",
        "cost_table_visibility",
        "public_subsidy_safeguards",
        "contingency_budget_pct",
    ),
    _S.RECRUITMENT: (
        "recruitment_standards",
        "health_workforce_safeguards",
    ),
}

#: The part each field of the partnership record belongs to.
PARTNERSHIP_FIELD_PARTS: dict[str, str] = {name: part for part, names in PART_FIELDS.items() for name in names}


def part_label(part: str) -> str:
    """The part's name as people read it ("Costs"), without the wizard's step number."""
    label = str(WizardStep(part).label)
    return label.split(" ", 1)[1] if label.startswith("W") else label


def part_of_model(model: type[models.Model] | str) -> str:
    """The part a partnership-scoped model belongs to (``KeyError`` for a model the policy does not know)."""
    label = model if isinstance(model, str) else model._meta.label
    return MODEL_PARTS[label]


def parts_of_partnership_fields(names: Iterable[str]) -> set[str]:
    """The parts written when these fields of the partnership record change."""
    return {PARTNERSHIP_FIELD_PARTS.get(name, _S.BASICS) for name in names}


#
# Standing
#


@dataclass(frozen=True)
class Standing:
    """Where one user stands in one partnership (computed by :func:`standing`)."""

    role: str
    organisation_ids: frozenset[int] = frozenset()
    parts: frozenset[str] = frozenset()
    is_partner_client: bool = False

    @property
    def lead_side(self) -> bool:
        return self.role in (Role.LEAD_ORGANISATION, Role.CO_LEAD)

    @property
    def participates(self) -> bool:
        return self.lead_side or self.role == Role.PARTICIPANT


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _is_admin(user) -> bool:
    return user.is_superuser or user.role == "admin"


def standing(user, partnership) -> Standing:
    """The user's standing in ``partnership`` (``None`` partnership: a standing without one, for creation).

    One query over the participations of the user's organisations in this partnership; the answer is kept
    on the partnership instance for the rest of the request.
    """
    if not _active(user):
        return Standing(role=Role.NONE)
    if _is_admin(user):
        return Standing(role=Role.ADMIN, parts=frozenset(PARTS))
    if user.role == "reviewer":
        return Standing(role=Role.REVIEWER)
    partner = user.role == "partner"
    if partnership is None or partnership.pk is None:
        return Standing(role=Role.NONE, is_partner_client=partner)
    cache = partnership.__dict__.setdefault("policy_standings", {})
    if user.pk in cache:
        return cache[user.pk]
    Participation = apps.get_model("stakeholders", "Participation")
    rows = list(
        Participation.objects.filter(partnership_id=partnership.pk, organisation__members=user).values_list(
            "organisation_id", "roles"
        )
    )
    roles = {role for _organisation, row_roles in rows for role in (row_roles or ())}
    if _R.LEAD in roles:
        role = Role.LEAD_ORGANISATION
    elif _R.CO_LEAD in roles:
        role = Role.CO_LEAD
    elif rows:
        role = Role.PARTICIPANT
    else:
        role = Role.NONE
    parts = frozenset().union(*(ROLE_PARTS.get(r, frozenset()) for r in roles)) if roles else frozenset()
    result = Standing(
        role=role,
        organisation_ids=frozenset(organisation for organisation, _roles in rows),
        parts=parts,
        is_partner_client=partner,
    )
    cache[user.pk] = result
    return result


def forget(partnership) -> None:
    """Drop the standings kept on ``partnership`` (after participations change in the same request)."""
    partnership.__dict__.pop("policy_standings", None)


#
# Decisions
#


@dataclass(frozen=True)
class Decision:
    """The answer for one action: allowed, or refused with a sentence naming who may do it."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)

_LEAD_SIDE = _("the lead or a co-lead organisation of the partnership (its officials or API clients)")
_LEAD_ORGANISATION = _("the lead organisation of the partnership (its officials or API clients)")


def _refuse(needed, what=None) -> Decision:
    if what is not None:
        return Decision(False, str(_("Only %(who)s may %(what)s.") % {"who": needed, "what": what}))
    return Decision(False, str(_("Only %(who)s may do this.") % {"who": needed}))


def _lead_side_only(what) -> Callable[[Standing, dict], Decision]:
    def check(stand: Standing, context: dict) -> Decision:
        if stand.role == Role.ADMIN or stand.lead_side:
            return ALLOW
        return _refuse(_LEAD_SIDE, what)

    return check


def _create(stand: Standing, context: dict) -> Decision:
    user = context.get("user")
    if stand.role == Role.ADMIN or (user is not None and user.role in ("official", "partner")):
        return ALLOW
    return _refuse(_("government officials and partner API clients"), _("create partnerships"))


def _participant_roles_for(part: str) -> list[str]:
    """The labels of the participation roles, other than lead and co-lead, responsible for ``part``."""
    return [
        str(_R(code).label).lower()
        for code, parts in ROLE_PARTS.items()
        if part in parts and code not in (_R.LEAD, _R.CO_LEAD)
    ]


def _edit_part(stand: Standing, context: dict) -> Decision:
    part = context.get("part") or _S.BASICS
    if stand.role == Role.ADMIN or stand.lead_side or part in stand.parts:
        return ALLOW
    roles = sorted(_participant_roles_for(part))
    if roles:
        needed = _("the lead side, or an organisation taking part as %(roles)s") % {"roles": ", ".join(roles)}
    else:
        needed = _LEAD_SIDE
    return _refuse(needed, _("change “%(part)s”") % {"part": part_label(part)})


def _edit_own_participation(stand: Standing, context: dict) -> Decision:
    participation = context.get("participation")
    if stand.role == Role.ADMIN or stand.lead_side:
        return ALLOW
    if participation is not None and participation.organisation_id in stand.organisation_ids:
        return ALLOW
    return _refuse(_("the organisation itself or the lead side"), _("change this participation"))


def _hand_over(stand: Standing, context: dict) -> Decision:
    if stand.role in (Role.ADMIN, Role.LEAD_ORGANISATION):
        return ALLOW
    return _refuse(_LEAD_ORGANISATION, _("hand the lead over"))


def _review(stand: Standing, context: dict) -> Decision:
    if stand.role in (Role.ADMIN, Role.REVIEWER):
        return ALLOW
    return _refuse(_("IOM reviewers"), _("review partnerships"))


def _reviewers_and_participants(what) -> Callable[[Standing, dict], Decision]:
    def check(stand: Standing, context: dict) -> Decision:
        if stand.role in (Role.ADMIN, Role.REVIEWER) or stand.participates:
            return ALLOW
        return _refuse(_("IOM reviewers and participating organisations"), what)

    return check


def _administer(stand: Standing, context: dict) -> Decision:
    if stand.role == Role.ADMIN:
        return ALLOW
    return _refuse(_("administrators"), _("use the administration site"))


#: The policy: one function per action, each ``(standing, context) -> Decision``.
PERMISSIONS: dict[str, Callable[[Standing, dict], Decision]] = {
    Action.CREATE: _create,
    Action.EDIT_PART: _edit_part,
    Action.EDIT_OWN_PARTICIPATION: _edit_own_participation,
    Action.MANAGE_PARTICIPANTS: _lead_side_only(_("add or remove participants or change their roles")),
    Action.HAND_OVER_LEAD: _hand_over,
    Action.MOVE_STAGE: _lead_side_only(_("move the lifecycle stage")),
    Action.CLOSE: _lead_side_only(_("close the partnership")),
    Action.DELETE: _lead_side_only(_("delete the partnership")),
    Action.SUBMIT: _lead_side_only(_("submit, resubmit, withdraw or reopen the partnership for review")),
    Action.REVIEW: _review,
    Action.COMMENT: _reviewers_and_participants(_("comment")),
    Action.REQUEST_CHECK: _reviewers_and_participants(_("ask for a feasibility check")),
    Action.RECORD_RESULTS: _lead_side_only(_("record results and spending")),
    Action.RECORD_AGREEMENT: _lead_side_only(_("record the signed agreement")),
    Action.ADMINISTER: _administer,
}

#: Actions that are not about one partnership (no standing in a partnership is needed).
GLOBAL_ACTIONS = frozenset({Action.CREATE, Action.ADMINISTER})

assert set(PERMISSIONS) == set(Action.values), "every action has exactly one rule"


def decide(action: str, *, user, partnership=None, part: str | None = None, participation=None) -> Decision:
    """Whether ``user`` may take ``action`` on ``partnership`` (which they can already see), and why not."""
    stand = standing(user, partnership)
    if stand.role == Role.NONE and action not in GLOBAL_ACTIONS:
        return _refuse(_("participating organisations"))
    context = {"user": user, "part": part, "participation": participation}
    return PERMISSIONS[action](stand, context)


def require(action: str, *, user, partnership=None, part: str | None = None, participation=None) -> None:
    """:func:`decide`, raising ``PermissionDenied`` with the reason when refused."""
    decision = decide(action, user=user, partnership=partnership, part=part, participation=participation)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)


def require_fields(*, user, partnership, names: Iterable[str]) -> None:
    """Refuse a change to fields of the partnership record that belong to parts the user may not change."""
    for part in sorted(parts_of_partnership_fields(names)):
        require(Action.EDIT_PART, user=user, partnership=partnership, part=part)


def require_row(*, user, partnership, model, action: str = "") -> None:
    """Refuse a write to a row of ``model`` in ``partnership`` that the user's standing does not allow.

    Participations are managed by the lead side only; a participant's own participation goes through
    :attr:`Action.EDIT_OWN_PARTICIPATION` (the caller checks which fields change).
    """
    label = model if isinstance(model, str) else model._meta.label
    if label == "stakeholders.Participation":
        require(Action.MANAGE_PARTICIPANTS, user=user, partnership=partnership)
        return
    require(Action.EDIT_PART, user=user, partnership=partnership, part=part_of_model(label))


def editable_parts(*, user, partnership) -> frozenset[str]:
    """The parts ``user`` may change in ``partnership`` (for disabling forms)."""
    stand = standing(user, partnership)
    if stand.role == Role.ADMIN or stand.lead_side:
        return frozenset(PARTS)
    return stand.parts


#
# The table of docs/permissions.md, generated from the policy
#

_COLUMNS = (Role.LEAD_ORGANISATION, Role.CO_LEAD, Role.PARTICIPANT, Role.REVIEWER, Role.ADMIN)


class _Somebody:
    """A stand-in user for the table, with the account role that goes with the column's standing."""

    is_superuser = False

    def __init__(self, standing: str):
        self.role = {Role.REVIEWER: "reviewer", Role.ADMIN: "admin"}.get(standing, "official")


def _cell(action: str, role: str, part: str | None) -> str:
    if role == Role.PARTICIPANT and action == Action.EDIT_PART:
        roles = _participant_roles_for(part)
        return f"if it takes part as {', '.join(roles)}" if roles else "no"
    if role == Role.PARTICIPANT and action == Action.EDIT_OWN_PARTICIPATION:
        return "its own participation"
    lead_or_admin = role in (Role.LEAD_ORGANISATION, Role.CO_LEAD, Role.ADMIN)
    stand = Standing(role=role, parts=frozenset(PARTS) if lead_or_admin else frozenset())
    allowed = PERMISSIONS[action](stand, {"user": _Somebody(role), "part": part, "participation": None}).allowed
    return "yes" if allowed else "no"


def permission_table() -> list[tuple[str, list[str]]]:
    """(action, one cell per column of :data:`_COLUMNS`) for every action; changing data has a row per part."""
    rows = []
    for action in Action:
        if action == Action.EDIT_PART:
            for part in PARTS:
                label = f"Change “{part_label(part)}” (step {str(WizardStep(part).label).split(' ', 1)[0]})"
                rows.append((label, [_cell(action, role, part) for role in _COLUMNS]))
            continue
        rows.append((str(action.label), [_cell(action, role, None) for role in _COLUMNS]))
    return rows


def permission_table_markdown() -> str:
    """The action × role table of docs/permissions.md (a test keeps the two identical)."""
    header = "| Action | " + " | ".join(str(Role(role).label) for role in _COLUMNS) + " |"
    lines = [header, "|" + "---|" * (len(_COLUMNS) + 1)]
    for label, cells in permission_table():
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
