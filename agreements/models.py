"""Models of the agreements app: the draft agreement generated from a partnership's recorded design.

``AgreementDraft`` — an editable DOCX and a PDF of one partnership version in one language, rendered by the
Celery task ``agreements.render_agreement_draft`` and kept in the private file storage (like the design
brief of ``reviews.models.DesignBrief``; both are ``smp.models.RenderedDocument``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from codelists.reviews import BriefStatus
from smp.models import RenderedDocument, TimeStampedModel, document_partnership, private_storage


def _draft_upload_to(draft: AgreementDraft, filename: str) -> str:
    return f"agreements/{draft.partnership_id}/{filename}"


class AgreementDraft(RenderedDocument):
    """The draft agreement of a partnership as of ``partnership_version``, in ``language``: one per such key.

    Rendered by a worker (never in a web request when a broker is configured), reused while the version and
    the language are unchanged; a failed draft is queued again when someone asks for it again. The fields it
    shares with the design brief come from ``smp.models.RenderedDocument``.
    """

    file_fields = ("docx", "pdf")
    document_name = "Draft agreement"

    partnership = document_partnership("agreement_drafts")
    docx = models.FileField(_("DOCX file"), storage=private_storage, upload_to=_draft_upload_to, blank=True)
    pdf = models.FileField(_("PDF file"), storage=private_storage, upload_to=_draft_upload_to, blank=True)

    # Every draft asked for and its course (queued, ready, failed) show in the partnership page's History tab.
    history = HistoricalRecords()

    class Meta(RenderedDocument.Meta):
        verbose_name = _("draft agreement")
        verbose_name_plural = _("draft agreements")
        constraints = [
            *RenderedDocument.Meta.constraints,
            models.UniqueConstraint(
                fields=["partnership", "partnership_version", "language"],
                name="agreementdraft_one_per_version_language",
                violation_error_message=_("A draft agreement already exists for this version and language."),
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("api:agreement-draft-detail", kwargs={"pk": self.partnership_id, "draft_id": self.pk})

    @property
    def is_ready(self) -> bool:
        return self.status == BriefStatus.SUCCEEDED and bool(self.docx) and bool(self.pdf)

    def download_name(self, extension: str) -> str:
        return f"smp-draft-agreement-{self.partnership_id}-v{self.partnership_version}-{self.language}.{extension}"


def _signed_upload_to(signed: SignedAgreement, filename: str) -> str:
    return f"agreements/{signed.partnership_id}/signed/{filename}"


class SignedAgreement(TimeStampedModel):
    """The signed text of a partnership's agreement (a PDF), kept in the private storage, served as an attachment.

    The date signed, the published URL and the clauses covered are the partnership's own fields
    (``agreement_signed_on``, ``agreement_url``, ``agreement_clauses``); this row holds only the file.
    """

    partnership = models.OneToOneField(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name="signed_agreement",
        verbose_name=_("partnership"),
    )
    file = models.FileField(_("signed text (PDF)"), storage=private_storage, upload_to=_signed_upload_to)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("signed agreement")
        verbose_name_plural = _("signed agreements")

    def __str__(self) -> str:
        return f"Signed agreement of partnership {self.partnership_id}"

    @property
    def download_name(self) -> str:
        return f"smp-signed-agreement-{self.partnership_id}.pdf"
