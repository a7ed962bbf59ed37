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


@pytest.fixture
def midday():
    """Run the test in a time zone where it is now about noon, so that no midnight falls between its steps.

    Reusing a succeeded run and the nightly re-check compare local *dates* (rules read today's date, so a run
    of an earlier day is not reused): a test that makes a run and then asks again would fail if the clock
    crossed midnight between the two steps. The current time zone is set (``django.utils.timezone.override``,
    as a user's zone would be) to the fixed UTC offset at which this instant is 12:xx, so the nearest
    midnight is more than eleven hours away either side; nothing is mocked. Yields that instant, for tests
    that build timestamps relative to it.
    """
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    noon = dt.timezone(dt.timedelta(hours=12 - now.astimezone(dt.UTC).hour))
    with timezone.override(noon):
        yield now
