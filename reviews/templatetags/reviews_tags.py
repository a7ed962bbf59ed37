"""Template helpers of the reviews app: sort links, score formatting and the notification badge."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from reviews.selectors import notifications_unread_count, score_band

register = template.Library()


@register.simple_tag
def sort_query(filter_query: str, current: str, key: str) -> str:
    """The query string that sorts by ``key`` (descending when it is already sorted ascending by it)."""
    target = f"-{key}" if current == key else key
    prefix = f"{filter_query}&" if filter_query else ""
    return f"?{prefix}sort={target}"


@register.simple_tag
def sort_state(current: str, key: str) -> str:
    """``aria-sort`` value of a column header."""
    if current == key:
        return "ascending"
    if current == f"-{key}":
        return "descending"
    return "none"


@register.filter
def band(score) -> str:
    """Heatmap colour band of a score."""
    return score_band(score)


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """Unread notifications of the current user (one query), for the nav badge."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return notifications_unread_count(user=user) if user is not None else 0


@register.filter
def labels(obj, field_name: str) -> str:
    """The labels of a multi-choice field's codes, comma-separated (``{{ p|labels:"migration_types" }}``)."""
    values = getattr(obj, field_name, None) or []
    try:
        choices = dict(obj._meta.get_field(field_name).item_choices)
    except (AttributeError, LookupError):
        choices = {}
    return ", ".join(str(choices.get(value, value)) for value in values)


@register.simple_tag
def select_options(bound_field) -> str:
    """The ``<option>`` elements of a choice field with its current value selected, built in Python (the
    country list has ~250 entries; rendering them through the template engine dominated the dashboard)."""
    current = str(bound_field.value() or "")
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) == current else "", label)  # noqa: S308 - a constant
            for value, label in bound_field.field.choices
        ),
    )
