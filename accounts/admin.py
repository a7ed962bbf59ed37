"""Admin for user accounts: role and organisations next to Django's usual user fields."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


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
