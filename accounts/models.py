"""User accounts. A user belongs to organisations and has one role (SMP-DOMAIN §4, issue "Domain model I")."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from smp.fields import choices_constraint


class UserRole(models.TextChoices):
    """What a user may do: officials edit their partnerships, reviewers review all, partners use the API."""

    OFFICIAL = "official", _("Government official")
    REVIEWER = "reviewer", _("IOM reviewer")
    PARTNER = "partner", _("Partner organisation (API client)")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    """A person using the platform: an official, an IOM reviewer, a partner API client or an admin.

    ``organisations`` decides which partnerships a non-reviewer sees (``Partnership.objects.for_user``).
    """

    Role = UserRole

    role = models.CharField(_("role"), max_length=16, choices=UserRole.choices, default=UserRole.OFFICIAL)
    organisations = models.ManyToManyField(
        "stakeholders.Organisation",
        related_name="members",
        blank=True,
        verbose_name=_("organisations"),
        help_text=_("The user sees the partnerships these organisations take part in."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [choices_constraint("user", "role", UserRole)]

    @property
    def sees_everything(self) -> bool:
        """Reviewers and admins read every partnership."""
        return self.is_superuser or self.role in (UserRole.REVIEWER, UserRole.ADMIN)
