"""Security headers on every response (docs/security.md).

- ``ContentSecurityPolicyMiddleware``: django-csp's middleware with the policy of
  ``settings.CONTENT_SECURITY_POLICY``; DRF's browsable API pages (third-party templates with ``style=""``
  attributes) get ``style-src 'unsafe-inline'`` on top, scripts stay ``'self'`` only.
- ``PermissionsPolicyMiddleware``: switches off the browser features listed in ``settings.PERMISSIONS_POLICY``.
"""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

BROWSABLE_API_UPDATE = {"style-src": [UNSAFE_INLINE]}


def _is_browsable_api(response) -> bool:
    renderer = getattr(response, "accepted_renderer", None)  # set by DRF on its Response
    return getattr(renderer, "format", None) == "api"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, extended through its documented ``get_policy_parts`` hook for the browsable API."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.update is None and _is_browsable_api(response):
            parts.update = BROWSABLE_API_UPDATE
        return parts


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` → ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` to every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
