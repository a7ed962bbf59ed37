"""Strict readers for settings taken from the environment.

A value that cannot be parsed is an error at start-up, never a silent default:
``DEBUG=yes`` raises instead of being read as False (healthchecks `hc/settings.py`).
Every reader also accepts ``<NAME>_FILE`` pointing at a file that holds the value,
so secrets can come from Docker or Kubernetes secret files.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


def _raw(name: str) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r} cannot be read: {exc}") from exc
    value = os.environ.get(name)
    if value is None or value == "":
        return None
    return value


def env_str(name: str, default: str | None = None) -> str | None:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value in ("1", "true", "True"):
        return True
    if value in ("0", "false", "False"):
        return False
    raise ImproperlyConfigured(f"{name} must be 0/1 or true/false, got {value!r}")


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def cache_config(url: str | None, key_prefix: str | None = None) -> dict:
    """``CACHE_URL`` → a ``CACHES["default"]`` entry: ``redis://``/``rediss://`` → Django's Redis cache,
    ``locmem://`` or nothing → this process's memory. Anything else stops start-up. ``key_prefix``
    (``CACHE_KEY_PREFIX``, default ``smp``) keeps apart deployments — or parallel test processes — that
    share one Redis database."""
    if not url or url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "smp"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix or "smp",
        }
    raise ImproperlyConfigured(f"CACHE_URL must start with redis://, rediss://, unix:// or locmem://, got {url!r}")
