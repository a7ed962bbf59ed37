"""Recording one reporting period's results at once: the period, an indicator value per indicator and the
actual spending per cost item, payer and year (the Monitoring tab's form).

One transaction and one version bump for the whole period (``partnerships.services.partnership_change``): a
stale form is refused with the name of whoever saved first and nothing is written. Rows are written only when
they change, so the audit history shows real edits. A blank entry removes what was recorded for it. Errors of
the rows come back keyed by the entry's ``key`` (the form field that holds it), all at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from costs.models import ActualSpending
from costs.services import cost_item_actuals_sync
from partnerships.models import IndicatorValue, Partnership, ReportingPeriod
from partnerships.services import (
    history_note,
    monitoring_assert_open,
    partnership_change,
    reporting_period_validate,
)


@dataclass(frozen=True)
class ValueEntry:
    """The value of one indicator in the period (``value`` empty: remove it)."""

    key: str
    indicator_id: int
    value: str
    measured_on: datetime.date | None
    collection_point: str
    note: str = ""


@dataclass(frozen=True)
class SpendingEntry:
    """What one payer spent on one cost item in one year of the period (``amount`` ``None``: remove it)."""

    key: str
    item_id: int
    payer: str
    organisation_id: int | None
    year: int
    amount: Decimal | None


def _errors_of(error: ValidationError, key: str) -> list[str]:
    if hasattr(error, "error_dict"):
        return [str(message) for messages in error.message_dict.values() for message in messages]
    return [str(message) for message in error.messages]


def period_results_save(
    *,
    partnership: Partnership,
    period: ReportingPeriod | None,
    period_data: dict,
    values: list[ValueEntry],
    spending: list[SpendingEntry],
    user,
    expected_version: int | None,
) -> ReportingPeriod:
    """Create or change ``period`` (``None``: a new one) with its values and spending; see the module docstring.

    Raises ``ValidationError`` (a dict: period fields by name, rows by entry key) or ``ConflictError``.
    """
    with partnership_change(
        partnership=partnership, expected_version=expected_version, user=user, reason=gettext_noop("results recorded")
    ) as fresh:
        monitoring_assert_open(partnership=fresh)
        if period is None:
            period = ReportingPeriod(partnership=fresh)
        for name in ("name", "starts_on", "ends_on"):
            setattr(period, name, period_data.get(name))
        reporting_period_validate(period)
        history_note(period, user=user)
        if (
            period.pk is None
            or ReportingPeriod.objects.filter(pk=period.pk)
            .exclude(name=period.name, starts_on=period.starts_on, ends_on=period.ends_on)
            .exists()
        ):
            period.save()
        errors: dict[str, list[str]] = {}
        _values_save(period=period, partnership=fresh, entries=values, user=user, errors=errors)
        touched = _spending_save(period=period, partnership=fresh, entries=spending, user=user, errors=errors)
        if errors:
            raise ValidationError({key: [ValidationError(m) for m in messages] for key, messages in errors.items()})
        cost_item_actuals_sync(item_ids=touched)
    return period


def _values_save(*, period, partnership, entries, user, errors) -> None:
    indicators = {i.pk: i for i in partnership.indicators.all()}
    existing = {
        v.indicator_id: v for v in IndicatorValue.objects.filter(period=period, disaggregation_key="").order_by("pk")
    }
    for entry in entries:
        indicator = indicators.get(entry.indicator_id)
        if indicator is None:
            errors[entry.key] = [_("Choose an indicator of this partnership.")]
            continue
        row = existing.get(entry.indicator_id)
        if not entry.value.strip():
            if row is not None:
                history_note(row, user=user)
                row.delete()
            continue
        if row is None:
            row = IndicatorValue(indicator=indicator, period=period)
        elif (row.value, row.measured_on, row.collection_point, row.note) == (
            entry.value.strip(),
            entry.measured_on,
            entry.collection_point,
            entry.note,
        ):
            continue
        row.indicator = indicator
        row.value = entry.value.strip()
        row.measured_on = entry.measured_on or period.ends_on
        row.collection_point = entry.collection_point
        row.note = entry.note
        try:
            row.full_clean()
        except ValidationError as error:
            errors[entry.key] = _errors_of(error, entry.key)
            continue
        history_note(row, user=user)
        row.save()


def _spending_save(*, period, partnership, entries, user, errors) -> set[int]:
    items = {item.pk: item for item in partnership.cost_items.all()}
    existing = {
        (s.item_id, s.payer, s.organisation_id, s.year): s
        for s in ActualSpending.objects.filter(period=period).order_by("pk")
    }
    touched: set[int] = set()
    for entry in entries:
        item = items.get(entry.item_id)
        if item is None:
            errors[entry.key] = [_("Choose a cost item of this partnership.")]
            continue
        row = existing.get((entry.item_id, entry.payer, entry.organisation_id, entry.year))
        if entry.amount is None:
            if row is not None:
                history_note(row, user=user)
                row.delete()
                touched.add(item.pk)
            continue
        if row is not None and row.amount == entry.amount:
            continue
        if row is None:
            row = ActualSpending(
                item=item,
                period=period,
                payer=entry.payer,
                organisation_id=entry.organisation_id,
                year=entry.year,
            )
        row.amount = entry.amount
        try:
            row.full_clean()
        except ValidationError as error:
            errors[entry.key] = _errors_of(error, entry.key)
            continue
        history_note(row, user=user)
        row.save()
        touched.add(item.pk)
    return touched
