"""Code lists of the reviews app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from codelists.partnerships import ReviewAction


class BriefStatus(models.TextChoices):
    """Where a PDF design brief is: waiting for a worker, being rendered, ready to download, or failed."""

    QUEUED = "queued", _("waiting to be prepared")
    RUNNING = "running", _("being prepared")
    SUCCEEDED = "succeeded", _("ready")
    FAILED = "failed", _("failed")


#: ``Notification.action`` of a reporting reminder (sent by the beat job, not a review action).
REPORTING_REMINDER = "reporting_reminder"

#: What a notification is about: a review action of §5.2, or a reporting reminder.
NOTIFICATION_ACTIONS: list[tuple[str, str]] = [*ReviewAction.choices, (REPORTING_REMINDER, _("Reporting reminder"))]
