"""User accounts. A user belongs to organisations and has one role (SMP-DOMAIN §4, issue "Domain model I")."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person using the platform: an official, an IOM reviewer, a partner API client or an admin."""

    class Role(models.TextChoices):
        OFFICIAL = "official", _("Government official")
        REVIEWER = "reviewer", _("IOM reviewer")
        PARTNER = "partner", _("Partner organisation (API client)")
        ADMIN = "admin", _("Administrator")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.OFFICIAL)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def sees_everything(self) -> bool:
        """Reviewers and admins read every partnership."""
        return self.is_superuser or self.role in (self.Role.REVIEWER, self.Role.ADMIN)
