"""Fixtures of the API tests: an authenticated client per persona (a real key, sent as a header)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from api.services import api_token_create


@pytest.fixture(autouse=True)
def _generous_throttles(settings):
    # The throttling tests set their own low rates; everything else must never be throttled.
    settings.API_THROTTLE_RATES = {
        "anon": "100000/minute",
        "user": "100000/minute",
        "feasibility_run": "100000/minute",
        "auth_failure": "100000/minute",
    }


def client_for(user) -> APIClient:
    """An API client that sends ``Authorization: Token <key>`` for ``user``."""
    _token, raw_key = api_token_create(user=user, name=f"tests for {user.username}")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw_key}")
    return client


@pytest.fixture
def api_for():
    return client_for


@pytest.fixture
def partner_api(partner_client):
    return client_for(partner_client)


@pytest.fixture
def lead_client(dest_ministry):
    """The API client of the lead organisation (Germany's labour ministry): the lead side's rights."""
    from accounts.tests.factories import UserFactory

    return UserFactory(username="lead_client", role="partner", organisations=[dest_ministry])


@pytest.fixture
def lead_api(lead_client):
    return client_for(lead_client)


@pytest.fixture
def official_api(dest_official):
    return client_for(dest_official)


@pytest.fixture
def reviewer_api(reviewer):
    return client_for(reviewer)


@pytest.fixture
def outsider_api(outsider):
    return client_for(outsider)


@pytest.fixture
def anonymous_api():
    return APIClient()
