"""The public rule catalogue (/rules/): what every rule checks, recommends and cites."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from feasibility.inputs import practices_for_rules
from feasibility.registry import RULESET_VERSION
from feasibility.selectors import rule_catalogue, rule_inputs


def catalogue(request: HttpRequest) -> HttpResponse:
    """Every registered rule grouped by element, with id, title, severity, ⏳/blocking, tag, recommendation, source
    and the inputs it reads (in words, with the dotted field name for developers)."""
    catalogue_groups = rule_catalogue()
    # "How others did it": the practices illustrating each rule (one query, from the library if installed).
    practices = practices_for_rules([spec.id for group in catalogue_groups for spec in group["rules"]])
    groups = [
        {
            **group,
            "rules": [
                {"spec": spec, "inputs": rule_inputs(spec), "practices": practices.get(spec.id, [])}
                for spec in group["rules"]
            ],
        }
        for group in catalogue_groups
    ]
    return render(
        request,
        "feasibility/catalogue.html",
        {"groups": groups, "ruleset_version": RULESET_VERSION, "rule_count": sum(len(g["rules"]) for g in groups)},
    )
