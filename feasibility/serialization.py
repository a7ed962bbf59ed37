"""The JSON representation of a run, shared by ``manage.py run_feasibility --json`` and the API.

Shape (docs/feasibility.md)::

    {"id", "partnership", "status", "ruleset_version", "stage", "partnership_version", "started_at",
     "finished_at", "overall_score",
     "elements": [{"code": "E1", "name", "score", "status",
                   "findings": [{"rule", "outcome", "message", "message_key", "message_params",
                                 "recommendation", "draft_lenient_applied"}]}, … E8],
     "recruitment": {"status", "score", "red_flags", "findings": [...]}}

``stage`` and ``partnership_version`` are what the run evaluated: the partnership's stage (draft leniency
depends on it) and data version when the rules ran. ``message`` is the finding's text in the reader's
language (``Accept-Language``; a finding stored without a key keeps the language of its run); ``message_key``
its untranslated template (msgid) and ``message_params`` the values put into it, so the finding can be shown
again in another language (``""`` / ``{}`` for findings stored before they were kept). A parameter that is
itself translatable is ``{"key", "params"}``; a key of ``feasibility:sentence`` joins ``params["parts"]``
with "; " into one sentence.

Outcome codes are lowercase: ``pass``, ``warn``, ``fail``, ``not_applicable``. Element and recruitment
``status`` add ``not_assessed`` (no rule registered); a queued or failed run has ``null`` scores.
"""

from __future__ import annotations

from decimal import Decimal

from feasibility.registry import ELEMENTS, RECRUITMENT, STATUS_JSON, rule_sort_key


def _number(value) -> float | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def finding_to_dict(finding) -> dict:
    return {
        "rule": finding.rule_id,
        "outcome": STATUS_JSON.get(finding.status, str(finding.status).lower()),
        "message": finding.text,
        "message_key": finding.message_key,
        "message_params": finding.message_params or {},
        "recommendation": finding.recommendation,
        "draft_lenient_applied": finding.draft_lenient_applied,
    }


def run_to_dict(run) -> dict:
    """A run and its findings as plain JSON-ready data (uses prefetched ``run.findings`` when present)."""
    by_element: dict[str, list] = {}
    for finding in sorted(run.findings.all(), key=lambda f: rule_sort_key(f.rule_id)):
        by_element.setdefault(finding.element, []).append(finding_to_dict(finding))
    stored = run.element_results or {}
    elements = []
    for code, name in ELEMENTS.items():
        result = stored.get(code, {})
        elements.append(
            {
                "code": code,
                "name": str(name),
                "score": _number(result.get("score")),
                "status": result.get("status") if result else None,
                "findings": by_element.get(code, []),
            }
        )
    return {
        "id": run.pk,
        "partnership": run.partnership_id,
        "status": run.status,
        "ruleset_version": run.ruleset_version,
        "stage": run.stage_at_run or None,
        "partnership_version": run.partnership_version,
        "started_at": _iso(run.started_at),
        "finished_at": _iso(run.finished_at),
        "overall_score": _number(run.overall_score),
        "elements": elements,
        "recruitment": {
            "status": run.recruitment_verdict or None,
            "score": _number(run.recruitment_score),
            "red_flags": list(run.red_flags or []),
            "findings": by_element.get(RECRUITMENT, []),
        },
    }
