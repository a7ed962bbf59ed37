"""Reads of the wizard: a user's partnerships, the progress counts behind the sidebar, the rows of each
step and the options of its selects — each in a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import re

from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from codelists.partnerships import Side
from codelists.skills import DATA_NEED_PROMPT_CODES
from partnerships.models import Partnership
from smp.history import reason_shown

#
# Partnerships
#


def partnership_list_for_user(*, user) -> QuerySet:
    """The partnerships ``user`` may read, newest change first (one query)."""
    return Partnership.objects.for_user(user).order_by("-updated_at", "-pk")


def partnership_get_for_user(*, user, partnership_id: int) -> Partnership:
    """One partnership within ``user``'s scope, else 404 (existence never leaks)."""
    return get_object_or_404(Partnership.objects.for_user(user), pk=partnership_id)


def _count(model_label: str, *, extra: Q | None = None, field: str = "partnership") -> Coalesce:
    model = apps.get_model(model_label)
    rows = model.objects.filter(**{field: OuterRef("pk")})
    if extra is not None:
        rows = rows.filter(extra)
    counted = rows.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


#: Counts loaded for the sidebar; one correlated subquery each, all in the partnership's own query.
PROGRESS_COUNTS = {
    "n_sectors": ("partnerships.Partnership_sectors", None, "partnership"),
    "n_origin": ("partnerships.PartnershipCountry", Q(side=Side.ORIGIN), "partnership"),
    "n_destination": ("partnerships.PartnershipCountry", Q(side=Side.DESTINATION), "partnership"),
    "n_objectives": ("partnerships.Objective", None, "partnership"),
    "n_indicators": ("partnerships.Indicator", None, "partnership"),
    "n_participations": ("stakeholders.Participation", None, "partnership"),
    "n_bodies": ("stakeholders.GovernanceBody", None, "partnership"),
    "n_evidence": ("skills.LabourMarketEvidence", None, "partnership"),
    "n_needs": ("skills.DataNeed", None, "partnership"),
    "n_initiatives": ("partnerships.LinkedInitiative", None, "partnership"),
    "n_linkages": ("partnerships.BusinessLinkage", None, "partnership"),
    "n_target_occupations": ("skills.TargetOccupation", None, "partnership"),
    "n_training": ("skills.TrainingProgramme", None, "partnership"),
    "n_recognition": ("skills.RecognitionArrangement", None, "partnership"),
    "n_provisions": ("partnerships.ContinuumProvision", None, "partnership"),
    "n_protection": ("partnerships.SocialProtectionCover", None, "partnership"),
    "n_grievance": ("partnerships.GrievanceChannel", None, "partnership"),
    "n_pathways": ("partnerships.Pathway", None, "partnership"),
    "n_cost_items": ("costs.CostItem", None, "partnership"),
    "n_items_without_shares": ("costs.CostItem", Q(shares__isnull=True), "partnership"),
    "n_recruiters": ("recruitment.Recruiter", None, "partnership"),
    "n_arrangements": ("recruitment.RecruitmentArrangement", None, "partnership"),
    "n_runs": ("feasibility.FeasibilityRun", Q(status="succeeded"), "partnership"),
}


#: A partnership id no row has: where the compiled progress query takes the real one (see below).
_PROGRESS_PLACEHOLDER = -20261207

#: The progress query compiled once per database vendor: its SQL and parameters, with the placeholder id.
_progress_sql: dict[str, tuple[str, tuple]] = {}


def _progress_queryset(partnership_id: int) -> QuerySet:
    annotations = {}
    for name, (label, extra, field) in PROGRESS_COUNTS.items():
        if label == "partnerships.Partnership_sectors":
            through = Partnership.sectors.through
            counted = (
                through.objects.filter(partnership=OuterRef("pk"))
                .order_by()
                .values("partnership")
                .annotate(n=Count("pk"))
                .values("n")
            )
            annotations[name] = Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
        else:
            annotations[name] = _count(label, extra=extra, field=field)
    return Partnership.objects.annotate(**annotations).filter(pk=partnership_id)


def partnership_progress(*, partnership_id: int):
    """The partnership's own fields plus the row counts ``design.steps.step_completeness`` reads (one query).

    Building and compiling 23 correlated subqueries took the ORM about ten times longer than the database
    needs to run them, on every step (issue #19): the SQL is compiled once per process and database vendor,
    with a placeholder id that each call replaces by its own.
    """
    from django.db import connection

    if connection.vendor not in _progress_sql:
        sql, params = _progress_queryset(_PROGRESS_PLACEHOLDER).query.sql_with_params()
        if list(params).count(_PROGRESS_PLACEHOLDER) != 1:  # never expected: then compile every time
            return _with_prompts(_progress_queryset(partnership_id).get())
        _progress_sql[connection.vendor] = (sql, tuple(params))
    sql, params = _progress_sql[connection.vendor]
    params = tuple(partnership_id if value == _PROGRESS_PLACEHOLDER else value for value in params)
    rows = list(Partnership.objects.raw(sql, params))
    if not rows:
        raise Partnership.DoesNotExist(f"no partnership {partnership_id}")
    return _with_prompts(rows[0])


def _with_prompts(progress):
    progress.n_prompts = len(DATA_NEED_PROMPT_CODES)
    return progress


def latest_run_summary(*, partnership_id: int):
    """The newest succeeded feasibility run's element results, without its findings (one query)."""
    run_model = apps.get_model("feasibility", "FeasibilityRun")
    return (
        run_model.objects.filter(partnership_id=partnership_id, status="succeeded")
        .only("id", "element_results", "overall_score", "recruitment_verdict", "finished_at", "partnership_version")
        .order_by("-finished_at", "-id")
        .first()
    )


def step_findings(*, partnership_id: int, elements) -> dict | None:
    """The findings of ``elements`` that need action in the newest succeeded run, and those that needed action
    in the run before and no longer do (two queries; ``None`` before the first check).

    ``{"run": newest run, "open": [findings WARN/FAIL], "resolved": [findings of the newer run that were
    WARN/FAIL in the older one], "previous": older run or None}``.
    """
    run_model = apps.get_model("feasibility", "FeasibilityRun")
    finding_model = apps.get_model("feasibility", "Finding")
    runs = list(
        run_model.objects.filter(partnership_id=partnership_id, status="succeeded")
        .only("id", "finished_at", "partnership_version")
        .order_by("-finished_at", "-id")[:2]
    )
    if not runs or not elements:
        return None
    findings = finding_model.objects.filter(run__in=runs, element__in=list(elements)).order_by("rule_id", "id")
    newest, older = {}, {}
    for finding in findings:
        (newest if finding.run_id == runs[0].pk else older)[finding.rule_id] = finding
    action = ("WARN", "FAIL")
    return {
        "run": runs[0],
        "previous": runs[1] if len(runs) > 1 else None,
        "open": [f for f in newest.values() if f.status in action],
        "resolved": [
            f for rule, f in newest.items() if f.status not in action and rule in older and older[rule].status in action
        ],
    }


def latest_finding(*, partnership_id: int, rule_id: str):
    """The finding of ``rule_id`` in the partnership's newest succeeded run, or ``None`` (one query)."""
    finding_model = apps.get_model("feasibility", "Finding")
    return (
        finding_model.objects.filter(run__partnership_id=partnership_id, run__status="succeeded", rule_id=rule_id)
        .order_by("-run__finished_at", "-run_id")
        .first()
    )


#
# Rows of each step's collections
#

#: How to load each collection's rows without a query per row: (select_related, prefetch_related).
COLLECTION_LOADING: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "partnerships.PartnershipCountry": ((), ()),
    "partnerships.Objective": ((), ("sdg_targets", "gcm_objectives")),
    "partnerships.Indicator": ((), ()),
    "stakeholders.Participation": (("organisation",), ()),
    "stakeholders.GovernanceBody": ((), ("members",)),
    "skills.LabourMarketEvidence": ((), ("occupations",)),
    "skills.DataNeed": ((), ()),
    "partnerships.LinkedInitiative": ((), ()),
    "partnerships.BusinessLinkage": ((), ()),
    "skills.TargetOccupation": (("occupation",), ()),
    "skills.TrainingProgramme": ((), ("occupations",)),
    "skills.RecognitionArrangement": ((), ("occupations",)),
    "partnerships.ContinuumProvision": ((), ()),
    "partnerships.SocialProtectionCover": ((), ()),
    "partnerships.GrievanceChannel": ((), ()),
    "partnerships.Pathway": ((), ("occupations",)),
    "partnerships.PathwayStep": ((), ()),
    "skills.OccupationProfile": ((), ()),
    "skills.EvidenceReview": ((), ("participants", "evidence")),
    "skills.DataSharingArrangement": ((), ("parties",)),
    "partnerships.ObjectiveTension": ((), ()),
    "partnerships.FeasibilityStudy": ((), ()),
    "stakeholders.PartnerGap": ((), ()),
    "stakeholders.CapacityActivity": ((), ()),
    "skills.SkillsDocumentationTool": ((), ()),
    "costs.CostBenefitAnalysis": ((), ()),
    "costs.SustainabilityPlan": ((), ()),
    "costs.CostItem": ((), ()),
    "recruitment.Recruiter": (("organisation",), ()),
    "recruitment.RecruitmentArrangement": ((), ("recruiters",)),
}


def collection_rows(*, model_label: str, partnership: Partnership, path: str = "partnership") -> QuerySet:
    """The rows of one collection of ``partnership``, ordered by id (stable across saves).

    ``path`` leads from a row to its partnership: ``pathway__partnership`` for rows under a parent row.
    """
    model = apps.get_model(model_label)
    select, prefetch = COLLECTION_LOADING.get(model_label, ((), ()))
    return (
        model.objects.filter(**{path: partnership}).select_related(*select).prefetch_related(*prefetch).order_by("pk")
    )


def cost_items_with_shares(*, partnership: Partnership) -> list:
    """The partnership's cost items with their shares and the shares' organisations (two queries), in the
    cost formset's order (the cost summary names each share's organisation: no query per share)."""
    cost_item = apps.get_model("costs", "CostItem")
    cost_share = apps.get_model("costs", "CostShare")
    shares = cost_share.objects.select_related("organisation").order_by("payer", "pk")
    return list(
        cost_item.objects.filter(partnership=partnership)
        .prefetch_related(Prefetch("shares", queryset=shares))
        .order_by("pk")
    )


#
# Options of the selects (loaded once per request, shared by every row)
#

#: Options of a related model: scoped to the partnership when the model is partnership-scoped.
OPTION_LOADING: dict[str, tuple[str, ...]] = {
    "stakeholders.Participation": ("organisation",),
    "recruitment.RecruitmentArrangement": ("origin", "destination"),
    "skills.TargetOccupation": ("occupation",),
}


def options_for(*, model_label: str, partnership: Partnership) -> list:
    """The rows a select pointing to ``model_label`` may offer (one query)."""
    model = apps.get_model(model_label)
    rows = model.objects.all()
    if any(f.name == "partnership" for f in model._meta.get_fields()):
        rows = rows.filter(partnership=partnership)
    if model_label == "skills.Occupation":
        rows = rows.filter(level="unit").only("code", "title", "skill_level")
    rows = rows.select_related(*OPTION_LOADING.get(model_label, ()))
    return list(rows)


def occupation_search(*, query: str, limit: int = 20) -> list:
    """ISCO-08 unit groups whose code starts with ``query``, or whose title holds every word of it ("care
    work" finds "Home-based personal care workers"), in one query."""
    occupation = apps.get_model("skills", "Occupation")
    query = (query or "").strip()
    rows = occupation.objects.filter(level="unit")
    words = [word for word in re.split(r"[^\w]+", query) if word]
    if words:
        by_title = Q()
        for word in words:
            by_title &= Q(title__icontains=word)
        rows = rows.filter(Q(code__startswith=query) | by_title)
    return list(rows.order_by("code").only("code", "title", "skill_level")[:limit])


#
# Conflicts: what others changed since a version (simple-history)
#

IGNORED_HISTORY_FIELDS = frozenset({"version", "updated_at", "created_at"})


def partnership_changes_since(*, partnership_id: int, version: int, limit: int = 10) -> list[dict]:
    """Who saved the partnership after ``version``, when, and which of its own fields each save changed.

    Saves that changed only rows below the partnership (countries, cost items …) appear with their reason
    and no field list. Reads at most ``limit + 1`` history records (two queries).
    """
    records = list(
        Partnership.history.filter(id=partnership_id, version__gte=version)
        .select_related("history_user")
        .order_by("history_date", "history_id")[: limit + 1]
    )
    changes = []
    for previous, record in zip(records, records[1:], strict=False):
        if record.version <= version:
            continue
        delta = record.diff_against(previous)
        fields = []
        for change in delta.changes:
            if change.field in IGNORED_HISTORY_FIELDS:
                continue
            verbose = Partnership._meta.get_field(change.field).verbose_name
            fields.append({"field": str(verbose), "old": change.old, "new": change.new})
        user = record.history_user
        changes.append(
            {
                "user": (user.get_full_name() or user.get_username()) if user else "",
                "at": record.history_date,
                "reason": reason_shown(record.history_change_reason),
                "fields": fields,
            }
        )
    return changes


def organisation_near_duplicates(*, name: str, country: str) -> list:
    """Registered organisations with the same name in the same country (case, accents, punctuation aside)."""
    from stakeholders.selectors import organisation_near_duplicates as near_duplicates

    return near_duplicates(name=name, country=country)


def open_change_requests(*, partnership_id: int) -> list:
    """The reviewers' change requests not resolved yet, oldest first, with their authors (one query)."""
    comment = apps.get_model("reviews", "ReviewComment")
    return list(
        comment.objects.filter(partnership_id=partnership_id, requests_change=True, resolved=False)
        .select_related("author")
        .order_by("at", "id")
    )


def organisation_for_member(*, user, organisation_id: int):
    """One of the user's own organisations (any organisation for an administrator), else a 404."""
    organisation = apps.get_model("stakeholders", "Organisation")
    from partnerships import policy

    administrator = policy.decide(policy.Action.ADMINISTER, user=user).allowed
    queryset = organisation.objects.all() if administrator else user.organisations.all()
    return get_object_or_404(queryset, pk=organisation_id)


#
# The task list and "Check your answers" (design/overview.py, design/task_views.py)
#


def latest_findings_by_element(*, partnership_id: int) -> tuple[object | None, dict[str, int]]:
    """The newest succeeded feasibility run (as the review step shows it) and, per element, how many of its
    findings are warnings or failures (two queries: the run, its findings)."""
    from feasibility.registry import Status
    from feasibility.selectors import feasibility_run_latest

    run = feasibility_run_latest(partnership_id=partnership_id, succeeded_only=True)
    counts: dict[str, int] = {}
    if run is not None:
        for finding in run.findings.all():
            if finding.status in (Status.WARN, Status.FAIL):
                counts[finding.element] = counts.get(finding.element, 0) + 1
    return run, counts


def review_comments_recent(*, partnership_id: int, limit: int = 10) -> list:
    """The partnership's latest review comments, newest first, with their authors (one query)."""
    comment = apps.get_model("reviews", "ReviewComment")
    return list(
        comment.objects.filter(partnership_id=partnership_id).select_related("author").order_by("-at", "-id")[:limit]
    )


#: The related rows each collection's row names read ("Check your answers"), so naming rows never queries.
ANSWER_LOADING: dict[str, tuple[str, ...]] = {
    "stakeholders.Participation": ("organisation",),
    "partnerships.BusinessLinkage": ("destination_org", "origin_org"),
    "partnerships.SocialProtectionCover": ("destination",),
    "skills.TargetOccupation": ("occupation",),
    "recruitment.Recruiter": ("organisation",),
    "recruitment.RecruitmentArrangement": ("origin", "destination"),
    "skills.OccupationProfile": ("target_occupation__occupation", "country"),
    "stakeholders.CapacityActivity": ("target_participation__organisation",),
    "partnerships.ObjectiveTension": ("objective_a", "objective_b"),
    "partnerships.FeasibilityStudy": ("partnership",),
    "costs.SustainabilityPlan": ("partnership",),
}


def answer_rows(*, model_label: str, partnership: Partnership, path: str = "partnership") -> list:
    """The rows of one collection, in the wizard's order, with what their names read (one query).

    ``path`` leads from a row to its partnership (``pathway__partnership`` for a pathway's steps)."""
    model = apps.get_model(model_label)
    rows = model.objects.filter(**{path: partnership}).select_related(*ANSWER_LOADING.get(model_label, ()))
    return list(rows.order_by("pk"))


def partnership_related_rows(*, partnership: Partnership, names) -> dict[str, list]:
    """The rows of the partnership's many-to-many fields among ``names`` (one query per such field)."""
    related = {}
    for name in names:
        db_field = Partnership._meta.get_field(name)
        if db_field.many_to_many:
            related[name] = list(getattr(partnership, name).all())
    return related
