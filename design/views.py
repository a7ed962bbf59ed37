"""Views of the partnership design wizard (SMP-DOMAIN §5 W1–W11).

Thin: the step table (``design.steps``) says what each step edits, ``design.forms`` builds the forms,
``design.services.wizard_step_save`` writes through the apps' services, ``design.selectors`` reads.
Every read is scoped by ``Partnership.objects.for_user`` (404 outside it). Officials of a participating
organisation edit; reviewers and partners read; nobody edits while the partnership is under review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from codelists.partnerships import READ_ONLY_REVIEW_STATUSES, ReviewStatus, Stage
from design import selectors
from design.forms import (
    ExchangeRateFormSet,
    NewPartnershipForm,
    OptionCache,
    OrganisationForm,
    ShareFormSet,
    ShareTermsFormSet,
    VersionForm,
    exchange_rate_initial,
    fixed_formset_class,
    fixed_initial,
    fixed_row_key,
    fixed_rows,
    option_label,
    partnership_form_class,
    row_form_class,
    row_formset_class,
    share_initial,
    share_terms_rows,
    style_form,
)
from design.inputs import fix_link, rule_help
from design.services import (
    RowOp,
    StepSaveError,
    wizard_feasibility_check,
    wizard_organisation_create,
    wizard_organisation_update,
    wizard_partnership_create,
    wizard_step_save,
    wizard_submit,
    wizard_withdraw,
)
from design.stage_move import stage_move_from_post, stage_move_options
from design.steps import ELEMENT_STEP, STEPS, STEPS_BY_CODE, Step, step_after, step_before, step_completeness
from feasibility.inputs import practices_for_rules
from feasibility.registry import element_name
from partnerships import policy
from smp.exceptions import ConflictError, ValidationError
from smp.punctuation import labelled

#
# Access
#


def _can_create(user) -> bool:
    return policy.decide(policy.Action.CREATE, user=user).allowed


def _step_permission(user, partnership, step: Step) -> policy.Decision:
    """Whether ``user`` may change this step's part of ``partnership`` (docs/permissions.md)."""
    return policy.decide(policy.Action.EDIT_PART, user=user, partnership=partnership, part=step.code)


def _locked_reason(partnership) -> str:
    if partnership.stage == Stage.CLOSED:
        return _("This partnership is closed: its data can no longer be changed.")
    if partnership.review_status in READ_ONLY_REVIEW_STATUSES:
        return _(
            "This partnership is %(status)s for IOM review, so it is read-only for now. Withdraw it from "
            "review to edit it."
        ) % {"status": partnership.get_review_status_display().lower()}
    return ""


def _feedback(request, partnership, step_code: str) -> dict:
    """The reviewers' open change requests this step concerns (all of them on the first and the last step),
    and whether the user may withdraw the partnership from review here (one query, plus the policy)."""
    requests = selectors.open_change_requests(partnership_id=partnership.pk)
    if step_code not in ("basics", "review"):
        requests = [r for r in requests if r.element and ELEMENT_STEP.get(r.element) == step_code]
    in_review = partnership.review_status in READ_ONLY_REVIEW_STATUSES
    return {
        "change_requests": requests,
        "can_withdraw": in_review
        and policy.decide(policy.Action.SUBMIT, user=request.user, partnership=partnership).allowed,
    }


def _sidebar(partnership, current: str) -> dict:
    """Steps with their completeness (from data) and the element scores of the last check (two queries)."""
    progress = selectors.partnership_progress(partnership_id=partnership.pk)
    levels = step_completeness(progress)
    run = selectors.latest_run_summary(partnership_id=partnership.pk)
    elements = []
    if run is not None:
        for code, result in (run.element_results or {}).items():
            # The element's name from the registry, in the reader's language (the run stores it as checked).
            elements.append({**result, "code": code, "step": ELEMENT_STEP.get(code), "name": element_name(code)})
    steps = [{"step": step, "level": levels.get(step.code), "current": step.code == current} for step in STEPS]
    return {"steps": steps, "run": run, "elements": elements}


#
# List and creation
#


@login_required
@require_GET
def partnership_list(request: HttpRequest) -> HttpResponse:
    """The partnerships the user may read (one query)."""
    partnerships = selectors.partnership_list_for_user(user=request.user)
    context = {
        "partnerships": partnerships,
        "can_create": _can_create(request.user),
        "own_organisations": list(request.user.organisations.order_by("name")),
    }
    return render(request, "design/partnership_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """An official keeps their own organisation's details right (the rules read its category, country, level
    and portfolio in every partnership it takes part in); other organisations are their members' to change."""
    organisation = selectors.organisation_for_member(user=request.user, organisation_id=organisation_id)
    form = OrganisationForm(request.POST or None, instance=organisation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                wizard_organisation_update(user=request.user, organisation=organisation, data=form.cleaned_data)
            except ValidationError as error:
                _attach_error(form, error)
                status = 400
            else:
                messages.success(request, _("The details of %(name)s are saved.") % {"name": organisation.name})
                return redirect("design:list")
        else:
            status = 400
    errors = _error_summary([form], [])
    return render(
        request,
        "design/organisation_edit.html",
        {"organisation": organisation, "form": form, "errors": errors},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_new(request: HttpRequest) -> HttpResponse:
    """Step 1 for a partnership that does not exist yet: saving creates the draft with the user's
    organisation as lead."""
    policy.require(policy.Action.CREATE, user=request.user)
    organisations = list(request.user.organisations.order_by("name"))
    step = STEPS_BY_CODE["basics"]
    options = OptionCache(None)
    form_class = partnership_form_class(step, options)
    data = request.POST if request.method == "POST" else None
    main_form = form_class(data, prefix="main")
    lead_form = NewPartnershipForm(
        data,
        organisations=organisations,
        prefix="lead",
        initial={"organisation": str(organisations[0].pk)} if organisations else None,
    )
    status = 200
    if not organisations:
        messages.error(request, _("Your account belongs to no organisation; ask an administrator to add it."))
    elif request.method == "POST":
        if main_form.is_valid() and lead_form.is_valid():
            try:
                partnership = wizard_partnership_create(
                    user=request.user,
                    data=main_form.cleaned_data,
                    organisation=lead_form.cleaned_data["organisation"],
                    side=lead_form.cleaned_data["side"],
                )
            except ValidationError as error:
                _attach_error(main_form, error)
                status = 400
            else:
                tasks_url = reverse("design:tasks", kwargs={"pk": partnership.pk})
                messages.success(
                    request,
                    format_html(
                        _(
                            "The partnership was created as a draft. Continue with the next step, or see "
                            '<a href="{url}">all its steps</a>.'
                        ),
                        url=tasks_url,
                    ),
                )
                target = "countries_objectives" if "continue" in request.POST else "basics"
                return redirect("design:step", pk=partnership.pk, code=target)
        else:
            status = 400
    for form in (main_form, lead_form):
        style_form(form)
    errors = _error_summary([main_form, lead_form], [])
    return render(
        request,
        "design/new.html",
        {
            "step": step,
            "main_form": main_form,
            "lead_form": lead_form,
            "errors": errors,
            "steps": STEPS,
            "lists": options.lists,  # the datalists of long lists, if step 1 gets any (design.choosers)
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Register an organisation the actors step needs without leaving the wizard; back on the step it is in
    the lists. A body already registered under the same name in the same country is offered instead."""
    partnership = selectors.partnership_get_for_user(user=request.user, partnership_id=pk)
    policy.require(policy.Action.EDIT_PART, user=request.user, partnership=partnership, part="actors_governance")
    form = OrganisationForm(request.POST or None)
    status, existing = 200, []
    if request.method == "POST":
        if form.is_valid():
            try:
                organisation = wizard_organisation_create(
                    user=request.user, partnership=partnership, data=form.cleaned_data
                )
            except ValidationError as error:
                existing = selectors.organisation_near_duplicates(
                    name=form.cleaned_data.get("name", ""), country=str(form.cleaned_data.get("country") or "")
                )
                _attach_error(form, error)  # takes the field it names out of cleaned_data
                status = 400
            else:
                messages.success(
                    request,
                    _("%(name)s is registered: choose it in the lists of this step.") % {"name": organisation.name},
                )
                return redirect("design:step", pk=pk, code="actors_governance")
        else:
            status = 400
    errors = _error_summary([form], [])
    context = {"partnership": partnership, "form": form, "errors": errors, "existing": existing}
    return render(request, "design/organisation_new.html", context, status=status)


#
# Steps
#


@dataclass
class StepForms:
    """Every form of one step page."""

    version: VersionForm
    main: Any = None
    collections: list = field(default_factory=list)  # (Collection, formset)
    shares: Any = None
    cost_items: list = field(default_factory=list)
    rates: Any = None  # the costs step's exchange rates (ExchangeRateFormSet)
    rate_table: Any = None  # costs.calculations.RateTable the rate rows and the figures are built from
    reporting_currency: str = ""
    lists: Any = None  # the page's shared datalists (design.choosers.SharedLists), printed after the fields

    def all_forms(self) -> list:
        forms = [self.version]
        if self.main is not None:
            forms.append(self.main)
        for _collection, formset in self.collections:
            forms.append(formset.management_form)
            forms.extend(formset.forms)
        if self.shares is not None:
            forms.append(self.shares.management_form)
            forms.extend(self.shares.forms)
        if self.rates is not None:
            forms.append(self.rates.management_form)
            forms.extend(self.rates.forms)
        return forms

    def formsets(self) -> list:
        sets = [formset for _collection, formset in self.collections]
        if self.shares is not None:
            sets.append(self.shares)
        if self.rates is not None:
            sets.append(self.rates)
        return sets


def _with_extra_row(data, prefix: str):
    """The POSTed data with one more (empty) form in formset ``prefix``: the no-JS 'add a row' button."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key, "0")) + 1)
    except ValueError:
        data[key] = "1"
    return data


def _build_forms(step: Step, partnership, *, data=None, add_row: str = "") -> StepForms:
    options = OptionCache(partnership)
    version_form = VersionForm(data, initial={"version": partnership.version}, prefix="v")
    forms = StepForms(version=version_form, lists=options.lists)
    if step.partnership_fields:
        forms.main = partnership_form_class(step, options)(data, instance=partnership, prefix="main")
    for collection in step.collections:
        rows = selectors.collection_rows(
            model_label=collection.model, partnership=partnership, path=collection.partnership_path
        )
        if collection.kind == "fixed":
            initial, by_key = fixed_initial(collection, rows)
            formset = fixed_formset_class(collection, options)(data, initial=initial, prefix=collection.prefix)
            formset.by_key = by_key
            formset.questions = fixed_rows(collection)
        else:
            extra = 0 if data is not None or rows else 1
            bound = (
                _with_extra_row(data, collection.prefix) if data is not None and add_row == collection.prefix else data
            )
            formset = row_formset_class(collection, options, partnership, extra=extra)(
                bound, queryset=rows, prefix=collection.prefix
            )
        forms.collections.append((collection, formset))
    if step.code == "costs":
        items = selectors.cost_items_with_shares(partnership=partnership)
        organisations = [p.organisation for p in options.get("stakeholders.Participation")]
        forms.cost_items = items
        forms.shares = ShareFormSet(
            data,
            initial=share_initial(items),
            prefix="shares",
            items={item.pk: item for item in items},
            organisations=organisations,
            lists=options.lists,
        )
        _build_rate_forms(forms, partnership, data=data)
    return forms


def _build_rate_forms(forms: StepForms, partnership, *, data=None) -> None:
    """The costs step's exchange rates: one row per currency of the saved cost items other than the reporting
    currency, filled with the rate in use (one query for the rates, none when every item is in the reporting
    currency). The same table gives the figures (``_costs_context``)."""
    from costs.calculations import partnership_rate_table

    currency = partnership.reporting_currency or "USD"
    currencies = {item.currency for item in forms.cost_items}
    forms.reporting_currency = currency
    forms.rate_table = partnership_rate_table(
        currencies=currencies, reporting_currency=currency, partnership=partnership
    )
    initial = exchange_rate_initial(currencies=currencies, reporting_currency=currency, rates=forms.rate_table)
    forms.rates = ExchangeRateFormSet(data, initial=initial, prefix="rates")


def _attach_error(form, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: on the field it names, else on the form itself."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if form is not None and name in form.fields else None
            for item in errors:
                message = item.message % item.params if item.params else item.message
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _row_ops(forms: StepForms) -> list[RowOp]:
    """The writes the valid, bound forms ask for: changed rows, new rows, removed rows, changed shares."""
    ops: list[RowOp] = []
    deleted_items: set[int] = set()
    for collection, formset in forms.collections:
        if collection.kind == "fixed":
            for form in formset.forms:
                key = form.cleaned_data.get("key")
                existing = formset.by_key.get(key)
                if not form.has_changed():
                    continue
                if not form.cleaned_data.get("status"):
                    if existing is not None:
                        ops.append(RowOp(collection.adapter, "delete", instance=existing, key=key, form=form))
                    continue
                action = "update" if existing is not None else "create"
                ops.append(RowOp(collection.adapter, action, form.service_data(), existing, key=key, form=form))
            continue
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                if form.instance.pk:
                    ops.append(RowOp(collection.adapter, "delete", instance=form.instance, form=form))
                    if collection.adapter == "cost_item":
                        deleted_items.add(form.instance.pk)
                continue
            if not form.has_changed():
                continue
            action = "update" if form.instance.pk else "create"
            instance = form.instance if action == "update" else None
            ops.append(RowOp(collection.adapter, action, form.service_data(), instance, form=form))
    if forms.shares is not None:
        for form in forms.shares.forms:
            if form.has_changed() and form.cleaned_data.get("item") is not None:
                item = form.cleaned_data["item"]
                if item.pk in deleted_items:
                    continue
                ops.append(RowOp("cost_shares", "update", {"shares": form.shares()}, item, form=form))
    ops.extend(_rate_ops(forms))
    return ops


def _rate_ops(forms: StepForms) -> list[RowOp]:
    """The exchange rates typed or changed on the costs step (rows left as shown or empty write nothing)."""
    if forms.rates is None:
        return []
    return [
        RowOp("exchange_rate", "update", form.service_data(), form=form)
        for form in forms.rates.forms
        if form.wants_save()
    ]


def _error_summary(forms: list, formsets: list) -> list[dict]:
    """Every error of the page as (label, message, anchor) for the summary at the top."""
    summary = []
    for form in forms:
        if not form.is_bound or not form.errors:
            continue
        for name, errors in form.errors.items():
            if name == "__all__":
                anchor = f"{form.prefix}-form" if form.prefix in ("main", "lead", "v") else f"row-{form.prefix}"
                label = getattr(form, "row_title", "") or _("This row")
            else:
                anchor = form[name].auto_id if name in form.fields else ""
                label = form.fields[name].label if name in form.fields else name
                if getattr(form, "row_title", ""):
                    label = labelled(form.row_title, label)
            for message in errors:
                summary.append({"label": label, "message": message, "anchor": anchor})
    for formset in formsets:
        if formset.is_bound:
            for message in formset.non_form_errors():
                summary.append({"label": _("List"), "message": message, "anchor": f"set-{formset.prefix}"})
    return summary


def _label_rows(forms: StepForms) -> None:
    """Give every row a title (used in legends and in the error summary)."""
    for collection, formset in forms.collections:
        questions = getattr(formset, "questions", None)
        for index, form in enumerate(formset.forms):
            if questions:
                form.row_title = labelled(questions[index][1], questions[index][2])
                form.row_group = questions[index][1]
                form.row_question = questions[index][2]
            else:  # a saved row with locked fields is named by them (its organisation, country …)
                locked = form.locked_title() if hasattr(form, "locked_title") else ""
                form.row_title = locked or f"{collection.row_label} {index + 1}"
            # Rows with details link to their own page once stored (``design:row``).
            if collection.details:
                if questions:
                    stored = formset.by_key.get(questions[index][0])
                    form.row_id = stored.pk if stored is not None else None
                else:
                    form.row_id = form.instance.pk
    if forms.shares is not None:
        for form in forms.shares.forms:
            form.row_title = str(form.cost_item) if form.cost_item is not None else _("Cost item")


def _disable(forms: StepForms) -> None:
    for form in forms.all_forms():
        for form_field in form.fields.values():
            form_field.disabled = True


def _costs_context(partnership, forms: StepForms) -> dict:
    """The §8.4 figures of the costs step, computed by ``costs.calculations`` (server-side, always), in the
    reporting currency the rate rows were built for; no query (the rates were loaded with the forms).

    A currency without a rate gives no figures but a prompt naming it, linked to its rate field
    (``rate_prompts``), never empty totals.
    """
    from codelists.costs import currency_name
    from costs.calculations import MissingExchangeRate, cost_summary

    context = {"cost_summary": None, "cost_summary_error": "", "rate_prompts": []}
    if not forms.cost_items:
        return context
    currency = forms.reporting_currency
    try:
        context["cost_summary"] = cost_summary(
            items=forms.cost_items,
            planned_migrants=partnership.planned_migrants_total,
            planned_trainees=partnership.planned_trainees_total,
            reporting_currency=currency,
            rates=forms.rate_table,
            origin_country_ids=[],
        )
    except MissingExchangeRate as error:
        anchors = {form.base: form["rate"].auto_id for form in forms.rates.forms}
        context["cost_summary_error"] = str(error)
        context["rate_prompts"] = [
            {
                "code": base,
                "name": currency_name(base),
                "reporting_name": currency_name(quote),
                "anchor": anchors.get(base, "set-rates"),
            }
            for base, quote in error.pairs
        ]
    return context


@login_required
@require_http_methods(["GET", "POST"])
def step_view(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One step of the wizard: GET shows it, POST saves it (Save, Save and continue, or add a row)."""
    step = STEPS_BY_CODE.get(code)
    if step is None:
        raise Http404
    partnership = selectors.partnership_get_for_user(user=request.user, partnership_id=pk)
    if step.code == "review":
        return review_view(request, partnership, step)
    permission = _step_permission(request.user, partnership, step)
    can_write = permission.allowed
    locked = _locked_reason(partnership)
    if request.method == "POST" and request.POST.get("action") == "recheck":
        return _recheck(request, partnership, step)
    if request.method == "POST" and not can_write:
        raise PermissionDenied(permission.reason)
    status, conflict = 200, None
    data = request.POST if request.method == "POST" else None
    add_row = request.POST.get("add_row", "") if data is not None else ""
    forms = _build_forms(step, partnership, data=data, add_row=add_row)
    _label_rows(forms)
    errors: list[dict] = []
    if data is not None and not add_row:
        if locked:
            messages.error(request, locked)
            status = 409
        else:
            status, conflict = _save(request, step, partnership, forms)
            if status in (301, 302):
                return conflict  # the redirect
        errors = _error_summary(forms.all_forms(), forms.formsets())
    if not can_write or (locked and data is None):
        _disable(forms)
    for form in forms.all_forms():
        style_form(form)
    if forms.main is not None:
        _explain_fields(forms.main, "partnerships.Partnership")
    if data is None and request.GET.get("fix"):
        detail = _apply_fix(request, step, partnership, forms)
        if detail is not None:
            return detail  # the field is in a row's details: go to the first row's own page
    context = {
        "partnership": partnership,
        "step": step,
        "forms": forms,
        "errors": errors,
        "conflict": conflict,
        "editable": can_write and not locked,
        "locked_reason": locked,
        "permission_reason": permission.reason,
        "next_step": step_after(step.code),
        "previous_step": step_before(step.code),
        "sidebar": _sidebar(partnership, step.code),
        **(_costs_context(partnership, forms) if step.code == "costs" else {}),
        "payers": _payer_labels(),
        **_feedback(request, partnership, step.code),
        **_step_check(request, partnership, step),
    }
    return render(request, "design/step.html", context, status=status)


def _explain_fields(form, model_label: str) -> None:
    """Say under each field that a check reads why it matters (the rule and its title), unless it has help."""
    for name, form_field in form.fields.items():
        if not form_field.help_text:
            form_field.help_text = rule_help(model_label, name)


def _step_elements(step: Step) -> list[str]:
    return [element for element, code in ELEMENT_STEP.items() if code == step.code]


def _step_check(request, partnership, step: Step) -> dict:
    """The step's findings that need action (with their fix links) and those the last check resolved."""
    elements = _step_elements(step)
    found = selectors.step_findings(partnership_id=partnership.pk, elements=elements) if elements else None
    if found is not None:
        for finding in found["open"]:
            finding.fix = fix_link(partnership.pk, finding.rule_id)
    can_check = policy.decide(policy.Action.REQUEST_CHECK, user=request.user, partnership=partnership).allowed
    return {"step_check": found, "can_recheck": bool(elements) and can_check}


def _recheck(request, partnership, step: Step):
    """Run the check now (in this request, like the review step's) and come back to the step with its results."""
    decision = policy.decide(policy.Action.REQUEST_CHECK, user=request.user, partnership=partnership)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    wizard_feasibility_check(partnership=partnership, user=request.user)
    messages.success(request, _("Checked again. The results of this step are below."))
    target = reverse("design:step", kwargs={"pk": partnership.pk, "code": step.code})
    return redirect(f"{target}#step-check")


def _payer_labels():
    from codelists.costs import Payer

    return Payer.choices


def _save(request, step: Step, partnership, forms: StepForms):
    """Validate and save the step. Returns (status, redirect-or-conflict)."""
    valid = forms.version.is_valid()
    if forms.main is not None:
        valid = forms.main.is_valid() and valid
    for formset in forms.formsets():
        valid = formset.is_valid() and valid
    if not valid:
        return 400, None
    expected = forms.version.cleaned_data["version"]
    partnership_data = forms.main.service_data() if forms.main is not None else {}
    try:
        count = wizard_step_save(
            partnership=partnership,
            user=request.user,
            expected_version=expected,
            partnership_data=partnership_data,
            ops=_row_ops(forms),
        )
    except ConflictError as error:
        conflict = _conflict(error, partnership, expected)
        # Keep the user's input; the next save applies it on top of the other person's version.
        forms.version.data = forms.version.data.copy()
        forms.version.data["v-version"] = str(error.current_version)
        if forms.main is not None:
            _merge_main_form(forms.main, partnership_id=partnership.pk, version=expected)
        return 409, conflict
    except StepSaveError as failure:
        for form, error in failure.errors:
            _attach_error(form if form is not None else (forms.main or forms.version), error)
        return 400, None
    except ValidationError as error:  # closed or under review meanwhile
        messages.error(request, " ".join(error.messages))
        return 409, None
    if count:
        messages.success(request, _("Saved."))
    else:
        messages.info(request, _("Nothing to save: no changes."))
    target = step
    if "continue" in request.POST:
        target = step_after(step.code) or step
    return 302, redirect("design:step", pk=partnership.pk, code=target.code)


def _conflict(error: ConflictError, partnership, expected: int) -> dict:
    """What the page says about a save refused because someone saved since ``expected`` (step and row pages)."""
    return {
        "message": error.message,
        "saved_by": error.saved_by,
        "saved_at": error.saved_at,
        "changes": selectors.partnership_changes_since(partnership_id=partnership.pk, version=expected),
    }


def _merge_main_form(form, *, partnership_id: int, version: int) -> None:
    """After a conflict, show the other person's values in the fields this user did not touch.

    The user's own edits (fields that differ from the version they loaded, read from the audit history)
    stay as typed; every other field takes the current stored value, so saving again does not undo the
    other person's changes. Many-to-many fields are not in the history and keep what the user posted.
    """
    from partnerships.models import Partnership

    loaded = Partnership.history.filter(id=partnership_id, version=version).order_by("-history_date").first()
    if loaded is None:
        return
    data = form.data.copy()
    for name, form_field in form.fields.items():
        if isinstance(getattr(form_field, "objects", None), dict):
            continue  # many-to-many: no history of it
        key = form.add_prefix(name)
        posted = form_field.widget.value_from_datadict(form.data, form.files, key)
        if form_field.has_changed(getattr(loaded, name, None), posted):
            continue  # the user's edit
        current = form_field.widget.format_value(form.initial.get(name, form_field.initial))
        if isinstance(current, list):
            data.setlist(key, current)
        else:
            data[key] = "" if current is None else current
    form.data = data
    form._errors = None  # re-validate against the merged data when rendered
    form.is_valid()


#
# Findings lead to the field that fixes them (``?fix=…&rule=…``, built by ``design.inputs.fix_link``)
#


def _finding_note(partnership, rule_id: str) -> str:
    """The latest check's finding of ``rule_id`` in words, to show beside the field (one query)."""
    if not rule_id:
        return ""
    finding = selectors.latest_finding(partnership_id=partnership.pk, rule_id=rule_id)
    if finding is None or finding.status not in ("WARN", "FAIL"):
        return ""
    return f"{finding.rule_id} — {labelled(finding.get_status_display(), finding.text)}"


def _mark_fix(form_field, note: str) -> None:
    """Focus the field when the page opens (``autofocus``, no script needed) and show the finding beside it."""
    form_field.widget.attrs["autofocus"] = True
    form_field.widget.attrs["class"] = form_field.widget.attrs.get("class", "") + " wizard-fix"
    form_field.fix_note = note or _("The check points here.")
    described = form_field.widget.attrs.get("aria-describedby", "")
    form_field.widget.attrs["aria-describedby"] = f"{described} fix-note".strip()


def _apply_fix(request, step: Step, partnership, forms: StepForms):
    """Focus the field named by ``?fix=``: ``main-<field>``, ``<collection>:<field>`` or ``<collection>``."""
    target = request.GET.get("fix", "")
    note = _finding_note(partnership, request.GET.get("rule", ""))
    if target.startswith("main-") and forms.main is not None:
        name = target.removeprefix("main-")
        if name in forms.main.fields:
            _mark_fix(forms.main.fields[name], note)
        return None
    prefix, _sep, name = target.partition(":")
    if prefix in ("set-shares", "shares") and forms.shares is not None and forms.shares.forms:
        first = forms.shares.forms[0]
        _mark_fix(next(f for n, f in first.fields.items() if n.startswith("p_")), note)
        return None
    for collection, formset in forms.collections:
        if collection.prefix != prefix:
            continue
        if name and name not in collection.fields and (name in collection.details or name.startswith("terms-")):
            stored = [form for form in formset.forms if getattr(form, "row_id", None)]
            if stored:
                url = reverse(
                    "design:row",
                    kwargs={"pk": partnership.pk, "code": step.code, "prefix": prefix, "row_id": stored[0].row_id},
                )
                query = urlencode({"fix": name, "rule": request.GET.get("rule", "")})
                return redirect(f"{url}?{query}")
        for form in formset.forms:
            fields = [n for n in form.fields if n not in ("id", "DELETE", "key") and not form.fields[n].disabled]
            chosen = name if name in form.fields else (fields[0] if fields else None)
            if chosen is not None:
                _mark_fix(form.fields[chosen], note)
                return None
    return None


#
# One row on its own page: every field of it, the details included
#


def _collection(step: Step, prefix: str):
    for collection in step.collections:
        if collection.prefix == prefix:
            return collection
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def row_view(request: HttpRequest, pk: int, code: str, prefix: str, row_id: int) -> HttpResponse:
    """Every field of one stored row of a step (the step's table shows the main ones): GET shows, POST saves.

    Same rules as the step: who may change it (``partnerships.policy``), locked while under review or closed,
    optimistic locking on the partnership's version, all errors at once and the input kept.
    """
    step = STEPS_BY_CODE.get(code)
    if step is None or step.code == "review":
        raise Http404
    collection = _collection(step, prefix)
    partnership = selectors.partnership_get_for_user(user=request.user, partnership_id=pk)
    row = (
        selectors.collection_rows(
            model_label=collection.model, partnership=partnership, path=collection.partnership_path
        )
        .filter(pk=row_id)
        .first()
    )
    if row is None:
        raise Http404
    permission = _step_permission(request.user, partnership, step)
    locked = _locked_reason(partnership)
    if request.method == "POST" and not permission.allowed:
        raise PermissionDenied(permission.reason)
    data = request.POST if request.method == "POST" else None
    options = OptionCache(partnership)
    version_form = VersionForm(data, initial={"version": partnership.version}, prefix="v")
    form = row_form_class(collection, options, partnership)(data, instance=row, prefix="row")
    form.row_title = _row_name(collection, row)
    terms = None
    if collection.adapter == "cost_item":
        organisations = [p.organisation for p in options.get("stakeholders.Participation")]
        terms = _share_terms(row, data, organisations)
    status, conflict, errors = 200, None, []
    if data is not None:
        if locked:
            messages.error(request, locked)
            status = 409
        elif all([version_form.is_valid(), form.is_valid(), terms is None or terms.is_valid()]):
            status, conflict = _save_row(request, step, collection, partnership, row, form, version_form, terms)
            if status == 302:
                return conflict
        else:
            status = 400
        errors = _error_summary([version_form, form, *(terms.forms if terms is not None else [])], [])
    extra_forms = list(terms.forms) if terms is not None else []
    if not permission.allowed or (locked and data is None):
        for each in [form, *extra_forms]:
            for form_field in each.fields.values():
                form_field.disabled = True
    _explain_fields(form, collection.model)
    style_form(form)
    for each in extra_forms:
        style_form(each)
    fix = request.GET.get("fix", "") if data is None else ""
    target = form
    if fix.startswith("terms-") and extra_forms:
        target, fix = extra_forms[0], fix.split("-", 2)[-1]  # "terms-0-timing": the first share's terms
    if fix in target.fields and not target.fields[fix].disabled:
        _mark_fix(target.fields[fix], _finding_note(partnership, request.GET.get("rule", "")))
    context = {
        "partnership": partnership,
        "step": step,
        "collection": collection,
        "row": row,
        "form": form,
        "terms": terms,
        "lists": options.lists,
        "version_form": version_form,
        "errors": errors,
        "conflict": conflict,
        "editable": permission.allowed and not locked,
        "locked_reason": locked,
        "permission_reason": permission.reason,
        "sidebar": _sidebar(partnership, step.code),
        **_feedback(request, partnership, step.code),
    }
    return render(request, "design/row.html", context, status=status)


def _row_name(collection, row) -> str:
    """The row as people name it: its question or topic for fixed lists, else its own name."""
    if collection.kind == "fixed":
        key = fixed_row_key(row)
        for code, group, question in fixed_rows(collection):
            if code == key:
                return labelled(group, question)
    return labelled(collection.row_label, option_label(row))


def _share_terms(item, data, organisations=()):
    """Each share of a cost item: which organisation pays it (E8.R2), when, and what limits the payer's risk
    (E8.R5), as a formset. The percentages stay in the step's cost-sharing grid."""
    shares = list(item.shares.select_related("organisation").order_by("payer", "pk"))
    formset = ShareTermsFormSet(
        data,
        initial=[
            {"share": s.pk, "organisation": s.organisation_id, "timing": s.timing, "risk_mitigation": s.risk_mitigation}
            for s in shares
        ],
        prefix="row-terms",
        form_kwargs={"organisations": organisations},
    )
    for share, each in zip(shares, formset.forms, strict=False):
        each.row_title = f"{share.get_payer_display()} ({share.percent.normalize():f} %)"
    formset.shares = shares
    return formset


def _save_row(request, step: Step, collection, partnership, row, form, version_form, terms=None):
    """Save one row through its adapter (the step's write path). Returns (status, redirect-or-conflict)."""
    expected = version_form.cleaned_data["version"]
    ops = []
    if form.has_changed():
        key = fixed_row_key(row) if collection.kind == "fixed" else ""
        ops.append(RowOp(collection.adapter, "update", form.service_data(), row, key=key, form=form))
    if terms is not None and terms.has_changed():
        shares = {"shares": share_terms_rows(terms.shares, terms)}
        ops.append(RowOp("cost_shares", "update", shares, row, form=terms.forms[0] if terms.forms else form))
    try:
        count = wizard_step_save(
            partnership=partnership, user=request.user, expected_version=expected, partnership_data={}, ops=ops
        )
    except ConflictError as error:
        version_form.data = version_form.data.copy()
        version_form.data["v-version"] = str(error.current_version)
        return 409, _conflict(error, partnership, expected)
    except StepSaveError as failure:
        for failed_form, error in failure.errors:
            _attach_error(failed_form if failed_form is not None else form, error)
        return 400, None
    except ValidationError as error:  # closed or under review meanwhile
        messages.error(request, " ".join(error.messages))
        return 409, None
    messages.success(request, _("Saved.") if count else _("Nothing to save: no changes."))
    if "back" in request.POST:
        target = reverse("design:step", kwargs={"pk": partnership.pk, "code": step.code})
        return 302, redirect(f"{target}#set-{collection.prefix}")
    return 302, redirect("design:row", pk=partnership.pk, code=step.code, prefix=collection.prefix, row_id=row.pk)


#
# W11 Review and submit
#


def review_view(request: HttpRequest, partnership, step: Step) -> HttpResponse:
    """The feasibility results by element with links to the steps that fix them; check and submit."""
    from feasibility.selectors import feasibility_run_latest

    can_check = policy.decide(policy.Action.REQUEST_CHECK, user=request.user, partnership=partnership)
    can_submit_decision = policy.decide(policy.Action.SUBMIT, user=request.user, partnership=partnership)
    can_write = can_submit_decision.allowed
    locked = _locked_reason(partnership)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        decision = can_check if action == "check" else can_submit_decision
        if action == "move_stage":
            decision = policy.decide(policy.Action.MOVE_STAGE, user=request.user, partnership=partnership)
        if not decision.allowed:
            raise PermissionDenied(decision.reason)
        if action == "check":
            wizard_feasibility_check(partnership=partnership, user=request.user)
            messages.success(request, _("The feasibility check ran; the results are below."))
            return redirect("design:step", pk=partnership.pk, code="review")
        if action == "move_stage":
            stage_move_from_post(request, partnership)
            return redirect("design:step", pk=partnership.pk, code="review")
        if action == "withdraw":
            try:
                wizard_withdraw(partnership=partnership, user=request.user, comment=request.POST.get("comment", ""))
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, _("Withdrawn from review: the partnership can be edited again."))
            if request.POST.get("back_to") == "tasks":  # withdrawn from the task list
                return redirect("design:tasks", pk=partnership.pk)
            return redirect("design:step", pk=partnership.pk, code=_back_to(request))
        if action == "submit":
            if locked:
                messages.error(request, locked)
                return redirect("design:step", pk=partnership.pk, code="review")
            try:
                wizard_feasibility_check(partnership=partnership, user=request.user)
                wizard_submit(partnership=partnership, user=request.user, comment=request.POST.get("comment", ""))
            except ImproperlyConfigured:
                messages.error(request, _("Submission to review is not available yet; your data is saved."))
                status = 503
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [str(error)])) or _("The partnership cannot be submitted.")
                messages.error(request, text)
                status = 409
            else:
                messages.success(request, _("Submitted to IOM for review. The check results are below."))
                return redirect("design:step", pk=partnership.pk, code="review")
        if status == 200:
            return redirect("design:step", pk=partnership.pk, code="review")
    run = feasibility_run_latest(partnership_id=partnership.pk, succeeded_only=True)
    groups = []
    if run is not None:
        by_element: dict[str, list] = {}
        for finding in run.findings.all():
            if finding.status in ("WARN", "FAIL"):
                finding.fix = fix_link(partnership.pk, finding.rule_id)
            by_element.setdefault(finding.element, []).append(finding)
        # "How others did it": at most two practices per open finding, one query for all of them.
        open_findings = [f for found in by_element.values() for f in found if f.status in ("WARN", "FAIL")]
        practices = practices_for_rules([f.rule_id for f in open_findings], limit=2)
        for finding in open_findings:
            finding.practices = practices.get(finding.rule_id, [])
        for code, result in (run.element_results or {}).items():
            findings = sorted(
                by_element.get(code, []), key=lambda f: {"FAIL": 0, "WARN": 1, "PASS": 2}.get(f.status, 3)
            )
            # The element's name from the registry, in the reader's language (the run stores it as checked).
            result = {**result, "name": element_name(code)}
            groups.append({"code": code, "step": ELEMENT_STEP.get(code), "result": result, "findings": findings})
        if "R" not in (run.element_results or {}) and by_element.get("R"):
            groups.append(
                {
                    "code": "R",
                    "step": ELEMENT_STEP["R"],
                    "result": {"name": element_name("R"), "status": run.recruitment_verdict, "score": None},
                    "findings": by_element["R"],
                }
            )
    try:
        from reviews.workflow import submission_gaps

        gaps = submission_gaps(partnership=partnership)
    except ImportError:
        gaps = []
    context = {
        "partnership": partnership,
        "step": step,
        "gaps": gaps,
        "run": run,
        "groups": groups,
        "editable": can_write and not locked,
        "can_write": can_write,
        "can_check": can_check.allowed,
        "permission_reason": can_submit_decision.reason,
        "locked_reason": locked,
        "can_submit": can_write
        and not locked
        and partnership.review_status in (ReviewStatus.DRAFT, ReviewStatus.CHANGES_REQUESTED, ReviewStatus.WITHDRAWN),
        "previous_step": step_before(step.code),
        "sidebar": _sidebar(partnership, step.code),
        "stale": run is not None and run.partnership_version != partnership.version,
        **_feedback(request, partnership, step.code),
        "stage_move": _stage_move(request, partnership),
    }
    return render(request, "design/review.html", context, status=status)


def _stage_move(request, partnership) -> dict | None:
    """The next stage and the open points of the current one's exit checklist (§5.1), for the lead side; the
    review step offers the move forward only (moves back and closing are on the partnership page)."""
    options = stage_move_options(user=request.user, partnership=partnership)
    return options if options and options["to_stage"] else None


def _back_to(request) -> str:
    """The step a wizard form posted from (``back_to``), if it is one; else the review step."""
    code = request.POST.get("back_to", "")
    return code if code in STEPS_BY_CODE else "review"


#
# ISCO-08 search (JS enhancement of the occupation field)
#


@login_required
@require_GET
def occupation_search(request: HttpRequest) -> JsonResponse:
    """Up to 20 ISCO-08 unit groups matching ``q`` by code prefix or title (one query)."""
    rows = selectors.occupation_search(query=request.GET.get("q", "")[:100])
    return JsonResponse({"results": [{"code": o.code, "title": o.title, "skill_level": o.skill_level} for o in rows]})


def step_url(partnership_id: int, code: str) -> str:
    return reverse("design:step", kwargs={"pk": partnership_id, "code": code})
