"""The partnership page (``/partnerships/<id>/``): one place to see a partnership, for everyone who may see it.

Tabs: Design (what each wizard step records, with links to the wizard, and the lead side's stage moves),
Monitoring (``monitoring.monitoring_views``), Feasibility (every check, and the difference between two),
Review (transitions with reasons, stage changes, comments) and History (who changed what, when, before and
after). Thin: reads through ``monitoring.selectors`` and the apps' selectors, the shared header through
``monitoring.page``, writes through ``design.stage_move`` (the one stage service). Outsiders get 404
(``partnership_get_for_user``); each tab costs a fixed number of queries whatever the partnership's size.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from agreements.forms import SignedAgreementForm
from agreements.selectors import agreement_draft_current, signed_agreement_of
from agreements.services import agreement_draft_language
from codelists.partnerships import Stage
from design import selectors as design_selectors
from design.overview import task_groups
from design.stage_move import stage_move_from_post, stage_move_options
from design.steps import STEPS_BY_CODE, step_completeness
from feasibility.inputs import fix_link
from feasibility.models import RecruitmentVerdict
from monitoring import selectors
from monitoring.page import page_context, step_summaries
from partnerships import policy


def _partnership(request: HttpRequest, pk: int):
    return design_selectors.partnership_get_for_user(user=request.user, partnership_id=pk)


#
# Design
#


@login_required
@require_GET
def design_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """What each step of the wizard records, its status in words and a link to it; the lifecycle stage."""
    partnership = _partnership(request, pk)
    progress = design_selectors.partnership_progress(partnership_id=pk)
    run, findings = design_selectors.latest_findings_by_element(partnership_id=pk)
    groups = task_groups(
        partnership=partnership,
        levels=step_completeness(progress),
        findings=findings,
        change_requests=design_selectors.open_change_requests(partnership_id=pk),
        any_run=run is not None,
    )
    facts = step_summaries(progress)
    steps = [
        {"task": task, "number": STEPS_BY_CODE[task.code].number, "facts": facts.get(task.code, [])}
        for task in groups[0]["tasks"]
    ]
    last_move = partnership.stage_changes.select_related("user").order_by("-at", "-pk").first()
    context = {
        **page_context(request=request, partnership=partnership, tab="design"),
        "steps": steps,
        "summary": partnership.summary,
        "stage_move": stage_move_options(user=request.user, partnership=partnership),
        "last_move": last_move,
        "signed_form": SignedAgreementForm(
            initial={
                "version": partnership.version,
                "signed_on": partnership.agreement_signed_on,
                "url": partnership.agreement_url,
                "clauses": partnership.agreement_clauses,
            }
        )
        if policy.decide(policy.Action.RECORD_AGREEMENT, user=request.user, partnership=partnership).allowed
        else None,
        "signed_agreement": signed_agreement_of(partnership=partnership),
        "agreement_draft": agreement_draft_current(
            partnership=partnership, language=agreement_draft_language(translation.get_language())
        ),
    }
    return render(request, "monitoring/design_tab.html", context)


@login_required
@require_POST
def stage_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the lifecycle stage (lead side, §5): forward one stage once open gaps are acknowledged (§5.1),
    back or to closed with a reason. Refused moves come back as a message above the stage form."""
    partnership = _partnership(request, pk)
    action = policy.Action.CLOSE if request.POST.get("to_stage") == Stage.CLOSED else policy.Action.MOVE_STAGE
    decision = policy.decide(action, user=request.user, partnership=partnership)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    stage_move_from_post(request, partnership)
    return redirect(reverse("monitoring:page", args=[pk]) + "#stage")


#
# Feasibility
#


#: An element's outcome in a run (``element_results``' status, or the recruitment verdict), in words.
ELEMENT_STATUS_LABELS = {
    **dict(RecruitmentVerdict.choices),
    "not_applicable": gettext_lazy("Not applicable"),
}


def _run_id(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


@login_required
@require_GET
def feasibility_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """Every feasibility check of the partnership (paginated), the newest result per element, and the
    difference between two checks (``?a=<older>&b=<newer>``): findings that appeared, disappeared or changed
    outcome."""
    from reviews.selectors import findings_by_element

    partnership = _partnership(request, pk)
    runs = selectors.feasibility_runs_page(partnership=partnership, page=request.GET.get("page"))
    latest = selectors.latest_run_with_findings(partnership=partnership)
    difference = None
    compare_error = ""
    if "a" in request.GET or "b" in request.GET:
        run_a, run_b = _run_id(request.GET.get("a")), _run_id(request.GET.get("b"))
        if run_a and run_b:
            difference = selectors.runs_difference(partnership=partnership, run_a_id=run_a, run_b_id=run_b)
        if difference is None:
            compare_error = _("Choose two different checks of this partnership to compare.")
    elements = findings_by_element(latest)
    for element in elements:
        element["status_label"] = ELEMENT_STATUS_LABELS.get(element["status"], "")
        for finding in element["not_passing"]:
            finding.fix = fix_link(partnership.pk, finding.rule_id)  # the field (or the Monitoring tab) that fixes it
    groups = []
    if difference is not None:
        groups = [
            ("changed", _("Findings that changed outcome"), difference["changed"]),
            ("appeared", _("Findings that appeared"), difference["appeared"]),
            ("disappeared", _("Findings that disappeared"), difference["disappeared"]),
        ]
    context = {
        **page_context(request=request, partnership=partnership, tab="feasibility"),
        "runs": runs,
        "latest": latest,
        "elements": elements,
        "difference": difference,
        "difference_groups": groups,
        "compare_error": compare_error,
        "can_check": policy.decide(policy.Action.REQUEST_CHECK, user=request.user, partnership=partnership).allowed,
    }
    return render(request, "monitoring/feasibility_tab.html", context)


#
# Review
#


@login_required
@require_GET
def review_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The review's course: status, transitions with their reasons, stage changes with the gaps acknowledged,
    and every comment; reviewers get a link to their working page."""
    from reviews.selectors import review_page_data

    partnership = _partnership(request, pk)
    data = review_page_data(partnership=partnership)
    context = {
        **page_context(request=request, partnership=partnership, tab="review"),
        "transitions": data["transitions"],
        "stage_changes": data["stage_changes"],
        "comments": data["comments"],
        "open_change_requests": data["open_change_requests"],
        "can_comment": policy.decide(policy.Action.COMMENT, user=request.user, partnership=partnership).allowed,
    }
    return render(request, "monitoring/review_tab.html", context)


#
# History
#


@login_required
@require_GET
def history_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed what and when, before and after: the partnership's audit history merged with its rows',
    newest first, a page at a time."""
    partnership = _partnership(request, pk)
    page, entries = selectors.history_page(partnership=partnership, page=request.GET.get("page"))
    if request.GET.get("page") and str(page.number) != request.GET.get("page"):
        messages.info(request, _("That page does not exist; here is page %(page)s.") % {"page": page.number})
    context = {
        **page_context(request=request, partnership=partnership, tab="history"),
        "page": page,
        "entries": entries,
    }
    return render(request, "monitoring/history_tab.html", context)
