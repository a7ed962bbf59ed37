"""Feasibility study, evaluations and local development: linked initiatives, business linkages (§2.2, §2.4, §5.1)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from codelists import partnerships as c
from partnerships.models.base import (
    ORGANISATION,
    check_same_partnership,
)
from partnerships.models.partnership import Partnership, PartnershipCountry
from smp.fields import MultiChoiceField, choices_constraint
from smp.models import TimeStampedModel

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
        check_same_partnership(self, "country", errors)
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
