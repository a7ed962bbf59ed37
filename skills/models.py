"""Skills: ISCO-08 occupations, qualification frameworks, target occupations, training, recognition and
the labour-market evidence behind them (SMP-DOMAIN Appendix A.3, §2.3–§2.5, §6).

Models of other apps are referenced by string label; code lists live in ``codelists/skills.py`` (and, for
lists other sections own, in the owning app's ``choices.py``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from codelists import skills as c
from codelists.costs import Payer
from codelists.partnerships import Disaggregation, Phase, SkillLevel
from smp.fields import CurrencyField, LanguageListField, MultiChoiceField, choices_constraint
from smp.models import TimeStampedModel

PARTNERSHIP = "partnerships.Partnership"
PARTNERSHIP_COUNTRY = "partnerships.PartnershipCountry"
ORGANISATION = "stakeholders.Organisation"
PARTICIPATION = "stakeholders.Participation"

isco_code_validator = RegexValidator(
    c.ISCO_CODE_RE, _("An ISCO-08 code is 1 to 4 digits, written as text."), code="invalid_isco_code"
)
#: ``RecognitionArrangement.phase`` takes three of the §7.2 continuum phases (§6.3).
RECOGNITION_PHASE_CHOICES = [(code, label) for code, label in Phase.choices if code in c.RECOGNITION_PHASES]


def validate_prompt_code(value: str) -> None:
    """A ``DataNeed.prompt_code`` is one of the 28 Box 10 codes or ``custom.<n>`` (§2.3)."""
    if not c.is_valid_prompt_code(value):
        raise ValidationError(
            _("%(code)s is neither an information-checklist prompt nor custom.<n>."),
            code="unknown_prompt",
            params={"code": value},
        )


#
# Reference data (§6.1, §6.2, §6.4)
#


class Sector(TimeStampedModel):
    """An economic sector where skills are needed or supplied (§6.4); reference data."""

    code = models.CharField(_("code"), max_length=40, primary_key=True, choices=c.SectorCode.choices)
    label = models.CharField(_("label"), max_length=200)
    climate_exposed = models.BooleanField(
        _("exposed to climate change"), default=False, help_text=_("Read by rule E1.R5.")
    )
    remote_feasible = models.BooleanField(
        _("remote work feasible"), default=False, help_text=_("A remote-work track is possible (E7.R10).")
    )
    isic = models.CharField(_("ISIC Rev.4 section(s)"), max_length=40, blank=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [choices_constraint("sector", "code", c.SectorCode)]

    def __str__(self) -> str:
        return str(self.get_code_display())  # the code list's label, in the reader's language


class Occupation(TimeStampedModel):
    """A group of the ISCO-08 tree (§6.1): major, sub-major, minor or unit group; reference data.

    The code is a string (group ``0`` keeps its leading zero) and its length fixes the level; the parent is
    the code one digit shorter. ``skill_level`` (1–4) is set on unit groups and empty on groups spanning two.
    """

    code = models.CharField(_("ISCO-08 code"), max_length=4, primary_key=True, validators=[isco_code_validator])
    level = models.CharField(_("level"), max_length=10, choices=c.OccupationLevel.choices)
    title = models.CharField(_("title"), max_length=255)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    skill_level = models.PositiveSmallIntegerField(
        _("ISCO skill level"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    esco_uri = models.URLField(_("ESCO URI"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        constraints = [
            choices_constraint("occupation", "level", c.OccupationLevel),
            models.CheckConstraint(
                condition=Q(skill_level__isnull=True) | Q(skill_level__gte=1, skill_level__lte=4),
                name="occupation_skill_level_1_to_4",
                violation_error_message=_("An ISCO-08 skill level is 1, 2, 3 or 4."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_unit_group(self) -> bool:
        return self.level == c.OccupationLevel.UNIT

    @property
    def skill_band(self) -> str | None:
        """``low``/``mid``/``high`` from the ISCO skill level (§1.3, §6.1); None when no level is set."""
        return c.skill_band(self.skill_level)

    def clean(self) -> None:
        super().clean()
        if self.code and c.ISCO_CODE_RE.match(self.code):
            expected = {1: "major", 2: "sub_major", 3: "minor", 4: "unit"}[len(self.code)]
            if self.level and self.level != expected:
                raise ValidationError(
                    {"level": _("A code of %(digits)d digit(s) is a %(level)s group.")},
                    params={"digits": len(self.code), "level": expected},
                )


class QualificationFramework(TimeStampedModel):
    """A national, regional or sectoral qualifications framework (§6.2); reference data."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    scope = models.CharField(_("scope"), max_length=10, choices=c.QualificationScope.choices)
    country = CountryField(_("country"), blank=True, help_text=_("National frameworks only."))
    region_name = models.CharField(_("region"), max_length=200, blank=True, help_text=_("Regional frameworks only."))
    levels_count = models.PositiveSmallIntegerField(_("number of levels"), null=True, blank=True)
    referenced_to = models.ForeignKey(
        "self",
        verbose_name=_("referenced to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referencing_frameworks",
        help_text=_("For example a national framework referenced to the EQF."),
    )
    url = models.URLField(_("URL"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("qualification framework")
        verbose_name_plural = _("qualification frameworks")
        constraints = [
            choices_constraint("qualificationframework", "scope", c.QualificationScope),
            models.CheckConstraint(
                condition=Q(scope=c.QualificationScope.NATIONAL) | Q(country=""),
                name="qualificationframework_country_only_national",
                violation_error_message=_("Only a national framework names a country."),
            ),
            models.CheckConstraint(
                condition=Q(scope=c.QualificationScope.REGIONAL) | Q(region_name=""),
                name="qualificationframework_region_only_regional",
                violation_error_message=_("Only a regional framework names a region."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class QualificationLevel(TimeStampedModel):
    """One level of a qualifications framework; ``level`` is text because some frameworks use labels (§6.2)."""

    framework = models.ForeignKey(
        QualificationFramework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="levels"
    )
    level = models.CharField(_("level"), max_length=20)
    title = models.CharField(_("title"), max_length=255, blank=True)
    descriptor = models.TextField(_("descriptor"), blank=True)

    class Meta:
        ordering = ["framework__code", "level"]
        verbose_name = _("qualification level")
        verbose_name_plural = _("qualification levels")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "level"],
                name="qualificationlevel_unique_per_framework",
                violation_error_message=_("This framework already has this level."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.framework.code} {self.level}"


#
# Target occupations and their country profiles (§2.4, §2.5)
#


class TargetOccupation(TimeStampedModel):
    """An ISCO-08 unit group the partnership trains or recruits for (§6.1, E5.R2, R.14)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="target_occupations"
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="target_occupations"
    )
    destinations = models.ManyToManyField(
        PARTNERSHIP_COUNTRY,
        verbose_name=_("destinations"),
        blank=True,
        related_name="planned_target_occupations",
        help_text=_("Destination countries it is planned for; empty means every destination."),
    )
    places_per_year = models.PositiveIntegerField(_("places per year"), null=True, blank=True)
    skill_level = models.CharField(
        _("skill level"),
        max_length=10,
        choices=SkillLevel.choices,
        blank=True,
        default="",
        help_text=_("Defaulted from the ISCO skill level; explain any change in the note."),
    )
    skill_level_note = models.TextField(_("skill level note"), blank=True)
    automation_impact = models.CharField(
        _("automation impact"), max_length=10, choices=c.AutomationImpact.choices, default=c.AutomationImpact.UNKNOWN
    )
    accepted_certification = models.TextField(_("certification employers accept"), blank=True)
    certification_validated_by = models.ManyToManyField(
        PARTICIPATION,
        verbose_name=_("certification validated by"),
        blank=True,
        related_name="validated_target_occupations",
    )
    informal_skills_common = models.BooleanField(_("self-taught or on-the-job skills common"), null=True, blank=True)

    class Meta:
        ordering = ["partnership", "occupation"]
        verbose_name = _("target occupation")
        verbose_name_plural = _("target occupations")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "occupation"],
                name="targetoccupation_unique_per_partnership",
                violation_error_message=_("This occupation is already a target occupation of the partnership."),
            ),
            choices_constraint("targetoccupation", "skill_level", SkillLevel, allow_blank=True),
            choices_constraint("targetoccupation", "automation_impact", c.AutomationImpact),
        ]

    def __str__(self) -> str:
        return str(self.occupation)

    def clean(self) -> None:
        super().clean()
        if self.occupation_id and self.occupation.level != c.OccupationLevel.UNIT:
            raise ValidationError(
                {
                    "occupation": ValidationError(
                        _("Choose an ISCO-08 unit group (4 digits); %(code)s is a %(level)s group."),
                        code="not_unit_group",
                        params={"code": self.occupation_id, "level": self.occupation.get_level_display()},
                    )
                }
            )


class OccupationProfile(TimeStampedModel):
    """Country-specific facts about one target occupation in one partner country (§2.4, §2.5).

    Origin rows carry the labour-market status and brain-drain safeguards; destination rows carry
    regulation and recognition. Both carry the national classification code and framework level.
    """

    target_occupation = models.ForeignKey(
        TargetOccupation, verbose_name=_("target occupation"), on_delete=models.CASCADE, related_name="profiles"
    )
    country = models.ForeignKey(
        PARTNERSHIP_COUNTRY, verbose_name=_("country"), on_delete=models.CASCADE, related_name="occupation_profiles"
    )
    labour_status = models.CharField(
        _("labour-market status"), max_length=10, choices=c.LabourStatus.choices, default=c.LabourStatus.UNKNOWN
    )
    labour_status_evidence = models.ForeignKey(
        "skills.LabourMarketEvidence",
        verbose_name=_("evidence for the labour-market status"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supported_profiles",
    )
    brain_drain_safeguards = MultiChoiceField(_("brain-drain safeguards"), choices=c.BrainDrainSafeguard.choices)
    classification_code = models.CharField(
        _("national classification code"), max_length=300, blank=True, help_text=_("National code or ESCO URI.")
    )
    nqf_level = models.CharField(_("level in the national framework"), max_length=40, blank=True)
    regulated = models.BooleanField(_("regulated occupation"), null=True, blank=True)
    regulator = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("regulator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regulated_occupation_profiles",
    )
    recognition_route = models.CharField(
        _("recognition route"),
        max_length=30,
        choices=c.RecognitionRoute.choices,
        default=c.RecognitionRoute.UNKNOWN,
    )
    recognition_gap = models.BooleanField(_("gap to close before recognition"), null=True, blank=True)
    recognition_weeks = models.PositiveIntegerField(_("recognition time (weeks)"), null=True, blank=True)
    on_shortage_list = models.BooleanField(_("on the shortage list"), null=True, blank=True)

    class Meta:
        ordering = ["target_occupation", "country"]
        verbose_name = _("occupation profile")
        verbose_name_plural = _("occupation profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["target_occupation", "country"],
                name="occupationprofile_unique_per_country",
                violation_error_message=_("This occupation already has a profile for this country."),
            ),
            choices_constraint("occupationprofile", "labour_status", c.LabourStatus),
            choices_constraint("occupationprofile", "recognition_route", c.RecognitionRoute),
        ]

    def __str__(self) -> str:
        return f"{self.target_occupation} — {self.country}"


#
# Training and recognition (§2.5, §6.3)
#


class TrainingProgramme(TimeStampedModel):
    """A course or training track: where, for whom, at which stage and to which standard (§2.5)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="training_programmes"
    )
    name = models.CharField(_("name"), max_length=255)
    track = models.CharField(_("track"), max_length=10, choices=c.TrainingTrack.choices, blank=True, default="")
    occupations = models.ManyToManyField(
        TargetOccupation, verbose_name=_("occupations"), blank=True, related_name="training_programmes"
    )
    location = models.CharField(
        _("location"), max_length=12, choices=c.TrainingLocation.choices, blank=True, default=""
    )
    mode = models.CharField(_("mode"), max_length=30, choices=c.TrainingMode.choices, blank=True, default="")
    stage = models.CharField(
        _("migration-cycle stage"), max_length=20, choices=c.TrainingStage.choices, blank=True, default=""
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=c.TrainingAudience.choices, blank=True, default=""
    )
    provider = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="provided_training_programmes",
    )
    accreditation_body = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("accreditation body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accredited_training_programmes",
    )
    provider_accredited = models.BooleanField(_("provider accredited"), null=True, blank=True)
    issues_certificate = models.BooleanField(_("issues a certificate"), null=True, blank=True)
    gender_needs_assessed = models.BooleanField(_("gender needs assessed"), null=True, blank=True)
    certificate_name = models.CharField(_("certificate"), max_length=255, blank=True)
    certificate_recognised_in = models.ManyToManyField(
        PARTNERSHIP_COUNTRY,
        verbose_name=_("certificate recognised in"),
        blank=True,
        related_name="recognised_training_programmes",
    )
    standard_alignment = models.CharField(
        _("standard alignment"), max_length=30, choices=c.StandardAlignment.choices, blank=True, default=""
    )
    qualification_levels = models.ManyToManyField(
        QualificationLevel, verbose_name=_("qualification levels"), blank=True, related_name="training_programmes"
    )
    modules = MultiChoiceField(_("modules"), choices=c.TrainingModule.choices)
    language_target_level = models.CharField(
        _("language target level"), max_length=40, blank=True, help_text=_("For example a CEFR level such as B1.")
    )
    codesigned_by = models.ManyToManyField(
        PARTICIPATION, verbose_name=_("co-designed by"), blank=True, related_name="codesigned_training_programmes"
    )
    system_components = MultiChoiceField(_("system components"), choices=c.SystemComponent.choices)
    provider_choice_reason = models.TextField(_("why this provider"), blank=True)
    places_total = models.PositiveIntegerField(_("places in total"), null=True, blank=True)
    places_migration = models.PositiveIntegerField(_("places on the migration track"), null=True, blank=True)
    reserved_for_employer = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("reserved for employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reserved_training_programmes",
        help_text=_("Empty means open to all employers."),
    )

    class Meta:
        ordering = ["partnership", "name"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        constraints = [
            choices_constraint("trainingprogramme", "track", c.TrainingTrack, allow_blank=True),
            choices_constraint("trainingprogramme", "location", c.TrainingLocation, allow_blank=True),
            choices_constraint("trainingprogramme", "mode", c.TrainingMode, allow_blank=True),
            choices_constraint("trainingprogramme", "stage", c.TrainingStage, allow_blank=True),
            choices_constraint("trainingprogramme", "audience", c.TrainingAudience, allow_blank=True),
            choices_constraint("trainingprogramme", "standard_alignment", c.StandardAlignment, allow_blank=True),
            models.CheckConstraint(
                condition=Q(places_total__isnull=True)
                | Q(places_migration__isnull=True)
                | Q(places_migration__lte=models.F("places_total")),
                name="trainingprogramme_migration_places_within_total",
                violation_error_message=_(
                    "Places for people who will migrate cannot exceed the programme's total places."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(track=c.TrainingTrack.STAY) | Q(places_migration__isnull=True) | Q(places_migration=0),
                name="trainingprogramme_stay_track_has_no_migration_places",
                violation_error_message=_("A track for people who stay has no places for people who migrate."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RecognitionArrangement(TimeStampedModel):
    """A recognition route the partnership uses or builds, for some occupations and countries (§6.3)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="recognition_arrangements"
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=40, choices=c.RecognitionKind.choices)
    scope = models.CharField(
        _("scope"),
        max_length=10,
        choices=c.RecognitionScope.choices,
        blank=True,
        default="",
        help_text=_("Mutual recognition only."),
    )
    recognition_type = models.CharField(
        _("recognition type"), max_length=12, choices=c.RecognitionType.choices, blank=True, default=""
    )
    status = models.CharField(_("status"), max_length=12, choices=c.RecognitionStatus.choices, blank=True, default="")
    phase = models.CharField(
        _("phase"),
        max_length=30,
        choices=RECOGNITION_PHASE_CHOICES,
        blank=True,
        default="",
    )
    occupations = models.ManyToManyField(
        TargetOccupation, verbose_name=_("occupations"), blank=True, related_name="recognition_arrangements"
    )
    countries = models.ManyToManyField(
        PARTNERSHIP_COUNTRY, verbose_name=_("countries"), blank=True, related_name="recognition_arrangements"
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    responsible_orgs = models.ManyToManyField(
        ORGANISATION,
        verbose_name=_("responsible organisations"),
        blank=True,
        related_name="responsible_recognition_arrangements",
    )
    competent_authority = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("competent authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competent_recognition_arrangements",
    )
    is_fast_track = models.BooleanField(_("fast track"), null=True, blank=True)
    referenced_in_agreement = models.BooleanField(_("referenced in the agreement"), null=True, blank=True)
    typical_processing_days = models.PositiveIntegerField(_("typical processing time (days)"), null=True, blank=True)
    fee_amount = models.DecimalField(_("fee"), max_digits=14, decimal_places=2, null=True, blank=True)
    fee_currency = CurrencyField(_("fee currency"), blank=True)
    cost_payer = MultiChoiceField(_("who pays recognition"), choices=Payer.choices)

    class Meta:
        ordering = ["partnership", "name"]
        verbose_name = _("recognition arrangement")
        verbose_name_plural = _("recognition arrangements")
        constraints = [
            choices_constraint("recognitionarrangement", "kind", c.RecognitionKind),
            choices_constraint("recognitionarrangement", "scope", c.RecognitionScope, allow_blank=True),
            choices_constraint("recognitionarrangement", "recognition_type", c.RecognitionType, allow_blank=True),
            choices_constraint("recognitionarrangement", "status", c.RecognitionStatus, allow_blank=True),
            models.CheckConstraint(
                condition=Q(phase__in=[*c.RECOGNITION_PHASES, ""]),
                name="recognitionarrangement_phase_valid",
                violation_error_message=_("Choose one of the listed phases of the migration cycle."),
            ),
            models.CheckConstraint(
                condition=Q(kind=c.RecognitionKind.MUTUAL_RECOGNITION) | Q(scope=""),
                name="recognitionarrangement_scope_only_mutual",
                violation_error_message=_(
                    "Only a mutual recognition arrangement has a scope (vertical or horizontal)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(fee_amount__isnull=True) | Q(fee_amount__gte=0),
                name="recognitionarrangement_fee_not_negative",
                violation_error_message=_("The recognition fee cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SkillsDocumentationTool(TimeStampedModel):
    """A portable record of participants' skills: skills passport, card or registry (E5.R7)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="skills_documentation_tools"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=c.DocumentationToolKind.choices)
    name = models.CharField(_("name"), max_length=255, help_text=_("For example Europass or the SWADES card."))
    stages = MultiChoiceField(_("stages"), choices=c.DocumentationToolStage.choices)
    free_to_migrant = models.BooleanField(_("free for migrants"), null=True, blank=True)
    offline_access = models.BooleanField(_("assisted or offline access"), null=True, blank=True)
    data_protection_basis = models.TextField(_("data-protection basis"), blank=True)
    languages = LanguageListField(_("languages"))

    class Meta:
        ordering = ["partnership", "name"]
        verbose_name = _("skills documentation tool")
        verbose_name_plural = _("skills documentation tools")
        constraints = [choices_constraint("skillsdocumentationtool", "kind", c.DocumentationToolKind)]

    def __str__(self) -> str:
        return self.name


#
# Evidence and data (§2.3)
#


class LabourMarketEvidence(TimeStampedModel):
    """One piece of evidence — survey, dataset, study or consultation — behind the design (§2.3)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="labour_market_evidence"
    )
    title = models.CharField(_("title"), max_length=255)
    source_type = models.CharField(_("source type"), max_length=30, choices=c.SourceType.choices)
    producer = models.ForeignKey(
        ORGANISATION,
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="produced_labour_market_evidence",
    )
    country = models.ForeignKey(
        PARTNERSHIP_COUNTRY,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="labour_market_evidence",
        help_text=_("Empty for regional or multi-country evidence."),
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="labour_market_evidence",
    )
    occupations = models.ManyToManyField(
        Occupation, verbose_name=_("occupations"), blank=True, related_name="labour_market_evidence"
    )
    topics = MultiChoiceField(_("topics"), choices=c.Topic.choices)
    reference_year = models.PositiveSmallIntegerField(_("reference year"), null=True, blank=True)
    horizon_years = models.PositiveSmallIntegerField(_("forecast horizon (years)"), null=True, blank=True)
    disaggregation = MultiChoiceField(_("disaggregation"), choices=Disaggregation.choices)
    is_joint = models.BooleanField(_("produced jointly by both sides"), null=True, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["partnership", "title"]
        verbose_name = _("labour-market evidence")
        verbose_name_plural = _("labour-market evidence")
        constraints = [choices_constraint("labourmarketevidence", "source_type", c.SourceType)]

    def __str__(self) -> str:
        return self.title

    @property
    def source_family(self) -> str:
        """The family of the source type (§2.3 table); what the rules and wizard prompts use."""
        return c.source_family_for(self.source_type)


class DataNeed(TimeStampedModel):
    """The answer to one information prompt of the wizard (G Box 10, §2.3; E3.R1)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="data_needs"
    )
    prompt_code = models.CharField(
        _("prompt"),
        max_length=40,
        validators=[validate_prompt_code],
        help_text=_("One of the information-checklist prompts, or custom.<n> for your own."),
    )
    status = models.CharField(_("status"), max_length=20, choices=c.DataNeedStatus.choices)
    answer = models.TextField(_("answer"), blank=True, help_text=_("Give the reason when not applicable."))
    evidence = models.ManyToManyField(
        LabourMarketEvidence, verbose_name=_("evidence"), blank=True, related_name="data_needs"
    )
    gap_strategy = models.TextField(_("how the gap will be filled"), blank=True)
    gap_owner = models.ForeignKey(
        PARTICIPATION,
        verbose_name=_("who fills the gap"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_data_needs",
    )

    class Meta:
        ordering = ["partnership", "prompt_code"]
        verbose_name = _("data need")
        verbose_name_plural = _("data needs")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "prompt_code"],
                name="dataneed_unique_prompt",
                violation_error_message=_(
                    "This question of the data checklist is already answered for the partnership."
                ),
            ),
            choices_constraint("dataneed", "status", c.DataNeedStatus),
            models.CheckConstraint(
                condition=Q(prompt_code__in=list(c.DATA_NEED_PROMPT_CODES))
                | Q(prompt_code__startswith=c.CUSTOM_PROMPT_PREFIX),
                name="dataneed_prompt_code_valid",
                violation_error_message=_("Choose a question of the data checklist."),
            ),
        ]

    def __str__(self) -> str:
        return self.prompt_code

    @property
    def prompt(self) -> c.DataNeedPrompt | None:
        """The Box 10 prompt this row answers (None for a custom prompt)."""
        return c.DATA_NEED_PROMPTS_BY_CODE.get(self.prompt_code)


class EvidenceReview(TimeStampedModel):
    """A joint session where partners interpreted the evidence together (E3.R8)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="evidence_reviews"
    )
    held_on = models.DateField(_("held on"))
    participants = models.ManyToManyField(
        PARTICIPATION, verbose_name=_("participants"), blank=True, related_name="evidence_reviews"
    )
    evidence = models.ManyToManyField(
        LabourMarketEvidence, verbose_name=_("evidence"), blank=True, related_name="evidence_reviews"
    )
    conclusions = models.TextField(_("conclusions"), blank=True)

    class Meta:
        ordering = ["partnership", "-held_on"]
        verbose_name = _("evidence review")
        verbose_name_plural = _("evidence reviews")

    def __str__(self) -> str:
        return str(_("Evidence review of %(date)s") % {"date": self.held_on})


class DataSharingArrangement(TimeStampedModel):
    """A channel through which partners share data across the corridor (E3.R7)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="data_sharing_arrangements"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=c.DataSharingKind.choices)
    governance_body = models.ForeignKey(
        "stakeholders.GovernanceBody",
        verbose_name=_("governance body"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_sharing_arrangements",
        help_text=_("For a sector working group."),
    )
    parties = models.ManyToManyField(
        PARTICIPATION, verbose_name=_("parties"), blank=True, related_name="data_sharing_arrangements"
    )
    data_types = MultiChoiceField(_("data types"), choices=c.DataType.choices)
    started_on = models.DateField(_("started on"), null=True, blank=True)

    class Meta:
        ordering = ["partnership", "kind"]
        verbose_name = _("data-sharing arrangement")
        verbose_name_plural = _("data-sharing arrangements")
        constraints = [choices_constraint("datasharingarrangement", "kind", c.DataSharingKind)]

    def __str__(self) -> str:
        return self.get_kind_display()
