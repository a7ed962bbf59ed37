"""Counting requests per key in the shared cache (``CACHES["default"]``; Redis when ``CACHE_URL`` is set).

A rate such as ``"10/hour"`` allows ten hits in the hour that starts with the first hit; the count and the
window's start live in the cache and are updated with its atomic ``add`` and ``incr``, so every gunicorn worker
and every host sharing the cache counts the same hits. When the window ends, both keys expire.
"""

from __future__ import annotations

import hashlib
import math
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


def _key(scope: str, ident: str | None, window: int) -> str:
    digest = hashlib.sha256((ident or "").strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{window}:{digest}"


def _state(key: str, count: int, limit: int, window: int, now: float) -> Limit:
    start = cache.get(f"{key}:start") or now
    return Limit(count=count, limit=limit, retry_after=max(1, math.ceil(start + window - now)))


def hit(scope: str, ident: str | None, rate: str) -> Limit:
    """Count one hit of ``ident`` (an address, an email) in ``scope`` and say whether it is within ``rate``."""
    limit, window = parse_rate(rate)
    key = _key(scope, ident, window)
    now = time.time()
    cache.add(f"{key}:start", now, timeout=window)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr: this hit opens a new one
        cache.set(key, 1, timeout=window)
        count = 1
    return _state(key, count, limit, window, now)


def peek(scope: str, ident: str | None, rate: str) -> Limit:
    """Where ``ident`` would stand with one more hit, without counting it."""
    limit, window = parse_rate(rate)
    key = _key(scope, ident, window)
    return _state(key, (cache.get(key) or 0) + 1, limit, window, time.time())
