"""The wizard's field grid, rendered in Python: ``{% load field_grid %}{% field_grid form %}``.

A step repeats it for every field of every row (hundreds per page), which through a template include per
field cost most of a step's server time (issue #19). The markup is what ``design/includes/field.html`` wrote:

- a label above the control (a required one marked with an asterisk for the eye and ``aria-required`` for
  screen readers), the help text and the errors below it, the control pointing at both with
  ``aria-describedby``; in a collection's rows the help is printed once above them
  (:func:`collection_help`) and every row's control points at that copy;
- checkbox groups and the chosen-entries lists of ``design.choosers`` in a ``fieldset`` with a ``legend``;
- a single checkbox with its label after it;
- text areas and checkbox groups across the grid (``wide``), other fields one cell each.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

#: Django's own widgets whose options the grid lays out itself (other pages' forms, e.g. an organisation's
#: portfolio); the wizard's fast widgets lay theirs out when rendered.
OPTION_LOOP_WIDGETS = ("checkboxselectmultiple", "radioselect")


def _notes(bound) -> str:
    """The help text (unless the collection shows it once for every row) and the errors below a control,
    with the ids ``aria-describedby`` points at."""
    parts = []
    if bound.help_text and bound.name not in getattr(bound.form, "help_ids", {}):
        parts.append(format_html('<div id="{}_helptext" class="form-text">{}</div>', bound.auto_id, bound.help_text))
    errors = bound.errors
    if errors:
        text = " ".join(conditional_escape(error) for error in errors)
        parts.append(format_html('<div id="{}_error" class="invalid-feedback d-block">{}</div>', bound.auto_id, text))
    note = getattr(bound.field, "fix_note", "")
    if note:  # the finding a "Fix it" link pointed at (design.views._mark_fix)
        note_html = '<div id="fix-note" class="alert alert-warning py-1 px-2 small mt-1 mb-0">{}</div>'
        parts.append(format_html(note_html, note))
    return "".join(parts)


def _options(bound) -> str:
    """The options of a Django checkbox group or radio list, each with its label."""
    invalid = " is-invalid" if bound.errors else ""
    options = "".join(
        format_html(
            '<div class="form-check form-check-inline">{}<label class="form-check-label" for="{}">{}</label></div>',
            option.tag(),
            option.id_for_label,
            option.choice_label,
        )
        for option in bound
    )
    return f'<div class="wizard-checks{invalid}">{options}</div>'


def render_field(bound) -> str:
    """One field: label (or legend), control, help and errors."""
    kind = bound.widget_type
    if bound.use_fieldset:
        described = format_html(' aria-describedby="{}_error"', bound.auto_id) if bound.errors else ""
        control = _options(bound) if kind in OPTION_LOOP_WIDGETS else str(bound)
        legend = format_html("<legend>{}</legend>", bound.label)
        return f"<fieldset{described}>{legend}{control}{_notes(bound)}</fieldset>"
    if kind == "checkbox":
        label = format_html(
            '<label class="form-check-label small fw-semibold" for="{}">{}</label>', bound.id_for_label, bound.label
        )
        return f'<div class="form-check mt-4">{bound}{label}{_notes(bound)}</div>'
    if bound.field.required and not bound.field.disabled:
        # Marked for the eye by the label's "req" class (a red asterisk, smp.css), for screen readers by
        # aria-required on the control.
        label = format_html('<label class="req" for="{}">{}</label>', bound.id_for_label, bound.label)
        return f"{label}{bound.as_widget(attrs={'aria-required': 'true'})}{_notes(bound)}"
    # Styled by the grid (smp.css ".field-grid > div > label"), not by a class repeated on every label.
    label = format_html('<label for="{}">{}</label>', bound.id_for_label, bound.label)
    return f"{label}{bound}{_notes(bound)}"


@register.simple_tag
def field_grid(form) -> str:
    """The visible fields of ``form`` (its "remove" checkbox aside) in the wizard's grid."""
    cells = []
    for bound in form.visible_fields():
        if bound.name == "DELETE":
            continue
        kind = bound.widget_type
        wide = kind == "textarea" or "checkboxselectmultiple" in kind
        cells.append(f'<div class="wide">{render_field(bound)}</div>' if wide else f"<div>{render_field(bound)}</div>")
    return mark_safe(f'<div class="field-grid">{"".join(cells)}</div>')  # noqa: S308 - every part escaped above


@register.simple_tag
def collection_help(formset) -> str:
    """The help of a collection's fields, once above its rows (each row's controls point at it)."""
    form = formset.empty_form
    items = "".join(
        format_html('<li id="{}"><span class="fw-semibold">{}</span>: {}</li>', help_id, form[name].label, help_text)
        for name, help_id in getattr(form, "help_ids", {}).items()
        if (help_text := form.fields[name].help_text)
    )
    return mark_safe(f'<ul class="small text-body-secondary wizard-field-help">{items}</ul>' if items else "")  # noqa: S308
