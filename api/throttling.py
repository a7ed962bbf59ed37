"""Rate limits for API clients (rates in ``settings.API_THROTTLE_RATES``, read at each request so tests and
deployments can change them without re-importing DRF's settings)."""

from __future__ import annotations

from django.conf import settings
from rest_framework import throttling

DEFAULT_RATES = {"anon": "60/minute", "user": "1200/minute", "feasibility_run": "30/minute"}


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
