"""The partnership itself and the countries taking part in it (Appendix A.1)."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from codelists import partnerships as c
from partnerships.models.base import (
    PERCENT_VALIDATORS,
)
from smp.fields import CurrencyField, LanguageListField, MultiChoiceField, StrListField, choices_constraint
from smp.models import TimeStampedModel

#
# Partnership
#


class PartnershipQuerySet(models.QuerySet):
    """Row-level access: every view and API reads partnerships through ``for_user``."""

    def for_user(self, user) -> PartnershipQuerySet:
        """Partnerships ``user`` may read.

        Reviewers, admins and superusers see all; anyone else sees the partnerships in which one of their
        organisations participates; anonymous and inactive users see none. One ``EXISTS`` subquery, so a
        partnership never appears twice however many of the user's organisations take part.
        """
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if getattr(user, "sees_everything", False):
            return self.all()
        memberships = get_user_model().organisations.through.objects.filter(user_id=user.pk)
        participations = apps.get_model("stakeholders", "Participation").objects.filter(
            partnership_id=OuterRef("pk"), organisation_id__in=memberships.values("organisation_id")
        )
        return self.filter(Exists(participations))


class Partnership(TimeStampedModel):
    """One Skills Mobility Partnership: the root of the wizard, the review workflow, feasibility runs and
    dashboards (Appendix A.1).

    ``version`` rises on every data change (``partnership_update``, ``partnership_touch``); a write based on an
    older version is refused. "Changed since approval" is ``version > approved_version`` (§5.2).
    """

    # W1 basics
    name = models.CharField(_("name"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)

    # Lifecycle and review (§5, §5.2)
    stage = models.CharField(_("stage"), max_length=20, choices=c.Stage.choices, default=c.Stage.EXPLORATION)
    review_status = models.CharField(
        _("review status"), max_length=20, choices=c.ReviewStatus.choices, default=c.ReviewStatus.DRAFT
    )
    review_round = models.PositiveIntegerField(_("review round"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships_to_review",
        verbose_name=_("assigned reviewer"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships_approved",
        verbose_name=_("approved by"),
    )
    approved_version = models.PositiveIntegerField(_("approved version"), null=True, blank=True)
    approved_stage = models.CharField(_("stage when approved"), max_length=20, choices=c.Stage.choices, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessor"),
        help_text=_("The earlier phase this partnership follows on from."),
    )
    next_step = models.CharField(_("next step"), max_length=30, choices=c.NextStep.choices, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(_("closure reason"), max_length=40, choices=c.ClosureReason.choices, blank=True)

    # Typology (§1.3). Choices may stay empty while drafting; the rules read empty as missing.
    form_of_engagement = models.CharField(
        _("form of engagement"), max_length=30, choices=c.FormOfEngagement.choices, blank=True
    )
    migration_types = MultiChoiceField(_("types of migration"), choices=c.MigrationType.choices)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    donor_funded = models.BooleanField(_("donor funded"), null=True, blank=True)
    skill_levels = MultiChoiceField(_("skill levels"), choices=c.SkillLevel.choices)
    sectors = models.ManyToManyField(
        "skills.Sector", related_name="partnerships", blank=True, verbose_name=_("sectors")
    )
    training_location = models.CharField(
        _("where training happens"), max_length=20, choices=c.TrainingLocation.choices, blank=True
    )
    flex_change_sector = models.BooleanField(_("sector can change"), null=True, blank=True)
    flex_change_skill_level = models.BooleanField(_("skill level can change"), null=True, blank=True)
    flex_change_length_of_stay = models.BooleanField(_("length of stay can change"), null=True, blank=True)
    flexibility_provisions = MultiChoiceField(_("flexibility provisions"), choices=c.FlexibilityProvision.choices)
    contingency_budget_pct = models.DecimalField(
        _("contingency budget (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    funding_sources = MultiChoiceField(_("funding sources"), choices=c.FundingSource.choices)
    target_groups = MultiChoiceField(_("target groups"), choices=c.TargetGroup.choices)
    development_benefit = models.TextField(_("development benefit"), blank=True)
    corridor_rationale = MultiChoiceField(_("why this corridor"), choices=c.CorridorRationale.choices)

    # E1 planning
    objective_coherence_reviewed_on = models.DateField(_("objectives checked for coherence on"), null=True, blank=True)
    climate_assessment = models.TextField(_("climate and green-transition assessment"), blank=True)
    climate_assessment_on = models.DateField(_("climate assessment date"), null=True, blank=True)

    # Agreement (§5.1 stage agreement)
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    agreement_clauses = MultiChoiceField(_("agreement clauses"), choices=c.AgreementClause.choices)
    agreement_published = models.BooleanField(_("agreement published"), null=True, blank=True)
    agreement_url = models.URLField(_("agreement URL"), blank=True)

    # E2 stakeholders
    security_clearance_required = models.BooleanField(_("security clearance required"), null=True, blank=True)
    security_clearance_obtained_on = models.DateField(_("security clearance obtained on"), null=True, blank=True)
    diaspora_engagement_planned = models.BooleanField(_("diaspora engagement planned"), null=True, blank=True)
    diaspora_mapping_done_on = models.DateField(_("diaspora mapped on"), null=True, blank=True)

    # E3 data, E4 local development, E5 recognition
    matching_process = models.TextField(_("skills-matching process"), blank=True)
    skills_transfer_measures = MultiChoiceField(_("skills-transfer measures"), choices=c.SkillsTransferMeasure.choices)
    return_services = MultiChoiceField(_("return services"), choices=c.ReturnService.choices)
    recognition_info_channels = MultiChoiceField(
        _("recognition information channels"), choices=c.RecognitionInfoChannel.choices
    )
    recognition_info_languages = LanguageListField(_("recognition information languages"))

    # E6 social aspects (§2.6)
    aspirations_study_on = models.DateField(_("aspirations studied on"), null=True, blank=True)
    aspirations_methods = MultiChoiceField(_("aspirations study methods"), choices=c.AspirationsMethod.choices)
    aspirations_by_gender = models.BooleanField(_("aspirations broken down by gender"), null=True, blank=True)
    gender_analysis_ex_ante_on = models.DateField(_("gender analysis before, on"), null=True, blank=True)
    gender_analysis_ex_post_on = models.DateField(_("gender analysis after, on"), null=True, blank=True)
    gender_imbalances_found = models.BooleanField(_("gender imbalances found"), null=True, blank=True)
    gender_action_plan = models.TextField(_("gender action plan"), blank=True)
    inclusion_safeguards = MultiChoiceField(_("inclusion safeguards"), choices=c.InclusionSafeguard.choices)
    fiscal_cooperation = MultiChoiceField(_("fiscal cooperation"), choices=c.FiscalCooperation.choices)
    family_exemption_requested_on = models.DateField(_("family exemption requested on"), null=True, blank=True)
    family_exemption_note = models.TextField(_("family exemption note"), blank=True)
    return_entitlements_guaranteed = models.BooleanField(_("return entitlements guaranteed"), null=True, blank=True)

    # E7 pathways
    pathway_mapping_done_on = models.DateField(_("legal pathways mapped on"), null=True, blank=True)
    admission_review_trigger = models.TextField(_("trigger for scaling admissions"), blank=True)

    # E8 costs (§2.8, §8)
    cost_sharing_models = MultiChoiceField(_("cost-sharing models"), choices=c.CostSharingModel.choices)
    cost_table_visibility = models.CharField(
        _("cost table visible to"), max_length=20, choices=c.CostTableVisibility.choices, blank=True
    )
    public_subsidy_safeguards = MultiChoiceField(
        _("public-subsidy safeguards"), choices=c.PublicSubsidySafeguard.choices
    )
    planned_migrants_total = models.PositiveIntegerField(_("planned migrants (total)"), null=True, blank=True)
    planned_trainees_total = models.PositiveIntegerField(
        _("planned trainees (total)"),
        null=True,
        blank=True,
        help_text=_("At least the number of planned migrants; empty means the same number."),
    )
    reporting_currency = CurrencyField(_("reporting currency"), default="USD")

    # Ethical recruitment (§3.3)
    recruitment_standards = MultiChoiceField(_("recruitment standards"), choices=c.RecruitmentStandard.choices)
    health_workforce_safeguards = MultiChoiceField(
        _("health-workforce safeguards"), choices=c.HealthWorkforceSafeguard.choices
    )

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            choices_constraint("partnership", "stage", c.Stage),
            choices_constraint("partnership", "review_status", c.ReviewStatus),
            choices_constraint("partnership", "approved_stage", c.Stage, allow_blank=True),
            choices_constraint("partnership", "next_step", c.NextStep, allow_blank=True),
            choices_constraint("partnership", "closure_reason", c.ClosureReason, allow_blank=True),
            choices_constraint("partnership", "form_of_engagement", c.FormOfEngagement, allow_blank=True),
            choices_constraint("partnership", "training_location", c.TrainingLocation, allow_blank=True),
            choices_constraint("partnership", "cost_table_visibility", c.CostTableVisibility, allow_blank=True),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gt=F("start_date")),
                name="partnership_end_after_start",
                violation_error_message=_("The end date must be after the start date."),
            ),
            models.CheckConstraint(
                condition=Q(contingency_budget_pct__isnull=True)
                | Q(contingency_budget_pct__gte=0, contingency_budget_pct__lte=100),
                name="partnership_contingency_pct_0_100",
                violation_error_message=_("The contingency budget is a percentage between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(planned_trainees_total__isnull=True)
                | Q(planned_migrants_total__isnull=True)
                | Q(planned_trainees_total__gte=F("planned_migrants_total")),
                name="partnership_trainees_at_least_migrants",
                violation_error_message=_("Plan at least as many trainees as migrants."),
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="partnership_version_positive",
                violation_error_message=_("The version of a partnership is a positive number."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The partnership's page (``/partnerships/<id>/``): every link to a partnership leads there."""
        return reverse("monitoring:page", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = ValidationError(
                _("The end date must be after the start date (%(start)s)."),
                code="end_before_start",
                params={"start": self.start_date.isoformat()},
            )
        if (
            self.planned_migrants_total is not None
            and self.planned_trainees_total is not None
            and self.planned_trainees_total < self.planned_migrants_total
        ):
            errors["planned_trainees_total"] = ValidationError(
                _(
                    "Plan at least as many trainees as migrants (%(migrants)s): everyone who migrates is trained "
                    "first. Leave it empty to use the number of migrants."
                ),
                code="fewer_trainees_than_migrants",
                params={"migrants": self.planned_migrants_total},
            )
        if self.predecessor_id is not None and self.predecessor_id == self.pk:
            errors["predecessor"] = ValidationError(
                _("A partnership cannot follow on from itself."), code="own_predecessor"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def duration_months(self) -> int | None:
        """Months from ``start_date`` to ``end_date`` (a started month counts in full); ``None`` if a date is missing.

        1 Jan 2024 → 31 Dec 2026 and 1 Jan 2024 → 1 Jan 2027 are both 36 months (E1.R8 compares with 36).
        """
        if not self.start_date or not self.end_date:
            return None
        months = (self.end_date.year - self.start_date.year) * 12 + (self.end_date.month - self.start_date.month)
        if self.end_date.day > self.start_date.day:
            months += 1
        return max(months, 0)

    @property
    def trainees_total(self) -> int | None:
        """``T`` of §8.4: planned trainees, defaulting to the planned migrants."""
        if self.planned_trainees_total is not None:
            return self.planned_trainees_total
        return self.planned_migrants_total

    @property
    def changed_since_approval(self) -> bool:
        """Whether data changed after the last approval (§5.2)."""
        return self.approved_version is not None and self.version > self.approved_version

    @property
    def is_closed(self) -> bool:
        return self.stage == c.Stage.CLOSED


class PartnershipCountry(TimeStampedModel):
    """A country taking part in a partnership, on one side (origin or destination)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="countries", verbose_name=_("partnership")
    )
    country = CountryField(_("country"))
    side = models.CharField(_("side"), max_length=12, choices=c.Side.choices)
    languages = LanguageListField(_("workers' languages"))
    nqf_status = models.CharField(
        _("national qualifications framework"), max_length=20, choices=c.NqfStatus.choices, default=c.NqfStatus.UNKNOWN
    )
    rpl_system = models.CharField(
        _("recognition of prior learning"), max_length=20, choices=c.RplSystem.choices, default=c.RplSystem.UNKNOWN
    )
    regional_frameworks = StrListField(_("regional frameworks"), help_text=_('For example "EQF".'))
    lmis_status = models.CharField(
        _("labour-market information system"),
        max_length=20,
        choices=c.LmisStatus.choices,
        default=c.LmisStatus.UNKNOWN,
    )
    lmis_includes_labour_migration = models.BooleanField(_("LMIS includes labour migration"), null=True, blank=True)
    target_regions = StrListField(_("target regions"), help_text=_("Subnational areas (origin countries)."))
    ratified_instruments = MultiChoiceField(_("ratified ILO conventions"), choices=c.RatifiedInstrument.choices)

    class Meta:
        ordering = ["partnership_id", "side", "country"]
        verbose_name = _("partnership country")
        verbose_name_plural = _("partnership countries")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "country"],
                name="partnershipcountry_unique_country",
                violation_error_message=_("This country already takes part in the partnership; it has one side."),
            ),
            choices_constraint("partnershipcountry", "side", c.Side),
            choices_constraint("partnershipcountry", "nqf_status", c.NqfStatus),
            choices_constraint("partnershipcountry", "rpl_system", c.RplSystem),
            choices_constraint("partnershipcountry", "lmis_status", c.LmisStatus),
        ]

    def __str__(self) -> str:
        return f"{self.country.name} ({self.get_side_display()})"

    @property
    def is_origin(self) -> bool:
        return self.side == c.Side.ORIGIN

    @property
    def is_destination(self) -> bool:
        return self.side == c.Side.DESTINATION
