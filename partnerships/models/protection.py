"""The migration continuum, social protection and grievance channels (§2.6, §7.2)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from codelists import partnerships as c
from partnerships.models.base import (
    ORGANISATION,
    PARTICIPATION,
    check_same_partnership,
    check_side,
    pairs_constraint,
)
from partnerships.models.partnership import Partnership, PartnershipCountry
from partnerships.models.pathways import Pathway
from smp.fields import LanguageListField, MultiChoiceField, choices_constraint
from smp.models import TimeStampedModel

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
            pairs_constraint(
                "continuumprovision_topic_in_phase",
                "phase",
                "topic",
                c.TOPICS_BY_PHASE,
                message=_("This topic does not belong to the chosen phase of the migration cycle."),
            ),
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
        check_same_partnership(self, "responsible", errors)
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
        check_same_partnership(self, "destination", errors)
        if "destination" not in errors:
            check_side(self, "destination", c.Side.DESTINATION, errors)
        check_same_partnership(self, "pathway", errors)
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
        check_same_partnership(self, "country", errors)
        if "country" not in errors and self.side:
            check_side(self, "country", self.side, errors)
        if errors:
            raise ValidationError(errors)
