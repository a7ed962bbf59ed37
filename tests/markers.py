"""Markers shared by tests that need what only the real services give (CI runs them all: `.ci/run`)."""

from __future__ import annotations

import pytest
from django.conf import settings

#: Tests of concurrent writers (row locks, two connections racing, another process on the same database):
#: SQLite serialises writers and keeps the test database in memory, so they mean something on PostgreSQL only.
postgresql_only = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (concurrent connections and row locks); .ci/run runs it on PostgreSQL",
)
