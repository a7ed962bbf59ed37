"""Rate limits for API clients (rates in ``settings.API_THROTTLE_RATES``, read at each request so tests and
deployments can change them without re-importing DRF's settings)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext
from rest_framework import exceptions, throttling

from smp import ratelimit
from smp.net import client_address

DEFAULT_RATES = {
    "anon": "60/minute",
    "user": "1200/minute",
    "feasibility_run": "30/minute",
    "auth_failure": "30/minute",
}


def _rate(scope: str) -> str | None:
    rates = {**DEFAULT_RATES, **getattr(settings, "API_THROTTLE_RATES", {})}
    return rates.get(scope)


class _DynamicRateMixin:
    def get_rate(self):
        return _rate(self.scope)


class ApiAnonThrottle(_DynamicRateMixin, throttling.AnonRateThrottle):
    """Anonymous requests per client IP (they are refused with 401 anyway, but cheaply)."""

    scope = "anon"


class ApiUserThrottle(_DynamicRateMixin, throttling.UserRateThrottle):
    """Requests per authenticated user."""

    scope = "user"


class FeasibilityRunThrottle(_DynamicRateMixin, throttling.UserRateThrottle):
    """Requests for a feasibility check per user: each may start work in a worker."""

    scope = "feasibility_run"


#
# Requests without a valid key, per client address (api.authentication; docs/security.md)
#

AUTH_FAILURE_SCOPE = "api-auth-failure"


def auth_failure_refuse_if_over(request) -> None:
    """429 (DRF's ``Throttled``, with ``Retry-After``) when the request's address is over its failures."""
    state = ratelimit.peek(AUTH_FAILURE_SCOPE, client_address(request), _rate("auth_failure"))
    if not state.allowed:
        raise _throttled(state.retry_after)


def _throttled(wait: int) -> exceptions.Throttled:
    return exceptions.Throttled(
        wait=wait, detail=gettext("Too many requests without a valid API key came from your address.")
    )


def auth_failure_record(request, *, refuse_over_limit: bool = False) -> None:
    """Count a request with a wrong key, or with none, against its address; with ``refuse_over_limit`` a
    request that goes over the limit is answered 429 instead of 401."""
    state = ratelimit.hit(AUTH_FAILURE_SCOPE, client_address(request), _rate("auth_failure"))
    if refuse_over_limit and not state.allowed:
        raise _throttled(state.retry_after)
