"""Views of the reviews app: portfolio dashboard, partnership review page, review actions, exports, inbox.

The PDF design brief is never rendered here: ``brief_prepare`` records a request that a Celery worker
fulfils, ``brief_status`` shows its progress and ``brief_download`` serves the stored file.

Thin: they read through ``reviews.selectors``, write through ``reviews.workflow`` / ``reviews.services`` and
turn a ``ValidationError`` into a message next to the form that caused it (status 400, nothing typed is
lost). Every partnership is looked up through ``Partnership.objects.for_user`` — 404 outside it.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from codelists.partnerships import ElementCode
from codelists.reviews import BriefStatus
from design.selectors import partnership_get_for_user
from feasibility.inputs import fix_link, practices_for_rules
from partnerships.models import Partnership
from partnerships.selectors import partnership_get_full
from reviews import exports, forms, selectors, services
from reviews.models import ReviewComment, private_storage
from reviews.workflow import (
    WORKFLOW,
    review_action_blockers,
    review_action_perform,
    review_actions_available,
    review_comment_add,
)
from smp.exceptions import BrokerUnavailable
from smp.exports import CSV_BOM, spreadsheet_safe


def _visible_partnership(request: HttpRequest, pk: int) -> Partnership:
    return get_object_or_404(Partnership.objects.for_user(request.user), pk=pk)


def _errors_of(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [message for messages_ in error.message_dict.values() for message in messages_]
    return list(error.messages)


#
# Portfolio dashboard
#


def _filter_form(request: HttpRequest) -> forms.PortfolioFilterForm:
    form = forms.PortfolioFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # invalid values are dropped and shown next to their field
    return form


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The portfolio at a glance: headline figures, element heatmap and charts, narrowed by the filters."""
    form = _filter_form(request)
    partnerships = selectors.portfolio_partnerships(user=request.user, filters=form.filters())
    summary = selectors.portfolio_summary(partnerships=partnerships)
    data = form.cleaned_data if form.is_bound else {}
    heatmap = selectors.heatmap_page(
        partnerships=partnerships, sort=data.get("sort") or "name", page=data.get("page") or 1
    )
    query = request.GET.copy()
    for key in ("page", "sort"):
        query.pop(key, None)
    return render(
        request,
        "reviews/dashboard.html",
        {
            "form": form,
            "summary": summary,
            "charts": selectors.portfolio_charts(summary),
            "heatmap": heatmap,
            "elements": selectors.ELEMENT_CODES,
            "element_names": dict(ElementCode.choices),
            "filter_query": query.urlencode(),
            "sees_everything": request.user.sees_everything,
            "overdue": selectors.overdue_reports(partnerships=partnerships),
        },
    )


class _Echo:
    def write(self, value):
        return value


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _portfolio_export_rows(request: HttpRequest):
    form = _filter_form(request)
    partnerships = selectors.portfolio_partnerships(user=request.user, filters=form.filters())
    return selectors.portfolio_export_rows(partnerships=partnerships)


def _portfolio_filename(extension: str) -> str:
    return f"smp-portfolio-{timezone.localtime().strftime('%Y%m%d-%H%M')}.{extension}"


@login_required
@require_GET
def dashboard_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered portfolio as CSV, one row per partnership (streamed)."""
    rows = _portfolio_export_rows(request)
    writer = csv.writer(_Echo())

    def lines():
        # UTF-8 with a byte-order mark; every cell through spreadsheet_safe (no formulas, numbers to 2 places).
        yield CSV_BOM + writer.writerow(exports.portfolio_header())
        for row in exports.portfolio_rows(rows.iterator(chunk_size=1000)):
            yield writer.writerow([spreadsheet_safe(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_portfolio_filename("csv")}"'
    return response


@login_required
@require_GET
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    """The filtered portfolio as an Excel workbook: the CSV's columns, with typed cells."""
    response = HttpResponse(
        exports.portfolio_xlsx(partnerships=_portfolio_export_rows(request)), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{_portfolio_filename("xlsx")}"'
    return response


@login_required
@require_GET
def cost_table_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """A partnership's cost table as an Excel workbook, to anyone who may see the partnership (else 404)."""
    partnership = partnership_get_for_user(user=request.user, partnership_id=pk)
    p = partnership_get_full(partnership_id=partnership.pk)
    response = HttpResponse(exports.cost_table_xlsx(partnership=p), content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localtime().strftime("%Y%m%d")
    name = slugify(partnership.name)[:40] or partnership.pk
    response["Content-Disposition"] = f'attachment; filename="smp-costs-{name}-{stamp}.xlsx"'
    return response


#
# Partnership review page
#


def _review_context(request: HttpRequest, partnership: Partnership, **overrides) -> dict:
    p = selectors.review_partnership_get(partnership_id=partnership.pk)
    page = selectors.review_page_data(partnership=p)
    user = request.user
    available = review_actions_available(partnership=p, user=user)
    actions = [
        {
            "transition": t,
            "blockers": review_action_blockers(partnership=p, action=t.action, user=user)
            if t.guards and not t.comment_required
            else [],
        }
        for t in available
        if t.action != "request_changes"
    ]
    can_request_changes = any(t.action == "request_changes" for t in available)
    comments_by_element: dict[str, list[ReviewComment]] = {}
    for comment in page["comments"]:
        comments_by_element.setdefault(comment.element or "", []).append(comment)
    elements = selectors.findings_by_element(page["latest_run"])
    open_findings = [f for element in elements for f in element["findings"] if f.status in ("WARN", "FAIL")]
    # "How others did it": at most two practices per open finding, one query for all of them.
    practices = practices_for_rules([f.rule_id for f in open_findings], limit=2)
    for element in elements:
        element["comments"] = comments_by_element.get(element["code"], [])
        for finding in element["findings"]:
            if finding.status in ("WARN", "FAIL"):
                finding.fix = fix_link(p.pk, finding.rule_id)
                finding.practices = practices.get(finding.rule_id, [])
    compare = None
    compare_form = forms.CompareForm(request.GET if "run_a" in request.GET else None)
    if compare_form.is_bound and compare_form.is_valid():
        compare = selectors.runs_compare(
            partnership=p, run_a_id=compare_form.cleaned_data["run_a"], run_b_id=compare_form.cleaned_data["run_b"]
        )
        if compare is None:
            compare_form.add_error(None, _("Choose two different runs of this partnership."))
    initial_element = request.GET.get("element", "")
    context = {
        "p": p,
        "page": page,
        "elements": elements,
        "general_comments": comments_by_element.get("", []),
        "actions": actions,
        "can_request_changes": can_request_changes,
        "is_reviewer": services.user_is_reviewer(user),
        "costs": selectors.cost_sharing_table(partnership=p),
        "changed_since_approval": p.approved_version is not None and p.version > p.approved_version,
        "comment_form": forms.CommentForm(
            initial={"element": initial_element if initial_element in ElementCode.values else ""}
        ),
        "request_changes_form": forms.RequestChangesForm(
            initial={"element": initial_element if initial_element in ElementCode.values else ""}
        ),
        "action_errors": {},
        "action_comments": {},
        "compare_form": compare_form,
        "compare": compare,
        "origins": [c for c in p.countries.all() if c.side == "origin"],
        "destinations": [c for c in p.countries.all() if c.side == "destination"],
    }
    context.update(overrides)
    shown = {a["transition"].action for a in actions}
    context["other_action_errors"] = [
        message for action, errors in context["action_errors"].items() if action not in shown for message in errors
    ]
    return context


@login_required
@require_GET
def partnership_review(request: HttpRequest, pk: int) -> HttpResponse:
    """One page that tells the partnership's whole story, with the review actions the user may take."""
    partnership = _visible_partnership(request, pk)
    return render(request, "reviews/partnership.html", _review_context(request, partnership))


def _rerender(request, partnership, status=400, **overrides) -> HttpResponse:
    return render(
        request, "reviews/partnership.html", _review_context(request, partnership, **overrides), status=status
    )


@login_required
@require_POST
def partnership_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a comment (general, per element or per rule); reviewers may mark it as requesting a change."""
    partnership = _visible_partnership(request, pk)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = review_comment_add(partnership=partnership, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field_name, errors in error.message_dict.items():
                    form.add_error(field_name if field_name in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Your comment was added."))
            anchor = f"element-{comment.element}" if comment.element else "comments"
            return redirect(reverse("reviews:partnership", args=[partnership.pk]) + f"#{anchor}")
    return _rerender(request, partnership, comment_form=form)


@login_required
@require_POST
def partnership_request_changes(request: HttpRequest, pk: int) -> HttpResponse:
    """Request changes: store the reason as a change-requesting comment and take the action, together."""
    from django.db import transaction

    partnership = _visible_partnership(request, pk)
    form = forms.RequestChangesForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if data["text"].strip():
                    review_comment_add(
                        partnership=partnership,
                        user=request.user,
                        text=data["text"],
                        element=data["element"],
                        rule_id=data["rule_id"],
                        requests_change=True,
                    )
                review_action_perform(
                    partnership=partnership, action="request_changes", user=request.user, comment=data["text"]
                )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field_name, errors in error.message_dict.items():
                    form.add_error(field_name if field_name in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Changes requested: the officials have been told."))
            return redirect("reviews:partnership", pk=partnership.pk)
    return _rerender(request, partnership, request_changes_form=form)


@login_required
@require_POST
def partnership_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a review action (submit, start review, approve, withdraw …) through the workflow."""
    partnership = _visible_partnership(request, pk)
    form = forms.ActionForm(request.POST)
    if not form.is_valid():
        action = request.POST.get("action", "")
        return _rerender(
            request, partnership, action_errors={action or "?": [_("Unknown review action: %s.") % action]}
        )
    action = form.cleaned_data["action"]
    comment = form.cleaned_data["comment"]
    try:
        review_action_perform(
            partnership=partnership,
            action=action,
            user=request.user,
            comment=comment,
            expected_status=form.cleaned_data.get("expected_status") or None,
        )
    except ValidationError as error:
        return _rerender(
            request, partnership, action_errors={action: _errors_of(error)}, action_comments={action: comment}
        )
    messages.success(request, _("Done: %(label)s.") % {"label": WORKFLOW[action].label})
    return redirect("reviews:partnership", pk=partnership.pk)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    """Mark a change request resolved (or open it again)."""
    partnership = _visible_partnership(request, pk)
    comment = get_object_or_404(ReviewComment, pk=comment_id, partnership=partnership)
    try:
        services.review_comment_resolve(
            comment=comment, user=request.user, resolved=request.POST.get("resolved") != "0"
        )
    except ValidationError as error:
        return _rerender(request, partnership, status=403, resolve_errors=_errors_of(error))
    messages.success(request, _("Comment updated."))
    anchor = f"element-{comment.element}" if comment.element else "comments"
    return redirect(reverse("reviews:partnership", args=[partnership.pk]) + f"#{anchor}")


@login_required
@require_POST
def partnership_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for a fresh feasibility check of the current data."""
    partnership = _visible_partnership(request, pk)
    try:
        run = services.review_check_request(partnership=partnership, user=request.user)
    except ValidationError as error:
        return _rerender(request, partnership, status=403, resolve_errors=_errors_of(error))
    except BrokerUnavailable:
        messages.error(
            request,
            _(
                "The check could not be started: the job queue is not reachable right now. "
                "Please try again in a minute."
            ),
        )
        return _rerender(request, partnership, status=503)
    messages.info(
        request, _("Feasibility check %(id)s is %(status)s.") % {"id": run.pk, "status": run.get_status_display()}
    )
    return redirect(reverse("reviews:partnership", args=[partnership.pk]) + "#feasibility")


#
# PDF design brief: prepared by a Celery worker, downloaded from the private storage (docs/review.md)
#


#: How often the status page of a brief being prepared reloads itself (a meta refresh: no script).
BRIEF_REFRESH_SECONDS = 3


@login_required
@require_POST
def brief_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the PDF design brief as the partnership is now (reused when ready, retried when failed)."""
    partnership = _visible_partnership(request, pk)
    try:
        brief = services.design_brief_request(
            partnership=partnership,
            user=request.user,
            language=request.POST.get("language") or translation.get_language(),
        )
    except ValidationError as error:
        return _rerender(request, partnership, resolve_errors=_errors_of(error))
    return redirect("reviews:brief", pk=partnership.pk, brief_id=brief.pk)


@login_required
@require_GET
def brief_status(request: HttpRequest, pk: int, brief_id: int) -> HttpResponse:
    """Where the brief is: being prepared (the page reloads itself), ready to download, or failed and why."""
    partnership = _visible_partnership(request, pk)
    brief = selectors.design_brief_of(partnership=partnership, brief_id=brief_id)
    if brief is None:
        raise Http404(_("No such design brief."))
    return render(
        request,
        "reviews/brief_status.html",
        {
            "p": partnership,
            "brief": brief,
            "is_current": selectors.design_brief_is_current(brief=brief, partnership=partnership),
            "refresh_seconds": BRIEF_REFRESH_SECONDS,
        },
    )


@login_required
@require_GET
def brief_download(request: HttpRequest, pk: int, brief_id: int) -> FileResponse:
    """The stored PDF as an attachment, only to users who may see the partnership."""
    partnership = _visible_partnership(request, pk)
    brief = selectors.design_brief_of(partnership=partnership, brief_id=brief_id)
    if brief is None or brief.status != BriefStatus.SUCCEEDED or not brief.file:
        raise Http404(_("This design brief is not ready."))
    try:
        handle = private_storage().open(brief.file.name, "rb")
    except FileNotFoundError:
        raise Http404(_("The file of this design brief is missing; prepare the brief again.")) from None
    return FileResponse(handle, as_attachment=True, filename=brief.download_name, content_type="application/pdf")


@login_required
@require_GET
def partnership_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The former address of the brief: to the stored brief of the current data, else to the review page."""
    partnership = _visible_partnership(request, pk)
    language = services.design_brief_language(translation.get_language())
    brief = selectors.design_brief_current(partnership=partnership, language=language)
    if brief is not None:
        return redirect("reviews:brief", pk=partnership.pk, brief_id=brief.pk)
    messages.info(request, _("Design briefs are now prepared in the background: use “Prepare the PDF brief”."))
    return redirect(reverse("reviews:partnership", args=[partnership.pk]) + "#brief")


#
# Notifications
#


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's inbox of review notifications."""
    return render(
        request,
        "reviews/notifications.html",
        {"notifications": selectors.notifications_for(user=request.user)},
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (``id``) or all of them read."""
    ids = None
    if request.POST.get("id", "").isdigit():
        ids = [int(request.POST["id"])]
    services.notifications_mark_read(user=request.user, notification_ids=ids)
    return redirect("reviews:notifications")
