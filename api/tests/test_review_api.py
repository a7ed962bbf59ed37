"""Review transitions and comments over the API (§5.2): readable by everyone who sees the partnership,
participants and reviewers comment, reviewers alone request changes and resolve, outsiders get 404."""

from __future__ import annotations

import pytest

from reviews import workflow
from reviews.models import ReviewComment
from reviews.tests.factories import ReviewCommentFactory, ReviewTransitionFactory

pytestmark = pytest.mark.django_db


def test_a_participant_reads_the_review_history_in_words(partner_api, partnership, reviewer):
    ReviewTransitionFactory(partnership=partnership, user=reviewer, comment="Ready for review.")
    response = partner_api.get("/api/v1/review-transitions/", {"partnership": partnership.pk})
    assert response.status_code == 200
    row = response.json()["results"][0]
    assert (row["action"], row["action_label"], row["to_status_label"]) == ("submit", "Submit", "Submitted")
    assert row["user"] == reviewer.get_full_name() and row["comment"] == "Ready for review."


def test_an_outsider_sees_no_review_row_of_another_partnership(outsider_api, partnership):
    transition = ReviewTransitionFactory(partnership=partnership)
    comment = ReviewCommentFactory(partnership=partnership)
    assert outsider_api.get("/api/v1/review-transitions/").json()["results"] == []
    assert outsider_api.get(f"/api/v1/review-transitions/{transition.pk}/").status_code == 404
    assert outsider_api.get(f"/api/v1/review-comments/{comment.pk}/").status_code == 404
    answer = outsider_api.post("/api/v1/review-comments/", {"partnership": partnership.pk, "text": "Hi"}, format="json")
    assert answer.status_code == 404


def test_a_participant_answers_on_a_rule_and_the_element_follows(partner_api, partnership):
    response = partner_api.post(
        "/api/v1/review-comments/",
        {"partnership": partnership.pk, "rule_id": "E3.R2", "text": "Origin survey added."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["element"], body["element_label"], body["requests_change"]) == (
        "E3",
        "E3 " + body["element_label"][3:],
        False,
    )
    assert ReviewComment.objects.get(pk=body["id"]).author.get_username() == "partner_client"


def test_only_a_reviewer_requests_a_change(partner_api, reviewer_api, partnership):
    refused = partner_api.post(
        "/api/v1/review-comments/",
        {"partnership": partnership.pk, "text": "Please fix", "requests_change": True},
        format="json",
    )
    assert refused.status_code == 400
    assert "Only IOM reviewers can request changes." in refused.json()["error"]["fields"]["requests_change"]
    accepted = reviewer_api.post(
        "/api/v1/review-comments/",
        {"partnership": partnership.pk, "element": "E8", "text": "Who pays the visa?", "requests_change": True},
        format="json",
    )
    assert accepted.status_code == 201 and accepted.json()["requests_change"] is True


def test_a_comment_on_an_unknown_rule_names_the_field(partner_api, partnership):
    response = partner_api.post(
        "/api/v1/review-comments/", {"partnership": partnership.pk, "rule_id": "E3.R99", "text": "x"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["rule_id"] == ["There is no rule E3.R99."]


def test_only_a_reviewer_resolves_a_comment(partner_api, reviewer_api, reviewer, partnership):
    comment = workflow.review_comment_add(
        partnership=partnership, user=reviewer, text="Add a grievance channel.", element="R", requests_change=True
    )
    refused = partner_api.post(f"/api/v1/review-comments/{comment.pk}/resolve/", {}, format="json")
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == "Only IOM reviewers can resolve review comments."
    done = reviewer_api.post(f"/api/v1/review-comments/{comment.pk}/resolve/", {"resolved": True}, format="json")
    assert done.status_code == 200 and done.json()["resolved"] is True


@pytest.mark.parametrize("rows", [5, 50])
def test_listing_comments_costs_the_same_queries_for_5_and_50(
    partner_api, partnership, django_assert_max_num_queries, rows
):
    ReviewCommentFactory.create_batch(rows, partnership=partnership)
    # auth token (1) + user organisations for the scope (≤2) + count (1) + page with authors joined (1)
    with django_assert_max_num_queries(6):
        response = partner_api.get("/api/v1/review-comments/")
    assert response.status_code == 200 and response.json()["count"] == rows
