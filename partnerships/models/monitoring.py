"""Monitoring and evaluation: indicators and their values (§9.1)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from codelists import partnerships as c
from partnerships.models.base import (
    PARTICIPATION,
    check_same_partnership,
    decimal_or_none,
)
from partnerships.models.objectives import Objective
from partnerships.models.partnership import Partnership, PartnershipCountry
from partnerships.models.reference import GcmObjective, SdgTarget
from smp.fields import MultiChoiceField, choices_constraint
from smp.models import TimeStampedModel

#
# Monitoring and evaluation (§9.1)
#


class Indicator(TimeStampedModel):
    """One monitoring-and-evaluation indicator with its baseline and target (§9.1).

    ``baseline_value`` and ``target_value`` hold a number for quantitative indicators and a text for
    qualitative ones; ``baseline_number`` / ``target_number`` give the number.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("partnership")
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("objective"),
    )
    sdg_target = models.ForeignKey(
        SdgTarget,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("SDG target"),
    )
    gcm_objective = models.ForeignKey(
        GcmObjective,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("Global Compact objective"),
    )
    code = models.CharField(
        _("code"), max_length=60, blank=True, help_text=_("A library code such as migrants_deployed, or your own.")
    )
    name = models.CharField(_("name"), max_length=255)
    impact_category = models.CharField(_("impact category"), max_length=30, choices=c.ImpactCategory.choices)
    measure_type = models.CharField(_("measure type"), max_length=20, choices=c.MeasureType.choices)
    level = models.CharField(_("level"), max_length=10, choices=c.IndicatorLevel.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=c.Direction.choices)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline_value = models.CharField(_("baseline"), max_length=255, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.CharField(_("target"), max_length=255, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    country = models.ForeignKey(
        PartnershipCountry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("country"),
        help_text=_("Empty means every partner country."),
    )
    side = models.CharField(_("side"), max_length=12, choices=c.Side.choices, blank=True)
    disaggregation = MultiChoiceField(_("disaggregated by"), choices=c.Disaggregation.choices)
    collection_points = MultiChoiceField(_("collected at"), choices=c.CollectionPoint.choices)
    follow_up_months = models.PositiveIntegerField(_("follow-up (months)"), null=True, blank=True)
    data_source = models.ForeignKey(
        "skills.LabourMarketEvidence",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("data source"),
    )
    data_source_note = models.TextField(_("data source (description)"), blank=True)
    responsible = models.ForeignKey(
        PARTICIPATION,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_indicators",
        verbose_name=_("responsible"),
    )

    class Meta:
        ordering = ["partnership_id", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            choices_constraint("indicator", "impact_category", c.ImpactCategory),
            choices_constraint("indicator", "measure_type", c.MeasureType),
            choices_constraint("indicator", "level", c.IndicatorLevel),
            choices_constraint("indicator", "direction", c.Direction),
            choices_constraint("indicator", "side", c.Side, allow_blank=True),
            models.UniqueConstraint(
                fields=["partnership", "code"],
                condition=~Q(code=""),
                name="indicator_unique_code",
                violation_error_message=_("This partnership already has an indicator with this code."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_quantitative(self) -> bool:
        return self.measure_type == c.MeasureType.QUANTITATIVE

    @property
    def baseline_number(self) -> Decimal | None:
        return decimal_or_none(self.baseline_value)

    @property
    def target_number(self) -> Decimal | None:
        return decimal_or_none(self.target_value)

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        check_same_partnership(self, "objective", errors)
        check_same_partnership(self, "country", errors)
        check_same_partnership(self, "responsible", errors)
        if self.country is not None and "country" not in errors and self.side and self.side != self.country.side:
            errors["side"] = ValidationError(
                _("%(country)s is on the %(side)s side; leave the side empty or match it."),
                code="side_mismatch",
                params={"country": self.country.country.name, "side": self.country.get_side_display()},
            )
        if self.is_quantitative:
            for field in ("baseline_value", "target_value"):
                if getattr(self, field) and decimal_or_none(getattr(self, field)) is None:
                    errors[field] = ValidationError(
                        _("A quantitative indicator needs a number here, e.g. 120 or 35.5."), code="not_a_number"
                    )
        if errors:
            raise ValidationError(errors)


class ReportingPeriod(TimeStampedModel):
    """A period the lead side reports on while the partnership runs: indicator values and actual spending.

    Not in SMP-DOMAIN Appendix A, which records values by date only; the monitoring page groups them by period
    so a period that ended without values can be reminded (``reminded_at``: once, by the beat job).
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="reporting_periods", verbose_name=_("partnership")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("For example 2026, first half."))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership_id", "starts_on", "pk"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="reportingperiod_ends_after_start",
                violation_error_message=_("A reporting period ends after it starts."),
            ),
            models.UniqueConstraint(
                fields=["partnership", "starts_on"],
                name="reportingperiod_unique_start",
                violation_error_message=_("This partnership already has a reporting period starting that day."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(TimeStampedModel):
    """One measurement of an indicator at one collection point (§9.1), optionally in a reporting period."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicator_values",
        verbose_name=_("reporting period"),
    )
    collection_point = models.CharField(_("collection point"), max_length=20, choices=c.CollectionPoint.choices)
    measured_on = models.DateField(_("measured on"))
    value = models.CharField(_("value"), max_length=255)
    disaggregation_key = models.CharField(
        _("disaggregation"), max_length=100, blank=True, help_text=_("For example sex=f.")
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "measured_on", "pk"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [choices_constraint("indicatorvalue", "collection_point", c.CollectionPoint)]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"

    @property
    def number(self) -> Decimal | None:
        return decimal_or_none(self.value)

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.indicator_id and self.indicator.is_quantitative and self.number is None:
            errors["value"] = ValidationError(_("This indicator is quantitative: enter a number."), code="not_a_number")
        if self.indicator_id and self.period_id:
            if self.period.partnership_id != self.indicator.partnership_id:
                errors["period"] = ValidationError(
                    _("Choose a reporting period of this partnership."), code="other_partnership"
                )
            elif self.measured_on and not (self.period.starts_on <= self.measured_on <= self.period.ends_on):
                errors["measured_on"] = ValidationError(
                    _("Measured on must fall within %(period)s (%(start)s to %(end)s)."),
                    code="outside_period",
                    params={"period": self.period.name, "start": self.period.starts_on, "end": self.period.ends_on},
                )
        if errors:
            raise ValidationError(errors)
