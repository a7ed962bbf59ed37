"""Legal pathways and the steps of their application journey (§7.1, §7.2)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from codelists import partnerships as c
from partnerships.models.base import (
    ORGANISATION,
    check_same_partnership,
    check_side,
    pairs_constraint,
)
from partnerships.models.partnership import Partnership, PartnershipCountry
from smp.fields import CurrencyField, LanguageListField, MultiChoiceField, choices_constraint
from smp.models import TimeStampedModel

#
# Pathways (§7.1)
#


class Pathway(TimeStampedModel):
    """A legal route (visa or permit) the partnership uses or plans, with every attribute of §7.1.

    Booleans are nullable: empty means unknown, which the rules treat as missing data. Choice fields that
    the rules may find unknown (``employer_tied``, ``digital_application``) may stay empty too.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="pathways", verbose_name=_("partnership")
    )
    name = models.CharField(_("name"), max_length=255)
    permit_kind = models.CharField(_("permit kind"), max_length=30, choices=c.PermitKind.choices)
    destination_country = models.ForeignKey(
        PartnershipCountry,
        on_delete=models.PROTECT,
        related_name="destination_pathways",
        verbose_name=_("destination country"),
    )
    origin_countries = models.ManyToManyField(
        PartnershipCountry, related_name="origin_pathways", blank=True, verbose_name=_("origin countries")
    )
    occupations = models.ManyToManyField(
        "skills.Occupation", related_name="pathways", blank=True, verbose_name=_("occupations")
    )
    status = models.CharField(_("status"), max_length=10, choices=c.PathwayStatus.choices)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    reform_owner = models.ForeignKey(
        ORGANISATION,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pathway_reforms",
        verbose_name=_("who drafts the legal change"),
    )
    reform_target_date = models.DateField(_("legal change expected by"), null=True, blank=True)
    max_stay_months = models.PositiveIntegerField(
        _("maximum stay (months)"), null=True, blank=True, help_text=_("Empty means unlimited.")
    )
    renewable = models.BooleanField(_("renewable"), null=True, blank=True)
    route_to_permanent_residence = models.BooleanField(_("route to permanent residence"), null=True, blank=True)
    convertible_to = models.CharField(_("convertible to"), max_length=30, choices=c.PermitKind.choices, blank=True)
    employer_tied = models.CharField(_("tied to employer"), max_length=20, choices=c.EmployerTied.choices, blank=True)
    change_of_employer_allowed = models.BooleanField(_("change of employer allowed"), null=True, blank=True)
    tied_safeguards = MultiChoiceField(_("safeguards for tied permits"), choices=c.TiedSafeguard.choices)
    exit_permit_required = models.BooleanField(_("exit permit required"), null=True, blank=True)
    sponsor_controls_residence = models.BooleanField(_("sponsor controls residence"), null=True, blank=True)
    labour_market_test = models.BooleanField(_("labour-market test"), null=True, blank=True)
    lmt_waived_for_smp = models.BooleanField(_("test waived for SMP candidates"), null=True, blank=True)
    quota = models.BooleanField(_("quota"), null=True, blank=True)
    quota_per_year = models.PositiveIntegerField(_("quota per year"), null=True, blank=True)
    shortage_list = models.BooleanField(_("shortage list applies"), null=True, blank=True)
    skills_recognition_required = models.BooleanField(_("skills recognition required"), null=True, blank=True)
    accepts_experience_evidence = models.BooleanField(_("work experience accepted as evidence"), null=True, blank=True)
    eligibility_precheck = models.BooleanField(_("eligibility checked before employers commit"), null=True, blank=True)
    registered_sponsor_scheme = models.BooleanField(_("registered-sponsor scheme"), null=True, blank=True)
    fast_track = models.BooleanField(_("fast track"), null=True, blank=True)
    multiple_entry = models.BooleanField(_("multiple entry"), null=True, blank=True)
    reentry_facilitated = models.BooleanField(_("re-entry facilitated"), null=True, blank=True)
    family_reunification = models.BooleanField(_("family reunification"), null=True, blank=True)
    spouse_work_allowed = models.BooleanField(_("spouse may work"), null=True, blank=True)
    family_visits_facilitated = models.BooleanField(_("family visits facilitated"), null=True, blank=True)
    family_waiting_months = models.PositiveIntegerField(_("family waiting period (months)"), null=True, blank=True)
    processing_days_typical = models.PositiveIntegerField(_("typical processing (days)"), null=True, blank=True)
    processing_days_observed = models.PositiveIntegerField(_("observed processing (days)"), null=True, blank=True)
    processing_time_published = models.BooleanField(_("processing time published"), null=True, blank=True)
    digital_application = models.CharField(
        _("digital application"), max_length=20, choices=c.DigitalApplication.choices, blank=True
    )
    application_location = models.TextField(_("where to apply"), blank=True)
    visa_centre_in_origin = models.BooleanField(_("visa centre in the origin country"), null=True, blank=True)
    gender_sensitive_procedures = models.BooleanField(_("gender-sensitive procedures"), null=True, blank=True)
    fees_waived = models.BooleanField(_("fees waived"), null=True, blank=True)
    info_languages = LanguageListField(_("languages of official information"))
    fees = models.DecimalField(_("fees"), max_digits=14, decimal_places=2, null=True, blank=True)
    fees_currency = CurrencyField(_("fees currency"), blank=True)
    admissions_adjustable = models.BooleanField(_("admissions can be scaled"), null=True, blank=True)
    remote_model = models.CharField(_("remote model"), max_length=40, choices=c.RemoteModel.choices, blank=True)
    remote_contract_issuer = models.TextField(_("who issues the contract (remote)"), blank=True)
    remote_tax_social_security_settled = models.BooleanField(
        _("tax and social security settled (remote)"), null=True, blank=True
    )
    remote_terms_settled = MultiChoiceField(_("remote-work terms settled"), choices=c.RemoteTerm.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership_id", "pk"]
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")
        constraints = [
            choices_constraint("pathway", "permit_kind", c.PermitKind),
            choices_constraint("pathway", "status", c.PathwayStatus),
            choices_constraint("pathway", "convertible_to", c.PermitKind, allow_blank=True),
            choices_constraint("pathway", "employer_tied", c.EmployerTied, allow_blank=True),
            choices_constraint("pathway", "digital_application", c.DigitalApplication, allow_blank=True),
            choices_constraint("pathway", "remote_model", c.RemoteModel, allow_blank=True),
            models.CheckConstraint(
                condition=Q(fees__isnull=True) | Q(fees__gte=0),
                name="pathway_fees_not_negative",
                violation_error_message=_("Fees cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_remote(self) -> bool:
        return self.permit_kind == c.PermitKind.REMOTE_WORK

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        check_same_partnership(self, "destination_country", errors)
        if "destination_country" not in errors:
            check_side(self, "destination_country", c.Side.DESTINATION, errors)
        if self.fees is not None and not self.fees_currency:
            errors["fees_currency"] = ValidationError(_("Say in which currency the fees are."), code="no_currency")
        if self.quota is False and self.quota_per_year is not None:
            errors["quota_per_year"] = ValidationError(
                _("There is no quota on this route; clear the yearly quota or tick quota."), code="quota_without_quota"
            )
        if not self.is_remote:
            remote_fields = {
                "remote_model": bool(self.remote_model),
                "remote_contract_issuer": bool(self.remote_contract_issuer),
                "remote_tax_social_security_settled": self.remote_tax_social_security_settled is not None,
                "remote_terms_settled": bool(self.remote_terms_settled),
            }
            for field, filled in remote_fields.items():
                if filled:
                    errors[field] = ValidationError(
                        _("Only remote-work routes have remote-work terms; clear this or change the permit kind."),
                        code="remote_only",
                    )
        if errors:
            raise ValidationError(errors)


class PathwayStep(TimeStampedModel):
    """One step of the application journey on a pathway: a Box 27 procedure in one phase (§7.1, §7.2)."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps", verbose_name=_("pathway"))
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=255)
    phase = models.CharField(_("phase"), max_length=30, choices=c.Phase.choices)
    kind = models.CharField(_("procedure"), max_length=40, choices=c.PathwayStepKind.choices)
    responsible = models.ForeignKey(
        ORGANISATION,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pathway_steps",
        verbose_name=_("responsible organisation"),
    )
    typical_days = models.PositiveIntegerField(_("typical duration (days)"), null=True, blank=True)
    fee_amount = models.DecimalField(_("fee"), max_digits=14, decimal_places=2, null=True, blank=True)
    fee_currency = CurrencyField(_("fee currency"), blank=True)
    documents = models.TextField(_("documents"), blank=True)
    digital = models.BooleanField(_("digital"), null=True, blank=True)
    obstacle = models.TextField(_("obstacle"), blank=True)
    obstacle_status = models.CharField(
        _("obstacle status"), max_length=20, choices=c.ObstacleStatus.choices, default=c.ObstacleStatus.NONE
    )
    obstacle_owner = models.ForeignKey(
        ORGANISATION,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_pathway_obstacles",
        verbose_name=_("who removes the obstacle"),
    )

    class Meta:
        ordering = ["pathway_id", "order", "pk"]
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        constraints = [
            choices_constraint("pathwaystep", "phase", c.Phase),
            choices_constraint("pathwaystep", "kind", c.PathwayStepKind),
            choices_constraint("pathwaystep", "obstacle_status", c.ObstacleStatus),
            pairs_constraint(
                "pathwaystep_kind_in_phase",
                "phase",
                "kind",
                c.STEP_KINDS_BY_PHASE,
                message=_("This kind of step does not belong to the chosen phase of the journey."),
            ),
            models.CheckConstraint(
                condition=Q(fee_amount__isnull=True) | Q(fee_amount__gte=0),
                name="pathwaystep_fee_not_negative",
                violation_error_message=_("A fee cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        allowed = c.STEP_KINDS_BY_PHASE.get(self.phase)
        if allowed is not None and self.kind and self.kind not in allowed:
            if allowed:
                errors["kind"] = ValidationError(
                    _("%(kind)s is not a procedure of the phase %(phase)s; choose one of: %(allowed)s."),
                    code="kind_not_in_phase",
                    params={
                        "kind": self.kind,
                        "phase": self.get_phase_display(),
                        "allowed": ", ".join(allowed),
                    },
                )
            else:
                errors["phase"] = ValidationError(
                    _("The phase before the decision has no application procedures; choose a later phase."),
                    code="phase_without_procedures",
                )
        if self.fee_amount is not None and not self.fee_currency:
            errors["fee_currency"] = ValidationError(_("Say in which currency the fee is."), code="no_currency")
        if self.obstacle_status != c.ObstacleStatus.NONE and not self.obstacle.strip():
            errors["obstacle"] = ValidationError(
                _("Describe the obstacle, or set its status to no obstacle."), code="obstacle_missing"
            )
        if errors:
            raise ValidationError(errors)
