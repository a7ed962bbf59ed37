"""Counting requests per key in the shared cache (``CACHES["default"]``; Redis when ``CACHE_URL`` is set).

Fixed windows: ``"10/hour"`` allows ten hits per clock hour-long window, counted with the cache's atomic
``add`` and ``incr`` so that every gunicorn worker and every host sharing the cache counts the same hits.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"30/minute"`` → ``(30, 60)``: number of hits and window in seconds (DRF's rate format)."""
    number, _, period = rate.partition("/")
    return int(number), PERIODS[period.strip()[0].lower()]


@dataclass(frozen=True)
class Limit:
    """Where a key stands in its window: ``allowed`` is False once ``count`` went over ``limit``."""

    count: int
    limit: int
    retry_after: int

    @property
    def allowed(self) -> bool:
        return self.count <= self.limit


def _key(scope: str, ident: str | None, window: int, now: float) -> str:
    digest = hashlib.sha256((ident or "").strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{int(now // window)}"


def _state(count: int, limit: int, window: int, now: float) -> Limit:
    return Limit(count=count, limit=limit, retry_after=max(1, int(window - now % window)))


def hit(scope: str, ident: str | None, rate: str) -> Limit:
    """Count one hit of ``ident`` (an address, an email) in ``scope`` and say whether it is within ``rate``."""
    limit, window = parse_rate(rate)
    now = time.time()
    key = _key(scope, ident, window, now)
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr: this hit opens a new window
        cache.add(key, 1, timeout=window + 1)
        count = 1
    return _state(count, limit, window, now)


def peek(scope: str, ident: str | None, rate: str) -> Limit:
    """Where ``ident`` stands without counting a hit (``allowed`` is False once the limit is reached)."""
    limit, window = parse_rate(rate)
    now = time.time()
    count = cache.get(_key(scope, ident, window, now), 0)
    return _state(count + 1, limit, window, now)
