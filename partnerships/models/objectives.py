"""Objectives of a partnership and the tensions between them (§2.1)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from codelists import partnerships as c
from partnerships.models.base import (
    check_same_partnership,
)
from partnerships.models.partnership import Partnership
from partnerships.models.reference import GcmObjective, SdgTarget
from smp.fields import choices_constraint
from smp.models import TimeStampedModel

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
        check_same_partnership(self, "objective_a", errors)
        check_same_partnership(self, "objective_b", errors)
        if self.objective_a_id and self.objective_a_id == self.objective_b_id:
            errors["objective_b"] = ValidationError(_("Choose a second, different objective."), code="same_objective")
        if errors:
            raise ValidationError(errors)
