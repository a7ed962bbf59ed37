"""The address a request comes from, the same for every per-address limit (login lockout, API key failures,
invitations, password reset): ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies that append to
``X-Forwarded-For`` the address the outermost of them saw. A client cannot choose its address by sending
its own ``X-Forwarded-For`` header: entries beyond the trusted proxies are ignored."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """None when the request has no address (e.g. Django's test client ``force_login``)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
