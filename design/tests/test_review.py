"""W11: the feasibility check runs and is stored, results link back to the steps, submission goes through
the review workflow (reviews.workflow)."""

from __future__ import annotations

import pytest

from codelists import partnerships as pc
from design.tests.test_views import step_url
from feasibility.models import FeasibilityRun
from partnerships.models import Partnership
from reviews.models import ReviewTransition
from skills.tests.factories import SectorFactory

pytestmark = pytest.mark.django_db


def test_running_the_check_stores_a_run_and_shows_scores_with_links_to_steps(client, dest_official, partnership):
    client.force_login(dest_official)
    response = client.post(step_url(partnership, "review"), {"action": "check"})
    assert response.status_code == 302
    run = FeasibilityRun.objects.get(partnership=partnership)
    assert run.status == "succeeded" and run.requested_by == dest_official
    page = client.get(step_url(partnership, "review")).content.decode()
    assert 'id="element-E1"' in page and 'id="element-E8"' in page
    assert step_url(partnership, "costs") in page  # E8 findings link to the costs step
    assert "E1.R1" in page


def test_submitting_runs_the_check_and_moves_the_partnership_to_submitted(client, dest_official, partnership):
    partnership.sectors.add(SectorFactory(code="construction"))
    client.force_login(dest_official)
    response = client.post(step_url(partnership, "review"), {"action": "submit", "comment": "Ready"})
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.review_status == pc.ReviewStatus.SUBMITTED
    assert ReviewTransition.objects.filter(partnership=partnership, action="submit", user=dest_official).exists()
    assert FeasibilityRun.objects.filter(partnership=partnership, status="succeeded").exists()
    page = client.get(step_url(partnership, "basics")).content.decode()
    assert "read-only" in page


def test_submitting_an_incomplete_partnership_says_what_is_missing(client, dest_official, partnership):
    client.force_login(dest_official)  # no sector yet
    page = client.get(step_url(partnership, "review")).content.decode()
    assert "Choose at least one sector." in page
    response = client.post(step_url(partnership, "review"), {"action": "submit"})
    assert response.status_code == 409
    assert "sector" in response.content.decode()
    assert Partnership.objects.get(pk=partnership.pk).review_status == pc.ReviewStatus.DRAFT


def test_reviewer_cannot_run_the_check_or_submit(client, reviewer, partnership):
    client.force_login(reviewer)
    assert client.get(step_url(partnership, "review")).status_code == 200
    assert client.post(step_url(partnership, "review"), {"action": "submit"}).status_code == 403
