"""Partnerships: the SMP itself and everything scoped to it (SMP-DOMAIN Appendix A.1), plus the reference
tables ``Element``, ``Country``, ``SdgTarget`` and ``GcmObjective``.

Static rules are database constraints (choice columns, non-negative numbers, date order, percentages,
uniqueness, phase/topic pairs); rules that need another row are checked in ``clean()`` with a message on the
field to fix. Writes go through ``partnerships.services``; ``Partnership.stage`` changes only through
``partnership_stage_set``. Models of other apps are referenced by string label.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partnerships import choices as c
from smp.fields import CurrencyField, LanguageListField, MultiChoiceField, StrListField, choices_constraint
from smp.models import TimeStampedModel

ORGANISATION = "stakeholders.Organisation"
PARTICIPATION = "stakeholders.Participation"

PERCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def _check_same_partnership(obj: models.Model, field: str, errors: dict, *, partnership_id: int | None = None) -> None:
    """Add an error on ``field`` when the row it points to belongs to another partnership."""
    target = getattr(obj, field, None)
    if target is None:
        return
    expected = partnership_id if partnership_id is not None else obj.partnership_id
    if expected is not None and target.partnership_id != expected:
        errors[field] = ValidationError(
            _("Choose a %(what)s of this partnership."),
            code="other_partnership",
            params={"what": obj._meta.get_field(field).verbose_name},
        )


def _decimal_or_none(value: str) -> Decimal | None:
    """A number written as text (``"12.5"``, ``"1,200"``); ``None`` when empty or not a number."""
    text = (value or "").strip().replace(",", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


#
# Reference data
#


class Element(TimeStampedModel):
    """One of IOM's eight essential elements E1–E8 (§2.0); reference data filled by the loader."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    chapter = models.CharField(_("chapter of the guidance"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("essential element")
        verbose_name_plural = _("essential elements")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__in=[f"E{n}" for n in range(1, 9)]),
                name="element_code_valid",
                violation_error_message=_("An element code is E1 to E8."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Country(TimeStampedModel):
    """A country (ISO 3166-1 alpha-2, plus XK) with its IOM region; reference data filled by the loader."""

    code = models.CharField(_("ISO 3166-1 alpha-2 code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    iom_region = models.CharField(_("IOM region"), max_length=40, choices=c.IomRegion.choices, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [choices_constraint("country", "iom_region", c.IomRegion, allow_blank=True)]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class SdgTarget(TimeStampedModel):
    """A Sustainable Development Goal target (or indicator, e.g. 10.7.1) an objective can serve (§9.2)."""

    code = models.CharField(_("code"), max_length=10, primary_key=True)
    goal = models.PositiveSmallIntegerField(_("goal"), validators=[MinValueValidator(1), MaxValueValidator(17)])
    short_title = models.CharField(_("short title"), max_length=300)
    in_seeds = models.BooleanField(_("named in the sources"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["goal", "code"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        constraints = [
            models.CheckConstraint(condition=Q(goal__gte=1, goal__lte=17), name="sdgtarget_goal_1_17"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.short_title}"


class GcmObjective(TimeStampedModel):
    """One of the 23 objectives of the Global Compact for Migration (§9.3)."""

    number = models.PositiveSmallIntegerField(
        _("number"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(23)]
    )
    short_title = models.CharField(_("short title"), max_length=300)
    in_seeds = models.BooleanField(_("cited by number in the sources"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Global Compact objective")
        verbose_name_plural = _("Global Compact objectives")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=23),
                name="gcmobjective_number_1_23",
                violation_error_message=_("The Global Compact has objectives 1 to 23."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title}"


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
            models.CheckConstraint(condition=Q(version__gte=1), name="partnership_version_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The partnership's page in the design wizard (``/partnerships/<id>/``); the admin's "view on site"."""
        return reverse("design:detail", kwargs={"pk": self.pk})

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


def _check_side(obj: models.Model, field: str, side: str, errors: dict) -> None:
    """Add an error on ``field`` when the ``PartnershipCountry`` it points to is not on ``side``."""
    row = getattr(obj, field, None)
    if row is not None and row.side != side:
        errors[field] = ValidationError(
            _("%(country)s is on the %(actual)s side of this partnership; choose a country on the %(wanted)s side."),
            code="wrong_side",
            params={"country": row.country.name, "actual": row.get_side_display(), "wanted": c.Side(side).label},
        )


#
# Objectives (§2.1)
#


class Objective(TimeStampedModel):
    """A goal agreed by the partners, with its horizon and its SDG / Global Compact links (E1.R1, E1.R6)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("partnership")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=c.ObjectiveKind.choices)
    horizon = models.CharField(_("horizon"), max_length=10, choices=c.Horizon.choices)
    description = models.TextField(_("description"), blank=True)
    sdg_targets = models.ManyToManyField(
        SdgTarget, related_name="objectives", blank=True, verbose_name=_("SDG targets")
    )
    gcm_objectives = models.ManyToManyField(
        GcmObjective, related_name="objectives", blank=True, verbose_name=_("Global Compact objectives")
    )
    visibility = models.CharField(
        _("visible to"), max_length=20, choices=c.Visibility.choices, default=c.Visibility.ALL_PARTICIPANTS
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership_id", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            choices_constraint("objective", "kind", c.ObjectiveKind),
            choices_constraint("objective", "horizon", c.Horizon),
            choices_constraint("objective", "visibility", c.Visibility),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_horizon_display()})"


class ObjectiveTension(TimeStampedModel):
    """A recorded conflict between two objectives of the same partnership, and how it stands (E1.R2)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="objective_tensions", verbose_name=_("partnership")
    )
    objective_a = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="tensions_as_a", verbose_name=_("objective")
    )
    objective_b = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="tensions_as_b", verbose_name=_("conflicting objective")
    )
    status = models.CharField(_("status"), max_length=12, choices=c.TensionStatus.choices, default=c.TensionStatus.OPEN)
    note = models.TextField(_("note"), blank=True, help_text=_("How it was resolved, or why it is accepted."))

    class Meta:
        verbose_name = _("objective tension")
        verbose_name_plural = _("objective tensions")
        constraints = [
            choices_constraint("objectivetension", "status", c.TensionStatus),
            models.CheckConstraint(
                condition=~Q(objective_a=F("objective_b")),
                name="objectivetension_two_objectives",
                violation_error_message=_("A tension is between two different objectives."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objective_a} ↔ {self.objective_b}"

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_same_partnership(self, "objective_a", errors)
        _check_same_partnership(self, "objective_b", errors)
        if self.objective_a_id and self.objective_a_id == self.objective_b_id:
            errors["objective_b"] = ValidationError(_("Choose a second, different objective."), code="same_objective")
        if errors:
            raise ValidationError(errors)


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
        return _decimal_or_none(self.baseline_value)

    @property
    def target_number(self) -> Decimal | None:
        return _decimal_or_none(self.target_value)

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_same_partnership(self, "objective", errors)
        _check_same_partnership(self, "country", errors)
        _check_same_partnership(self, "responsible", errors)
        if self.country is not None and "country" not in errors and self.side and self.side != self.country.side:
            errors["side"] = ValidationError(
                _("%(country)s is on the %(side)s side; leave the side empty or match it."),
                code="side_mismatch",
                params={"country": self.country.country.name, "side": self.country.get_side_display()},
            )
        if self.is_quantitative:
            for field in ("baseline_value", "target_value"):
                if getattr(self, field) and _decimal_or_none(getattr(self, field)) is None:
                    errors[field] = ValidationError(
                        _("A quantitative indicator needs a number here, e.g. 120 or 35.5."), code="not_a_number"
                    )
        if errors:
            raise ValidationError(errors)


class IndicatorValue(TimeStampedModel):
    """One measurement of an indicator at one collection point (§9.1)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    collection_point = models.CharField(_("collection point"), max_length=20, choices=c.CollectionPoint.choices)
    measured_on = models.DateField(_("measured on"))
    value = models.CharField(_("value"), max_length=255)
    disaggregation_key = models.CharField(
        _("disaggregation"), max_length=100, blank=True, help_text=_("For example sex=f.")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["indicator_id", "measured_on", "pk"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [choices_constraint("indicatorvalue", "collection_point", c.CollectionPoint)]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"

    @property
    def number(self) -> Decimal | None:
        return _decimal_or_none(self.value)

    def clean(self) -> None:
        if self.indicator_id and self.indicator.is_quantitative and self.number is None:
            raise ValidationError(
                {"value": ValidationError(_("This indicator is quantitative: enter a number."), code="not_a_number")}
            )


#
# Feasibility study, evaluation, local development (§2.2, §2.4, §5.1)
#


class FeasibilityStudy(TimeStampedModel):
    """The partnership's feasibility (potential) analysis; one per partnership (E2.R7, E7.R1)."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="feasibility_study", verbose_name=_("partnership")
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    predecessor_schemes_reviewed = models.TextField(_("earlier schemes and evaluations reviewed"), blank=True)
    scope = MultiChoiceField(_("scope"), choices=c.FeasibilityScope.choices)

    class Meta:
        verbose_name = _("feasibility study")
        verbose_name_plural = _("feasibility studies")
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(completed_on__isnull=True)
                | Q(completed_on__gte=F("started_on")),
                name="feasibilitystudy_completed_after_start",
                violation_error_message=_("A study cannot be completed before it started."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Feasibility study of %(name)s") % {"name": self.partnership})


class Evaluation(TimeStampedModel):
    """An evaluation carried out at or after stage ``evaluation`` (§5.1)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("partnership")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=c.EvaluationKind.choices)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    follow_up_months = models.PositiveIntegerField(_("follow-up (months)"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    document_url = models.URLField(_("document URL"), blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [choices_constraint("evaluation", "kind", c.EvaluationKind)]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.completed_on or '—'})"


class LinkedInitiative(TimeStampedModel):
    """A development, investment or trade programme the partnership plugs into (E4.R5)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="linked_initiatives", verbose_name=_("partnership")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=c.LinkedInitiativeKind.choices)
    name = models.CharField(_("name"), max_length=255)
    funder = models.ForeignKey(
        ORGANISATION,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funded_initiatives",
        verbose_name=_("funder"),
    )
    country = models.ForeignKey(
        PartnershipCountry,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="linked_initiatives",
        verbose_name=_("country"),
    )
    url = models.URLField(_("URL"), blank=True)

    class Meta:
        verbose_name = _("linked initiative")
        verbose_name_plural = _("linked initiatives")
        constraints = [choices_constraint("linkedinitiative", "kind", c.LinkedInitiativeKind)]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_same_partnership(self, "country", errors)
        if errors:
            raise ValidationError(errors)


class BusinessLinkage(TimeStampedModel):
    """A business link along the corridor between a destination and an origin organisation (E4.R7)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="business_linkages", verbose_name=_("partnership")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=c.BusinessLinkageKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=c.BusinessLinkageStatus.choices, default=c.BusinessLinkageStatus.PLANNED
    )
    destination_org = models.ForeignKey(
        ORGANISATION,
        on_delete=models.PROTECT,
        related_name="business_linkages_as_destination",
        verbose_name=_("destination organisation"),
    )
    origin_org = models.ForeignKey(
        ORGANISATION,
        on_delete=models.PROTECT,
        related_name="business_linkages_as_origin",
        verbose_name=_("origin organisation"),
    )
    jobs_created_origin = models.PositiveIntegerField(_("jobs created in the origin country"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("business linkage")
        verbose_name_plural = _("business linkages")
        constraints = [
            choices_constraint("businesslinkage", "kind", c.BusinessLinkageKind),
            choices_constraint("businesslinkage", "status", c.BusinessLinkageStatus),
            models.CheckConstraint(
                condition=~Q(destination_org=F("origin_org")),
                name="businesslinkage_two_organisations",
                violation_error_message=_("A business linkage joins two different organisations."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.destination_org} → {self.origin_org}"


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
        _check_same_partnership(self, "destination_country", errors)
        if "destination_country" not in errors:
            _check_side(self, "destination_country", c.Side.DESTINATION, errors)
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


def _pairs_constraint(name: str, first: str, second: str, mapping: dict[str, tuple[str, ...]]):
    """A CHECK that ``second`` is one of the codes ``mapping`` allows for ``first`` (e.g. topic within phase)."""
    condition = Q()
    for key, allowed in mapping.items():
        if allowed:
            condition |= Q(**{first: key, f"{second}__in": list(allowed)})
    return models.CheckConstraint(condition=condition, name=name)


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
            _pairs_constraint("pathwaystep_kind_in_phase", "phase", "kind", c.STEP_KINDS_BY_PHASE),
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


#
# The migration continuum and social protection (§2.6, §7.2)
#


class ContinuumProvision(TimeStampedModel):
    """What the partnership provides for one topic of one phase of the migration continuum (§7.2, §2.6)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="continuum_provisions", verbose_name=_("partnership")
    )
    phase = models.CharField(_("phase"), max_length=30, choices=c.Phase.choices)
    topic = models.CharField(_("topic"), max_length=40, choices=c.ContinuumTopic.choices)
    status = models.CharField(_("status"), max_length=20, choices=c.ProvisionStatus.choices)
    responsible = models.ForeignKey(
        PARTICIPATION,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continuum_provisions",
        verbose_name=_("responsible"),
    )
    description = models.TextField(_("description"), blank=True)
    content = MultiChoiceField(_("content"), choices=c.ContinuumContent.choices)
    services = MultiChoiceField(_("services"), choices=c.ContinuumService.choices)
    delivery = MultiChoiceField(_("delivery"), choices=c.ContinuumDelivery.choices)
    languages = LanguageListField(_("languages"))
    target_groups = MultiChoiceField(_("target groups"), choices=c.ContinuumTargetGroup.choices)

    class Meta:
        ordering = ["partnership_id", "phase", "topic"]
        verbose_name = _("continuum provision")
        verbose_name_plural = _("continuum provisions")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "phase", "topic"],
                name="continuumprovision_unique_topic",
                violation_error_message=_("This topic of this phase is already recorded; edit that row."),
            ),
            choices_constraint("continuumprovision", "phase", c.Phase),
            choices_constraint("continuumprovision", "topic", c.ContinuumTopic),
            choices_constraint("continuumprovision", "status", c.ProvisionStatus),
            _pairs_constraint("continuumprovision_topic_in_phase", "phase", "topic", c.TOPICS_BY_PHASE),
        ]

    def __str__(self) -> str:
        return f"{self.get_phase_display()}: {self.get_topic_display()}"

    @property
    def is_present(self) -> bool:
        """Provided or planned (§7.2)."""
        return self.status in c.PRESENT_PROVISION_STATUSES

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        allowed = c.TOPICS_BY_PHASE.get(self.phase)
        if allowed is not None and self.topic and self.topic not in allowed:
            errors["topic"] = ValidationError(
                _("%(topic)s is not a topic of the phase %(phase)s; choose one of: %(allowed)s."),
                code="topic_not_in_phase",
                params={"topic": self.topic, "phase": self.get_phase_display(), "allowed": ", ".join(allowed)},
            )
        _check_same_partnership(self, "responsible", errors)
        if errors:
            raise ValidationError(errors)


class SocialProtectionCover(TimeStampedModel):
    """One branch of social protection for workers in one destination, optionally for one route (§2.6)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="social_protection_covers", verbose_name=_("partnership")
    )
    destination = models.ForeignKey(
        PartnershipCountry,
        on_delete=models.CASCADE,
        related_name="social_protection_covers",
        verbose_name=_("destination"),
    )
    pathway = models.ForeignKey(
        Pathway,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="social_protection_covers",
        verbose_name=_("pathway"),
        help_text=_("Empty means every route."),
    )
    branch = models.CharField(_("branch"), max_length=30, choices=c.SocialProtectionBranch.choices)
    coverage = models.CharField(
        _("coverage"),
        max_length=20,
        choices=c.SocialProtectionCoverage.choices,
        default=c.SocialProtectionCoverage.UNKNOWN,
    )
    basis = models.CharField(_("legal basis"), max_length=30, choices=c.SocialProtectionBasis.choices, blank=True)
    portable = models.CharField(
        _("portable"), max_length=20, choices=c.Portability.choices, default=c.Portability.UNKNOWN
    )
    waiting_days = models.PositiveIntegerField(
        _("waiting period (days)"), null=True, blank=True, help_text=_("0 means covered from arrival.")
    )
    bridging_insurance = models.BooleanField(_("bridging insurance"), null=True, blank=True)

    class Meta:
        ordering = ["partnership_id", "destination_id", "branch"]
        verbose_name = _("social protection cover")
        verbose_name_plural = _("social protection covers")
        constraints = [
            choices_constraint("socialprotectioncover", "branch", c.SocialProtectionBranch),
            choices_constraint("socialprotectioncover", "coverage", c.SocialProtectionCoverage),
            choices_constraint("socialprotectioncover", "basis", c.SocialProtectionBasis, allow_blank=True),
            choices_constraint("socialprotectioncover", "portable", c.Portability),
            models.UniqueConstraint(
                fields=["destination", "branch"],
                condition=Q(pathway__isnull=True),
                name="socialprotectioncover_unique_branch",
                violation_error_message=_("This branch is already recorded for this destination; edit that row."),
            ),
            models.UniqueConstraint(
                fields=["destination", "pathway", "branch"],
                condition=Q(pathway__isnull=False),
                name="socialprotectioncover_unique_branch_pathway",
                violation_error_message=_("This branch is already recorded for this route; edit that row."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_branch_display()} — {self.destination}"

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_same_partnership(self, "destination", errors)
        if "destination" not in errors:
            _check_side(self, "destination", c.Side.DESTINATION, errors)
        _check_same_partnership(self, "pathway", errors)
        if (
            "pathway" not in errors
            and self.pathway is not None
            and self.destination_id
            and self.pathway.destination_country_id != self.destination_id
        ):
            errors["pathway"] = ValidationError(
                _("This route leads to another destination; choose a route to %(country)s or leave it empty."),
                code="pathway_other_destination",
                params={"country": self.destination.country.name},
            )
        if errors:
            raise ValidationError(errors)


class GrievanceChannel(TimeStampedModel):
    """A place where workers can complain or seek remedy, on one side of the corridor (§2.6)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="grievance_channels", verbose_name=_("partnership")
    )
    side = models.CharField(
        _("side"),
        max_length=12,
        choices=c.Side.choices,
        help_text=_("Where the worker reaches it; a consulate abroad is on the destination side."),
    )
    country = models.ForeignKey(
        PartnershipCountry,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grievance_channels",
        verbose_name=_("country"),
        help_text=_("Empty means every country on that side."),
    )
    operator = models.ForeignKey(
        ORGANISATION,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operated_grievance_channels",
        verbose_name=_("operator"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=c.GrievanceKind.choices)
    covers = MultiChoiceField(_("covers"), choices=c.GrievanceCover.choices)
    remedies = MultiChoiceField(_("remedies"), choices=c.GrievanceRemedy.choices)
    languages = LanguageListField(_("languages"))
    free_of_charge = models.BooleanField(_("free of charge"), null=True, blank=True)
    safe_regardless_of_status = models.BooleanField(_("safe whatever the residence status"), null=True, blank=True)
    anonymous_option = models.BooleanField(_("anonymous option"), null=True, blank=True)

    class Meta:
        verbose_name = _("grievance channel")
        verbose_name_plural = _("grievance channels")
        constraints = [
            choices_constraint("grievancechannel", "side", c.Side),
            choices_constraint("grievancechannel", "kind", c.GrievanceKind),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_side_display()})"

    @property
    def is_independent(self) -> bool:
        """Independent of the employer (every kind except ``employer_internal``, §2.6)."""
        return self.kind != c.GrievanceKind.EMPLOYER_INTERNAL

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_same_partnership(self, "country", errors)
        if "country" not in errors and self.side:
            _check_side(self, "country", self.side, errors)
        if errors:
            raise ValidationError(errors)


#
# Audit of the lifecycle and the review (§5, §5.2)
#


class StageChange(TimeStampedModel):
    """Audit row written by ``partnership_stage_set`` for every stage change, with the gaps left open (§5)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="stage_changes", verbose_name=_("partnership")
    )
    from_stage = models.CharField(
        _("from stage"), max_length=20, choices=c.Stage.choices, blank=True, help_text=_("Empty at creation.")
    )
    to_stage = models.CharField(_("to stage"), max_length=20, choices=c.Stage.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stage_changes",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    open_gaps = models.JSONField(_("open gaps"), default=list, blank=True)

    class Meta:
        ordering = ["partnership_id", "-at", "-pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        constraints = [
            choices_constraint("stagechange", "from_stage", c.Stage, allow_blank=True),
            choices_constraint("stagechange", "to_stage", c.Stage),
        ]

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage}"


class ReviewTransition(TimeStampedModel):
    """Audit row for each review action (§5.2)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="review_transitions", verbose_name=_("partnership")
    )
    action = models.CharField(_("action"), max_length=20, choices=c.ReviewAction.choices)
    from_status = models.CharField(_("from status"), max_length=20, choices=c.ReviewStatus.choices)
    to_status = models.CharField(_("to status"), max_length=20, choices=c.ReviewStatus.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_transitions",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["partnership_id", "-at", "-pk"]
        verbose_name = _("review transition")
        verbose_name_plural = _("review transitions")
        constraints = [
            choices_constraint("reviewtransition", "action", c.ReviewAction),
            choices_constraint("reviewtransition", "from_status", c.ReviewStatus),
            choices_constraint("reviewtransition", "to_status", c.ReviewStatus),
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class ReviewComment(TimeStampedModel):
    """A reviewer's comment on a partnership, optionally on one element or rule (§5.2)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="review_comments", verbose_name=_("partnership")
    )
    element = models.CharField(_("element"), max_length=2, choices=c.ElementCode.choices, blank=True)
    rule_id = models.CharField(_("rule"), max_length=16, blank=True, help_text=_("For example E3.R2 or R.11."))
    text = models.TextField(_("text"))
    requests_change = models.BooleanField(_("requests a change"), default=False)
    resolved = models.BooleanField(_("resolved"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_comments",
        verbose_name=_("author"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["partnership_id", "-at", "-pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        constraints = [choices_constraint("reviewcomment", "element", c.ElementCode, allow_blank=True)]

    def __str__(self) -> str:
        return self.text[:60]

    def clean(self) -> None:
        if self.rule_id and self.element:
            expected = "R" if self.rule_id.startswith("R.") else self.rule_id.split(".", 1)[0]
            if expected != self.element:
                raise ValidationError(
                    {
                        "rule_id": ValidationError(
                            _("Rule %(rule)s belongs to element %(expected)s, not %(element)s."),
                            code="rule_other_element",
                            params={"rule": self.rule_id, "expected": expected, "element": self.element},
                        )
                    }
                )
