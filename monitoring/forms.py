"""The form of one reporting period: its dates, a value per indicator and the spending per cost item, payer
and year. Fields are built from the partnership's indicators and cost items; the page lays them out as two
tables (``value_rows``, ``spending_rows``) so each input has its label and its row's context."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from codelists import partnerships as c
from codelists.costs import Payer
from monitoring.recording import SpendingEntry, ValueEntry
from partnerships.models.base import decimal_or_none
from smp.punctuation import labelled

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _year_span(starts_on: datetime.date | None, ends_on: datetime.date | None) -> list[int]:
    if not starts_on or not ends_on or ends_on < starts_on:
        return [ends_on.year] if ends_on else []
    return list(range(starts_on.year, ends_on.year + 1))[-3:]  # a period of more than three years shows its last three


class PeriodResultsForm(forms.Form):
    """See the module docstring. ``indicators`` and ``items`` come with their values and spending loaded."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    name = forms.CharField(label=_("Name of the period"), max_length=100, help_text=_("For example 2026, first half."))
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)

    def __init__(self, *args, partnership, period, indicators, items, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("version", partnership.version)
        if period is not None:
            initial.update(name=period.name, starts_on=period.starts_on, ends_on=period.ends_on)
        super().__init__(*args, **kwargs)
        self.partnership, self.period = partnership, period
        self.value_rows, self.spending_rows = [], []
        self._values(indicators)
        self.years = self._years()
        self._spending(items)

    # Indicator values ------------------------------------------------------------------------------------

    def _values(self, indicators) -> None:
        points = c.CollectionPoint.choices
        for indicator in indicators:
            current = None
            if self.period is not None:
                current = next(
                    (v for v in indicator.values.all() if v.period_id == self.period.pk and not v.disaggregation_key),
                    None,
                )
            key = f"value-{indicator.pk}"
            unit = f" ({indicator.unit})" if indicator.unit else ""
            value_field = forms.CharField(
                label=f"{indicator.name}{unit}",
                required=False,
                max_length=255,
                initial=current.value if current else "",
                help_text=_("A number") if indicator.is_quantitative else _("A short assessment"),
            )
            if indicator.is_quantitative:
                value_field.widget.attrs["inputmode"] = "decimal"
            self.fields[key] = value_field
            allowed = [(code, label) for code, label in points if code in (indicator.collection_points or [])]
            self.fields[f"{key}-point"] = forms.ChoiceField(
                label=_("Collected at"),
                choices=allowed or points,
                initial=current.collection_point if current else None,
            )
            self.fields[f"{key}-on"] = forms.DateField(
                label=_("Measured on"),
                required=False,
                widget=DATE,
                initial=current.measured_on if current else None,
                help_text=_("Empty: the last day of the period."),
            )
            self.value_rows.append({"indicator": indicator, "key": key, "current": current})

    # Spending ---------------------------------------------------------------------------------------------

    def _years(self) -> list[int]:
        """The years the stored period covers (new dates take effect once saved)."""
        if self.period is not None:
            return _year_span(self.period.starts_on, self.period.ends_on)
        return [datetime.date.today().year]

    def _spending(self, items) -> None:
        recorded = {}
        for item in items:
            for record in item.spending.all():
                if self.period is not None and record.period_id == self.period.pk:
                    recorded[(item.pk, record.payer, record.organisation_id, record.year)] = record
        for item in items:
            payers = [(share.payer, share.organisation_id, share.organisation) for share in item.shares.all()]
            # What was recorded for a payer no longer among the shares stays on the page, so nothing is lost.
            for (item_id, payer, organisation_id, _year), record in recorded.items():
                if item_id == item.pk and not any(p == payer and o == organisation_id for p, o, _org in payers):
                    payers.append((payer, organisation_id, record.organisation))
            for index, (payer, organisation_id, organisation) in enumerate(payers):
                who = dict(Payer.choices)[payer]
                if organisation is not None:
                    who = labelled(who, organisation)
                cells = []
                for year in self.years:
                    key = f"spent-{item.pk}-{payer}-{organisation_id or 0}-{year}"
                    record = recorded.get((item.pk, payer, organisation_id, year))
                    self.fields[key] = forms.DecimalField(
                        label=f"{item} — {who} — {year}",
                        required=False,
                        min_value=Decimal(0),
                        max_digits=14,
                        decimal_places=2,
                        initial=record.amount if record else None,
                        localize=False,
                        error_messages={
                            "min_value": _("The amount spent cannot be negative."),
                            "invalid": _("Enter an amount such as 1250 or 1250.50."),
                            "max_digits": _("This amount is too large."),
                            "max_decimal_places": _("Enter at most two decimals."),
                        },
                    )
                    self.fields[key].widget.attrs["inputmode"] = "decimal"
                    cells.append({"key": key, "year": year})
                self.spending_rows.append({"item": item, "payer": who, "cells": cells, "first": not index})
            if not payers:  # who pays is not set yet: the page says where to set it
                self.spending_rows.append({"item": item, "payer": "", "cells": [], "first": True})

    # Validation -------------------------------------------------------------------------------------------

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("A reporting period ends after it starts."))
        for row in self.value_rows:
            value = (data.get(row["key"]) or "").strip()
            if value and row["indicator"].is_quantitative and decimal_or_none(value) is None:
                self.add_error(row["key"], _("This indicator is quantitative: enter a number."))
        return data

    def value_entries(self) -> list[ValueEntry]:
        data = self.cleaned_data
        return [
            ValueEntry(
                key=row["key"],
                indicator_id=row["indicator"].pk,
                value=data.get(row["key"]) or "",
                measured_on=data.get(f"{row['key']}-on"),
                collection_point=data.get(f"{row['key']}-point") or "",
            )
            for row in self.value_rows
        ]

    def spending_entries(self) -> list[SpendingEntry]:
        entries = []
        for row in self.spending_rows:
            for cell in row["cells"]:
                _prefix, item_id, payer, organisation_id, year = cell["key"].split("-")  # payer codes have no "-"
                entries.append(
                    SpendingEntry(
                        key=cell["key"],
                        item_id=int(item_id),
                        payer=payer,
                        organisation_id=int(organisation_id) or None,
                        year=int(year),
                        amount=self.cleaned_data.get(cell["key"]),
                    )
                )
        return entries

    def period_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ("name", "starts_on", "ends_on")}


class NewPeriodForm(forms.Form):
    """A new reporting period: its name and dates (its results are recorded on the period's own page)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    name = forms.CharField(label=_("Name of the period"), max_length=100, help_text=_("For example 2026, first half."))
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("A reporting period ends after it starts."))
        return data
