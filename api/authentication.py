"""Token authentication for API clients: ``Authorization: Token <key>`` or ``Authorization: Bearer <key>``.

Requests with a wrong key (here) or with none (``api.permissions.IsAuthenticatedApiUser``) are counted per
client address in the shared cache (``API_THROTTLE_RATES["auth_failure"]``, 30 a minute by default). Once an
address is over that number, its requests are answered 429 with ``Retry-After`` *before* any key is looked
at: guessing keys gets nowhere. (DRF's throttles run after authentication and permissions, so they never see
these requests: those end in 401 first.) Clients with a valid key from other addresses are not affected
(docs/security.md).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from api.services import api_token_authenticate, api_token_touch
from api.throttling import auth_failure_record, auth_failure_refuse_if_over

KEYWORDS = ("token", "bearer")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Looks the key's SHA-256 up among active tokens (one query); a wrong or revoked key is a 401."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode("latin-1") not in KEYWORDS:
            return None
        auth_failure_refuse_if_over(request)
        try:
            return self._authenticate_key(header)
        except exceptions.AuthenticationFailed:
            auth_failure_record(request)
            raise

    def _authenticate_key(self, header: list[bytes]):
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the key as: Authorization: Token <key>."))
        try:
            raw_key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The key contains characters a key never has."))
        token = api_token_authenticate(raw_key=raw_key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked key."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The key's user is inactive."))
        api_token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        # A WWW-Authenticate header makes DRF answer 401 (not 403) to anonymous requests.
        return 'Token realm="api"'
