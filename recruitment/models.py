"""Recruitment: the recruiters a partnership uses, how workers are recruited on each corridor, and WHO's
health-workforce safeguards list (SMP-DOMAIN Appendix A.5, §3.3). The ethical-recruitment rules R.1–R.15
read these rows.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from codelists import recruitment as c
from codelists.costs import RECRUITMENT_RELATED_CHOICES
from smp.fields import CurrencyField, LanguageListField, MultiChoiceField, choices_constraint
from smp.models import TimeStampedModel

PARTNERSHIP = "partnerships.Partnership"
PARTNERSHIP_COUNTRY = "partnerships.PartnershipCountry"
ORGANISATION = "stakeholders.Organisation"


class Recruiter(TimeStampedModel):
    """A labour recruiter the partnership uses, with its licence, sanctions, IRIS status and oversight (§3.3)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="recruiters"
    )
    organisation = models.ForeignKey(
        ORGANISATION, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="recruiter_roles"
    )
    licence_number = models.CharField(_("licence number"), max_length=100, blank=True)
    licence_country = CountryField(_("licence issued in"), blank=True)
    licence_expiry = models.DateField(_("licence expires on"), null=True, blank=True)
    licensing_authority = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("licensing authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="licensed_recruiters",
    )
    licence_exempt = models.BooleanField(_("exempt from licensing"), null=True, blank=True)
    exemption_basis = models.TextField(_("legal basis of the exemption"), blank=True)
    sanction_status = models.CharField(
        _("sanction status"), max_length=12, choices=c.SanctionStatus.choices, default=c.SanctionStatus.UNKNOWN
    )
    iris_status = models.CharField(
        _("IRIS status"), max_length=20, choices=c.IrisStatus.choices, default=c.IrisStatus.UNKNOWN
    )
    iris_checked_on = models.DateField(_("IRIS status checked on"), null=True, blank=True)
    monitoring_body = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("monitoring body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="monitored_recruiters",
    )
    last_monitored_on = models.DateField(_("last monitored on"), null=True, blank=True)
    payment_model = models.CharField(
        _("payment model"), max_length=20, choices=c.PaymentModel.choices, blank=True, default=""
    )
    compliance_incentive = models.BooleanField(_("reward tied to compliance"), null=True, blank=True)
    uses_sub_agents = models.BooleanField(_("uses sub-agents"), null=True, blank=True)
    sub_agents_licensed = models.BooleanField(_("sub-agents licensed"), null=True, blank=True)

    class Meta:
        ordering = ["partnership", "organisation"]
        verbose_name = _("recruiter")
        verbose_name_plural = _("recruiters")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                name="recruiter_unique_per_partnership",
                violation_error_message=_("This organisation is already a recruiter of the partnership."),
            ),
            choices_constraint("recruiter", "sanction_status", c.SanctionStatus),
            choices_constraint("recruiter", "iris_status", c.IrisStatus),
            choices_constraint("recruiter", "payment_model", c.PaymentModel, allow_blank=True),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class RecruitmentArrangement(TimeStampedModel):
    """How workers are recruited on one origin → destination corridor: channel, recruiters, what workers pay,
    financing, contracts, documents and monitoring (§3.3).
    """

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="recruitment_arrangements"
    )
    origin = models.ForeignKey(
        PARTNERSHIP_COUNTRY,
        verbose_name=_("origin"),
        on_delete=models.CASCADE,
        related_name="outbound_recruitment_arrangements",
    )
    destination = models.ForeignKey(
        PARTNERSHIP_COUNTRY,
        verbose_name=_("destination"),
        on_delete=models.CASCADE,
        related_name="inbound_recruitment_arrangements",
    )
    target_occupations = models.ManyToManyField(
        "skills.TargetOccupation",
        verbose_name=_("target occupations"),
        blank=True,
        related_name="recruitment_arrangements",
    )
    channel = models.CharField(
        _("channel"), max_length=30, choices=c.RecruitmentChannel.choices, blank=True, default=""
    )
    recruiters = models.ManyToManyField(
        Recruiter, verbose_name=_("recruiters"), blank=True, related_name="arrangements"
    )
    employer_pays_commitment = models.BooleanField(_("employer-pays commitment in contracts"), null=True, blank=True)
    fees_charged_to_workers = models.DecimalField(
        _("fees charged to workers"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Empty means unknown."),
    )
    fees_currency = CurrencyField(_("fees currency"), blank=True)
    related_costs_charged_to_workers = MultiChoiceField(
        _("related costs charged to workers"),
        choices=RECRUITMENT_RELATED_CHOICES,
        help_text=_("Empty means none."),
    )
    worker_costs_declared_on = models.DateField(_("worker costs declared on"), null=True, blank=True)
    wage_deductions_for_recruitment = models.BooleanField(_("wage deductions for recruitment"), null=True, blank=True)
    refund_mechanism = models.BooleanField(_("refund mechanism"), null=True, blank=True)
    worker_financing = models.CharField(
        _("worker financing"), max_length=30, choices=c.WorkerFinancing.choices, default=c.WorkerFinancing.UNKNOWN
    )
    loan_interest_pct = models.DecimalField(
        _("loan interest (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    loan_repaid_by_wage_deduction = models.BooleanField(_("loan repaid by wage deduction"), null=True, blank=True)
    max_deduction_pct_of_wage = models.DecimalField(
        # xgettext:no-python-format
        _("maximum deduction (% of monthly wage)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    written_contract_before_departure = models.BooleanField(
        _("written contract before departure"), null=True, blank=True
    )
    contract_days_before_departure = models.PositiveIntegerField(
        _("contract delivered (days before departure)"), null=True, blank=True
    )
    contract_languages = LanguageListField(_("contract languages"))
    worker_languages = LanguageListField(
        _("worker languages"), help_text=_("Languages the recruited workers read; defaults to the origin's.")
    )
    model_contract_used = models.BooleanField(_("model contract used"), null=True, blank=True)
    contract_verified_by_authority = models.BooleanField(_("contract verified by an authority"), null=True, blank=True)
    contract_substitution_prohibited = models.BooleanField(_("contract substitution prohibited"), null=True, blank=True)
    substitution_incidents_open = models.PositiveIntegerField(_("open contract-substitution incidents"), default=0)
    passport_retention_allowed = models.BooleanField(_("passport retention allowed"), null=True, blank=True)
    document_retention_prohibited_in_writing = models.BooleanField(
        _("document retention prohibited in writing"), null=True, blank=True
    )
    monitoring_body = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("monitoring body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="monitored_recruitment_arrangements",
    )
    monitoring_frequency_months = models.PositiveSmallIntegerField(
        _("monitoring frequency (months)"), null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "origin", "destination"]
        verbose_name = _("recruitment arrangement")
        verbose_name_plural = _("recruitment arrangements")
        constraints = [
            choices_constraint("recruitmentarrangement", "channel", c.RecruitmentChannel, allow_blank=True),
            choices_constraint("recruitmentarrangement", "worker_financing", c.WorkerFinancing),
            models.CheckConstraint(
                condition=~Q(origin=models.F("destination")),
                name="recruitmentarrangement_origin_not_destination",
                violation_error_message=_("Origin and destination must be different countries."),
            ),
            models.CheckConstraint(
                condition=Q(fees_charged_to_workers__isnull=True) | Q(fees_charged_to_workers__gte=0),
                name="recruitmentarrangement_fees_not_negative",
                violation_error_message=_("Fees charged to workers cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(loan_interest_pct__isnull=True) | Q(loan_interest_pct__gte=0),
                name="recruitmentarrangement_interest_not_negative",
                violation_error_message=_("The interest rate cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(max_deduction_pct_of_wage__isnull=True)
                | Q(max_deduction_pct_of_wage__gte=0, max_deduction_pct_of_wage__lte=100),
                name="recruitmentarrangement_deduction_in_range",
                violation_error_message=_("The wage deduction is a percentage from 0 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.origin} → {self.destination}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.origin_id and self.destination_id:
            if self.origin_id == self.destination_id:
                errors["destination"] = ValidationError(
                    _("Origin and destination must be different countries."), code="same_country"
                )
            if self.partnership_id and (
                self.origin.partnership_id != self.partnership_id
                or self.destination.partnership_id != self.partnership_id
            ):
                errors["origin"] = ValidationError(
                    _("Origin and destination must be countries of this partnership."), code="foreign_country"
                )
        if errors:
            raise ValidationError(errors)


class WhoSslEntry(TimeStampedModel):
    """A country on one edition of WHO's Health Workforce Support and Safeguards List (§3.3, R.14); reference data."""

    country = CountryField(_("country"))
    edition = models.PositiveSmallIntegerField(_("edition (year)"))

    class Meta:
        ordering = ["-edition", "country"]
        verbose_name = _("WHO safeguards list entry")
        verbose_name_plural = _("WHO safeguards list entries")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "edition"],
                name="whosslentry_unique_per_edition",
                violation_error_message=_("This country is already on this edition of the WHO list."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.country.code} ({self.edition})"
