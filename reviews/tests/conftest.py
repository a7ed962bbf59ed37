"""Fixtures of the reviews tests, on top of the shared personas (tests/conftest.py)."""

from __future__ import annotations

import pytest

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from codelists.skills import SectorCode
from skills.tests.factories import SectorFactory


@pytest.fixture
def second_reviewer(db):
    return UserFactory(username="second_reviewer", role=UserRole.REVIEWER)


@pytest.fixture
def ready(partnership):
    """The persona partnership with what ``submit`` needs (W1–W3 complete: it lacked only a sector)."""
    partnership.sectors.add(SectorFactory(code=SectorCode.CONSTRUCTION))
    return partnership
