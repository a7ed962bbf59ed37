"""The feasibility engine: run every registered rule on one loaded partnership and score the result.

Pure: no queries, no writes. ``feasibility.services`` loads the partnership, calls :func:`evaluate` and
stores the :class:`Evaluation`. What the engine decides, once for every rule (SMP-DOMAIN §0.2, §0.4, §3.4):

* **Draft leniency (⏳)** — before stage ``agreement``, a FAIL whose outcome is lenient (the outcome's own
  ``lenient`` flag, else the rule's ``draft_lenient``) is reported as WARN with ``draft_lenient_applied``.
* **A rule that raises** becomes a FAIL finding naming the error; the run goes on.
* **Element status** = worst applicable status (FAIL > WARN > PASS); all N/A → ``not_applicable``;
  an element without registered rules → ``not_assessed`` with no score (never a pass).
* **Element score** = (PASS + 0.5 × WARN) ÷ applicable rules × 100.
* **Overall readiness** = mean of the scores of the elements that have one (assessed, not all N/A).
* **Recruitment verdict** (§3.4) — ``fail`` on any blocking FAIL (a red flag) or more than
  ``R_MAX_NONBLOCKING_FAILS`` non-blocking FAILs; else ``warn`` on any FAIL/WARN; else ``pass``;
  ``not_assessed`` when no R rule is registered.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from feasibility import rules as _rules  # noqa: F401  (importing the package registers every rule module)
from feasibility.registry import ELEMENTS, RECRUITMENT, REGISTRY, Registry, RuleSpec, Status, msg

logger = logging.getLogger(__name__)

NOT_ASSESSED = "not_assessed"
NOT_APPLICABLE = "not_applicable"


@dataclass(slots=True)  # a value never changed after it is made; not frozen, which costs per instance
class FindingResult:
    """One rule's result in one evaluation, after leniency (becomes a ``Finding`` row)."""

    rule_id: str
    element: str
    status: Status
    draft_lenient_applied: bool
    message: str
    recommendation: str  # lazy text (the rule's RuleText), made in the reader's language when read
    evidence: dict
    blocking: bool = False
    error: str = ""  # set when the rule raised instead of returning an Outcome
    message_key: str = ""  # the untranslated msgid template of ``message`` ("" when the rule gave plain text)
    message_params: dict = field(default_factory=dict)  # the values interpolated into it (plain JSON)


@dataclass(frozen=True)
class ElementResult:
    code: str
    name: str
    status: str  # pass | warn | fail | not_applicable | not_assessed
    score: float | None
    counts: dict[str, int]

    def as_json(self) -> dict:
        return {"name": self.name, "status": self.status, "score": self.score, "counts": self.counts}


@dataclass(frozen=True)
class RecruitmentResult:
    verdict: str  # pass | warn | fail | not_assessed
    score: float | None
    red_flags: list[str]
    nonblocking_fails: int


@dataclass(frozen=True)
class Evaluation:
    stage: str
    findings: list[FindingResult]
    elements: dict[str, ElementResult]
    overall_score: float | None
    recruitment: RecruitmentResult
    rule_errors: list[str] = field(default_factory=list)

    def element_results_json(self) -> dict:
        return {code: result.as_json() for code, result in self.elements.items()}


#
# Running the rules
#


_PLAIN = frozenset({str, int, float, bool, type(None)})


def json_safe(value: Any) -> Any:
    """Evidence as plain JSON values: dates → ISO text, decimals → text, sets → sorted lists, rows → pk."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {str(k): v if type(v) in _PLAIN else json_safe(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [v if type(v) in _PLAIN else json_safe(v) for v in value]
    return json_default(value)


def json_default(value: Any) -> Any:
    """``json.dumps(..., default=json_default)`` for values ``json`` does not know."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted((json_safe(v) for v in value), key=str)
    # Subclasses of plain types (a TextChoices member, an OrderedDict) become the plain type.
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if hasattr(value, "pk"):
        return value.pk
    return str(value)


def run_rule(spec: RuleSpec, p, ctx) -> FindingResult:
    """Run one rule, apply leniency, never raise."""
    error = ""
    try:
        outcome = spec.func(p, ctx)
        status = outcome.status if type(outcome.status) is Status else Status(outcome.status)
        message = outcome.message
        key, params = outcome.message_key, outcome.message_params
        evidence = json_safe(outcome.evidence or {})
        lenient = spec.draft_lenient if outcome.lenient is None else outcome.lenient
    except Exception as exc:  # a broken rule must not break the run (§0.4: every rule yields a finding)
        logger.exception("Rule %s raised on partnership %s", spec.id, getattr(p, "pk", None))
        error = f"{type(exc).__name__}: {exc}"
        status = Status.FAIL
        message = msg(_("The rule could not be evaluated (%(error)s)."), {"error": error})
        key, params = message.key, dict(message.params)
        evidence = {"error": error}
        lenient = False
    applied = False
    if status == Status.FAIL and lenient and ctx.before_agreement:
        status = Status.WARN
        applied = True
    return FindingResult(
        rule_id=spec.id,
        element=spec.element,
        status=status,
        draft_lenient_applied=applied,
        message=str(message),
        recommendation=spec.says,  # lazy: made in the reader's language when read
        evidence=evidence,
        blocking=spec.blocking,
        error=error,
        message_key=key,
        message_params=params,
    )


def score(findings: list[FindingResult]) -> tuple[float | None, dict[str, int]]:
    """(PASS + 0.5 × WARN) ÷ applicable × 100, rounded to 2 places; ``None`` when nothing applies (§0.4)."""
    counts = {"pass": 0, "warn": 0, "fail": 0, "not_applicable": 0}
    for finding in findings:
        counts[finding.status.json_code] += 1
    applicable = counts["pass"] + counts["warn"] + counts["fail"]
    if not applicable:
        return None, counts
    return round((counts["pass"] + 0.5 * counts["warn"]) / applicable * 100, 2), counts


def worst(findings: list[FindingResult]) -> str:
    statuses = {finding.status for finding in findings}
    if Status.FAIL in statuses:
        return "fail"
    if Status.WARN in statuses:
        return "warn"
    if Status.PASS in statuses:
        return "pass"
    return NOT_APPLICABLE


def recruitment_verdict(
    findings: list[FindingResult], *, max_nonblocking_fails: int, assessed: bool
) -> RecruitmentResult:
    """§3.4: red flags = blocking rules that FAILed; the verdict follows from them and the other FAILs."""
    if not assessed:
        return RecruitmentResult(NOT_ASSESSED, None, [], 0)
    red_flags = [f.rule_id for f in findings if f.blocking and f.status == Status.FAIL]
    nonblocking_fails = sum(1 for f in findings if not f.blocking and f.status == Status.FAIL)
    rec_score, _counts = score(findings)
    if red_flags or nonblocking_fails > max_nonblocking_fails:
        verdict = "fail"
    elif any(f.status in (Status.FAIL, Status.WARN) for f in findings):
        verdict = "warn"
    else:
        verdict = "pass"
    return RecruitmentResult(verdict, rec_score, red_flags, nonblocking_fails)


def evaluate(p, ctx, *, registry: Registry = REGISTRY) -> Evaluation:
    """Evaluate every rule of ``registry`` on ``p`` (loaded by ``partnership_get_for_check``). Issues no query."""
    findings = [run_rule(spec, p, ctx) for spec in registry.ordered()]

    by_element: dict[str, list[FindingResult]] = {code: [] for code in [*ELEMENTS, RECRUITMENT]}
    for finding in findings:
        by_element.setdefault(finding.element, []).append(finding)
    registered = registry.elements_with_rules()

    elements: dict[str, ElementResult] = {}
    for code, name in ELEMENTS.items():
        if code not in registered:
            elements[code] = ElementResult(code, str(name), NOT_ASSESSED, None, {})
            continue
        element_score, counts = score(by_element[code])
        elements[code] = ElementResult(code, str(name), worst(by_element[code]), element_score, counts)

    assessed_scores = [r.score for r in elements.values() if r.score is not None]
    overall = round(sum(assessed_scores) / len(assessed_scores), 2) if assessed_scores else None

    recruitment = recruitment_verdict(
        by_element[RECRUITMENT],
        max_nonblocking_fails=int(ctx.cfg.get("R_MAX_NONBLOCKING_FAILS", 2)),
        assessed=RECRUITMENT in registered,
    )
    errors = [f.rule_id for f in findings if f.error]
    return Evaluation(
        stage=ctx.stage,
        findings=findings,
        elements=elements,
        overall_score=overall,
        recruitment=recruitment,
        rule_errors=errors,
    )
