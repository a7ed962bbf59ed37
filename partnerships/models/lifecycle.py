"""The lifecycle's audit: one row per stage change, with the gaps left open (§5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codelists import partnerships as c
from partnerships.models.partnership import Partnership
from smp.fields import choices_constraint
from smp.models import TimeStampedModel

#
# Audit of the lifecycle (§5)
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
