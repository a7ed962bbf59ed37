"""Make the shared personas of tests/conftest.py available to every app's tests."""

import os

import pytest

pytest_plugins = ["tests.conftest"]


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language. A request activates its reader's language
    (accounts.middleware) and nothing switches it back in the test process, so a Spanish reader's request in
    one test would otherwise leave later tests of the same process in Spanish."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Every test starts with an empty cache: throttle and rate-limit counts must not carry over.

    With ``CACHE_URL=redis://…/N`` one process empties Redis database N, which the test run must have to
    itself. Under pytest-xdist (``make test`` runs two processes) each process keeps its own key prefix
    (``smp-gw0``, ``smp-gw1``; exported as ``CACHE_KEY_PREFIX`` for the subprocesses a test starts) and
    deletes only its own keys, so one process's counts never vanish in the middle of another's test.
    """
    from django.core.cache import cache

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    config = settings.CACHES["default"]
    if not worker or not config["BACKEND"].endswith("RedisCache"):
        cache.clear()
        yield
        return
    import redis

    prefix = f"{config.get('KEY_PREFIX') or 'smp'}-{worker}"
    settings.CACHES = {"default": {**config, "KEY_PREFIX": prefix}}
    client = redis.Redis.from_url(config["LOCATION"])
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()
    previous = os.environ.get("CACHE_KEY_PREFIX")
    os.environ["CACHE_KEY_PREFIX"] = prefix
    yield
    if previous is None:
        os.environ.pop("CACHE_KEY_PREFIX", None)
    else:
        os.environ["CACHE_KEY_PREFIX"] = previous


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
