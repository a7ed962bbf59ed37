"""Feasibility runs and their findings (SMP-DOMAIN Appendix A.6, §0.4, §3.4).

A run is one evaluation of one partnership and is kept forever: a new check makes a new run, it never
overwrites an old one, so reviewers can compare runs over time (``feasibility.services.feasibility_runs_compare``).
The rules themselves live in code (``feasibility.registry``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from codelists.partnerships import Stage
from feasibility.registry import Status
from smp.fields import StrListField, choices_constraint
from smp.models import TimeStampedModel


class RunStatus(models.TextChoices):
    """``FeasibilityRun.status`` [product default]; a worker claims a queued run with a conditional update."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class RecruitmentVerdict(models.TextChoices):
    """``FeasibilityRun.recruitment_verdict`` (§3.4); ``not_assessed`` while no R rule is registered."""

    PASS = "pass", _("Pass")
    WARN = "warn", _("Warning")
    FAIL = "fail", _("Fail")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


class Element(models.TextChoices):
    """``Finding.element``: the eight essential elements and the ethical-recruitment check (§2.0)."""

    E1 = "E1", "E1"
    E2 = "E2", "E2"
    E3 = "E3", "E3"
    E4 = "E4", "E4"
    E5 = "E5", "E5"
    E6 = "E6", "E6"
    E7 = "E7", "E7"
    E8 = "E8", "E8"
    R = "R", "R"


class FeasibilityRun(TimeStampedModel):
    """One evaluation of one partnership's data by the rule registry; never overwritten."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="feasibility_runs",
    )
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("How many times a worker claimed this run (redeliveries included).")
    )
    data_fingerprint = models.CharField(
        _("data fingerprint"), max_length=64, blank=True, help_text=_("SHA-256 of the checked data and ruleset.")
    )
    partnership_version = models.PositiveIntegerField(
        _("partnership version"), null=True, blank=True, help_text=_("The partnership's version the run checked.")
    )
    stage_at_run = models.CharField(
        _("stage at run"),
        max_length=20,
        choices=Stage.choices,
        blank=True,
        help_text=_("The partnership's stage when the run checked it (draft leniency depends on it)."),
    )
    ruleset_version = models.CharField(_("ruleset version"), max_length=40, blank=True)
    element_results = models.JSONField(_("element results"), default=dict, blank=True)
    overall_score = models.DecimalField(_("overall score"), max_digits=5, decimal_places=2, null=True, blank=True)
    recruitment_verdict = models.CharField(
        _("recruitment verdict"), max_length=12, choices=RecruitmentVerdict.choices, blank=True, default=""
    )
    recruitment_score = models.DecimalField(
        _("recruitment score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    red_flags = StrListField(_("red flags"))
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feasibility run")
        verbose_name_plural = _("feasibility runs")
        indexes = [
            models.Index(fields=["partnership", "-created_at"], name="feasrun_partnership_created"),
            models.Index(fields=["status", "started_at"], name="feasrun_status_started"),
            models.Index(fields=["partnership", "data_fingerprint"], name="feasrun_partnership_fp"),
        ]
        constraints = [
            choices_constraint("feasibilityrun", "status", RunStatus),
            choices_constraint("feasibilityrun", "recruitment_verdict", RecruitmentVerdict, allow_blank=True),
            choices_constraint("feasibilityrun", "stage_at_run", Stage, allow_blank=True),
            models.CheckConstraint(
                condition=Q(overall_score__isnull=True) | Q(overall_score__gte=0, overall_score__lte=100),
                name="feasibilityrun_overall_score_0_100",
                violation_error_message=_("A readiness score runs from 0 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"Run {self.pk} of partnership {self.partnership_id} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        """The run on the Feasibility tab of the partnership page, where it can be compared with another."""
        return reverse("monitoring:feasibility", kwargs={"pk": self.partnership_id}) + f"#run-{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.SUCCEEDED, RunStatus.FAILED)


class Finding(TimeStampedModel):
    """One rule's result in one run (§0.4); its ``recommendation`` is the rule's "Says" line (not stored)."""

    # No index of its own: the unique (run, rule_id) index below serves every lookup by run.
    run = models.ForeignKey(
        FeasibilityRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="findings", db_index=False
    )
    rule_id = models.CharField(_("rule"), max_length=12)
    element = models.CharField(_("element"), max_length=2, choices=Element.choices)
    status = models.CharField(_("status"), max_length=4, choices=Status.choices)
    draft_lenient_applied = models.BooleanField(
        _("draft leniency applied"), default=False, help_text=_("A ⏳ FAIL reported as WARN before stage agreement.")
    )
    # Only for a message without a key (plain text); a keyed message is made again from its key (``text``).
    message = models.TextField(_("message"), blank=True)
    message_key = models.TextField(
        _("message key"),
        blank=True,
        help_text=_(
            "The message's untranslated template (msgid); empty for findings stored before it was kept or made "
            "from plain text."
        ),
    )
    message_params = models.JSONField(
        _("message parameters"),
        default=dict,
        blank=True,
        help_text=_("The values put into the message template, to show the finding again in another language."),
    )
    evidence_json = models.JSONField(_("evidence"), default=dict, blank=True)

    class Meta:
        ordering = ["run", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "rule_id"],
                name="finding_unique_rule_per_run",
                violation_error_message=_("A check has one finding per rule."),
            ),
            choices_constraint("finding", "element", Element),
            choices_constraint("finding", "status", Status),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.status}"

    @property
    def text(self) -> str:
        """The message in the reader's language, made again from ``message_key`` and ``message_params``; the
        stored ``message`` for findings stored without a key (plain text, or stored before keys were kept)."""
        from feasibility.registry import message_render

        return message_render(self.message_key, self.message_params) or self.message

    @property
    def recommendation(self) -> str:
        """What to do about it: the rule's "Says" line in the reader's language, read from the registry rather
        than copied into each of the million finding rows a nightly re-check writes."""
        from feasibility.registry import REGISTRY

        spec = REGISTRY.get(self.rule_id)
        return str(spec.says) if spec is not None else ""
