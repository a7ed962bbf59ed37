"""Abstract base models shared by every app, and the private file storage of generated documents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from codelists.reviews import BriefStatus
from smp.fields import choices_constraint


class TimeStampedModel(models.Model):
    """Adds ``created_at`` and ``updated_at`` (Appendix A: on every model)."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def private_storage():
    """The file storage of generated documents (``STORAGES["private"]``): no public URL, served by views only.

    Code reads and writes those files through this function rather than a file field's ``storage`` (which
    Django binds once at start-up), so a changed ``STORAGES`` setting (tests) is seen at once."""
    from django.core.files.storage import storages

    return storages["private"]


def document_partnership(related_name: str) -> models.ForeignKey:
    """The ``partnership`` field of a :class:`RenderedDocument` (each kind has its own ``related_name``)."""
    return models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("partnership"),
    )


class RenderedDocument(TimeStampedModel):
    """A document written from one version of a partnership in one language, rendered by a Celery worker into
    file(s) of the private storage: the PDF design brief (``reviews.DesignBrief``) and the draft agreement
    (``agreements.AgreementDraft``).

    ``status`` goes ``queued`` → ``running`` → ``succeeded`` or ``failed`` (``error`` says why in words);
    ``attempts``, ``started_at`` and ``finished_at`` follow the worker. Each kind adds its ``partnership``
    (:func:`document_partnership`), its file fields (named in :attr:`file_fields`) and the unique constraint
    of its key; ``reviews.documents`` asks for, claims, renders and stores every kind the same way.
    """

    #: The file fields a render fills, in the order they are stored.
    file_fields: ClassVar[tuple[str, ...]] = ()
    #: What the log lines and ``str()`` call one document ("Design brief").
    document_name: ClassVar[str] = "Document"

    partnership_version = models.PositiveIntegerField(_("partnership version"))
    language = models.CharField(_("language"), max_length=10, help_text=_("A code of settings.LANGUAGES."))
    status = models.CharField(_("status"), max_length=10, choices=BriefStatus.choices, default=BriefStatus.QUEUED)
    error = models.TextField(_("why it failed"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]
        # "%(class)s" becomes the model's name: designbrief_status_valid, agreementdraft_status_valid.
        constraints = [choices_constraint("%(class)s", "status", BriefStatus)]

    def __str__(self) -> str:
        return (
            f"{self.document_name} of partnership {self.partnership_id} v{self.partnership_version} ({self.language})"
        )

    @property
    def is_pending(self) -> bool:
        return self.status in (BriefStatus.QUEUED, BriefStatus.RUNNING)

    @classmethod
    def files_columns(cls, files: Mapping[str, tuple[str, bytes]] | None = None) -> dict:
        """The columns that record rendered ``files`` (file field → (stored name, content)), or that empty them
        (``None``) when the document is queued again. A kind that keeps more about its files extends this."""
        if files is None:
            return dict.fromkeys(cls.file_fields, "")
        return {field: name for field, (name, _content) in files.items()}
