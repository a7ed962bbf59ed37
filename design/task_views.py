"""The wizard's home for a partnership and its final check (issue #19): the task list at
``/partnerships/<id>/steps/`` and "Check your answers" at ``/partnerships/<id>/steps/check/``.

Both are read pages: anyone who may see the partnership sees them (``for_user``, 404 otherwise); only users
who may change a step get its "Change" links, and only the lead side gets "Submit". Submitting and
withdrawing post to the review step (``design.views.review_view``), which runs the check and calls the
review workflow. Each page costs a fixed number of queries whatever the size of the partnership.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from codelists.partnerships import ReviewStatus
from design import selectors
from design.forms import OptionCache, fixed_rows, partnership_form_class
from design.overview import COMPLETED, REVIEW_STATUS_HELP, answer_sections, task_groups
from design.steps import STEPS, step_completeness
from design.views import _feedback, _locked_reason
from partnerships import policy

#: Review statuses from which the lead side may (re)submit (§5.2).
SUBMITTABLE_STATUSES = frozenset({ReviewStatus.DRAFT, ReviewStatus.CHANGES_REQUESTED, ReviewStatus.WITHDRAWN})


def _editable_steps(user, partnership, locked: str) -> frozenset[str]:
    """The steps whose "Change" links the user gets: none while the partnership is locked."""
    if locked:
        return frozenset()
    return policy.editable_parts(user=user, partnership=partnership)


def _submission(user, partnership, locked: str) -> dict:
    """Whether the user may submit now, and the data still missing for it (reviews.workflow)."""
    decision = policy.decide(policy.Action.SUBMIT, user=user, partnership=partnership)
    can_submit = decision.allowed and not locked and partnership.review_status in SUBMITTABLE_STATUSES
    gaps = []
    if can_submit:
        try:
            from reviews.workflow import submission_gaps
        except ImportError:  # the review app lands separately
            gaps = []
        else:
            gaps = submission_gaps(partnership=partnership)
    return {
        "can_submit": can_submit,
        "resubmit": partnership.review_status == ReviewStatus.CHANGES_REQUESTED,
        "gaps": gaps,
    }


@login_required
@require_GET
def task_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every step with its status in words, the partnership's stage and review status, and the reviewers'
    requests and comments with their state."""
    partnership = selectors.partnership_get_for_user(user=request.user, partnership_id=pk)
    levels = step_completeness(selectors.partnership_progress(partnership_id=pk))
    run, findings = selectors.latest_findings_by_element(partnership_id=pk)
    feedback = _feedback(request, partnership, "review")  # every open change request, and withdraw
    locked = _locked_reason(partnership)
    groups = task_groups(
        partnership=partnership,
        levels=levels,
        findings=findings,
        change_requests=feedback["change_requests"],
        any_run=run is not None,
    )
    design_tasks = groups[0]["tasks"]
    context = {
        "partnership": partnership,
        "groups": groups,
        "completed": sum(task.status == COMPLETED for task in design_tasks),
        "design_total": len(design_tasks),
        "run": run,
        "stale": run is not None and run.partnership_version != partnership.version,
        "comments": selectors.review_comments_recent(partnership_id=pk),
        "review_status_help": REVIEW_STATUS_HELP.get(partnership.review_status, ""),
        "locked_reason": locked,
        "editable_steps": _editable_steps(request.user, partnership, locked),
        "back_to": "tasks",
        **feedback,
    }
    return render(request, "design/tasks.html", context)


@login_required
@require_GET
def check_answers(request: HttpRequest, pk: int) -> HttpResponse:
    """What is recorded, step by step, in words, with a "Change" link to each answer; "Submit" below."""
    partnership = selectors.partnership_get_for_user(user=request.user, partnership_id=pk)
    names = [name for step in STEPS for name in step.partnership_fields]
    related = selectors.partnership_related_rows(partnership=partnership, names=names)
    # The steps' own forms give the labels and field ids; their options are the loaded rows (no query).
    options = OptionCache(partnership)
    for name, loaded in related.items():
        options.put(partnership._meta.get_field(name).related_model._meta.label, loaded)
    main_forms, rows, fixed_totals = {}, {}, {}
    for step in STEPS:
        if step.partnership_fields:
            main_forms[step.code] = partnership_form_class(step, options)(prefix="main")
        for collection in step.collections:
            rows[collection.prefix] = selectors.answer_rows(
                model_label=collection.model, partnership=partnership, path=collection.partnership_path
            )
            if collection.kind == "fixed":
                fixed_totals[collection.prefix] = len(fixed_rows(collection))
    locked = _locked_reason(partnership)
    context = {
        "partnership": partnership,
        "sections": answer_sections(
            partnership=partnership, main_forms=main_forms, related=related, rows=rows, fixed_totals=fixed_totals
        ),
        "locked_reason": locked,
        "editable_steps": _editable_steps(request.user, partnership, locked),
        **_submission(request.user, partnership, locked),
    }
    return render(request, "design/check_answers.html", context)
