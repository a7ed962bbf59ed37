"""Playwright set-up for the browser tests: Debian's chromium (`make system-deps`), no downloads.

Tests here are marked ``browser``; they are skipped, with the reason printed, only when /usr/bin/chromium is
missing (CI installs it with ``apt-get install -y chromium``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# pytest-django's live_server runs the app in a thread next to Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` to run the browser tests"
    print(f"\nSKIPPING browser tests: {reason}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where screenshots go: ``$SMP_TEST_ARTIFACTS`` or ``test-artifacts/`` in the repository (git-ignored)."""
    root = Path(__file__).resolve().parents[2]
    path = Path(os.environ.get("SMP_TEST_ARTIFACTS") or root / "test-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path
