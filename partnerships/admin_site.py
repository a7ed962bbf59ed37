"""The administration site, open to administrators only (``partnerships.policy``, action ``administer``).

Inside a partnership the permission policy gives administrators every action, so the Django admin — which
writes rows directly — is reserved to them: a staff flag alone does not let an official or an API client
past the partnership policy through the admin.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

from partnerships import policy


class PolicyAdminSite(admin.AdminSite):
    """Django's admin site, with the permission policy's ``administer`` action in front of it."""

    def has_permission(self, request) -> bool:
        if not super().has_permission(request):
            return False
        return policy.decide(policy.Action.ADMINISTER, user=request.user).allowed


class PolicyAdminConfig(AdminConfig):
    """``django.contrib.admin`` with :class:`PolicyAdminSite` as ``admin.site``."""

    default_site = "partnerships.admin_site.PolicyAdminSite"
