"""The Monitoring tab of the partnership page: reporting periods, indicator values against baseline and
target, actual spending against plan (charts, each with its table), and the CSV/XLSX exports.

Everyone who may see the partnership sees the tab; the lead side records results while the partnership is
implemented or evaluated (policy action ``record_results``; ``partnerships.services.MONITORING_STAGES``).
Writes go through ``monitoring.recording`` and ``partnerships.services`` (one version bump per save, a stale
form is refused with who saved first, and what was typed stays in the form).
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from design import selectors
from monitoring import exports
from monitoring.forms import NewPeriodForm, PeriodResultsForm
from monitoring.page import page_context
from monitoring.recording import period_results_save
from monitoring.results import cost_items_of, indicators_of, monitoring_data
from partnerships import policy
from partnerships.models import ReportingPeriod
from partnerships.services import MONITORING_STAGES, reporting_period_delete, reporting_period_write
from smp.exceptions import ConflictError


def _can_record(request, partnership) -> bool:
    return (
        partnership.stage in MONITORING_STAGES
        and policy.decide(policy.Action.RECORD_RESULTS, user=request.user, partnership=partnership).allowed
    )


def _charts(data: dict) -> dict:
    """The numbers behind the charts (the tables on the page hold the same)."""
    indicators = []
    for entry in data["indicators"]:
        indicator = entry.indicator
        if not indicator.is_quantitative:
            continue
        points = [
            {"x": v.measured_on.isoformat(), "y": float(v.number)}
            for v in entry.values
            if not v.disaggregation_key and v.number is not None
        ]
        if not points:
            continue  # nothing to draw yet; the table says "—"
        indicators.append(
            {
                "id": indicator.pk,
                "name": indicator.name,
                "points": points,
                "target": float(indicator.target_number) if indicator.target_number is not None else None,
                "baseline": float(indicator.baseline_number) if indicator.baseline_number is not None else None,
            }
        )
    return {
        "labels": {
            "value": _("Value"),
            "target": _("Target"),
            "baseline": _("Baseline"),
            "planned": _("Planned"),
            "actual": _("Actual"),
        },
        "indicators": indicators,
        "payers": {
            "labels": [row["label"] for row in data["payers"]],
            "planned": [float(row["planned"]) if row["planned"] is not None else None for row in data["payers"]],
            "actual": [float(row["actual"]) for row in data["payers"]],
        },
        "perMigrant": {
            "labels": [str(row["year"]) for row in data["cost_per_migrant"]],
            "actual": [float(row["actual"]) if row["actual"] is not None else None for row in data["cost_per_migrant"]],
            "planned": [
                float(row["planned"]) if row["planned"] is not None else None for row in data["cost_per_migrant"]
            ],
        },
    }


@login_required
@require_GET
def monitoring_tab(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = selectors.partnership_get_for_user(user=request.user, partnership_id=pk)
    data = monitoring_data(partnership=partnership)
    context = page_context(request=request, partnership=partnership, tab="monitoring")
    context.update(
        data=data,
        charts=_charts(data),
        can_record=_can_record(request, partnership),
        running=partnership.stage in MONITORING_STAGES,
    )
    return render(request, "monitoring/monitoring.html", context)


def _conflict_message(error: ConflictError) -> str:
    return str(error.message)


@login_required
@require_http_methods(["GET", "POST"])
def period_new(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = selectors.partnership_get_for_user(user=request.user, partnership_id=pk)
    policy.require(policy.Action.RECORD_RESULTS, user=request.user, partnership=partnership)
    last = ReportingPeriod.objects.filter(partnership=partnership).order_by("-ends_on").first()
    initial = {"version": partnership.version}
    if last is not None:
        starts = last.ends_on + datetime.timedelta(days=1)
        length = last.ends_on - last.starts_on
        initial.update(starts_on=starts, ends_on=starts + length)
    form = NewPeriodForm(request.POST or None, initial=initial)
    status, problem = 200, ""
    if request.method == "POST":
        status = 400
        if form.is_valid():
            period = ReportingPeriod(partnership=partnership)
            try:
                reporting_period_write(
                    period=period,
                    user=request.user,
                    data={name: form.cleaned_data[name] for name in ("name", "starts_on", "ends_on")},
                    expected_version=form.cleaned_data["version"],
                    partnership=partnership,
                )
            except ConflictError as error:
                status, problem = 409, _conflict_message(error)
                form.data = form.data.copy()
                form.data["version"] = str(error.current_version)
            except ValidationError as error:
                _attach(form, error)
            else:
                messages.success(
                    request, _("The period %(name)s is added: record its results.") % {"name": period.name}
                )
                return redirect("monitoring:period", pk=pk, period_id=period.pk)
    context = page_context(request=request, partnership=partnership, tab="monitoring")
    context.update(form=form, problem=problem, errors=_summary(form))
    return render(request, "monitoring/period_new.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def period_edit(request: HttpRequest, pk: int, period_id: int) -> HttpResponse:
    partnership = selectors.partnership_get_for_user(user=request.user, partnership_id=pk)
    period = get_object_or_404(ReportingPeriod, pk=period_id, partnership=partnership)
    can_record = _can_record(request, partnership)
    if request.method == "POST":
        policy.require(policy.Action.RECORD_RESULTS, user=request.user, partnership=partnership)
        if request.POST.get("action") == "delete":
            return _period_delete(request, partnership, period)
    indicators = indicators_of(partnership=partnership)
    items = cost_items_of(partnership=partnership)
    form = PeriodResultsForm(
        request.POST if request.method == "POST" else None,
        partnership=partnership,
        period=period,
        indicators=indicators,
        items=items,
    )
    status, problem = 200, ""
    if request.method == "POST":
        status = 400
        if not can_record:
            problem = _(
                "Results are recorded once the partnership is being implemented or evaluated; it is at the "
                "%(stage)s stage."
            ) % {"stage": partnership.get_stage_display().lower()}
        elif form.is_valid():
            try:
                period_results_save(
                    partnership=partnership,
                    period=period,
                    period_data=form.period_data(),
                    values=form.value_entries(),
                    spending=form.spending_entries(),
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except ConflictError as error:
                status, problem = 409, _conflict_message(error)
                form.data = form.data.copy()
                form.data["version"] = str(error.current_version)
            except ValidationError as error:
                _attach(form, error)
            else:
                messages.success(request, _("The results of %(name)s are saved.") % {"name": period.name})
                return redirect("monitoring:period", pk=pk, period_id=period.pk)
    if not can_record:
        for field in form.fields.values():
            field.disabled = True
    context = page_context(request=request, partnership=partnership, tab="monitoring")
    context.update(
        period=period,
        form=form,
        problem=problem,
        errors=_summary(form),
        can_record=can_record,
        years=form.years,
        value_rows=[
            {**row, "field": form[row["key"]], "point": form[f"{row['key']}-point"], "on": form[f"{row['key']}-on"]}
            for row in form.value_rows
        ],
        spending_rows=[{**row, "fields": [form[cell["key"]] for cell in row["cells"]]} for row in form.spending_rows],
    )
    return render(request, "monitoring/period.html", context, status=status)


def _period_delete(request, partnership, period) -> HttpResponse:
    try:
        reporting_period_delete(
            period=period,
            user=request.user,
            expected_version=_int(request.POST.get("version")),
            partnership=partnership,
        )
    except ConflictError as error:
        messages.error(request, _conflict_message(error))
        return redirect("monitoring:period", pk=partnership.pk, period_id=period.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("monitoring:period", pk=partnership.pk, period_id=period.pk)
    messages.success(request, _("The period %(name)s is deleted.") % {"name": period.name})
    return redirect("monitoring:monitoring", pk=partnership.pk)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _attach(form, error: ValidationError) -> None:
    """Put a service's errors on the form: on the field they name, else at the top."""
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            for message in messages_:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _summary(form) -> list[dict]:
    if not form.is_bound or not form.errors:
        return []
    summary = []
    for name, errors in form.errors.items():
        if name == "__all__":
            label, anchor = _("This period"), ""
        else:
            label, anchor = form.fields[name].label, form[name].auto_id
        summary.extend({"label": label, "message": message, "anchor": anchor} for message in errors)
    return summary


EXPORTS = {
    "csv": (exports.as_csv, "text/csv; charset=utf-8"),
    "xlsx": (exports.as_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def _export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    partnership = selectors.partnership_get_for_user(user=request.user, partnership_id=pk)
    write, content_type = EXPORTS[kind]
    response = HttpResponse(write(monitoring_data(partnership=partnership)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(partnership)}.{kind}"'
    return response


@login_required
@require_GET
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "csv")


@login_required
@require_GET
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "xlsx")


def _filename(partnership) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d")
    return f"smp-monitoring-{slugify(partnership.name)[:40] or partnership.pk}-{stamp}"
