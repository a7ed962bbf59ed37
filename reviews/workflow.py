"""The IOM review workflow, declared as data (SMP-DOMAIN §5.2).

``WORKFLOW`` maps each review action to one :class:`Transition`: the states it may start from, the state it
leads to, who may take it, the guards that must hold, the effects it has and who is told. Views, the wizard
and the API never test review states themselves; they call:

* :func:`review_action_perform` — take an action (raises ``ValidationError`` with a clear message otherwise);
* :func:`review_actions_available` — the actions a user may take now (for buttons);
* :func:`review_action_blockers` — why an available action would be refused now (guards);
* :func:`review_comment_add` — a comment on the whole partnership, one element or one rule.

Every action writes a ``ReviewTransition`` row (who, when, from, to, comment) and a simple-history record
of the partnership with the acting user; comments are historised too (``reviews.models``). The lifecycle
stage is separate and changes only through ``partnerships.services.partnership_stage_set``.

    draft ──submit──► submitted ──start_review──► in_review ──approve──► approved
                         ▲  ◄──────release───────┘   │                      │
                         │                     request_changes              │
                         └──resubmit── changes_requested                    │
    submitted / in_review / changes_requested ──withdraw──► withdrawn       │
    withdrawn / approved ──reopen──► draft ◄────────────────────────────────┘
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codelists.partnerships import ElementCode, ReviewAction, ReviewStatus, Stage
from partnerships import policy
from partnerships.models import Partnership
from partnerships.services import history_note
from reviews import services
from reviews.models import ReviewComment, ReviewTransition
from smp.history import REVIEW, reason_with

A = ReviewAction
S = ReviewStatus


class Actor(StrEnum):
    """Who may take an action (§5.2 "Who")."""

    OFFICIAL = "official"  # an official (or API client) of an organisation taking part
    REVIEWER = "reviewer"  # any IOM reviewer
    ASSIGNED_REVIEWER = "assigned_reviewer"  # the reviewer who started the review


ACTOR_LABELS = {
    Actor.OFFICIAL: _("the lead or a co-lead organisation of the partnership (its officials or API clients)"),
    Actor.REVIEWER: _("an IOM reviewer"),
    Actor.ASSIGNED_REVIEWER: _("the assigned reviewer"),
}


class Audience(StrEnum):
    """Who is notified after an action."""

    REVIEWERS = "reviewers"  # the assigned reviewer, else every reviewer
    OFFICIALS = "officials"  # officials of the participating organisations


@dataclass(frozen=True)
class Step:
    """Context handed to guards and effects: the locked partnership, the user and the comment."""

    partnership: Partnership
    user: Any
    comment: str


Guard = Callable[[Step], list[str]]
Effect = Callable[[Step], dict[str, Any]]


@dataclass(frozen=True)
class Transition:
    """One row of the §5.2 table. ``str(transition)`` is its action code."""

    action: str
    sources: frozenset[str]
    target: str
    actor: Actor
    label: Any
    guards: tuple[Guard, ...] = ()
    effect: Effect | None = None
    notify: Audience | None = None
    notice: Any = ""  # the notification text; %(name)s, %(user)s and %(comment)s are filled in
    comment_required: bool = False
    requests_feasibility_run: bool = False
    button: str = "outline-primary"  # Bootstrap button style in the review page
    help: Any = ""

    def __str__(self) -> str:
        return self.action


#
# Guards: each returns the list of reasons the action cannot be taken now (empty = fine)
#

# What "W1–W3 required fields complete" means for ``submit`` [product default]: the exit data of stage
# ``exploration`` (§5.1) that the first three wizard steps collect. (step, message, check); the checks use
# only ``all()``/``exists()`` so they work on a partnership loaded by ``partnership_get_full`` without a query.
SUBMISSION_REQUIREMENTS: tuple[tuple[str, Any, Callable[[Partnership], bool]], ...] = (
    ("basics", _("Give the partnership a name."), lambda p: bool((p.name or "").strip())),
    ("basics", _("Write a short summary."), lambda p: bool((p.summary or "").strip())),
    ("basics", _("Choose the form of engagement."), lambda p: bool(p.form_of_engagement)),
    ("basics", _("Choose at least one type of migration."), lambda p: bool(p.migration_types)),
    ("basics", _("Choose at least one sector."), lambda p: p.sectors.exists()),
    (
        "countries_objectives",
        _("Add at least one country of origin."),
        lambda p: any(c.side == "origin" for c in p.countries.all()),
    ),
    (
        "countries_objectives",
        _("Add at least one country of destination."),
        lambda p: any(c.side == "destination" for c in p.countries.all()),
    ),
    (
        "actors_governance",
        _("Name the lead organisation (a participation with the role lead)."),
        lambda p: any("lead" in (x.roles or []) for x in p.participations.all()),
    ),
)


def submission_gaps(*, partnership: Partnership) -> list[tuple[str, str]]:
    """The W1–W3 data still missing before the partnership can be submitted: (wizard step, message) pairs."""
    return [(step, str(message)) for step, message, check in SUBMISSION_REQUIREMENTS if not check(partnership)]


def guard_submission_complete(step: Step) -> list[str]:
    gaps = submission_gaps(partnership=step.partnership)
    return [str(_("Before submitting: %(gap)s") % {"gap": message}) for _step, message in gaps]


def guard_not_closed(step: Step) -> list[str]:
    if step.partnership.stage == Stage.CLOSED:
        return [str(_("A closed partnership cannot be submitted for review."))]
    return []


def _open_change_requests(partnership: Partnership) -> int:
    return ReviewComment.objects.filter(partnership=partnership, requests_change=True, resolved=False).count()


def guard_has_change_requests(step: Step) -> list[str]:
    if not _open_change_requests(step.partnership):
        return [
            str(
                _(
                    "Say what must change first: add at least one comment that requests a change (on an element "
                    "or on the whole partnership)."
                )
            )
        ]
    return []


def guard_no_open_change_requests(step: Step) -> list[str]:
    count = _open_change_requests(step.partnership)
    if count:
        return [
            str(
                _("%(count)s requested change(s) are still open: mark them resolved or request changes again.")
                % {"count": count}
            )
        ]
    return []


def guard_latest_run_current(step: Step) -> list[str]:
    """The latest feasibility run succeeded on the current data fingerprint, without recruitment fail."""
    from feasibility.fingerprint import data_fingerprint
    from feasibility.models import FeasibilityRun, RecruitmentVerdict, RunStatus
    from feasibility.registry import RULESET_VERSION
    from partnerships.selectors import partnership_get_for_check

    p = step.partnership
    latest = FeasibilityRun.objects.filter(partnership=p).order_by("-created_at", "-id").first()
    if latest is None:
        return [str(_("No feasibility check has run yet: run the check, then approve."))]
    if latest.status in (RunStatus.QUEUED, RunStatus.RUNNING):
        return [str(_("The feasibility check is still running: approve once it has finished."))]
    if latest.status == RunStatus.FAILED:
        return [str(_("The latest feasibility check failed: run the check again, then approve."))]
    problems = []
    current = data_fingerprint(partnership_get_for_check(partnership_id=p.pk), ruleset_version=RULESET_VERSION)
    if latest.data_fingerprint != current:
        problems.append(
            str(_("The data or the rules changed since the latest feasibility check: run the check again."))
        )
    if latest.recruitment_verdict == RecruitmentVerdict.FAIL:
        flags = ", ".join(latest.red_flags or []) or "—"
        problems.append(
            str(
                _("The ethical-recruitment check fails (red flags: %(flags)s): it must not fail for approval.")
                % {"flags": flags}
            )
        )
    return problems


def guard_reason_given(step: Step) -> list[str]:
    if not step.comment.strip():
        return [str(_("Give a reason."))]
    return []


#
# Effects: each returns the Partnership fields to write
#


def effect_new_round(step: Step) -> dict[str, Any]:
    return {"review_round": step.partnership.review_round + 1}


def effect_assign(step: Step) -> dict[str, Any]:
    return {"assigned_reviewer": step.user}


def effect_unassign(step: Step) -> dict[str, Any]:
    return {"assigned_reviewer": None}


def effect_approve(step: Step) -> dict[str, Any]:
    p = step.partnership
    return {
        "approved_version": p.version,
        "approved_stage": p.stage,
        "approved_at": timezone.now(),
        "approved_by": step.user,
    }


#
# The table (§5.2)
#

WORKFLOW: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            action=A.SUBMIT,
            sources=frozenset({S.DRAFT}),
            target=S.SUBMITTED,
            actor=Actor.OFFICIAL,
            label=_("Submit for IOM review"),
            guards=(guard_not_closed, guard_submission_complete),
            effect=effect_new_round,
            notify=Audience.REVIEWERS,
            notice=_("%(user)s submitted “%(name)s” for review."),
            requests_feasibility_run=True,
            button="primary",
            help=_("IOM reviewers are told; the data is read-only while it is under review."),
        ),
        Transition(
            action=A.START_REVIEW,
            sources=frozenset({S.SUBMITTED}),
            target=S.IN_REVIEW,
            actor=Actor.REVIEWER,
            label=_("Start the review"),
            effect=effect_assign,
            button="primary",
            help=_("You become the assigned reviewer."),
        ),
        Transition(
            action=A.RELEASE,
            sources=frozenset({S.IN_REVIEW}),
            target=S.SUBMITTED,
            actor=Actor.ASSIGNED_REVIEWER,
            label=_("Release the review"),
            effect=effect_unassign,
            help=_("Another reviewer can take it over."),
        ),
        Transition(
            action=A.REQUEST_CHANGES,
            sources=frozenset({S.IN_REVIEW}),
            target=S.CHANGES_REQUESTED,
            actor=Actor.ASSIGNED_REVIEWER,
            label=_("Request changes"),
            guards=(guard_has_change_requests,),
            notify=Audience.OFFICIALS,
            notice=_("%(user)s requested changes to “%(name)s”. %(comment)s"),
            button="warning",
            help=_("The officials are told and can edit the data again."),
        ),
        Transition(
            action=A.RESUBMIT,
            sources=frozenset({S.CHANGES_REQUESTED}),
            target=S.SUBMITTED,
            actor=Actor.OFFICIAL,
            label=_("Resubmit for review"),
            effect=effect_new_round,
            notify=Audience.REVIEWERS,
            notice=_("%(user)s resubmitted “%(name)s” after changes. %(comment)s"),
            requests_feasibility_run=True,
            button="primary",
            help=_("A new review round starts and the feasibility check runs again."),
        ),
        Transition(
            action=A.APPROVE,
            sources=frozenset({S.IN_REVIEW}),
            target=S.APPROVED,
            actor=Actor.ASSIGNED_REVIEWER,
            label=_("Approve"),
            guards=(guard_latest_run_current, guard_no_open_change_requests),
            effect=effect_approve,
            notify=Audience.OFFICIALS,
            notice=_("%(user)s approved “%(name)s”. %(comment)s"),
            button="success",
            help=_("Approves the current version of the data."),
        ),
        Transition(
            action=A.WITHDRAW,
            sources=frozenset({S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED}),
            target=S.WITHDRAWN,
            actor=Actor.OFFICIAL,
            label=_("Withdraw from review"),
            guards=(guard_reason_given,),
            notify=Audience.REVIEWERS,
            notice=_("%(user)s withdrew “%(name)s” from review: %(comment)s"),
            comment_required=True,
            button="outline-danger",
            help=_("Takes the partnership out of review so that it can be edited."),
        ),
        Transition(
            action=A.REOPEN,
            sources=frozenset({S.WITHDRAWN, S.APPROVED}),
            target=S.DRAFT,
            actor=Actor.OFFICIAL,
            label=_("Reopen as a draft"),
            help=_("Back to draft; an earlier approval stays in the history."),
        ),
    )
}

assert set(WORKFLOW) == set(ReviewAction.values), "every review action of §5.2 is declared exactly once"


#
# Who may act
#


def actor_allowed(*, transition: Transition, partnership: Partnership, user) -> bool:
    """Whether ``user`` is who the table says may take ``transition`` on ``partnership``.

    The officials' actions belong to the lead side and the reviewers' to IOM reviewers, as the permission
    policy says (``partnerships.policy``, docs/permissions.md); the assigned reviewer is this table's own rule.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if transition.actor == Actor.OFFICIAL:
        return policy.decide(policy.Action.SUBMIT, user=user, partnership=partnership).allowed
    if not policy.decide(policy.Action.REVIEW, user=user, partnership=partnership).allowed:
        return False
    if transition.actor == Actor.ASSIGNED_REVIEWER:
        return partnership.assigned_reviewer_id == user.pk
    return True


def _transition(action: str) -> Transition:
    try:
        return WORKFLOW[action]
    except KeyError:
        raise ValidationError(
            _("%(action)s is not a review action. Use one of: %(actions)s."),
            code="unknown_action",
            params={"action": action, "actions": ", ".join(WORKFLOW)},
        ) from None


def _status_label(status: str) -> str:
    return str(ReviewStatus(status).label).lower() if status in ReviewStatus.values else status


def _refusal(transition: Transition, partnership: Partnership, user) -> ValidationError | None:
    """Why ``user`` cannot take ``transition`` now regardless of guards (state or role), or ``None``."""
    if partnership.review_status not in transition.sources:
        return ValidationError(
            _("“%(label)s” is not possible while the partnership is %(status)s; it is possible from: %(sources)s."),
            code="illegal_transition",
            params={
                "label": transition.label,
                "status": _status_label(partnership.review_status),
                "sources": ", ".join(_status_label(s) for s in sorted(transition.sources)),
            },
        )
    if not actor_allowed(transition=transition, partnership=partnership, user=user):
        reviewer = services.user_is_reviewer(user)
        if transition.actor == Actor.ASSIGNED_REVIEWER and partnership.assigned_reviewer_id and reviewer:
            return ValidationError(
                _("Only the assigned reviewer (%(reviewer)s) can do this; they can release the review to you."),
                code="not_allowed",
                params={"reviewer": partnership.assigned_reviewer},
            )
        return ValidationError(
            _("Only %(who)s can do this."), code="not_allowed", params={"who": ACTOR_LABELS[transition.actor]}
        )
    return None


#
# Public API
#


def review_actions_available(*, partnership: Partnership, user) -> list[Transition]:
    """The transitions ``user`` may take from the partnership's current review status (guards not checked).

    Each item is a :class:`Transition` (``.action``, ``.label``, ``.comment_required`` …; ``str()`` gives
    the action code). Use :func:`review_action_blockers` to know whether a guard would refuse it now.
    """
    return [
        t
        for t in WORKFLOW.values()
        if partnership.review_status in t.sources and actor_allowed(transition=t, partnership=partnership, user=user)
    ]


def review_action_blockers(*, partnership: Partnership, action: str, user, comment: str = "") -> list[str]:
    """Every reason why ``action`` would be refused now (state, role, guards); empty when it would pass."""
    transition = _transition(action)
    refusal = _refusal(transition, partnership, user)
    if refusal is not None:
        return list(refusal.messages)
    step = Step(partnership=partnership, user=user, comment=comment or "")
    return [message for guard in transition.guards for message in guard(step)]


def review_action_perform(
    *, partnership: Partnership, action: str, user, comment: str = "", expected_status: str | None = None
) -> ReviewTransition:
    """Take the review ``action`` on ``partnership`` as ``user`` (SMP-DOMAIN §5.2) and return its audit row.

    Checks the source state, who may act and the guards; applies the effects (review round, assigned
    reviewer, approval fields), records a ``ReviewTransition`` and a history record, requests a feasibility
    run on ``submit``/``resubmit`` (enqueued after commit) and notifies officials or reviewers. With
    ``expected_status`` the action is refused if someone else moved the review meanwhile (stale page).
    Raises ``django.core.exceptions.ValidationError`` with a message saying why, and writes nothing then.
    """
    transition = _transition(action)
    comment = (comment or "").strip()
    with transaction.atomic():
        current = (
            Partnership.objects.select_for_update(of=("self",))
            .select_related("assigned_reviewer")
            .get(pk=partnership.pk)
        )
        if expected_status is not None and current.review_status != expected_status:
            raise ValidationError(
                _("Someone changed the review meanwhile: the partnership is now %(status)s. Reload the page."),
                code="stale",
                params={"status": _status_label(current.review_status)},
            )
        refusal = _refusal(transition, current, user)
        if refusal is not None:
            raise refusal
        step = Step(partnership=current, user=user, comment=comment)
        problems = [message for guard in transition.guards for message in guard(step)]
        if problems:
            raise ValidationError(problems, code="guard")

        from_status = current.review_status
        updates: dict[str, Any] = {"review_status": transition.target}
        if transition.effect is not None:
            updates.update(transition.effect(step))
        # Conditional on the state we checked: two concurrent actions cannot both pass (no lock on SQLite).
        values = {(k + "_id" if k in ("assigned_reviewer", "approved_by") else k): _pk(v) for k, v in updates.items()}
        changed = Partnership.objects.filter(pk=current.pk, review_status=from_status).update(
            updated_at=timezone.now(), **values
        )
        if not changed:
            raise ValidationError(
                _("Someone changed the review meanwhile. Reload the page and try again."), code="stale"
            )
        fresh = Partnership.objects.select_related("assigned_reviewer").get(pk=current.pk)
        # Stored in English ("review: Approve"), shown in the reader's language (smp.history.reason_shown).
        history_note(fresh, user=user, reason=reason_with(REVIEW, ReviewAction(transition.action).label))
        fresh.save(update_fields=sorted({*(k for k in updates), "updated_at"}))
        record = ReviewTransition.objects.create(
            partnership=fresh,
            action=transition.action,
            from_status=from_status,
            to_status=transition.target,
            user=user,
            comment=comment,
        )
        if transition.requests_feasibility_run:
            from feasibility.services import feasibility_run_request

            # The transition stands even when the job queue is down: the run is then failed with the reason.
            feasibility_run_request(partnership=fresh, user=user, raise_if_unavailable=False)
            # Keep the dashboard's cost figures current for what reviewers are about to read.
            services.partnership_figures_refresh(partnership_ids=[fresh.pk])
        if transition.notify is not None:
            recipients = (
                services.reviewers_of(partnership=fresh)
                if transition.notify == Audience.REVIEWERS
                else services.officials_of(partnership=fresh)
            )
            name = getattr(user, "get_full_name", lambda: "")() or getattr(user, "username", "")
            values = {"user": name, "name": fresh.name, "comment": comment}
            services.notifications_create(
                partnership=fresh,
                recipients=recipients,
                actor=user,
                action=transition.action,
                # Written for each recipient in their own language (notifications_create activates it).
                message=lambda: (str(transition.notice) % values).strip(),
            )
    for name in (
        "review_status",
        "review_round",
        "assigned_reviewer_id",
        "approved_version",
        "approved_stage",
        "approved_at",
        "approved_by_id",
        "updated_at",
    ):
        setattr(partnership, name, getattr(fresh, name))
    for cached in ("assigned_reviewer", "approved_by"):
        partnership._state.fields_cache.pop(cached, None)
    return record


def _pk(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") and hasattr(value, "_meta") else value


def review_comment_add(
    *,
    partnership: Partnership,
    user,
    text: str,
    element: str = "",
    rule_id: str = "",
    requests_change: bool = False,
) -> ReviewComment:
    """Add a review comment on the partnership, one element (E1–E8, R) or one rule (e.g. ``E3.R2``).

    Reviewers may comment at any time and may mark a comment as requesting a change; officials of the
    partnership may answer with plain comments. A rule id implies its element. Raises ``ValidationError``
    on the field to fix (empty text, unknown element or rule, rule of another element, no access).
    """
    text = (text or "").strip()
    element = (element or "").strip()
    rule_id = (rule_id or "").strip()
    reviewer = services.user_is_reviewer(user)
    decision = policy.decide(policy.Action.COMMENT, user=user, partnership=partnership)
    if not decision.allowed:
        raise ValidationError(decision.reason, code="not_allowed")
    errors: dict[str, ValidationError] = {}
    if not text:
        errors["text"] = ValidationError(_("Write the comment."), code="required")
    if element and element not in ElementCode.values:
        errors["element"] = ValidationError(
            _("%(element)s is not an element: use E1 to E8 or R."), code="invalid", params={"element": element}
        )
    if rule_id:
        from feasibility.registry import REGISTRY, element_of

        try:
            rule_element = element_of(rule_id)
        except ValueError:
            errors["rule_id"] = ValidationError(
                _("%(rule)s is not a rule id (for example E3.R2 or R.11)."), code="invalid", params={"rule": rule_id}
            )
        else:
            if rule_id not in REGISTRY:
                errors["rule_id"] = ValidationError(
                    _("There is no rule %(rule)s."), code="unknown_rule", params={"rule": rule_id}
                )
            elif element and element != rule_element:
                errors["rule_id"] = ValidationError(
                    _("Rule %(rule)s belongs to element %(expected)s, not %(element)s."),
                    code="rule_other_element",
                    params={"rule": rule_id, "expected": rule_element, "element": element},
                )
            element = element or rule_element
    if requests_change and not reviewer:
        errors["requests_change"] = ValidationError(_("Only IOM reviewers can request changes."), code="not_allowed")
    if errors:
        raise ValidationError(errors)
    comment = ReviewComment(
        partnership=partnership,
        element=element,
        rule_id=rule_id,
        text=text,
        requests_change=requests_change,
        author=user,
    )
    comment.full_clean()
    history_note(comment, user=user)
    comment.save()
    return comment


__all__ = [
    "WORKFLOW",
    "Actor",
    "Transition",
    "review_action_blockers",
    "review_action_perform",
    "review_actions_available",
    "review_comment_add",
    "submission_gaps",
]
