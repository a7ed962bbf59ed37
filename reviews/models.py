"""Models of the reviews app: the review workflow's rows, in-app notifications and the portfolio figures.

* ``ReviewTransition`` — one row per review action (submit, request changes, approve …) with who, when and
  the comment given (§5.2); written only by ``reviews.services``;
* ``ReviewComment`` — a reviewer's comment on a partnership, optionally on one element or rule, with its
  audit trail (simple-history: who wrote, edited or resolved it, and when);
* ``Notification`` — what an official or a reviewer is told in the app when a review action concerns them;
* ``PartnershipFigures`` — per-partnership cost figures (cost per migrant, migrant-borne share) that the
  portfolio dashboard needs as columns to compute medians in the database. They are derived from the cost
  rows by ``costs.calculations`` and refreshed by ``reviews.services.partnership_figures_refresh``
  (docs/review.md "Portfolio figures");
* ``DesignBrief`` — a PDF design brief of one partnership version, feasibility run and language, rendered by
  a Celery worker and kept in the private file storage (docs/review.md "PDF design brief").

The review fields of ``Partnership`` itself (``review_status`` …) stay on the partnership; the lifecycle's
``StageChange`` stays with the partnership too.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from codelists import partnerships as c
from codelists.reviews import NOTIFICATION_ACTIONS, REPORTING_REMINDER
from smp.fields import CurrencyField, choices_constraint
from smp.models import RenderedDocument, TimeStampedModel, document_partnership, private_storage

#
# The review workflow (§5.2)
#


class ReviewTransition(TimeStampedModel):
    """Audit row for each review action (§5.2)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="review_transitions",
        verbose_name=_("partnership"),
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
        return f"{self.get_action_display()}: {self.get_from_status_display()} → {self.get_to_status_display()}"

    def get_absolute_url(self) -> str:
        """The transition on the Review tab of the partnership page."""
        return reverse("monitoring:review", kwargs={"pk": self.partnership_id}) + f"#transition-{self.pk}"


class ReviewComment(TimeStampedModel):
    """A reviewer's comment on a partnership, optionally on one element or rule (§5.2)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="review_comments",
        verbose_name=_("partnership"),
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
    # Audit trail of review comments (who wrote, edited or resolved them, and when).
    history = HistoricalRecords(table_name="reviews_historicalreviewcomment")

    class Meta:
        ordering = ["partnership_id", "-at", "-pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        constraints = [choices_constraint("reviewcomment", "element", c.ElementCode, allow_blank=True)]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        """The comment on the Review tab of the partnership page."""
        return reverse("monitoring:review", kwargs={"pk": self.partnership_id}) + f"#comment-{self.pk}"

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


#
# Notifications and portfolio figures
#


class Notification(TimeStampedModel):
    """A message in a user's in-app inbox about a review action on a partnership (§5.2 "notified"), or a reminder
    to report on a reporting period that ended without values (``REPORTING_REMINDER``, from the beat job)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("partnership"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=20, choices=NOTIFICATION_ACTIONS)
    message = models.TextField(_("message"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_recipient_read")]

    def __str__(self) -> str:
        return self.message[:80]

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def url(self) -> str:
        """Where the notice leads: the partnership page's Monitoring tab for a reminder, else its Review tab."""
        if self.action == REPORTING_REMINDER:
            return reverse("monitoring:monitoring", kwargs={"pk": self.partnership_id})
        return reverse("monitoring:review", kwargs={"pk": self.partnership_id})


class PartnershipFigures(TimeStampedModel):
    """Cost figures of one partnership for the portfolio dashboard, as of ``partnership_version``.

    Money is in the partnership's reporting currency; ``cost_per_migrant_portfolio`` is the same figure in
    the portfolio currency (``settings.SMP_PORTFOLIO_CURRENCY``, default USD) so medians compare like with
    like, converted with ``portfolio_rate`` — the partnership's own rate for the pair if it has one
    (``portfolio_rate_own``), else the latest reference rate. It stays empty when no rate converts it: the
    dashboard then names the partnership as left out. ``error`` says why the figures themselves are missing.
    """

    partnership = models.OneToOneField(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="portfolio_figures",
        verbose_name=_("partnership"),
    )
    partnership_version = models.PositiveIntegerField(_("partnership version"))
    currency = CurrencyField(_("reporting currency"))
    total_cost = models.DecimalField(_("total cost"), max_digits=18, decimal_places=2, null=True, blank=True)
    cost_per_migrant = models.DecimalField(
        _("cost per migrant"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    migrant_share_pct = models.DecimalField(
        _("share borne by migrants (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    portfolio_currency = CurrencyField(_("portfolio currency"))
    cost_per_migrant_portfolio = models.DecimalField(
        _("cost per migrant (portfolio currency)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    portfolio_rate = models.DecimalField(
        _("exchange rate to the portfolio currency"),
        max_digits=18,
        decimal_places=8,
        null=True,
        blank=True,
        help_text=_("1 unit of the reporting currency in the portfolio currency; empty when there is no rate."),
    )
    portfolio_rate_own = models.BooleanField(
        _("partnership's own rate"),
        default=False,
        help_text=_("The conversion used the partnership's own exchange rate rather than a reference rate."),
    )
    error = models.TextField(_("why figures are missing"), blank=True)

    class Meta:
        verbose_name = _("portfolio figures")
        verbose_name_plural = _("portfolio figures")
        constraints = [
            models.CheckConstraint(
                condition=Q(migrant_share_pct__isnull=True) | Q(migrant_share_pct__gte=0, migrant_share_pct__lte=100),
                name="partnershipfigures_migrant_share_0_100",
                violation_error_message=_("The share migrants bear is a percentage from 0 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"Figures of partnership {self.partnership_id} (version {self.partnership_version})"


def _brief_upload_to(brief: DesignBrief, filename: str) -> str:
    return f"briefs/{brief.partnership_id}/{filename}"


class DesignBrief(RenderedDocument):
    """The PDF design brief of a partnership as of ``partnership_version``, ``run`` and ``language``.

    Rendered by the Celery task ``reviews.render_design_brief`` (never in a web request when a broker is
    configured) and reused while the version, the run and the language are unchanged: at most one brief per
    such key (two partial unique constraints, because ``run`` may be empty). ``error`` says in words why
    rendering failed; a failed brief is queued again when someone asks for it again. The fields it shares with
    the draft agreement come from ``smp.models.RenderedDocument``.
    """

    file_fields = ("file",)
    document_name = "Design brief"

    partnership = document_partnership("design_briefs")
    run = models.ForeignKey(
        "feasibility.FeasibilityRun",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="design_briefs",
        verbose_name=_("feasibility check shown"),
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=_brief_upload_to, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)

    class Meta(RenderedDocument.Meta):
        verbose_name = _("design brief")
        verbose_name_plural = _("design briefs")
        constraints = [
            *RenderedDocument.Meta.constraints,
            models.UniqueConstraint(
                fields=["partnership", "partnership_version", "run", "language"],
                condition=Q(run__isnull=False),
                name="designbrief_one_per_version_run_language",
                violation_error_message=_("A brief already exists for this version, check and language."),
            ),
            models.UniqueConstraint(
                fields=["partnership", "partnership_version", "language"],
                condition=Q(run__isnull=True),
                name="designbrief_one_per_version_language_without_run",
                violation_error_message=_("A brief already exists for this version and language."),
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("reviews:brief", kwargs={"pk": self.partnership_id, "brief_id": self.pk})

    @classmethod
    def files_columns(cls, files=None) -> dict:
        """The stored name of the PDF and its size in bytes (both emptied when the brief is queued again)."""
        return {**super().files_columns(files), "size": len(files["file"][1]) if files is not None else None}

    @property
    def download_name(self) -> str:
        return f"smp-design-brief-{self.partnership_id}-v{self.partnership_version}-{self.language}.pdf"
