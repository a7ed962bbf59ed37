"""The shared cast of personas every app's tests use (see STYLE.md "Tests").

A Germany (destination) – Kosovo (origin) partnership in which the German ministry of labour leads, the
Kosovan ministry of labour co-leads and a German employers' association takes part. Around it:

- ``dest_official`` — official of the destination ministry;
- ``origin_official`` — official of the origin ministry;
- ``reviewer`` — IOM staff with the reviewer role (no organisation);
- ``partner_client`` — API client (role partner) of the employers' association;
- ``outsider`` — official of a ministry that takes part in no partnership here.

Every fixture is function-scoped and uses the database, so tests stay independent.
"""

from __future__ import annotations

import threading
import weakref

import pytest
from django.db import connections
from django.db.backends.signals import connection_created

from accounts.models import UserRole
from accounts.tests.factories import UserFactory
from codelists import stakeholders as sc
from codelists.partnerships import Side
from partnerships.tests.factories import PartnershipCountryFactory, PartnershipFactory
from stakeholders.tests.factories import OrganisationFactory, ParticipationFactory

#
# Organisations
#


@pytest.fixture
def dest_ministry(db):
    """Germany's federal ministry of labour (destination side)."""
    return OrganisationFactory(
        name="Federal Ministry of Labour and Social Affairs",
        category=sc.OrganisationCategory.GOVERNMENT_MINISTRY,
        portfolio=[sc.Portfolio.LABOUR_EMPLOYMENT],
        level=sc.OrganisationLevel.NATIONAL,
        country="DE",
    )


@pytest.fixture
def origin_ministry(db):
    """Kosovo's ministry of labour (origin side)."""
    return OrganisationFactory(
        name="Ministry of Finance, Labour and Transfers",
        category=sc.OrganisationCategory.GOVERNMENT_MINISTRY,
        portfolio=[sc.Portfolio.LABOUR_EMPLOYMENT, sc.Portfolio.FINANCE],
        level=sc.OrganisationLevel.NATIONAL,
        country="XK",
    )


@pytest.fixture
def employers_association(db):
    """A German construction employers' association (employer side)."""
    return OrganisationFactory(
        name="Construction Industry Employers' Association",
        category=sc.OrganisationCategory.EMPLOYER_ORG,
        portfolio=[],
        level=sc.OrganisationLevel.NATIONAL,
        country="DE",
    )


@pytest.fixture
def unrelated_ministry(db):
    """A ministry that takes part in no partnership of the cast."""
    return OrganisationFactory(
        name="Ministry of Economic Inclusion and Employment",
        category=sc.OrganisationCategory.GOVERNMENT_MINISTRY,
        portfolio=[sc.Portfolio.LABOUR_EMPLOYMENT],
        level=sc.OrganisationLevel.NATIONAL,
        country="MA",
    )


#
# People
#


@pytest.fixture
def dest_official(dest_ministry):
    return UserFactory(username="dest_official", role=UserRole.OFFICIAL, organisations=[dest_ministry])


@pytest.fixture
def origin_official(origin_ministry):
    return UserFactory(username="origin_official", role=UserRole.OFFICIAL, organisations=[origin_ministry])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", role=UserRole.REVIEWER)


@pytest.fixture
def partner_client(employers_association):
    return UserFactory(username="partner_client", role=UserRole.PARTNER, organisations=[employers_association])


@pytest.fixture
def outsider(unrelated_ministry):
    return UserFactory(username="outsider", role=UserRole.OFFICIAL, organisations=[unrelated_ministry])


#
# The partnership
#


@pytest.fixture
def partnership(dest_ministry, origin_ministry, employers_association):
    """Germany–Kosovo construction partnership with both ministries and the employers' association."""
    partnership = PartnershipFactory(name="Germany–Kosovo construction skills partnership")
    PartnershipCountryFactory(partnership=partnership, country="DE", side=Side.DESTINATION, languages=["de"])
    PartnershipCountryFactory(partnership=partnership, country="XK", side=Side.ORIGIN, languages=["sq", "sr"])
    ParticipationFactory(
        partnership=partnership,
        organisation=dest_ministry,
        side=Side.DESTINATION,
        roles=[sc.ParticipationRole.LEAD, sc.ParticipationRole.FUNDER],
    )
    ParticipationFactory(
        partnership=partnership,
        organisation=origin_ministry,
        side=Side.ORIGIN,
        roles=[sc.ParticipationRole.CO_LEAD],
    )
    ParticipationFactory(
        partnership=partnership,
        organisation=employers_association,
        side=Side.DESTINATION,
        roles=[sc.ParticipationRole.EMPLOYER, sc.ParticipationRole.FUNDER],
    )
    return partnership


@pytest.fixture
def private_media(settings, tmp_path):
    """Generated files (PDF briefs) go to a directory of this test (``STORAGES["private"]``)."""
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "base_url": None},
        },
    }
    return root


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's test databases, and every connection the session opened on them closed before they go.

    Django keeps a connection per thread and per ``contextvars`` context. Playwright's sync API can resume the
    browser tests in another context, so the session ends with connections that no wrapper in the current
    context reaches; PostgreSQL then refuses to drop the test database ("being accessed by other users").
    Connections of other threads are left to those threads (the live server and the batch writer close theirs).
    """
    opened: weakref.WeakSet = weakref.WeakSet(connections[alias] for alias in connections)

    def remember(sender, connection, **kwargs):
        opened.add(connection)

    connection_created.connect(remember, weak=False, dispatch_uid="tests.remember_connections")
    yield
    connection_created.disconnect(dispatch_uid="tests.remember_connections")
    here = threading.get_ident()
    for wrapper in list(opened):
        if wrapper._thread_ident == here:
            wrapper.close()
