"""``{% colon %}``: the separator between a label and its value, and ``|semicolons``: phrases joined, both
punctuated the reader's way (smp.punctuation).

Registered in ``TEMPLATES["OPTIONS"]["libraries"]`` (the ``smp`` package is not an app): ``{% load punctuation %}``.
"""

from __future__ import annotations

from django import template

from smp import punctuation

register = template.Library()


@register.simple_tag
def colon() -> str:
    return punctuation.colon()


@register.filter
def semicolons(items) -> str:
    """``{{ labels|semicolons }}``: phrases joined by the reader's semicolon ("a; b", French "a ; b")."""
    return punctuation.semicolons(items)
