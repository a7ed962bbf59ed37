"""Costs: the cost table of a partnership, who pays each line, exchange rates, cost–benefit analyses and
the sustainability plan (SMP-DOMAIN Appendix A.4, §2.8, §8).

Writes go through ``costs.services`` (shares must total 100.00 %, written all at once); every figure
derived from these rows is computed by ``costs.calculations``, the one implementation of §8.4.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from codelists import costs as c
from codelists.partnerships import Phase
from smp.fields import CurrencyField, MultiChoiceField, choices_constraint
from smp.models import TimeStampedModel

PARTNERSHIP = "partnerships.Partnership"
PARTNERSHIP_COUNTRY = "partnerships.PartnershipCountry"
ORGANISATION = "stakeholders.Organisation"
PARTICIPATION = "stakeholders.Participation"


def _subitem_in_category() -> Q:
    """CHECK condition: the sub-item belongs to the category (§8.1), ``other`` fitting every category."""
    condition = Q()
    for category, subitems in c.SUBITEMS_BY_CATEGORY.items():
        condition |= Q(category=category, subitem__in=list(subitems))
    return condition


#
# Reference data
#


class Currency(TimeStampedModel):
    """An ISO 4217 currency (code, English name, numeric code), filled from pycountry by the reference loader."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    numeric = models.CharField(_("numeric code"), max_length=3, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def minor_unit(self) -> int:
        """Decimal places used when rounding amounts in this currency (§8.4)."""
        return c.minor_unit(self.code)


class ExchangeRate(TimeStampedModel):
    """1 unit of ``base_currency`` = ``rate`` units of ``quote_currency`` on ``as_of`` (§8.4).

    A rate is only ever used in its stated direction: EUR→MAD does not imply MAD→EUR.

    Without ``partnership`` it is the shared reference rate (administrators keep these; one per pair and day).
    With ``partnership`` it is that partnership's own rate, entered in the wizard's costs step by whoever may
    change its costs: one per pair, used for that partnership only and before any reference rate
    (``costs.calculations.RateTable``). Own rates are partnership data, so other partnerships' officials
    cannot change the figures of a partnership they do not take part in.
    """

    partnership = models.ForeignKey(
        PARTNERSHIP,
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="exchange_rates",
        help_text=_("Empty for a reference rate shared by every partnership."),
    )
    base_currency = CurrencyField(_("base currency"))
    quote_currency = CurrencyField(_("quote currency"))
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=8)
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        ordering = ["base_currency", "quote_currency", "-as_of"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["base_currency", "quote_currency", "as_of"],
                condition=Q(partnership__isnull=True),
                name="exchangerate_unique_per_day",
                violation_error_message=_("There is already a rate for these two currencies on this date."),
            ),
            models.UniqueConstraint(
                fields=["partnership", "base_currency", "quote_currency"],
                name="exchangerate_unique_per_partnership",
                violation_error_message=_("This partnership already has a rate for these two currencies."),
            ),
            models.CheckConstraint(
                condition=Q(rate__gt=0),
                name="exchangerate_rate_positive",
                violation_error_message=_("An exchange rate is above zero."),
            ),
            models.CheckConstraint(
                condition=~Q(base_currency=models.F("quote_currency")),
                name="exchangerate_distinct_currencies",
                violation_error_message=_("An exchange rate converts between two different currencies."),
            ),
        ]
        indexes = [models.Index(fields=["quote_currency", "base_currency", "as_of"], name="exchangerate_lookup")]

    def __str__(self) -> str:
        return f"1 {self.base_currency} = {self.rate} {self.quote_currency} ({self.as_of})"


#
# The cost table (§8.1)
#


class CostItem(TimeStampedModel):
    """One budget line of a partnership, coded by G Table 3 (§8.1).

    ``amount`` is per unit of ``basis``: the item total is ``amount`` × 1, N (planned migrants) or T (planned
    trainees) — see ``costs.calculations``. ``actual_amount`` is what was actually spent on the whole line.
    """

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="cost_items"
    )
    category = models.CharField(_("category"), max_length=30, choices=c.CostCategory.choices)
    subitem = models.CharField(
        _("sub-item"),
        max_length=30,
        choices=c.CostSubitem.choices,
        help_text=_(
            "Agency service fees go under Identifying, screening and placing candidates; tests, orientation, "
            "recognition, required training, travel, visas and documents, and medical checks and insurance each "
            "have their line. None of these may be charged to migrants."
        ),
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Required for the sub-item Other."))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    currency = CurrencyField(_("currency"))
    basis = models.CharField(_("basis"), max_length=12, choices=c.CostBasis.choices)
    country = models.ForeignKey(
        PARTNERSHIP_COUNTRY,
        verbose_name=_("country where incurred"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cost_items",
    )
    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices, blank=True, default="")
    in_kind = models.BooleanField(_("contributed in kind"), default=False)
    actual_amount = models.DecimalField(
        _("actual amount"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Actually spent on the whole line, in the item's currency."),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    linked_training = models.ForeignKey(
        "skills.TrainingProgramme",
        verbose_name=_("linked training programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cost_items",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "category", "subitem", "id"]
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        constraints = [
            choices_constraint("costitem", "category", c.CostCategory),
            choices_constraint("costitem", "subitem", c.CostSubitem),
            choices_constraint("costitem", "basis", c.CostBasis),
            choices_constraint("costitem", "phase", Phase, allow_blank=True),
            models.CheckConstraint(
                condition=_subitem_in_category(),
                name="costitem_subitem_in_category",
                violation_error_message=_("The sub-item does not belong to the category."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="costitem_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(actual_amount__isnull=True) | Q(actual_amount__gte=0),
                name="costitem_actual_amount_not_negative",
                violation_error_message=_("The actual amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} / {self.get_subitem_display()}"

    @property
    def essential(self) -> bool:
        """Derived from the category: only monitoring and evaluation is voluntary (§8.1)."""
        return c.is_essential(self.category)

    @property
    def recruitment_related(self) -> bool:
        """True when a migrant share on this line breaks the Employer Pays Principle (§8.1, E8.R4, R.3)."""
        return self.subitem in c.RECRUITMENT_RELATED

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.category and self.subitem and not c.subitem_belongs_to(self.category, self.subitem):
            errors["subitem"] = ValidationError(
                _("The sub-item “%(subitem)s” does not belong to the category “%(category)s”."),
                code="subitem_not_in_category",
                params={"subitem": self.get_subitem_display(), "category": self.get_category_display()},
            )
        if self.subitem == c.CostSubitem.OTHER and not (self.description or "").strip():
            errors["description"] = ValidationError(
                _("Describe the cost when the sub-item is Other."), code="description_required"
            )
        if errors:
            raise ValidationError(errors)


class CostShare(TimeStampedModel):
    """Who pays which percentage of a cost item (§8.1, §2.8).

    Once an item has shares they total exactly 100.00; ``costs.services.cost_share_set`` writes them all
    at once. ``organisation`` is required for ``other`` and expected for the government and employer payers.
    """

    item = models.ForeignKey(CostItem, verbose_name=_("cost item"), on_delete=models.CASCADE, related_name="shares")
    payer = models.CharField(_("payer"), max_length=20, choices=c.Payer.choices)
    organisation = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("paying organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cost_shares",
    )
    percent = models.DecimalField(
        _("percent"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    instrument = models.CharField(
        _("instrument"), max_length=20, choices=c.CostInstrument.choices, blank=True, default=""
    )
    timing = models.CharField(_("timing"), max_length=20, choices=c.ShareTiming.choices, default=c.ShareTiming.UNKNOWN)
    risk_mitigation = models.CharField(
        _("risk mitigation"), max_length=20, choices=c.RiskMitigation.choices, default=c.RiskMitigation.NONE
    )
    committed = models.BooleanField(_("committed in writing"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "payer", "id"]
        verbose_name = _("cost share")
        verbose_name_plural = _("cost shares")
        constraints = [
            choices_constraint("costshare", "payer", c.Payer),
            choices_constraint("costshare", "instrument", c.CostInstrument, allow_blank=True),
            choices_constraint("costshare", "timing", c.ShareTiming),
            choices_constraint("costshare", "risk_mitigation", c.RiskMitigation),
            models.CheckConstraint(
                condition=Q(percent__gt=0, percent__lte=100),
                name="costshare_percent_in_range",
                violation_error_message=_("A share must be more than 0 and at most 100 percent."),
            ),
            models.CheckConstraint(
                condition=~Q(payer=c.Payer.OTHER) | Q(organisation__isnull=False),
                name="costshare_other_needs_organisation",
                violation_error_message=_("Name the paying organisation for the payer Other."),
            ),
            models.UniqueConstraint(
                fields=["item", "payer", "organisation"],
                name="costshare_unique_payer",
                violation_error_message=_("This payer already has a share of the cost item for this organisation."),
            ),
            # NULLs are distinct in a unique index: a second share of the same payer without organisation
            # needs its own partial index.
            models.UniqueConstraint(
                fields=["item", "payer"],
                condition=Q(organisation__isnull=True),
                name="costshare_unique_payer_without_organisation",
                violation_error_message=_("This payer already has a share of the cost item."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_payer_display()} {self.percent} %"


class ActualSpending(TimeStampedModel):
    """What a payer actually spent on a cost item in one year, reported for one reporting period.

    Refines ``CostItem.actual_amount`` of §8.1 (one figure for the whole line): once an item has spending
    records, ``costs.services`` keeps ``actual_amount`` equal to their sum and ``costs.calculations`` takes the
    yearly actuals of E8.R9 from the records' ``year``. Amounts are in the item's currency.
    """

    item = models.ForeignKey(CostItem, verbose_name=_("cost item"), on_delete=models.CASCADE, related_name="spending")
    period = models.ForeignKey(
        "partnerships.ReportingPeriod",
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="spending",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    payer = models.CharField(_("payer"), max_length=20, choices=c.Payer.choices)
    organisation = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("paying organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actual_spending",
    )
    amount = models.DecimalField(_("amount spent"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "period", "year", "payer", "id"]
        verbose_name = _("actual spending")
        verbose_name_plural = _("actual spending")
        constraints = [
            choices_constraint("actualspending", "payer", c.Payer),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="actualspending_amount_not_negative",
                violation_error_message=_("The amount spent cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100),
                name="actualspending_year_in_range",
                violation_error_message=_("Enter a year between 1990 and 2100."),
            ),
            models.UniqueConstraint(
                fields=["item", "period", "year", "payer", "organisation"],
                name="actualspending_unique_payer",
                violation_error_message=_(
                    "This payer's spending on the cost item is already recorded for this period and year."
                ),
            ),
            models.UniqueConstraint(
                fields=["item", "period", "year", "payer"],
                condition=Q(organisation__isnull=True),
                name="actualspending_unique_payer_without_organisation",
                violation_error_message=_(
                    "This payer's spending on the cost item is already recorded for this period and year."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_payer_display()} {self.amount} ({self.year})"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.item_id and self.period_id and self.period.partnership_id != self.item.partnership_id:
            errors["period"] = ValidationError(
                _("Choose a reporting period of this partnership."), code="other_partnership"
            )
        if self.payer == c.Payer.OTHER and self.organisation_id is None:
            errors["organisation"] = ValidationError(
                _("Name the paying organisation for the payer Other."), code="organisation_required"
            )
        if errors:
            raise ValidationError(errors)


#
# Value for money and sustainability (§2.8, §8.3)
#


class CostBenefitAnalysis(TimeStampedModel):
    """An employer's return on investment or a public value-for-money or wider economic study (§8.3, E8.R7)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="cost_benefit_analyses"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=c.CostBenefitKind.choices)
    participation = models.ForeignKey(
        PARTICIPATION,
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cost_benefit_analyses",
        help_text=_("The employer, for a return-on-investment analysis."),
    )
    perspective = models.CharField(_("perspective"), max_length=255, blank=True)
    scenarios = models.TextField(_("scenarios"), blank=True)
    benefit_cost_ratio = models.DecimalField(
        _("benefit–cost ratio"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    break_even = models.CharField(_("break-even"), max_length=200, blank=True, help_text=_("A year or a text."))
    alternatives_compared = models.BooleanField(_("alternatives compared"), null=True, blank=True)
    outcome_unit = models.CharField(
        _("outcome unit"), max_length=20, choices=c.OutcomeUnit.choices, blank=True, default=""
    )
    price_per_outcome = models.DecimalField(
        _("price per outcome"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    price_currency = CurrencyField(_("price currency"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)

    class Meta:
        ordering = ["partnership", "kind", "-completed_on"]
        verbose_name = _("cost–benefit analysis")
        verbose_name_plural = _("cost–benefit analyses")
        constraints = [
            choices_constraint("costbenefitanalysis", "kind", c.CostBenefitKind),
            choices_constraint("costbenefitanalysis", "outcome_unit", c.OutcomeUnit, allow_blank=True),
            models.CheckConstraint(
                condition=Q(benefit_cost_ratio__isnull=True) | Q(benefit_cost_ratio__gte=0),
                name="costbenefitanalysis_ratio_not_negative",
                violation_error_message=_("The benefit–cost ratio cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(price_per_outcome__isnull=True) | Q(price_per_outcome__gte=0),
                name="costbenefitanalysis_price_not_negative",
                violation_error_message=_("The price cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.perspective})" if self.perspective else self.get_kind_display()


class SustainabilityPlan(TimeStampedModel):
    """How the scheme continues and needs less subsidy over time; one per partnership (E1.R8, E8.R8)."""

    partnership = models.OneToOneField(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="sustainability_plan"
    )
    follow_on = models.TextField(_("follow-on"), blank=True)
    mechanisms = MultiChoiceField(_("financing mechanisms"), choices=c.SustainabilityMechanism.choices)
    mechanisms_tested = MultiChoiceField(_("mechanisms tested"), choices=c.SustainabilityMechanism.choices)
    target_public_share_pct = models.DecimalField(
        _("target public share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)

    class Meta:
        verbose_name = _("sustainability plan")
        verbose_name_plural = _("sustainability plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_public_share_pct__isnull=True)
                | Q(target_public_share_pct__gte=0, target_public_share_pct__lte=100),
                name="sustainabilityplan_target_share_in_range",
                violation_error_message=_("The target share is a percentage from 0 to 100."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Sustainability plan of %(partnership)s") % {"partnership": self.partnership})

    def clean(self) -> None:
        super().clean()
        untested = [m for m in (self.mechanisms_tested or []) if m not in (self.mechanisms or [])]
        if untested:
            raise ValidationError(
                {
                    "mechanisms_tested": ValidationError(
                        _("Tested mechanisms must also be planned mechanisms: %(codes)s."),
                        code="tested_not_planned",
                        params={"codes": ", ".join(untested)},
                    )
                }
            )
