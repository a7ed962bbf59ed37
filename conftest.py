"""Make the shared personas of tests/conftest.py available to every app's tests."""

import pytest

pytest_plugins = ["tests.conftest"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: throttle and rate-limit counts must not carry over. With
    ``CACHE_URL=redis://…/N`` this empties Redis database N, which the test run must have to itself."""
    from django.core.cache import cache

    cache.clear()
    yield
