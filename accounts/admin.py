"""Admin for user accounts: role and organisations next to Django's usual user fields."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "role", "is_active", "is_staff"]
    list_filter = ["role", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "email", "first_name", "last_name", "organisations__name"]
    autocomplete_fields = ["organisations"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Platform access"), {"fields": ("role", "organisations")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Platform access"), {"fields": ("role",)}),
    )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations sent by officials; the link's secret is never stored, so none can be read here."""

    list_display = ["email", "organisation", "invited_by", "created_at", "expires_at", "accepted_at", "accepted_by"]
    list_filter = ["accepted_at"]
    search_fields = ["email", "organisation__name", "invited_by__username"]
    readonly_fields = ["email", "organisation", "invited_by", "expires_at", "accepted_at", "accepted_by", "created_at"]
    exclude = ["token_hash"]

    def has_add_permission(self, request) -> bool:
        return False  # invitations are sent from the "Invite a colleague" page, which emails the link
