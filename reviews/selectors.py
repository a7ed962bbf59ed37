"""Reads of the reviews app: the portfolio dashboard, the partnership review page and notifications.

Everything is aggregated in the database, and each read issues a fixed number of queries whatever the
number of partnerships (asserted in ``reviews/tests/test_dashboard.py``):

* the *latest succeeded run* of a partnership is a correlated subquery (newest ``created_at``, then ``id``)
  served by the index ``feasrun_partnership_created``;
* cost figures for the medians come from ``reviews.PartnershipFigures`` (one row per partnership,
  refreshed by ``reviews.services.partnership_figures_refresh``); a median is a count plus one ``OFFSET``
  read, which works the same on PostgreSQL and SQLite.

Every headline figure says how many partnerships it covers (:class:`HeadlineFigure`), and no median or mean
is headlined over fewer than :data:`MIN_VALUES` values (docs/review.md "Portfolio figures").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django_countries import countries as country_names

from codelists.partnerships import STAGE_ORDER, ElementCode, ReviewStatus, Stage
from feasibility.models import FeasibilityRun, Finding, RunStatus
from partnerships.models import Country, Partnership, PartnershipCountry
from partnerships.selectors import reporting_period_due_on, reporting_periods_overdue
from reviews.models import DesignBrief, Notification, PartnershipFigures, ReviewComment, ReviewTransition
from smp.fields import json_list_has

ELEMENT_CODES: tuple[str, ...] = tuple(f"E{n}" for n in range(1, 9))
PAGE_SIZE = 25

#: Readiness histogram: ten bands of ten points (the last includes 100).
READINESS_BANDS: tuple[tuple[int, int], ...] = tuple((low, low + 10) for low in range(0, 100, 10))
#: Cost-per-migrant bands (portfolio currency) and migrant-share bands (%) of the cost chart [product default].
COST_BANDS: tuple[tuple[Decimal, Decimal | None], ...] = (
    (Decimal(0), Decimal(1000)),
    (Decimal(1000), Decimal(2500)),
    (Decimal(2500), Decimal(5000)),
    (Decimal(5000), Decimal(10000)),
    (Decimal(10000), Decimal(20000)),
    (Decimal(20000), None),
)
SHARE_BANDS: tuple[tuple[Decimal, Decimal | None], ...] = (
    (Decimal(0), Decimal("0.01")),
    (Decimal("0.01"), Decimal(5)),
    (Decimal(5), Decimal(10)),
    (Decimal(10), Decimal(25)),
    (Decimal(25), None),
)

SORTS: dict[str, Any] = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "stage": ("stage_order", "name", "id"),
    "-stage": ("-stage_order", "name", "id"),
    "status": ("review_status", "name", "id"),
    "-status": ("-review_status", "name", "id"),
    "readiness": "readiness",
    "-readiness": "-readiness",
    "updated": ("updated_at", "id"),
    "-updated": ("-updated_at", "-id"),
    **{code: code for code in ELEMENT_CODES},
    **{f"-{code}": f"-{code}" for code in ELEMENT_CODES},
}


def element_score(code: str):
    """A run's score of element ``code`` as a number (JSON ``null`` and missing keys become SQL NULL)."""
    return Cast(KT(f"element_results__{code}__score"), FloatField())


LATEST_ORDER = ("-created_at", "-id")


def latest_succeeded_runs() -> QuerySet:
    """Succeeded runs of ``OuterRef("pk")`` (a partnership), newest first: slice ``[:1]`` for the latest.

    "Latest" = newest ``created_at``, then highest id (as ``feasibility.selectors.feasibility_run_latest``);
    the ordering matches the index ``feasrun_partnership_created``, so each lookup is one index probe.
    """
    return FeasibilityRun.objects.filter(partnership=OuterRef("pk"), status=RunStatus.SUCCEEDED).order_by(*LATEST_ORDER)


def _restricted(qs: QuerySet, partnerships: QuerySet, path: str = "partnership") -> QuerySet:
    """``qs`` limited to rows of ``partnerships`` — skipped when those are every partnership (no condition)."""
    if partnerships.model is Partnership and not partnerships.query.where:
        return qs
    return qs.filter(**{f"{path}__in": partnerships.order_by().values("pk")})


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)``: the median of a column, NULLs ignored."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


#
# Filters
#


@dataclass(frozen=True)
class PortfolioFilters:
    """What the dashboard is narrowed to (all optional); built from the GET form (``reviews.forms``)."""

    region: str = ""
    country: str = ""
    sector: str = ""
    skill_level: str = ""
    migration_type: str = ""
    stage: str = ""
    status: str = ""
    red_flag: bool = False
    q: str = ""


def portfolio_partnerships(*, user, filters: PortfolioFilters | None = None) -> QuerySet:
    """The partnerships ``user`` may see, narrowed by ``filters``; no annotations (cheap to count and group)."""
    f = filters or PortfolioFilters()
    qs = Partnership.objects.for_user(user)
    if f.region:
        codes = Country.objects.filter(iom_region=f.region).values("code")
        qs = qs.filter(Exists(PartnershipCountry.objects.filter(partnership=OuterRef("pk"), country__in=codes)))
    if f.country:
        qs = qs.filter(Exists(PartnershipCountry.objects.filter(partnership=OuterRef("pk"), country=f.country)))
    if f.sector:
        through = Partnership.sectors.through
        qs = qs.filter(Exists(through.objects.filter(partnership_id=OuterRef("pk"), sector_id=f.sector)))
    if f.skill_level:
        qs = qs.filter(json_list_has("skill_levels", f.skill_level))
    if f.migration_type:
        qs = qs.filter(json_list_has("migration_types", f.migration_type))
    if f.stage:
        qs = qs.filter(stage=f.stage)
    if f.status:
        qs = qs.filter(review_status=f.status)
    if f.q:
        qs = qs.filter(Q(name__icontains=f.q) | Q(summary__icontains=f.q))
    if f.red_flag:
        qs = qs.filter(pk__in=flagged_partnership_ids())
    return qs


def flagged_partnership_ids() -> list[int]:
    """Ids of the partnerships whose latest succeeded run has recruitment red flags (one query).

    Read once and passed as a list: as a correlated condition it would be re-evaluated by each of the
    dashboard's aggregate queries.
    """
    if connection.vendor == "postgresql":
        latest = (
            FeasibilityRun.objects.filter(status=RunStatus.SUCCEEDED)
            .order_by("partnership_id", *LATEST_ORDER)
            .distinct("partnership_id")
            .values("partnership_id", "red_flags")
        )
        inner, params = latest.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT partnership_id FROM ({inner}) AS latest WHERE red_flags <> '[]'::jsonb",  # noqa: S608
                params,
            )
            return [row[0] for row in cursor.fetchall()]
    runs = _latest_runs_of(Partnership.objects.all()).exclude(red_flags=[])
    return list(runs.values_list("partnership_id", flat=True))


def _latest_runs_of(qs: QuerySet) -> QuerySet:
    """The latest succeeded run of every partnership in ``qs`` (a subquery evaluated in the database)."""
    latest_ids = qs.annotate(latest_run=Subquery(latest_succeeded_runs().values("id")[:1])).values("latest_run")
    return FeasibilityRun.objects.filter(pk__in=latest_ids)


def _readiness_figures(qs: QuerySet) -> dict:
    """Over the latest succeeded run of every partnership in ``qs``, in one query: how many were checked,
    the mean readiness, how many have recruitment red flags, and the readiness histogram (``band_<low>``).

    On PostgreSQL one ``DISTINCT ON (partnership_id)`` pass over the succeeded runs (one sort, no lookup per
    partnership), aggregated by a wrapping ``SELECT``; elsewhere :func:`_latest_runs_of` with the ORM.
    """
    if connection.vendor != "postgresql":
        band_counts = {
            f"band_{low}": Count(
                "id",
                filter=Q(overall_score__gte=low)
                & (Q(overall_score__lt=high) if high < 100 else Q(overall_score__lte=100)),
            )
            for low, high in READINESS_BANDS
        }
        return _latest_runs_of(qs).aggregate(
            checked=Count("id"), average=Avg("overall_score"), red=Count("id", filter=~Q(red_flags=[])), **band_counts
        )
    succeeded = _restricted(FeasibilityRun.objects.filter(status=RunStatus.SUCCEEDED), qs)
    latest = (
        succeeded.order_by("partnership_id", *LATEST_ORDER)
        .distinct("partnership_id")
        .values("overall_score", "red_flags")
    )
    inner, params = latest.query.sql_with_params()
    bands = ", ".join(
        f"COUNT(*) FILTER (WHERE overall_score >= {low} AND overall_score {'<' if high < 100 else '<='} {high})"
        for low, high in READINESS_BANDS
    )
    sql = (
        "SELECT COUNT(*), AVG(overall_score), COUNT(*) FILTER (WHERE red_flags <> '[]'::jsonb), "  # noqa: S608
        f"{bands} FROM ({inner}) AS latest"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    figures = {"checked": row[0], "average": row[1], "red": row[2]}
    figures.update({f"band_{low}": row[3 + i] for i, (low, _high) in enumerate(READINESS_BANDS)})
    return figures


#
# Headline figures and charts
#


#: A median or a mean is headlined only over at least this many values; below, the values are listed instead.
MIN_VALUES = 3
#: How many partnerships left out of the cost median for want of an exchange rate are named; the rest counted.
LEFT_OUT_NAMED = 10


def _median(values: QuerySet, field_name: str, count: int) -> Decimal | None:
    """Median of a non-null column over ``values`` in one query (``count`` known): mean of the middle one or two."""
    if not count:
        return None
    ordered = values.order_by(field_name).values_list(field_name, flat=True)
    first = count // 2 if count % 2 else count // 2 - 1
    middle = list(ordered[first : count // 2 + 1])
    if not middle:
        return None
    return (sum(middle, Decimal(0)) / len(middle)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _band_case(field_name: str, bands) -> Case:
    """The index of the band a value falls in (bands are ``[low, high)``, the last one open)."""
    whens = [When(**{f"{field_name}__lt": high}, then=Value(index)) for index, (_low, high) in enumerate(bands) if high]
    return Case(*whens, default=Value(len(bands) - 1), output_field=IntegerField())


def _decimal(value) -> Decimal | None:
    """A median read from the database, rounded half up to 0.01 (as the cost service rounds its figures)."""
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _number(value) -> str:
    """A number as the active language writes it, thousands grouped (band labels are built here, not in HTML)."""
    return number_format(value, use_l10n=True, force_grouping=True)


def _band_label(low, high, unit: str = "") -> str:
    if high is None:
        return f"≥ {_number(low)}{unit}"
    return f"{_number(low)}–{_number(high)}{unit}"


@dataclass(frozen=True)
class HeadlineFigure:
    """One headline figure and what it covers: ``value`` over ``count`` of the ``of`` partnerships shown.

    ``value`` is ``None`` when fewer than :data:`MIN_VALUES` partnerships have the figure (a median of one or
    two values is not a portfolio figure); ``listed`` then holds each of those values with its partnership
    (``name``, ``url``, ``value``) so the reader sees them for what they are.
    """

    value: Decimal | None
    count: int
    of: int
    listed: tuple[dict, ...] = ()

    @property
    def enough(self) -> bool:
        return self.count >= MIN_VALUES


def _headline(value, *, count: int, of: int, listed=()) -> HeadlineFigure:
    return HeadlineFigure(value=value if count >= MIN_VALUES else None, count=count, of=of, listed=tuple(listed))


@dataclass
class PortfolioSummary:
    """Headline figures and chart data of the portfolio (each chart has the same numbers as its table).

    ``readiness``, ``cost_per_migrant`` and ``migrant_share`` are :class:`HeadlineFigure`: each says how many
    of the ``total`` partnerships it covers. ``left_out`` names (up to :data:`LEFT_OUT_NAMED`) partnerships
    that have a cost per migrant in their own currency but no exchange rate into the portfolio currency;
    ``left_out_total`` counts them all.
    """

    total: int
    by_stage: list[dict]
    by_status: list[dict]
    stage_status: dict[str, dict[str, int]]
    migrants_per_year: int
    with_target_places: int
    planned_migrants_total: int
    readiness: HeadlineFigure
    red_flagged: int
    cost_per_migrant: HeadlineFigure
    migrant_share: HeadlineFigure
    costed: int
    left_out: list[dict]
    left_out_total: int
    migrants_bear_costs: int
    with_both_figures: int
    portfolio_currency: str
    readiness_bands: list[dict]
    corridors: list[dict]
    cost_share_grid: list[dict]
    cost_bands: list[str]
    share_bands: list[str]
    charts: dict = field(default_factory=dict)

    @property
    def checked(self) -> int:
        return self.readiness.count

    @property
    def average_readiness(self) -> Decimal | None:
        return self.readiness.value

    @property
    def median_cost_per_migrant(self) -> Decimal | None:
        return self.cost_per_migrant.value

    @property
    def median_migrant_share(self) -> Decimal | None:
        return self.migrant_share.value

    @property
    def with_cost_figures(self) -> int:
        return self.cost_per_migrant.count

    @property
    def left_out_more(self) -> int:
        return self.left_out_total - len(self.left_out)


#: Figures for the portfolio medians are compared in this currency (docs/review.md "Portfolio figures").
DEFAULT_PORTFOLIO_CURRENCY = "USD"


def portfolio_currency() -> str:
    """``settings.SMP_PORTFOLIO_CURRENCY`` or USD."""
    return getattr(settings, "SMP_PORTFOLIO_CURRENCY", "") or DEFAULT_PORTFOLIO_CURRENCY


def _cost_figures(figures: QuerySet, *, currency: str) -> dict:
    """Counts and medians of the cost figures of ``figures`` (PartnershipFigures rows) in the portfolio currency:
    one query on PostgreSQL, three elsewhere (counts, then each median by position).

    A cost per migrant counts when it was converted into ``currency`` (the row's ``portfolio_currency``);
    ``costed`` also counts those with a figure in their own currency only (``costed - cost`` were left out).
    """
    converted = Q(cost_per_migrant_portfolio__isnull=False, portfolio_currency=currency)
    counted = {
        "costed": Count("id", filter=Q(cost_per_migrant__isnull=False)),
        "cost": Count("id", filter=converted),
        "share": Count("id", filter=Q(migrant_share_pct__isnull=False)),
        "bear": Count("id", filter=Q(migrant_share_pct__gt=0)),
        "both": Count("id", filter=converted & Q(migrant_share_pct__isnull=False)),
    }
    if connection.vendor == "postgresql":
        row = figures.aggregate(
            **counted,
            median_cost=Median("cost_per_migrant_portfolio", filter=converted),
            median_share=Median("migrant_share_pct"),
        )
        row["median_cost"] = _decimal(row["median_cost"])
        row["median_share"] = _decimal(row["median_share"])
        return row
    row = figures.aggregate(**counted)
    row["median_cost"] = _median(figures.filter(converted), "cost_per_migrant_portfolio", row["cost"])
    row["median_share"] = _median(figures.filter(migrant_share_pct__isnull=False), "migrant_share_pct", row["share"])
    return row


def _named_figures(figures: QuerySet, *, currency: str, list_cost: bool, list_share: bool) -> list[dict]:
    """The cost-figure rows the dashboard names, in one query whatever the portfolio's size: those left out of
    the cost median for want of an exchange rate (:data:`LEFT_OUT_NAMED` suffice), and — when fewer than
    :data:`MIN_VALUES` partnerships have a figure (``list_cost``/``list_share``, known from the counts) —
    each value of that figure (at most two each). The values to list come first, so the limit only cuts
    names of left-out partnerships.
    """
    converted = Q(cost_per_migrant_portfolio__isnull=False, portfolio_currency=currency)
    unconverted = Q(cost_per_migrant__isnull=False) & ~converted
    listed = Q(pk__in=[])
    if list_cost:
        listed |= converted
    if list_share:
        listed |= Q(migrant_share_pct__isnull=False)
    rows = (
        figures.filter(unconverted | listed)
        .annotate(
            left_out=Case(When(unconverted, then=Value(1)), default=Value(0), output_field=IntegerField()),
            listing=Case(When(listed, then=Value(0)), default=Value(1), output_field=IntegerField()),
        )
        .order_by("listing", "partnership__name", "partnership_id")
        .values(
            "partnership_id",
            "partnership__name",
            "currency",
            "cost_per_migrant_portfolio",
            "portfolio_currency",
            "migrant_share_pct",
            "left_out",
        )
    )
    return list(rows[: LEFT_OUT_NAMED + 2 * (MIN_VALUES - 1)])


def portfolio_summary(*, partnerships: QuerySet) -> PortfolioSummary:
    """Headline figures and chart data for the given (filtered) partnerships, in a fixed number of queries.

    Queries: stage × status counts (1); target places per year and planned migrants (2); the latest
    succeeded runs — mean readiness, red flags and the readiness histogram (1); cost figures — counts (1)
    and two medians (1 each, PostgreSQL: with the counts); the partnerships named next to them (1);
    corridors (1); the cost × migrant-share grid (1).
    """
    from skills.models import TargetOccupation

    # 1 stage × status
    stage_status: dict[str, dict[str, int]] = {stage: dict.fromkeys(ReviewStatus.values, 0) for stage in Stage.values}
    for row in partnerships.order_by().values("stage", "review_status").annotate(n=Count("id")):
        stage_status.setdefault(row["stage"], dict.fromkeys(ReviewStatus.values, 0))[row["review_status"]] = row["n"]
    by_stage = [
        {"code": stage, "label": str(label), "count": sum(stage_status[stage].values())}
        for stage, label in Stage.choices
    ]
    by_status = [
        {"code": status, "label": str(label), "count": sum(row[status] for row in stage_status.values())}
        for status, label in ReviewStatus.choices
    ]
    total = sum(item["count"] for item in by_stage)

    # 2 migrants planned (and how many partnerships have target places)
    places = _restricted(TargetOccupation.objects.all(), partnerships).aggregate(
        n=Sum("places_per_year"), partnerships=Count("partnership", distinct=True)
    )
    planned_total = partnerships.order_by().aggregate(n=Sum("planned_migrants_total"))["n"]

    # 3 latest runs
    runs = _readiness_figures(partnerships.order_by())
    readiness_bands = [
        {"label": _band_label(low, high if high < 100 else 100, " %"), "count": runs[f"band_{low}"]}
        for low, high in READINESS_BANDS
    ]
    average = runs["average"]
    readiness = _headline(
        Decimal(average).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if average is not None else None,
        count=runs["checked"],
        of=total,
    )

    # 4 cost figures: counts, medians, and the partnerships to name
    currency = portfolio_currency()
    figures = _restricted(PartnershipFigures.objects.all(), partnerships)
    counts = _cost_figures(figures, currency=currency)
    list_cost, list_share = counts["cost"] < MIN_VALUES, counts["share"] < MIN_VALUES
    named = _named_figures(figures, currency=currency, list_cost=list_cost, list_share=list_share)
    left_out, cost_listed, share_listed = [], [], []
    for row in named:
        entry = {
            "name": row["partnership__name"],
            "url": reverse("monitoring:page", args=[row["partnership_id"]]),
            "currency": row["currency"],
        }
        if row["left_out"]:
            left_out.append(entry)
        if list_cost and row["cost_per_migrant_portfolio"] is not None and row["portfolio_currency"] == currency:
            cost_listed.append({**entry, "value": row["cost_per_migrant_portfolio"]})
        if list_share and row["migrant_share_pct"] is not None:
            share_listed.append({**entry, "value": row["migrant_share_pct"]})
    left_out = sorted(left_out, key=lambda entry: entry["name"])[:LEFT_OUT_NAMED]
    cost_per_migrant = _headline(counts["median_cost"], count=counts["cost"], of=total, listed=cost_listed)
    migrant_share = _headline(counts["median_share"], count=counts["share"], of=total, listed=share_listed)

    # 5 corridors: origin → destination pairs inside each partnership
    corridor_rows = (
        _restricted(PartnershipCountry.objects.all(), partnerships)
        .filter(side="origin", partnership__countries__side="destination")
        .values("country", "partnership__countries__country")
        .annotate(n=Count("id"))  # (origin, destination) rows are unique per partnership: no DISTINCT needed
        .order_by("-n", "country", "partnership__countries__country")[:15]
    )
    corridors = [
        {
            "origin": row["country"],
            "destination": row["partnership__countries__country"],
            "label": f"{country_names.name(row['country']) or row['country']} → "
            f"{country_names.name(row['partnership__countries__country']) or row['partnership__countries__country']}",
            "count": row["n"],
        }
        for row in corridor_rows
    ]

    # 6 cost per migrant × migrant share grid (the same converted figures as the median)
    grid: dict[tuple[int, int], int] = {}
    for row in (
        figures.filter(
            cost_per_migrant_portfolio__isnull=False, portfolio_currency=currency, migrant_share_pct__isnull=False
        )
        .annotate(
            cost_band=_band_case("cost_per_migrant_portfolio", COST_BANDS),
            share_band=_band_case("migrant_share_pct", SHARE_BANDS),
        )
        .order_by()
        .values("cost_band", "share_band")
        .annotate(n=Count("id"))
    ):
        grid[(row["cost_band"], row["share_band"])] = row["n"]
    cost_labels = [_band_label(low, high) for low, high in COST_BANDS]
    share_labels = [f"{_number(0)} %"] + [_band_label(low, high, " %") for low, high in SHARE_BANDS[1:]]
    cost_share_grid = [
        {"cost": cost_labels[i], "counts": [grid.get((i, j), 0) for j in range(len(SHARE_BANDS))]}
        for i in range(len(COST_BANDS))
    ]

    return PortfolioSummary(
        total=total,
        by_stage=by_stage,
        by_status=by_status,
        stage_status=stage_status,
        migrants_per_year=places["n"] or 0,
        with_target_places=places["partnerships"],
        planned_migrants_total=planned_total or 0,
        readiness=readiness,
        red_flagged=runs["red"],
        cost_per_migrant=cost_per_migrant,
        migrant_share=migrant_share,
        costed=counts["costed"],
        left_out=left_out,
        left_out_total=counts["costed"] - counts["cost"],
        migrants_bear_costs=counts["bear"],
        with_both_figures=counts["both"],
        portfolio_currency=currency,
        readiness_bands=readiness_bands,
        corridors=corridors,
        cost_share_grid=cost_share_grid,
        cost_bands=cost_labels,
        share_bands=share_labels,
    )


def portfolio_charts(summary: PortfolioSummary) -> dict:
    """The chart data as plain JSON (for ``json_script``), the same numbers as the tables."""
    return {
        "readiness": {
            "labels": [row["label"] for row in summary.readiness_bands],
            "values": [row["count"] for row in summary.readiness_bands],
        },
        "funnel": {
            "labels": [row["label"] for row in summary.by_stage],
            "values": [row["count"] for row in summary.by_stage],
        },
        "corridors": {
            "labels": [row["label"] for row in summary.corridors],
            "values": [row["count"] for row in summary.corridors],
        },
        "costShare": {
            "costBands": summary.cost_bands,
            "shareBands": summary.share_bands,
            "points": [
                {"x": j, "y": i, "count": count}
                for i, row in enumerate(summary.cost_share_grid)
                for j, count in enumerate(row["counts"])
                if count
            ],
            "currency": summary.portfolio_currency,
        },
    }


#
# Heatmap (partnerships × E1–E8)
#


@dataclass(frozen=True)
class StatusDisplay:
    """How the heatmap shows an element's status: a word, a tone (the cell's colour) and an icon.

    The tone follows the status alone, never the score: an element with a failing rule is red at any score.
    """

    label: str
    tone: str  # pass | warn | fail | none (the CSS class ``hm-<tone>``)
    icon: str  # a text glyph shown next to the colour, hidden from screen readers (they read ``label``)


#: An element's status in ``FeasibilityRun.element_results`` (``feasibility.engine.ElementResult.status``), or the
#: recruitment verdict, as the heatmap shows it. ``not_checked``: the partnership has no succeeded run.
STATUS_DISPLAY: dict[str, StatusDisplay] = {
    "pass": StatusDisplay(_("Pass"), "pass", "✓"),
    "warn": StatusDisplay(_("Warning"), "warn", "!"),
    "fail": StatusDisplay(_("Fail"), "fail", "✕"),
    "not_applicable": StatusDisplay(_("Not applicable"), "none", "–"),
    "not_assessed": StatusDisplay(_("Not assessed"), "none", "?"),
    "not_checked": StatusDisplay(_("Not checked yet"), "none", "–"),
}

#: Sorting by an element puts failing elements first, then warnings, then passes, then the rest; the score orders
#: within a status (a failing element scored 89 is worse than a passing one scored 60).
STATUS_RANK = {"fail": 0, "warn": 1, "pass": 2}


def element_status(data: dict | None, *, checked: bool = True) -> str:
    """The status code of one element's entry in ``element_results`` (``not_assessed`` when missing or unknown).

    Runs store lowercase codes; an upper-case rule status (``FAIL``, ``N/A``) is read the same way.
    """
    if not checked:
        return "not_checked"
    raw = str((data or {}).get("status") or "").strip().lower()
    raw = {"n/a": "not_applicable", "na": "not_applicable"}.get(raw, raw)
    return raw if raw in STATUS_DISPLAY and raw != "not_checked" else "not_assessed"


def status_display(status: str) -> StatusDisplay:
    """The word, tone and icon of a status code (unknown codes read as not assessed, never as a pass)."""
    return STATUS_DISPLAY.get(status) or STATUS_DISPLAY["not_assessed"]


def heatmap_cell(*, code: str, data: dict | None, checked: bool, url: str = "") -> dict:
    """One heatmap cell: the element's status (word, tone, icon) first, its 0–100 score second."""
    status = element_status(data, checked=checked)
    score = (data or {}).get("score") if checked else None
    shown = status_display(status)
    return {
        "code": code,
        "name": ElementCode(code).label if code in ElementCode.values else code,
        "status": status,
        "label": shown.label,
        "tone": shown.tone,
        "icon": shown.icon,
        "score": None if score is None else round(float(score)),
        "band": score_band(score),
        "url": url,
    }


def recruitment_cell(run: FeasibilityRun | None) -> dict:
    """The recruitment column: the run's verdict (§3.4) as a status, with its red flags (rule ids) if any."""
    status = "not_checked" if run is None else (run.recruitment_verdict or "not_assessed")
    if status not in STATUS_DISPLAY:
        status = "not_assessed"
    shown = status_display(status)
    red_flags = list(run.red_flags or []) if run is not None else []
    return {
        "status": status,
        "label": shown.label,
        "tone": "fail" if red_flags else shown.tone,
        "icon": "✕" if red_flags else shown.icon,
        "red_flags": red_flags,
    }


@dataclass
class HeatmapRow:
    partnership: Partnership
    run: FeasibilityRun | None
    cells: list[dict]
    corridor: str
    url: str = ""
    recruitment: dict = field(default_factory=dict)

    @property
    def readiness(self) -> int | None:
        score = self.run.overall_score if self.run is not None else None
        return None if score is None else round(score)


def _stage_order_expression():
    from django.db.models import Case, IntegerField, Value, When

    return Case(
        *[When(stage=code, then=Value(order)) for code, order in STAGE_ORDER.items()],
        output_field=IntegerField(),
    )


def _element_sort_value(code: str):
    """Sort value of element ``code`` in a run: status rank × 1000 + score (see ``STATUS_RANK``)."""
    rank = Case(
        *[When(**{f"element_results__{code}__status": name}, then=Value(r)) for name, r in STATUS_RANK.items()],
        default=Value(len(STATUS_RANK)),
        output_field=FloatField(),
    )
    return rank * Value(1000.0) + Coalesce(element_score(code), Value(0.0))


def heatmap_page(*, partnerships: QuerySet, sort: str = "name", page: int = 1, per_page: int = PAGE_SIZE) -> dict:
    """One page of the heatmap, sorted by ``sort`` (see ``SORTS``); a fixed number of queries.

    Queries: count (1), the page of partnerships with their latest succeeded run id (1), those runs (1),
    their countries (1). Each cell carries its element's status (``heatmap_cell``): colour and words come from
    the status, the score is shown beside it.
    """
    sort = sort if sort in SORTS else "name"
    total = partnerships.order_by().count()
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    latest = latest_succeeded_runs()
    qs = partnerships.annotate(latest_run_id=Subquery(latest.values("id")[:1]))
    key = SORTS[sort]
    if isinstance(key, tuple):
        if any(part.lstrip("-") == "stage_order" for part in key):
            qs = qs.annotate(stage_order=_stage_order_expression())
        qs = qs.order_by(*key)
    else:
        name = key.lstrip("-")
        value = F("overall_score") if name == "readiness" else _element_sort_value(name)
        qs = qs.alias(sort_value=Subquery(latest.annotate(v=value).values("v")[:1]))
        ordering = (
            F("sort_value").desc(nulls_last=True) if key.startswith("-") else F("sort_value").asc(nulls_last=True)
        )
        qs = qs.order_by(ordering, "name", "id")
    start = (page - 1) * per_page
    rows = list(
        qs.only("id", "name", "stage", "review_status", "version", "approved_version", "updated_at")[
            start : start + per_page
        ]
    )
    runs = FeasibilityRun.objects.in_bulk([p.latest_run_id for p in rows if p.latest_run_id])
    countries: dict[int, dict[str, list[str]]] = {}
    for pc in PartnershipCountry.objects.filter(partnership_id__in=[p.pk for p in rows]).only(
        "partnership_id", "country", "side"
    ):
        countries.setdefault(pc.partnership_id, {}).setdefault(pc.side, []).append(str(pc.country.name))
    result = []
    for p in rows:
        run = runs.get(p.latest_run_id)
        results = (run.element_results or {}) if run is not None else {}
        # The name leads to the partnership page; each cell to its element on the reviewer's working page.
        review_url = reverse("reviews:partnership", args=[p.pk])
        cells = [
            heatmap_cell(code=code, data=results.get(code), checked=run is not None, url=f"{review_url}#element-{code}")
            for code in ELEMENT_CODES
        ]
        sides = countries.get(p.pk, {})
        # Named, in the reader's language ("Ghana → Germany"), as the corridor chart names them.
        corridor = f"{', '.join(sorted(sides.get('origin', [])))} → {', '.join(sorted(sides.get('destination', [])))}"
        url = reverse("monitoring:page", args=[p.pk])
        result.append(
            HeatmapRow(
                partnership=p, run=run, cells=cells, corridor=corridor, url=url, recruitment=recruitment_cell(run)
            )
        )
    return {
        "rows": result,
        "total": total,
        "page": page,
        "pages": pages,
        "sort": sort,
        "per_page": per_page,
        "legend": [STATUS_DISPLAY[code] for code in ("pass", "warn", "fail", "not_assessed", "not_applicable")],
    }


def score_band(score) -> str:
    """Colour band of a 0–100 score for the heatmap (``none`` when unscored)."""
    if score is None:
        return "none"
    score = float(score)
    if score >= 80:
        return "high"
    if score >= 60:
        return "good"
    if score >= 40:
        return "mid"
    if score >= 20:
        return "low"
    return "poor"


def portfolio_export_rows(*, partnerships: QuerySet) -> QuerySet:
    """Every filtered partnership with its latest succeeded run's figures and its cost figures, for the CSV.

    One query (streamed): the latest run's scores are read through subqueries, cost figures through a join.
    """
    latest = latest_succeeded_runs()
    annotations = {
        "latest_run_id": Subquery(latest.values("id")[:1]),
        "readiness": Subquery(latest.values("overall_score")[:1]),
        "recruitment_verdict": Subquery(latest.values("recruitment_verdict")[:1]),
        "red_flags": Subquery(latest.values("red_flags")[:1]),
        **{f"score_{code}": Subquery(latest.annotate(v=element_score(code)).values("v")[:1]) for code in ELEMENT_CODES},
        "cost_per_migrant": F("portfolio_figures__cost_per_migrant"),
        "cost_currency": F("portfolio_figures__currency"),
        "migrant_share_pct": F("portfolio_figures__migrant_share_pct"),
    }
    return partnerships.annotate(**annotations).order_by("name", "id")


#
# The review page
#


def review_partnership_get(*, partnership_id: int) -> Partnership:
    """The partnership with what the review page shows of its graph, in a fixed number of queries.

    Not ``partnership_get_full`` (about fifty queries, most of them for collections this page never shows):
    the partnership with its assigned reviewer and approver (1), then one query each for sectors, countries,
    participations with their organisations, pathways and their occupations, target occupations with their
    occupation, training programmes with their provider, cost items, their shares and their spending,
    recruiters with their organisation and recruitment arrangements with both ends of the corridor (13).
    A collection that is empty skips the query of its children (pathway occupations, cost shares and
    spending), so a partnership without pathways or cost items costs fewer queries, never more; the number
    never grows with the rows. The submission guard (W1–W3) and ``cost_sharing_table`` read only these.
    Raises ``Partnership.DoesNotExist``.
    """
    from costs.models import CostItem, CostShare
    from recruitment.models import Recruiter, RecruitmentArrangement
    from skills.models import TargetOccupation, TrainingProgramme
    from stakeholders.models import Participation

    return (
        Partnership.objects.select_related("assigned_reviewer", "approved_by")
        .prefetch_related(
            "sectors",
            "countries",
            Prefetch("participations", queryset=Participation.objects.select_related("organisation")),
            "pathways",
            "pathways__occupations",
            Prefetch("target_occupations", queryset=TargetOccupation.objects.select_related("occupation")),
            Prefetch("training_programmes", queryset=TrainingProgramme.objects.select_related("provider")),
            Prefetch("cost_items", queryset=CostItem.objects.select_related("country")),
            Prefetch("cost_items__shares", queryset=CostShare.objects.select_related("organisation")),
            "cost_items__spending",
            Prefetch("recruiters", queryset=Recruiter.objects.select_related("organisation")),
            # Each row names its corridor (origin → destination): joined here, not one query per row.
            Prefetch(
                "recruitment_arrangements",
                queryset=RecruitmentArrangement.objects.select_related("origin", "destination"),
            ),
        )
        .get(pk=partnership_id)
    )


def review_page_data(*, partnership: Partnership) -> dict:
    """Everything the review page shows besides the partnership graph: runs, findings, comments, transitions.

    Queries: runs (1), findings of the latest succeeded run (1), comments (1), transitions (1),
    stage changes (1).
    """
    runs = list(
        FeasibilityRun.objects.filter(partnership=partnership)
        .select_related("requested_by")
        .defer("element_results")
        .order_by("-created_at", "-id")
    )
    latest = next((run for run in runs if run.status == RunStatus.SUCCEEDED), None)
    if latest is not None:
        latest = FeasibilityRun.objects.prefetch_related("findings").get(pk=latest.pk)
    comments = list(
        ReviewComment.objects.filter(partnership=partnership).select_related("author").order_by("-at", "-pk")
    )
    transitions = list(
        ReviewTransition.objects.filter(partnership=partnership).select_related("user").order_by("-at", "-pk")
    )
    stage_changes = list(partnership.stage_changes.select_related("user").order_by("-at", "-pk"))
    return {
        "runs": runs,
        "latest_run": latest,
        "comments": comments,
        "open_change_requests": [c for c in comments if c.requests_change and not c.resolved],
        "transitions": transitions,
        "stage_changes": stage_changes,
    }


def findings_by_element(run: FeasibilityRun | None) -> list[dict]:
    """The run's findings grouped per element E1–E8 then R, with the element's status and score."""
    from feasibility.registry import ELEMENTS, RECRUITMENT, RECRUITMENT_NAME, rule_sort_key

    if run is None:
        return []
    grouped: dict[str, list[Finding]] = {}
    for finding in run.findings.all():
        grouped.setdefault(finding.element, []).append(finding)
    results = run.element_results or {}
    out = []
    for code, name in [*ELEMENTS.items(), (RECRUITMENT, RECRUITMENT_NAME)]:
        data = results.get(code) or {}
        findings = sorted(grouped.get(code, []), key=lambda f: rule_sort_key(f.rule_id))
        score = data.get("score") if code != RECRUITMENT else run.recruitment_score
        status = data.get("status") or (run.recruitment_verdict if code == RECRUITMENT else "")
        # Coloured by status, like the heatmap: a failing element never looks green, whatever its score.
        shown = status_display(element_status({"status": status}))
        if code == RECRUITMENT and run.red_flags:
            shown = STATUS_DISPLAY["fail"]
        out.append(
            {
                "code": code,
                "name": name,
                "status": status,
                "score": None if score is None else round(float(score)),
                "band": score_band(score),
                "tone": shown.tone,
                "icon": shown.icon,
                "status_word": shown.label,
                "findings": findings,
                "not_passing": [f for f in findings if f.status in ("FAIL", "WARN")],
            }
        )
    return out


def runs_compare(*, partnership: Partnership, run_a_id: int, run_b_id: int) -> dict | None:
    """The difference between two runs of the same partnership (older first), or ``None`` if one is missing."""
    from feasibility.services import feasibility_runs_compare

    runs = {
        run.pk: run
        for run in FeasibilityRun.objects.filter(partnership=partnership, pk__in=[run_a_id, run_b_id]).prefetch_related(
            "findings"
        )
    }
    if run_a_id not in runs or run_b_id not in runs or run_a_id == run_b_id:
        return None
    older, newer = sorted((runs[run_a_id], runs[run_b_id]), key=lambda r: (r.created_at, r.pk))
    return {"older": older, "newer": newer, **feasibility_runs_compare(run_a=older, run_b=newer)}


#
# Overdue reports (reporting periods that ended without values)
#

#: How many overdue reports the dashboard lists; the rest are counted.
OVERDUE_REPORTS_SHOWN = 10


@dataclass
class OverdueReports:
    """The first overdue reports (oldest due first) and how many there are in all."""

    rows: list[dict]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def overdue_reports(
    *, partnerships: QuerySet, today: date | None = None, limit: int = OVERDUE_REPORTS_SHOWN
) -> OverdueReports:
    """The reporting periods of ``partnerships`` whose report is overdue (``reporting_periods_overdue``): the
    first ``limit`` with partnership, period, last day and days overdue, and the total.

    One query whatever the number of overdue periods: the total is a window count over the same rows.
    """
    today = today or timezone.localdate()
    if partnerships.model is Partnership and not partnerships.query.where:
        partnerships = None  # every partnership: no restriction to add
    periods = (
        reporting_periods_overdue(today=today, partnerships=partnerships)
        .only("id", "name", "ends_on", "partnership__id", "partnership__name")
        .annotate(total=Window(Count("pk")))
    )
    rows = []
    total = 0
    for period in periods[:limit]:
        total = period.total
        due_on = reporting_period_due_on(ends_on=period.ends_on)
        rows.append(
            {
                "partnership": period.partnership,
                "period": period,
                "ends_on": period.ends_on,
                "days_overdue": (today - due_on).days,
                "url": reverse("monitoring:monitoring", kwargs={"pk": period.partnership_id}),
            }
        )
    return OverdueReports(rows=rows, total=total)


#
# Notifications
#


def notifications_for(*, user, limit: int = 50) -> list[Notification]:
    """The user's latest notifications, newest first, with partnership and actor (one query)."""
    return list(
        Notification.objects.filter(recipient=user)
        .select_related("partnership", "actor")
        .order_by("-created_at")[:limit]
    )


def notifications_unread_count(*, user) -> int:
    """How many notifications the user has not read yet (one query)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


#
# Cost-sharing table of the review page and the PDF
#


def cost_sharing_table(*, partnership) -> dict:
    """Cost items × payers (percent) with per-item totals, per-payer totals and the §8.4 figures.

    ``partnership`` is loaded by ``partnership_get_full`` (cost items with shares): one query for the
    exchange rates. A missing rate gives ``error`` instead of totals; the percentages are still shown.
    """
    from codelists.costs import Payer
    from costs.calculations import MissingExchangeRate, cost_summary_for_partnership, partnership_rate_table

    items = list(partnership.cost_items.all())
    currency = partnership.reporting_currency or "USD"
    summary = None
    error = ""
    try:
        rates = partnership_rate_table(
            currencies={item.currency for item in items}, reporting_currency=currency, partnership=partnership
        )
        summary = cost_summary_for_partnership(partnership=partnership, rates=rates)
    except MissingExchangeRate as exc:
        error = ", ".join(f"{base}→{quote}" for base, quote in exc.pairs)
    totals = {row.item_id: row.total for row in summary.items} if summary is not None else {}
    payers = list(Payer.choices)
    rows = []
    for item in items:
        percent = dict.fromkeys(Payer.values, Decimal(0))
        for share in item.shares.all():
            percent[share.payer] += share.percent
        rows.append(
            {
                "item": item,
                "total": totals.get(item.pk),
                "percents": [percent[code] or None for code, _label in payers],
                "has_shares": bool(item.shares.all()),
            }
        )
    by_payer = [summary.by_payer.get(code) if summary else None for code, _label in payers]
    shares_pct = [summary.payer_share_pct.get(code) if summary else None for code, _label in payers]
    return {
        "currency": currency,
        "payers": payers,
        "rows": rows,
        "by_payer": by_payer,
        "payer_share_pct": shares_pct,
        "summary": summary,
        "missing_rates": error,
    }


#
# PDF design briefs
#


def design_brief_of(*, partnership: Partnership, brief_id: int) -> DesignBrief | None:
    """Brief ``brief_id`` of a partnership the caller may already see (one query), or ``None``."""
    return DesignBrief.objects.select_related("requested_by").filter(pk=brief_id, partnership=partnership).first()


def design_brief_run_id(*, partnership_id: int) -> int | None:
    """The run a brief shows: the one the review page shows, the newest succeeded run (created_at, then id)."""
    return (
        FeasibilityRun.objects.filter(partnership_id=partnership_id, status=RunStatus.SUCCEEDED)
        .order_by("-created_at", "-id")
        .values_list("id", flat=True)
        .first()
    )


def design_brief_key(*, partnership: Partnership, language: str) -> dict:
    """What identifies a brief: the partnership's current version, the run its review page shows, the language."""
    return {
        "partnership_id": partnership.pk,
        "partnership_version": partnership.version,
        "run_id": design_brief_run_id(partnership_id=partnership.pk),
        "language": language,
    }


def design_brief_is_current(*, brief: DesignBrief, partnership: Partnership) -> bool:
    """Whether the brief still shows the partnership as it is: same version and same latest succeeded run.

    One query, whatever the brief (the status page's query count stays constant)."""
    latest_run_id = design_brief_run_id(partnership_id=partnership.pk)
    return brief.partnership_version == partnership.version and latest_run_id == brief.run_id


def design_brief_current(*, partnership: Partnership, language: str) -> DesignBrief | None:
    """The stored brief for the partnership's current version, latest succeeded run and ``language``."""
    return DesignBrief.objects.filter(**design_brief_key(partnership=partnership, language=language)).first()
