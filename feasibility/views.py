"""The public rule catalogue (/rules/): what every rule checks, recommends and cites."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from feasibility.registry import RULESET_VERSION
from feasibility.selectors import rule_catalogue, rule_inputs


def catalogue(request: HttpRequest) -> HttpResponse:
    """Every registered rule grouped by element, with id, title, severity, ⏳/blocking, tag, recommendation, source
    and the inputs it reads (in words, with the dotted field name for developers)."""
    groups = [
        {**group, "rules": [{"spec": spec, "inputs": rule_inputs(spec)} for spec in group["rules"]]}
        for group in rule_catalogue()
    ]
    return render(
        request,
        "feasibility/catalogue.html",
        {"groups": groups, "ruleset_version": RULESET_VERSION, "rule_count": sum(len(g["rules"]) for g in groups)},
    )
