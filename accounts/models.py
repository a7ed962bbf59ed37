"""User accounts. A user belongs to organisations and has one role (SMP-DOMAIN §4, issue "Domain model I")."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from smp.fields import choices_constraint
from smp.models import TimeStampedModel


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
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Pages, emails and PDF briefs sent to this user are in this language; empty: the browser's."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [choices_constraint("user", "role", UserRole)]

    @property
    def sees_everything(self) -> bool:
        """Reviewers and admins read every partnership."""
        return self.is_superuser or self.role in (UserRole.REVIEWER, UserRole.ADMIN)


class Invitation(TimeStampedModel):
    """An official's invitation of a colleague into one of their organisations (docs/security.md).

    Only the SHA-256 of the link's secret is stored; the link works once, until ``expires_at``. Accepting it
    creates an official who is a member of ``organisation`` (``accounts.services.invitation_accept``).
    """

    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    token_hash = models.CharField(_("hash of the link's secret"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation_accepted",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"
