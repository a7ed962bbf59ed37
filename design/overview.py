"""The wizard's overview pages, as data: the task list and "Check your answers" (issue #19).

Pure functions over what ``design.selectors`` loaded: no queries here, so both pages cost the same number
of queries whatever the size of the partnership.

- :func:`task_groups` — the steps grouped as a GOV.UK task list, each with a status in words: *Not started*,
  *In progress*, *Completed* (from ``design.steps.step_completeness``) or *Has findings* (warnings or failures
  of the latest feasibility run on the element the step serves, ``design.steps.ELEMENT_STEP``).
- :func:`answer_sections` — per step, what is recorded: the partnership's own fields (label and value in
  words) and, for each repeating collection, how many rows and their names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from codelists.partnerships import ReviewStatus, WizardStep
from design.steps import ELEMENT_STEP, STEPS, STEPS_BY_CODE
from smp.fields import MultiChoiceField
from smp.punctuation import labelled

#
# Task statuses
#

NOT_STARTED, IN_PROGRESS, COMPLETED, HAS_FINDINGS = "not_started", "in_progress", "completed", "has_findings"

#: What each status reads (the status is never shown by colour alone).
STATUS_LABELS = {
    NOT_STARTED: _("Not started"),
    IN_PROGRESS: _("In progress"),
    COMPLETED: _("Completed"),
    HAS_FINDINGS: _("Has findings"),
}

#: Review statuses in which the partnership has been handed to IOM (nothing left to submit).
SUBMITTED_STATUSES = frozenset({ReviewStatus.SUBMITTED, ReviewStatus.IN_REVIEW, ReviewStatus.APPROVED})

#: What each review status means for the officials, shown under it on the task list.
REVIEW_STATUS_HELP = {
    ReviewStatus.DRAFT: _("Not submitted yet: complete the steps, check your answers, then submit to IOM."),
    ReviewStatus.SUBMITTED: _("Submitted to IOM: read-only until a reviewer takes it up or you withdraw it."),
    ReviewStatus.IN_REVIEW: _("An IOM reviewer is looking at it: read-only unless you withdraw it."),
    ReviewStatus.CHANGES_REQUESTED: _("The reviewers ask for changes (below): make them, then resubmit."),
    ReviewStatus.APPROVED: _("Approved by IOM."),
    ReviewStatus.WITHDRAWN: _("Withdrawn from review: edit it, then submit again."),
}

#: The element (and so the feasibility findings) each step answers for: the inverse of ``ELEMENT_STEP``.
STEP_ELEMENTS: dict[str, list[str]] = {}
for _element, _step in ELEMENT_STEP.items():
    STEP_ELEMENTS.setdefault(_step, []).append(_element)


def step_status(level: str, findings: int) -> str:
    """A data step's status: an empty step is *Not started* (even when the check found it empty); a started
    one *Has findings* while the latest check warns or fails on its element, else *In progress* or
    *Completed* as ``step_completeness`` says."""
    if level == "empty":
        return NOT_STARTED
    if findings:
        return HAS_FINDINGS
    return COMPLETED if level == "complete" else IN_PROGRESS


@dataclass
class Task:
    """One row of the task list."""

    code: str
    title: str
    url_name: str  # "step" (a wizard step) or "check" ("Check your answers")
    status: str
    number: int | None = None
    hints: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def task_groups(
    *, partnership, levels: dict[str, str], findings: dict[str, int], change_requests: list, any_run: bool
) -> list[dict]:
    """The task list: steps 1–10 under "Design the partnership", then "Check and submit".

    ``levels`` is ``step_completeness``'s answer, ``findings`` the warnings and failures of the latest run per
    element, ``change_requests`` the reviewers' open requests (counted on the step of their element).
    """
    requests_per_step: dict[str, int] = {}
    for request in change_requests:
        code = ELEMENT_STEP.get(request.element) if request.element else None
        if code:
            requests_per_step[code] = requests_per_step.get(code, 0) + 1
    design = []
    for step in STEPS:
        if step.code == WizardStep.REVIEW:
            continue
        count = sum(findings.get(element, 0) for element in STEP_ELEMENTS.get(step.code, ()))
        task = Task(
            code=step.code,
            title=step.title,
            url_name="step",
            number=step.number,
            status=step_status(levels.get(step.code, "empty"), count),
        )
        if count:
            task.hints.append(
                ngettext(
                    "The last feasibility check has %(count)s warning or failure here.",
                    "The last feasibility check has %(count)s warnings or failures here.",
                    count,
                )
                % {"count": count}
            )
        asked = requests_per_step.get(step.code, 0)
        if asked:
            task.hints.append(
                ngettext(
                    "The reviewers ask for %(count)s change here.",
                    "The reviewers ask for %(count)s changes here.",
                    asked,
                )
                % {"count": asked}
            )
        design.append(task)
    submitted = partnership.review_status in SUBMITTED_STATUSES
    started = any(task.status != NOT_STARTED for task in design)
    check = Task(
        code="check",
        title=str(_("Check your answers")),
        url_name="check",
        status=COMPLETED if submitted else (IN_PROGRESS if started else NOT_STARTED),
        hints=[str(_("Everything recorded, step by step, with a link to change each answer."))],
    )
    review = STEPS_BY_CODE[WizardStep.REVIEW]
    submit = Task(
        code=review.code,
        title=str(_("Run the feasibility check and submit")),
        url_name="step",
        number=review.number,
        status=COMPLETED if submitted else (IN_PROGRESS if any_run else NOT_STARTED),
    )
    return [
        {"id": "design", "title": _("Design the partnership"), "tasks": design},
        {"id": "submit", "title": _("Check and submit"), "tasks": [check, submit]},
    ]


#
# Check your answers
#


def _not_recorded() -> str:
    return str(_("Not recorded"))


def value_in_words(instance, db_field, *, related: dict[str, list] | None = None) -> tuple[str, bool]:
    """``(text, recorded)``: one field of ``instance`` as people read it — choices by their label, countries by
    name, dates in the reader's format, numbers grouped, yes/no in words. Many-to-many values come from
    ``related`` (field name → loaded rows), never from a query."""
    if isinstance(db_field, models.ManyToManyField):
        rows = (related or {}).get(db_field.name, [])
        return (", ".join(str(row) for row in rows), True) if rows else (_not_recorded(), False)
    value = getattr(instance, db_field.attname)
    if value is None or value == "" or value == []:
        return _not_recorded(), False
    if hasattr(value, "code") and hasattr(value, "name"):  # django-countries' Country
        return (str(value.name), True) if value.code else (_not_recorded(), False)
    if isinstance(db_field, MultiChoiceField):
        labels = dict(db_field.item_choices)
        return ", ".join(str(labels.get(code, code)) for code in value), True
    if getattr(db_field, "choices", None):
        labels = dict(db_field.flatchoices)
        return str(labels.get(value, value)), True
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No")), True
    if isinstance(value, dt.datetime):
        return date_format(value, "DATETIME_FORMAT", use_l10n=True), True
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT", use_l10n=True), True
    if isinstance(value, (int, Decimal)):
        return number_format(value, use_l10n=True, force_grouping=True), True
    return str(value), True


def _labelled(instance, name: str) -> str:
    db_field = instance._meta.get_field(name)
    return value_in_words(instance, db_field)[0]


def row_name(row) -> str:
    """What one repeating item is called in the summary (no query: ``design.selectors.answer_rows`` loaded
    the related rows the names read)."""
    label = row._meta.label
    if label == "stakeholders.Participation":
        return f"{row.organisation.name} ({_labelled(row, 'side')}; {_labelled(row, 'roles')})"
    if label == "partnerships.PartnershipCountry":
        return f"{row.country.name} ({_labelled(row, 'side')})"
    if label == "partnerships.Objective":
        text = Truncator(row.description).chars(90) if row.description else ""
        return f"{row} — {text}" if text else str(row)
    if label == "recruitment.Recruiter":
        return row.organisation.name
    if label == "partnerships.BusinessLinkage":
        return labelled(_labelled(row, "kind"), f"{row.destination_org.name} → {row.origin_org.name}")
    if label == "skills.DataNeed":
        prompt = row.prompt
        if prompt is not None:
            question = Truncator(str(prompt.text)).chars(90)
        else:  # a question of the partnership's own
            question = Truncator(row.answer).chars(90) if row.answer else str(_("Your own question"))
        return f"{question} — {_labelled(row, 'status')}"
    if label == "partnerships.ContinuumProvision":
        return f"{row} — {_labelled(row, 'status')}"
    return str(row)


@dataclass
class Answer:
    """One line of the summary list: a partnership field, or a collection's count and row names."""

    label: str
    value: str
    recorded: bool
    anchor: str
    names: list[str] = field(default_factory=list)


def _field_anchor(bound_field) -> str:
    """The element a "Change" link jumps to: the control itself, or the first box of a group of boxes."""
    return bound_field.id_for_label or bound_field.auto_id  # a group of boxes: the group (its id is on it)


def answer_sections(
    *, partnership, main_forms: dict[str, object], related: dict[str, list], rows: dict[str, list], fixed_totals
) -> list[dict]:
    """Per data step: the partnership's fields (label from the step's own form, value in words, the field's id
    on the step page) and every collection (count, row names, the list's id on the step page).

    ``main_forms`` maps step code → an unbound instance of the step's partnership form (for labels and ids),
    ``related`` many-to-many field name → loaded rows, ``rows`` collection prefix → loaded rows,
    ``fixed_totals`` collection prefix → how many rows a fixed list has.
    """
    sections = []
    for step in STEPS:
        if step.code == WizardStep.REVIEW:
            continue
        answers: list[Answer] = []
        form = main_forms.get(step.code)
        for name in step.partnership_fields:
            db_field = partnership._meta.get_field(name)
            text, recorded = value_in_words(partnership, db_field, related=related)
            if form is not None and name in form.fields:
                bound = form[name]
                label, anchor = str(bound.label), _field_anchor(bound)
            else:
                label, anchor = capfirst(str(db_field.verbose_name)), f"id_main-{name}"
            answers.append(Answer(label=label, value=text, recorded=recorded, anchor=anchor))
        for collection in step.collections:
            loaded = rows.get(collection.prefix, [])
            count = len(loaded)
            if collection.kind == "fixed":
                total = fixed_totals.get(collection.prefix, count)
                value = _("%(count)s of %(total)s recorded") % {
                    "count": number_format(count, force_grouping=True),
                    "total": number_format(total, force_grouping=True),
                }
            elif count:
                value = ngettext("%(count)s recorded", "%(count)s recorded", count) % {
                    "count": number_format(count, force_grouping=True)
                }
            else:
                value = _("None recorded")
            answers.append(
                Answer(
                    label=str(collection.title),
                    value=str(value),
                    recorded=bool(count),
                    anchor=f"set-{collection.prefix}",
                    names=[row_name(row) for row in loaded],
                )
            )
        sections.append({"step": step, "answers": answers})
    return sections
