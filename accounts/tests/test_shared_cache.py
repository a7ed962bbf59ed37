"""CACHE_URL picks the cache every process shares (docs/security.md, "The shared cache")."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from smp.env import cache_config


def test_without_cache_url_each_process_keeps_its_own_memory():
    assert cache_config(None)["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert cache_config("locmem://")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_redis_url_selects_django_s_redis_cache():
    config = cache_config("redis://redis:6379/2")

    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert config["LOCATION"] == "redis://redis:6379/2"


def test_an_unknown_cache_url_stops_start_up():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must start with"):
        cache_config("memcached://127.0.0.1:11211")
