"""Stakeholders: organisations, their participation in partnerships, governance bodies and capacity building
(SMP-DOMAIN Appendix A.2, §4).

Static rules are database constraints; rules that depend on another row (same partnership, organisation
category) are checked in ``clean()``. Writes go through ``stakeholders.services``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from codelists import stakeholders as c
from codelists.partnerships import Stage
from smp.fields import MultiChoiceField, choices_constraint
from smp.models import TimeStampedModel

PARTNERSHIP = "partnerships.Partnership"


def _check_same_partnership(obj: models.Model, field: str, errors: dict) -> None:
    """Add an error on ``field`` when the row it points to belongs to another partnership."""
    target = getattr(obj, field, None)
    if target is not None and obj.partnership_id is not None and target.partnership_id != obj.partnership_id:
        errors[field] = ValidationError(
            _("Choose a %(what)s of this partnership."),
            code="other_partnership",
            params={"what": obj._meta.get_field(field).verbose_name},
        )


class Organisation(TimeStampedModel):
    """Any body that can take part in partnerships (ministry, employer, union, IOM …); shared across them (§4.1)."""

    name = models.CharField(_("name"), max_length=255)
    category = models.CharField(_("category"), max_length=30, choices=c.OrganisationCategory.choices)
    portfolio = MultiChoiceField(
        _("portfolio"), choices=c.Portfolio.choices, help_text=_("Policy fields; government organisations only.")
    )
    level = models.CharField(_("level"), max_length=10, choices=c.OrganisationLevel.choices, blank=True)
    country = CountryField(_("country"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            choices_constraint("organisation", "category", c.OrganisationCategory),
            choices_constraint("organisation", "level", c.OrganisationLevel, allow_blank=True),
            models.CheckConstraint(
                condition=Q(category__in=sorted(c.COUNTRYLESS_CATEGORIES)) | ~Q(country=""),
                name="organisation_country_required",
                violation_error_message=_(
                    "Give the organisation's country; only international organisations and donors may have none."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(category=c.OrganisationCategory.INTERNATIONAL_ORG) | Q(country="", level=""),
                name="organisation_international_no_country_level",
                violation_error_message=_("An international organisation has no country and no level."),
            ),
            models.CheckConstraint(
                condition=~Q(category=c.OrganisationCategory.SUBNATIONAL_AUTHORITY)
                | Q(level__in=sorted(c.SUBNATIONAL_LEVELS)),
                name="organisation_subnational_level",
                violation_error_message=_("A subnational authority is at regional or local level."),
            ),
            models.UniqueConstraint(
                Lower("name"),
                "country",
                name="organisation_unique_name_country",
                violation_error_message=_("An organisation with this name already exists in this country."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})" if self.country else self.name

    @property
    def category_group(self) -> str:
        """The group of the category (§4.1): a constant mapping, not a stored column."""
        return c.CATEGORY_GROUP.get(self.category, c.CategoryGroup.OTHER)

    @property
    def is_government(self) -> bool:
        return self.category in c.GOVERNMENT_CATEGORIES

    @property
    def is_employer_side(self) -> bool:
        """``employer``, ``employer_org`` or ``chamber``."""
        return self.category in c.EMPLOYER_CATEGORIES

    @property
    def is_subnational(self) -> bool:
        return self.level in c.SUBNATIONAL_LEVELS

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        category = self.category
        if category == c.OrganisationCategory.INTERNATIONAL_ORG:
            if self.country:
                errors["country"] = ValidationError(
                    _("An international organisation has no country; clear the country."), code="country_not_allowed"
                )
            if self.level:
                errors["level"] = ValidationError(
                    _("An international organisation has no level; clear the level."), code="level_not_allowed"
                )
        elif category and category not in c.COUNTRYLESS_CATEGORIES and not self.country:
            errors["country"] = ValidationError(
                _("Give the organisation's country (only international organisations and donors may have none)."),
                code="country_required",
            )
        if category == c.OrganisationCategory.SUBNATIONAL_AUTHORITY and self.level not in c.SUBNATIONAL_LEVELS:
            errors["level"] = ValidationError(
                _("A subnational authority is at regional or local level; choose one of them."),
                code="subnational_level",
            )
        if self.portfolio and category and category not in c.GOVERNMENT_CATEGORIES:
            errors["portfolio"] = ValidationError(
                _("Only government organisations have a portfolio; clear it or change the category."),
                code="portfolio_not_government",
            )
        if errors:
            raise ValidationError(errors)


class Participation(TimeStampedModel):
    """One organisation in one partnership: its side, roles, capacity and interests (§4.2)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, on_delete=models.CASCADE, related_name="participations", verbose_name=_("partnership")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participations", verbose_name=_("organisation")
    )
    side = models.CharField(
        _("side"),
        max_length=12,
        choices=c.Side.choices,
        blank=True,
        help_text=_("Empty only for international organisations and donors acting for the whole partnership."),
    )
    roles = MultiChoiceField(_("roles"), choices=c.ParticipationRole.choices)
    joined_stage = models.CharField(_("joined at stage"), max_length=20, choices=Stage.choices)
    capacity_assessed = models.BooleanField(_("capacity assessed"), null=True, blank=True)
    capacity_level = models.CharField(_("capacity"), max_length=10, choices=c.CapacityLevel.choices, blank=True)
    is_champion = models.BooleanField(_("has a champion"), null=True, blank=True)
    business_case = models.TextField(_("business case"), blank=True)
    interests = MultiChoiceField(_("interests"), choices=c.Interest.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership_id", "side", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                name="participation_unique_organisation",
                violation_error_message=_("This organisation already takes part in the partnership."),
            ),
            choices_constraint("participation", "side", c.Side, allow_blank=True),
            choices_constraint("participation", "joined_stage", Stage),
            choices_constraint("participation", "capacity_level", c.CapacityLevel, allow_blank=True),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.partnership}"

    @property
    def is_implementing(self) -> bool:
        """Holds at least one implementing role (E1.R9)."""
        return bool(set(self.roles or ()) & c.IMPLEMENTING_ROLES)

    def has_role(self, role: str) -> bool:
        return role in (self.roles or ())

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if not self.roles:
            errors["roles"] = ValidationError(
                _("Give the organisation at least one role in the partnership."), code="no_role"
            )
        organisation = self.organisation if self.organisation_id else None
        if not self.side and organisation is not None and organisation.category not in c.SIDELESS_CATEGORIES:
            errors["side"] = ValidationError(
                _("Say on which side %(name)s takes part (origin or destination)."),
                code="side_required",
                params={"name": organisation.name},
            )
        if self.capacity_level and self.capacity_assessed is False:
            errors["capacity_level"] = ValidationError(
                _("Capacity was not assessed; clear the level or mark the capacity as assessed."),
                code="level_without_assessment",
            )
        if errors:
            raise ValidationError(errors)


class GovernanceBody(TimeStampedModel):
    """A steering, operational or thematic body of a partnership, with its members (§4.3)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, on_delete=models.CASCADE, related_name="governance_bodies", verbose_name=_("partnership")
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=30, choices=c.GovernanceKind.choices)
    layer = models.CharField(
        _("layer"),
        max_length=12,
        choices=c.GovernanceLayer.choices,
        blank=True,
        help_text=_("Empty takes the usual layer of the kind."),
    )
    members = models.ManyToManyField(
        Participation, related_name="governance_bodies", blank=True, verbose_name=_("members")
    )
    chair = models.ForeignKey(
        Participation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_bodies",
        verbose_name=_("chair"),
    )
    sector = models.ForeignKey(
        "skills.Sector",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governance_bodies",
        verbose_name=_("sector"),
    )
    terms_of_reference = models.TextField(_("terms of reference (text or link)"), blank=True)
    reporting_cycle = models.CharField(
        _("reporting cycle"), max_length=12, choices=c.ReportingCycle.choices, blank=True
    )
    has_review_mechanism = models.BooleanField(_("has a review mechanism"), null=True, blank=True)
    meeting_frequency_per_year = models.PositiveIntegerField(_("meetings per year"), null=True, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)

    class Meta:
        ordering = ["partnership_id", "pk"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")
        constraints = [
            choices_constraint("governancebody", "kind", c.GovernanceKind),
            # Empty only until clean() or the service fills the default; never stored empty.
            choices_constraint("governancebody", "layer", c.GovernanceLayer),
            choices_constraint("governancebody", "reporting_cycle", c.ReportingCycle, allow_blank=True),
            models.CheckConstraint(
                condition=~Q(kind=c.GovernanceKind.SECTORAL_WORKING_GROUP) | Q(sector__isnull=False),
                name="governancebody_sectoral_needs_sector",
                violation_error_message=_("A sectoral working group needs its sector."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if not self.layer and self.kind in c.DEFAULT_LAYER:
            self.layer = c.DEFAULT_LAYER[self.kind]
        if self.kind == c.GovernanceKind.SECTORAL_WORKING_GROUP and self.sector_id is None:
            errors["sector"] = ValidationError(
                _("A sectoral working group works on one sector; choose it."), code="sector_required"
            )
        _check_same_partnership(self, "chair", errors)
        if errors:
            raise ValidationError(errors)


class PartnerGap(TimeStampedModel):
    """A service the partnership needs for which no adequate provider exists yet (E2.R10)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, on_delete=models.CASCADE, related_name="partner_gaps", verbose_name=_("partnership")
    )
    service = models.CharField(_("missing service"), max_length=255)
    notes = models.TextField(_("notes"), blank=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        ordering = ["partnership_id", "pk"]
        verbose_name = _("partner gap")
        verbose_name_plural = _("partner gaps")

    def __str__(self) -> str:
        return self.service


class CapacityActivity(TimeStampedModel):
    """A capacity-building activity for one participation, possibly closing a partner gap (E1.R9, E2.R10)."""

    partnership = models.ForeignKey(
        PARTNERSHIP, on_delete=models.CASCADE, related_name="capacity_activities", verbose_name=_("partnership")
    )
    target_participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="capacity_activities",
        verbose_name=_("for participant"),
    )
    topic = models.CharField(_("topic"), max_length=30, choices=c.CapacityTopic.choices)
    method = models.CharField(_("method"), max_length=30, choices=c.CapacityMethod.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=c.CapacityStatus.choices, default=c.CapacityStatus.PLANNED
    )
    partner_gap = models.ForeignKey(
        PartnerGap,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="capacity_activities",
        verbose_name=_("gap it closes"),
    )
    scheduled_on = models.DateField(_("scheduled on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["partnership_id", "pk"]
        verbose_name = _("capacity activity")
        verbose_name_plural = _("capacity activities")
        constraints = [
            choices_constraint("capacityactivity", "topic", c.CapacityTopic),
            choices_constraint("capacityactivity", "method", c.CapacityMethod),
            choices_constraint("capacityactivity", "status", c.CapacityStatus),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} for {self.target_participation.organisation}"

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_same_partnership(self, "target_participation", errors)
        _check_same_partnership(self, "partner_gap", errors)
        if errors:
            raise ValidationError(errors)
