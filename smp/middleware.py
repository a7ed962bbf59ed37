"""Middleware of the whole site (issue 16, "Trust"; docs/security.md).

- ``RejectNullCharactersMiddleware``: PostgreSQL cannot store a NUL in text, and the driver raises (a 500) as
  soon as one reaches a query. Nothing a person types contains one, so a request carrying a NUL in its query
  string or form body is answered 400 with a message: a page for people, the API's error shape
  (``{"error": {"code", "message", "fields"}}``) under the JSON API. JSON bodies of the API are checked by its
  parser (``api.parsers``), which also refuses the other control characters.
- ``ContentSecurityPolicyMiddleware``: django-csp's middleware with the policy of
  ``settings.CONTENT_SECURITY_POLICY``; DRF's browsable API pages (third-party templates with ``style=""``
  attributes) get ``style-src 'unsafe-inline'`` on top, scripts stay ``'self'`` only.
- ``PermissionsPolicyMiddleware``: switches off the browser features listed in ``settings.PERMISSIONS_POLICY``.
"""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

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


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _keys_with_nul(data) -> list[str]:
    return [key for key, values in data.lists() if "\x00" in key or any("\x00" in value for value in values)]


class RejectNullCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from api.exceptions import error_body, is_json_api_path

        json_api = is_json_api_path(request.path)
        keys = _keys_with_nul(request.GET)
        if not keys and not json_api and request.method == "POST" and request.content_type in FORM_TYPES:
            keys = _keys_with_nul(request.POST)
        if not keys:
            return self.get_response(request)
        message = _("Null characters are not allowed.")
        if json_api:
            fields = {key.replace("\x00", "") or "non_field_errors": [message] for key in keys}
            return JsonResponse(error_body("validation_error", message, fields), status=400)
        text = _("The request contained a null character, which no form or search accepts. Go back and try again.")
        return render(request, "400.html", {"message": text}, status=400)
