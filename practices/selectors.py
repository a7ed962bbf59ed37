"""Reading the library of practices (one query per page)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.urls import reverse

from practices.models import Practice
from smp.fields import json_list_has


def practice_list(*, element: str = "", region: str = "", sector: str = "", include_retired: bool = False) -> QuerySet:
    """The entries narrowed by element, IOM region and sector codes (empty = any)."""
    practices = Practice.objects.all()
    if not include_retired:
        practices = practices.filter(retired=False)
    if element:
        practices = practices.filter(json_list_has("elements", element))
    if region:
        practices = practices.filter(json_list_has("regions", region))
    if sector:
        practices = practices.filter(json_list_has("sectors", sector))
    return practices.order_by("name")


def practice_get(*, slug: str) -> Practice:
    return Practice.objects.get(slug=slug)


def practices_for_rules(rule_ids: Iterable[str], *, limit: int | None = None) -> dict[str, list[dict]]:
    """Rule id → the live practices illustrating it (name, source, url, outside_sources), at most ``limit`` each;
    one query for all the rules (registered with ``feasibility.inputs.register_practices``)."""
    wanted = sorted(set(rule_ids))
    if not wanted:
        return {}
    condition = Q()
    for rule_id in wanted:
        condition |= json_list_has("rules", rule_id)
    found: dict[str, list[dict]] = {}
    rows = Practice.objects.filter(condition, retired=False).order_by("outside_sources", "name")
    for practice in rows.only("slug", "name", "source", "outside_sources", "rules"):
        entry = {
            "name": practice.name,
            "source": practice.source,
            "outside_sources": practice.outside_sources,
            "url": reverse("practices:detail", kwargs={"slug": practice.slug}),
        }
        for rule_id in practice.rules:
            if rule_id in wanted and (limit is None or len(found.get(rule_id, [])) < limit):
                found.setdefault(rule_id, []).append(entry)
    return found
