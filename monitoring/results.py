"""Reads of the Monitoring tab: reporting periods, indicators against baseline and target, spending against
plan by payer and by item, actual against planned cost per migrant (§9.1, §2.8, E8.R9).

Every figure comes from the one implementation of the cost figures (``costs.calculations``) and of migrants
deployed per year (``migrants_deployed_by_year``), so the tab, the exports and rule E8.R9 agree. Queries are
fixed whatever the partnership's size: periods (1), indicators and their values (2), cost items with shares
and spending (3), exchange rates (0–1).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from codelists import partnerships as c
from codelists.costs import Payer
from costs.calculations import (
    CostSummary,
    MissingExchangeRate,
    actual_cost_per_migrant,
    cost_summary,
    migrants_deployed_by_year,
    partnership_rate_table,
)
from costs.models import ActualSpending, CostItem, CostShare
from partnerships.models import Indicator, IndicatorValue, ReportingPeriod

HUNDRED = Decimal(100)


@dataclass
class IndicatorProgress:
    """One indicator with its values and how far it has come from baseline to target (§9.1 semantics)."""

    indicator: Indicator
    values: list[IndicatorValue]
    latest: IndicatorValue | None
    progress_pct: Decimal | None  # (latest − baseline) ÷ (target − baseline), capped 0–100
    met: bool | None  # for "maintain" and qualitative indicators: not computed (None)
    by_period: dict[int, IndicatorValue] = field(default_factory=dict)


def _progress(indicator: Indicator, latest: IndicatorValue | None) -> Decimal | None:
    if latest is None or not indicator.is_quantitative or indicator.direction == c.Direction.MAINTAIN:
        return None
    baseline, target, now = indicator.baseline_number, indicator.target_number, latest.number
    if baseline is None or target is None or now is None or target == baseline:
        return None
    pct = (now - baseline) / (target - baseline) * HUNDRED
    return max(Decimal(0), min(HUNDRED, pct)).quantize(Decimal("0.1"))


def periods_of(*, partnership) -> list[ReportingPeriod]:
    """The partnership's reporting periods with how many values and spending records each holds (1 query)."""
    return list(
        ReportingPeriod.objects.filter(partnership=partnership)
        .annotate(
            values_count=Count("indicator_values", distinct=True), spending_count=Count("spending", distinct=True)
        )
        .order_by("starts_on", "pk")
    )


def indicators_of(*, partnership) -> list[Indicator]:
    """Indicators with their values (period joined), oldest value first (2 queries)."""
    return list(
        Indicator.objects.filter(partnership=partnership)
        .prefetch_related(
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.select_related("period").order_by("measured_on", "pk"),
            )
        )
        .order_by("pk")
    )


def cost_items_of(*, partnership) -> list[CostItem]:
    """Cost items with their shares (and paying organisations) and spending records (3 queries)."""
    return list(
        CostItem.objects.filter(partnership=partnership)
        .select_related("country")
        .prefetch_related(
            Prefetch("shares", queryset=CostShare.objects.select_related("organisation").order_by("payer", "id")),
            Prefetch(
                "spending",
                queryset=ActualSpending.objects.select_related("organisation").order_by("year", "payer", "id"),
            ),
        )
        .order_by("category", "subitem", "id")
    )


def period_status(period: ReportingPeriod, *, today: datetime.date) -> str:
    """``recorded`` (values or spending), ``overdue`` (ended without any), ``open`` (running) or ``upcoming``."""
    if period.values_count or period.spending_count:
        return "recorded"
    if period.ends_on < today:
        return "overdue"
    return "open" if period.starts_on <= today else "upcoming"


PERIOD_STATUS_LABELS = {
    "recorded": _("Recorded"),
    "overdue": _("Overdue: ended without results"),
    "open": _("Running"),
    "upcoming": _("Not started"),
}


def monitoring_data(*, partnership, today: datetime.date | None = None) -> dict:
    """Everything the Monitoring tab and its exports show; see the module docstring for the queries."""
    today = today or timezone.localdate()
    periods = periods_of(partnership=partnership)
    for period in periods:
        period.status = period_status(period, today=today)
        period.status_label = str(PERIOD_STATUS_LABELS[period.status])
    indicators = indicators_of(partnership=partnership)
    progress = []
    for indicator in indicators:
        values = list(indicator.values.all())
        overall = [v for v in values if not v.disaggregation_key]
        latest = overall[-1] if overall else None
        progress.append(
            IndicatorProgress(
                indicator=indicator,
                values=values,
                latest=latest,
                progress_pct=_progress(indicator, latest),
                met=None,
                by_period={v.period_id: v for v in overall if v.period_id},
            )
        )
    items = cost_items_of(partnership=partnership)
    currency = partnership.reporting_currency or "USD"
    summary: CostSummary | None = None
    missing_rates = ""
    try:
        rates = partnership_rate_table(
            currencies={item.currency for item in items}, reporting_currency=currency, partnership=partnership
        )
        summary = cost_summary(
            items=items,
            planned_migrants=partnership.planned_migrants_total,
            planned_trainees=partnership.planned_trainees_total,
            reporting_currency=currency,
            rates=rates,
            spending=[record for item in items for record in item.spending.all()],
        )
    except MissingExchangeRate as error:
        missing_rates = str(error)
    return {
        "periods": periods,
        "indicators": progress,
        "items": items,
        "summary": summary,
        "currency": currency,
        "missing_rates": missing_rates,
        "payers": _payers(summary),
        "cost_per_migrant": _cost_per_migrant(summary, indicators, currency),
        "item_rows": _item_rows(items, summary),
    }


def _payers(summary: CostSummary | None) -> list[dict]:
    """Planned and actual spending per payer; spending recorded on an item as one amount (without records by
    payer) is shown on its own row, "Not split by payer"."""
    if summary is None:
        return []
    rows = []
    for code, label in Payer.choices:
        planned = summary.by_payer.get(code, Decimal(0))
        actual = summary.actual_by_payer.get(code, Decimal(0))
        if not planned and not actual:
            continue
        rows.append(
            {
                "code": code,
                "label": str(label),
                "planned": planned,
                "actual": actual,
                "spent_pct": (actual / planned * HUNDRED).quantize(Decimal("0.1")) if planned else None,
            }
        )
    unsplit = sum(summary.actual_by_year.values(), Decimal(0)) - sum(summary.actual_by_payer.values(), Decimal(0))
    if unsplit > 0:
        rows.append(
            {"code": "", "label": _("Not split by payer"), "planned": None, "actual": unsplit, "spent_pct": None}
        )
    return rows


def _cost_per_migrant(summary: CostSummary | None, indicators, currency: str) -> list[dict]:
    if summary is None:
        return []
    deployed = migrants_deployed_by_year(indicators)
    per_migrant = actual_cost_per_migrant(
        actual_by_year=summary.actual_by_year, migrants_deployed_by_year=deployed, currency=currency
    )
    years = sorted(set(summary.actual_by_year) | set(deployed))
    return [
        {
            "year": year,
            "spent": summary.actual_by_year.get(year),
            "deployed": deployed.get(year),
            "actual": per_migrant.get(year),
            "planned": summary.cost_per_migrant,
        }
        for year in years
    ]


def _item_rows(items: list[CostItem], summary: CostSummary | None) -> list[dict]:
    """Per cost item: planned total (item currency), spending per year and in total (item currency)."""
    figures = {f.item_id: f for f in summary.items} if summary is not None else {}
    rows = []
    for item in items:
        by_year: dict[int, Decimal] = {}
        for record in item.spending.all():
            by_year[record.year] = by_year.get(record.year, Decimal(0)) + record.amount
        figure = figures.get(item.pk)
        planned = figure.total_own if figure is not None else None
        spent = sum(by_year.values(), Decimal(0)) if by_year else item.actual_amount
        rows.append(
            {
                "item": item,
                "planned": planned,
                "spent": spent,
                "by_year": dict(sorted(by_year.items())),
                "spent_pct": (spent / planned * HUNDRED).quantize(Decimal("0.1"))
                if planned and spent is not None
                else None,
            }
        )
    return rows
