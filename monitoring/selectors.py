"""Reads of the partnership page (``/partnerships/<id>/``): its header, and the Feasibility and History tabs.

Every read costs a fixed number of queries whatever the size of the partnership (asserted in
``monitoring/tests/test_page_queries.py``):

* header — the countries (1), the newest succeeded run without its findings (1), the cost figures through
  ``costs.calculations.partnership_cost_summary`` (items, shares, spending, exchange rates: at most 4);
* Feasibility tab — a page of runs (count + rows, each with the id of the run before it), the newest
  succeeded run's findings (2), and for a comparison the two runs with their findings (2);
* History tab — one page of the merged audit history: the count and the page's keys (2), then per kind of
  row on the page its records (1) and the records before them (1), and the names of the rows they point to
  (one per kind of row pointed to).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery, Value
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from codelists.partnerships import Side
from feasibility.models import FeasibilityRun, Finding, RunStatus
from partnerships.models import Partnership, PartnershipCountry
from smp.history import reason_shown
from smp.punctuation import labelled

#
# Header
#


def partnership_corridor(*, partnership: Partnership) -> dict[str, list[str]]:
    """The names of the origin and destination countries (one query)."""
    sides: dict[str, list[str]] = {Side.ORIGIN: [], Side.DESTINATION: []}
    for row in PartnershipCountry.objects.filter(partnership=partnership).only("country", "side"):
        sides.setdefault(row.side, []).append(str(row.country.name))
    return {side: sorted(names) for side, names in sides.items()}


def latest_succeeded_run(*, partnership: Partnership) -> FeasibilityRun | None:
    """The newest succeeded feasibility run (created, then id — as the review page picks it), without its
    findings or element results (one query)."""
    return (
        FeasibilityRun.objects.filter(partnership=partnership, status=RunStatus.SUCCEEDED)
        .only(
            "id",
            "partnership_id",
            "status",
            "created_at",
            "finished_at",
            "partnership_version",
            "overall_score",
            "recruitment_verdict",
            "red_flags",
        )
        .order_by("-created_at", "-id")
        .first()
    )


@dataclass(frozen=True)
class CostFigures:
    """The header's cost figures (§8.4), from the one implementation in ``costs.calculations``."""

    currency: str
    cost_per_migrant: Decimal | None = None
    migrant_share_pct: Decimal | None = None
    has_items: bool = False
    missing_rates: str = ""


def partnership_cost_figures(*, partnership: Partnership) -> CostFigures:
    """Cost per migrant and the share migrants bear, in the reporting currency (at most three queries)."""
    from costs.calculations import MissingExchangeRate, partnership_cost_summary

    currency = partnership.reporting_currency or "USD"
    try:
        summary = partnership_cost_summary(partnership=partnership)
    except MissingExchangeRate as error:
        pairs = ", ".join(f"{base}→{quote}" for base, quote in error.pairs)
        return CostFigures(currency=currency, has_items=True, missing_rates=pairs)
    return CostFigures(
        currency=summary.reporting_currency,
        cost_per_migrant=summary.cost_per_migrant if summary.items else None,
        migrant_share_pct=summary.migrant_share_pct if summary.items else None,
        has_items=bool(summary.items),
    )


#
# Feasibility tab
#

RUNS_PER_PAGE = 20


def feasibility_runs_page(*, partnership: Partnership, page: int | str | None = 1):
    """One page of the partnership's runs, newest first, each with ``previous_id`` (the run before it, to
    compare with): two queries (count, rows)."""
    before = FeasibilityRun.objects.filter(partnership_id=OuterRef("partnership_id")).filter(
        Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), id__lt=OuterRef("id"))
    )
    runs = (
        FeasibilityRun.objects.filter(partnership=partnership)
        .select_related("requested_by")
        .defer("element_results", "requested_by__password")
        .annotate(previous_id=Subquery(before.order_by("-created_at", "-id").values("id")[:1]))
        .order_by("-created_at", "-id")
    )
    return Paginator(runs, RUNS_PER_PAGE).get_page(page)


def latest_run_with_findings(*, partnership: Partnership) -> FeasibilityRun | None:
    """The newest succeeded run with its findings (two queries)."""
    return (
        FeasibilityRun.objects.filter(partnership=partnership, status=RunStatus.SUCCEEDED)
        .prefetch_related("findings")
        .order_by("-created_at", "-id")
        .first()
    )


def _rule_title(rule_id: str) -> str:
    from feasibility.registry import REGISTRY

    spec = REGISTRY.get(rule_id)
    return str(spec.title) if spec is not None else ""


def runs_difference(*, partnership: Partnership, run_a_id: int, run_b_id: int) -> dict | None:
    """What changed between two runs of the partnership, in words (``reviews.selectors.runs_compare``, two
    queries): for each finding that appeared, disappeared or changed outcome, its rule, what the rule checks,
    the outcome before and after (labels) and the finding's message. ``None`` when a run is not the
    partnership's or both are the same."""
    from reviews.selectors import runs_compare

    compare = runs_compare(partnership=partnership, run_a_id=run_a_id, run_b_id=run_b_id)
    if compare is None:
        return None
    older = {f.rule_id: f for f in compare["older"].findings.all()}
    newer = {f.rule_id: f for f in compare["newer"].findings.all()}
    labels = dict(Finding._meta.get_field("status").flatchoices)

    def row(rule_id: str, before: str | None, after: str | None) -> dict:
        finding = newer.get(rule_id) or older.get(rule_id)
        return {
            "rule": rule_id,
            "title": _rule_title(rule_id),
            "before": str(labels.get(before, before)) if before else "",
            "after": str(labels.get(after, after)) if after else "",
            "message": finding.text if finding is not None else "",
        }

    verdicts = dict(FeasibilityRun._meta.get_field("recruitment_verdict").flatchoices)
    return {
        "older": compare["older"],
        "newer": compare["newer"],
        "changed": [row(c["rule"], c["from"], c["to"]) for c in compare["changed"]],
        "appeared": [row(c["rule"], None, c["status"]) for c in compare["appeared"]],
        "disappeared": [row(c["rule"], c["status"], None) for c in compare["disappeared"]],
        "unchanged": compare["unchanged"],
        "overall_score": compare["overall_score"],
        "recruitment_verdict": {
            key: str(verdicts.get(value, value)) if value else ""
            for key, value in compare["recruitment_verdict"].items()
        },
    }


#
# History tab: the partnership's audit history and its rows', merged
#

#: The rows whose django-simple-history records the History tab merges with the partnership's own, and how a
#: record finds its partnership. A record keeps the ids it had, so rows deleted since still show: a cost share
#: is found through the cost items the partnership ever had (their history), not through the live items.
HISTORY_SOURCES: tuple[tuple[str, str], ...] = (
    ("partnerships.Partnership", "id"),
    ("partnerships.Objective", "partnership_id"),
    ("partnerships.Pathway", "partnership_id"),
    ("stakeholders.Participation", "partnership_id"),
    ("costs.CostItem", "partnership_id"),
    ("costs.CostShare", "item_id@costs.CostItem"),
    ("recruitment.RecruitmentArrangement", "partnership_id"),
    ("partnerships.ReportingPeriod", "partnership_id"),
    ("partnerships.IndicatorValue", "indicator_id@partnerships.Indicator"),
    ("costs.ActualSpending", "item_id@costs.CostItem"),
    ("agreements.AgreementDraft", "partnership_id"),
)

#: What each kind of row's name reads through a foreign key (joined on the history records, so naming a row
#: never queries).
HISTORY_NAMING: dict[str, tuple[str, ...]] = {
    "stakeholders.Participation": ("organisation",),
    "costs.CostShare": ("item",),
    "recruitment.RecruitmentArrangement": ("origin", "destination"),
    "partnerships.IndicatorValue": ("indicator",),
    "costs.ActualSpending": ("item",),
}

#: Fields never shown in a change: bookkeeping, not data.
HISTORY_HIDDEN_FIELDS = frozenset({"id", "created_at", "updated_at", "version", "partnership"})

HISTORY_PER_PAGE = 25


def _history_model(label: str):
    return apps.get_model(label).history.model


def _history_rows(partnership_id: int, label: str, path: str) -> QuerySet:
    history = _history_model(label)
    if "@" in path:  # through the ids of parent rows the partnership ever had
        field_name, parent_label = path.split("@")
        parent = apps.get_model(parent_label)
        parents = (
            parent.history.model.objects.filter(partnership_id=partnership_id)
            if hasattr(parent, "history")
            else parent.objects.filter(partnership_id=partnership_id)
        ).values("id")
        rows = history.objects.filter(**{f"{field_name}__in": parents})
    else:
        rows = history.objects.filter(**{path: partnership_id})
    return rows


def history_keys(*, partnership: Partnership) -> QuerySet:
    """Every history record of the partnership and its rows as ``(history_date, history_id, source)``,
    newest first: one UNION, paginated by the database."""
    parts = [
        _history_rows(partnership.pk, label, path)
        .order_by()
        .annotate(source=Value(label, output_field=CharField()))
        .values("history_date", "history_id", "source")
        for label, path in HISTORY_SOURCES
    ]
    return parts[0].union(*parts[1:], all=True).order_by("-history_date", "-history_id")


@dataclass
class HistoryChange:
    """One field that changed: its label and the values before and after, in words."""

    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    """One history record as the History tab shows it."""

    when: dt.datetime
    who: str
    kind: str  # "+", "~", "-"
    kind_label: str
    what: str  # the kind of row (verbose name)
    name: str  # which row
    reason: str
    changes: list[HistoryChange] = field(default_factory=list)
    anchor: str = ""


def _fields_of(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HISTORY_HIDDEN_FIELDS and not f.name.startswith("history_")
    ]


def _row_name(label: str, record) -> str:
    """A row's name from its history record and what ``HISTORY_NAMING`` joined (no query)."""
    from design.overview import value_in_words

    def words(instance, name):
        return value_in_words(instance, instance._meta.get_field(name))[0]

    if label == "partnerships.Partnership":
        return record.name
    if label == "partnerships.Objective":
        return f"{words(record, 'kind')} ({words(record, 'horizon')})"
    if label in ("partnerships.Pathway", "partnerships.ReportingPeriod"):
        return record.name
    if label == "stakeholders.Participation":
        return record.organisation.name if record.organisation is not None else _("an organisation")
    if label == "costs.CostItem":
        return f"{words(record, 'category')} / {words(record, 'subitem')}"
    if label in ("costs.CostShare", "costs.ActualSpending"):
        item = record.item
        item_name = (
            f"{words(item, 'category')} / {words(item, 'subitem')}"
            if item is not None
            else str(_("a cost item removed since"))
        )
        extra = f", {record.year}" if label == "costs.ActualSpending" else ""
        return labelled(item_name, f"{words(record, 'payer')}{extra}")
    if label == "recruitment.RecruitmentArrangement":
        ends = [end.country.name if end is not None else "?" for end in (record.origin, record.destination)]
        return " → ".join(str(end) for end in ends)
    if label == "partnerships.IndicatorValue":
        indicator = record.indicator.name if record.indicator is not None else _("an indicator removed since")
        return labelled(indicator, words(record, "measured_on"))
    if label == "agreements.AgreementDraft":
        from django.utils.translation import get_language_info

        try:
            language = get_language_info(record.language)["name_translated"]
        except KeyError:
            language = record.language
        return _("version %(version)s, %(language)s") % {"version": record.partnership_version, "language": language}
    return str(record.pk)


def history_page(*, partnership: Partnership, page: int | str | None = 1, per_page: int = HISTORY_PER_PAGE):
    """One page of the partnership's merged audit history, newest first, each record with who, when, what and
    the fields it changed (labels and values in words). Returns ``(page, entries)``; queries in the module
    docstring."""
    from design.overview import value_in_words

    page_obj = Paginator(history_keys(partnership=partnership), per_page).get_page(page)
    keys = list(page_obj.object_list)
    wanted: dict[str, list[int]] = {}
    for key in keys:
        wanted.setdefault(key["source"], []).append(key["history_id"])
    records: dict[tuple[str, int], object] = {}
    previous: dict[tuple[str, int], object] = {}
    for label, ids in wanted.items():
        history = _history_model(label)
        before = history.objects.filter(id=OuterRef("id")).filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        loaded = list(
            history.objects.filter(history_id__in=ids)
            .select_related("history_user", *HISTORY_NAMING.get(label, ()))
            .annotate(previous_id=Subquery(before.order_by("-history_date", "-history_id").values("history_id")[:1]))
        )
        for record in loaded:
            records[(label, record.history_id)] = record
        previous_ids = [r.previous_id for r in loaded if r.previous_id and r.history_type == "~"]
        if previous_ids:
            for record in history.objects.filter(history_id__in=previous_ids):
                previous[(label, record.history_id)] = record
    names = _foreign_names(records, previous)
    kinds = {
        "+": pgettext("history entry", "Created"),
        "~": pgettext("history entry", "Changed"),
        "-": pgettext("history entry", "Deleted"),
    }
    entries = []
    for key in keys:
        label = key["source"]
        record = records.get((label, key["history_id"]))
        if record is None:  # deleted between the two queries
            continue
        model = apps.get_model(label)
        user = record.history_user
        who = (user.get_full_name() or user.username) if user is not None else str(_("the platform"))
        entry = HistoryEntry(
            when=record.history_date,
            who=who,
            kind=record.history_type,
            kind_label=str(kinds.get(record.history_type, record.history_type)),
            what=str(capfirst(model._meta.verbose_name)),
            name=_row_name(label, record),
            reason=reason_shown(record.history_change_reason),
            anchor=f"h-{model._meta.model_name}-{record.history_id}",
        )
        before = previous.get((label, getattr(record, "previous_id", None) or 0))
        if record.history_type == "~" and before is not None:
            for db_field in _changed_fields(model, before, record):
                entry.changes.append(
                    HistoryChange(
                        label=str(capfirst(db_field.verbose_name)),
                        before=_field_words(before, db_field, names, value_in_words),
                        after=_field_words(record, db_field, names, value_in_words),
                    )
                )
        entries.append(entry)
    return page_obj, entries


def _changed_fields(model, before, record) -> list:
    return [f for f in _fields_of(model) if getattr(before, f.attname) != getattr(record, f.attname)]


def _foreign_names(records: dict, previous: dict) -> dict[tuple[str, object], str]:
    """The names of the rows that the changed foreign keys of the page point to, before and after: one query
    per kind of row pointed to."""
    wanted: dict[str, set] = {}
    for (label, _history_id), record in records.items():
        before = previous.get((label, getattr(record, "previous_id", None) or 0))
        if record.history_type != "~" or before is None:
            continue
        for db_field in _changed_fields(apps.get_model(label), before, record):
            if db_field.is_relation and db_field.many_to_one:
                for value in (getattr(before, db_field.attname), getattr(record, db_field.attname)):
                    if value is not None:
                        wanted.setdefault(db_field.related_model._meta.label, set()).add(value)
    names: dict[tuple[str, object], str] = {}
    for label, ids in wanted.items():
        queryset = apps.get_model(label)._default_manager.filter(pk__in=ids)
        if label == "partnerships.PartnershipCountry":  # named by its country, not "<country> (<side>)"
            for row in queryset.only("id", "country"):
                names[(label, row.pk)] = str(row.country.name)
            continue
        if label == "stakeholders.Participation":  # named by its organisation (its __str__ reads two rows)
            for row in queryset.select_related("organisation").only("id", "organisation__name"):
                names[(label, row.pk)] = row.organisation.name
            continue
        for row in queryset:
            names[(label, row.pk)] = str(row)
    return names


def _field_words(record, db_field, names: dict, value_in_words) -> str:
    if db_field.is_relation and db_field.many_to_one:
        value = getattr(record, db_field.attname)
        if value is None:
            return str(_("Not recorded"))
        return names.get((db_field.related_model._meta.label, value), str(_("a row removed since")))
    text, _recorded = value_in_words(record, db_field)
    return text
