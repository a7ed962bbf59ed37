"""Reviewers' feedback where the official works: open change requests on the steps they concern, and
withdrawing from review from the wizard itself (the read-only notice used to point to the dashboard)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from codelists.partnerships import ReviewStatus
from reviews.tests.factories import ReviewCommentFactory
from reviews.tests.support import bring_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(partnership):
    """The shared Germany–Kosovo partnership, with the sector submission asks for (§5.2 guards)."""
    from skills.tests.factories import SectorFactory

    partnership.sectors.add(SectorFactory())
    return partnership


def step(partnership, code: str) -> str:
    return reverse("design:step", kwargs={"pk": partnership.pk, "code": code})


@pytest.fixture
def official(client, dest_official):
    client.force_login(dest_official)
    return client


def test_an_open_change_request_shows_on_the_step_of_its_element_and_on_the_first_and_last(
    official, partnership, reviewer
):
    ReviewCommentFactory(
        partnership=partnership,
        element="E8",
        rule_id="E8.R4",
        text="Employers should pay the visa fees.",
        requests_change=True,
        author=reviewer,
    )
    ReviewCommentFactory(
        partnership=partnership, element="E8", text="Done already.", requests_change=True, resolved=True
    )
    costs = official.get(step(partnership, "costs")).content.decode()
    assert "The reviewer asks for one change" in costs
    assert "Employers should pay the visa fees." in costs and "(E8.R4)" in costs
    assert "Done already." not in costs
    assert "Employers should pay the visa fees." not in official.get(step(partnership, "skills")).content.decode()
    for code in ("basics", "review"):
        assert "Employers should pay the visa fees." in official.get(step(partnership, code)).content.decode()


def test_the_lead_withdraws_from_review_on_the_step_and_can_edit_again(official, partnership, dest_official, reviewer):
    bring_to(partnership, ReviewStatus.IN_REVIEW, official=dest_official, reviewer=reviewer)
    page = official.get(step(partnership, "costs")).content.decode()
    assert "read-only for now" in page and "Withdraw from review to edit" in page
    without_reason = official.post(step(partnership, "review"), {"action": "withdraw", "back_to": "costs"}, follow=True)
    assert "reason" in without_reason.content.decode().lower()
    partnership.refresh_from_db()
    assert partnership.review_status == ReviewStatus.IN_REVIEW
    response = official.post(
        step(partnership, "review"),
        {"action": "withdraw", "back_to": "costs", "comment": "The employers' shares change."},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == step(partnership, "costs")
    partnership.refresh_from_db()
    assert partnership.review_status == ReviewStatus.WITHDRAWN
    page = response.content.decode()
    assert "Withdrawn from review: the partnership can be edited again." in page
    assert "read-only for now" not in page


def test_a_participant_who_may_not_withdraw_sees_no_button(
    client, partnership, partner_client, dest_official, reviewer
):
    bring_to(partnership, ReviewStatus.SUBMITTED, official=dest_official, reviewer=reviewer)
    client.force_login(partner_client)
    assert "Withdraw from review to edit" not in client.get(step(partnership, "costs")).content.decode()
    assert client.post(step(partnership, "review"), {"action": "withdraw"}).status_code == 403
    partnership.refresh_from_db()
    assert partnership.review_status == ReviewStatus.SUBMITTED


def test_the_lead_moves_the_stage_from_the_wizard_acknowledging_the_open_points(official, partnership):
    from codelists.partnerships import STAGE_ORDER, Stage
    from partnerships.models import StageChange

    before = partnership.stage
    following = next(code for code in Stage.values if STAGE_ORDER[code] == STAGE_ORDER[before] + 1)
    page = official.get(step(partnership, "review")).content.decode()
    assert f"Move to “{Stage(following).label}”" in page
    assert "Still open for this stage:" in page  # the factory partnership lacks most exit data

    refused = official.post(
        step(partnership, "review"), {"action": "move_stage", "to_stage": following, "reason": "Ready."}, follow=True
    )
    partnership.refresh_from_db()
    assert partnership.stage == before
    assert "of the checklist are missing" in refused.content.decode()  # the gaps, in words

    official.post(
        step(partnership, "review"),
        {"action": "move_stage", "to_stage": following, "reason": "Ready.", "acknowledge_gaps": "1"},
    )
    partnership.refresh_from_db()
    assert partnership.stage == following
    change = StageChange.objects.get(partnership=partnership, to_stage=following)
    assert change.reason == "Ready." and change.open_gaps


def test_a_participant_cannot_move_the_stage(client, partnership, partner_client):
    client.force_login(partner_client)
    assert "Lifecycle stage" not in client.get(step(partnership, "review")).content.decode()
    before = partnership.stage
    response = client.post(
        step(partnership, "review"), {"action": "move_stage", "to_stage": "closed", "acknowledge_gaps": "1"}
    )
    assert response.status_code == 403
    partnership.refresh_from_db()
    assert partnership.stage == before
