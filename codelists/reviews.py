"""Code lists of the reviews app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BriefStatus(models.TextChoices):
    """Where a PDF design brief is: waiting for a worker, being rendered, ready to download, or failed."""

    QUEUED = "queued", _("waiting to be prepared")
    RUNNING = "running", _("being prepared")
    SUCCEEDED = "succeeded", _("ready")
    FAILED = "failed", _("failed")
