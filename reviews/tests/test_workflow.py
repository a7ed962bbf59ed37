"""The review workflow of SMP-DOMAIN §5.2: every action allowed and refused, by role, with its effects."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.tests.factories import UserFactory
from codelists.partnerships import ReviewStatus, Stage
from feasibility.models import FeasibilityRun, RunStatus
from partnerships.models import Partnership
from partnerships.services import partnership_update
from reviews.models import Notification, ReviewComment, ReviewTransition
from reviews.tests.support import bring_to, check_now
from reviews.workflow import (
    WORKFLOW,
    review_action_blockers,
    review_action_perform,
    review_actions_available,
    review_comment_add,
    submission_gaps,
)

pytestmark = pytest.mark.django_db


def refused(partnership, action, user, comment="", match=""):
    with pytest.raises(ValidationError) as caught:
        review_action_perform(partnership=partnership, action=action, user=user, comment=comment)
    text = " ".join(caught.value.messages)
    assert match in text, text
    return text


#
# The table
#


def test_the_table_declares_every_action_of_the_domain_once():
    assert set(WORKFLOW) == {
        "submit",
        "start_review",
        "release",
        "request_changes",
        "resubmit",
        "approve",
        "withdraw",
        "reopen",
    }
    assert WORKFLOW["withdraw"].sources == {"submitted", "in_review", "changes_requested"}
    assert WORKFLOW["reopen"].target == "draft"


def test_an_unknown_action_is_refused_with_the_list_of_actions(ready, dest_official):
    text = refused(ready, "publish", dest_official, match="publish is not a review action")
    assert "submit" in text


def test_an_action_from_the_wrong_state_is_refused_and_names_the_state(ready, reviewer):
    refused(ready, "approve", reviewer, match="not possible while the partnership is draft")
    assert not ReviewTransition.objects.exists()


#
# submit
#


def test_an_official_submits_a_complete_draft(ready, dest_official, reviewer, second_reviewer):
    record = review_action_perform(partnership=ready, action="submit", user=dest_official)

    ready.refresh_from_db()
    assert ready.review_status == ReviewStatus.SUBMITTED
    assert ready.review_round == 1
    assert (record.action, record.from_status, record.to_status, record.user) == (
        "submit",
        "draft",
        "submitted",
        dest_official,
    )
    assert FeasibilityRun.objects.filter(partnership=ready, status=RunStatus.QUEUED).count() == 1
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "reviewer",
        "second_reviewer",
    }
    last = ready.history.order_by("-history_date").first()
    assert last.history_user == dest_official and last.review_status == "submitted"


def test_the_api_client_of_the_lead_organisation_may_submit(ready, dest_ministry):
    lead_client = UserFactory(role="partner", organisations=[dest_ministry])
    review_action_perform(partnership=ready, action="submit", user=lead_client)
    assert Partnership.objects.get(pk=ready.pk).review_status == ReviewStatus.SUBMITTED


def test_a_participant_outside_the_lead_side_cannot_submit(ready, partner_client):
    # The employers' association takes part as employer and funder: it reads and fills its parts only.
    refused(ready, "submit", partner_client, match="Only the lead or a co-lead organisation")
    assert Partnership.objects.get(pk=ready.pk).review_status == ReviewStatus.DRAFT


def test_a_reviewer_cannot_submit(ready, reviewer):
    refused(ready, "submit", reviewer, match="Only the lead or a co-lead organisation")


def test_an_outsider_cannot_submit(ready, outsider):
    refused(ready, "submit", outsider, match="Only the lead or a co-lead organisation")


def test_submit_is_refused_until_basics_countries_and_lead_are_there(partnership, dest_official):
    assert submission_gaps(partnership=partnership) == [("basics", "Choose at least one sector.")]
    refused(partnership, "submit", dest_official, match="Before submitting: Choose at least one sector.")
    assert Partnership.objects.get(pk=partnership.pk).review_status == ReviewStatus.DRAFT


def test_a_closed_partnership_cannot_be_submitted(ready, dest_official):
    Partnership.objects.filter(pk=ready.pk).update(stage=Stage.CLOSED)
    ready.refresh_from_db()
    refused(ready, "submit", dest_official, match="closed partnership cannot be submitted")


def test_submit_emails_reviewers_when_email_is_configured(
    ready, dest_official, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_CONFIGURED = True
    with django_capture_on_commit_callbacks(execute=True):
        review_action_perform(partnership=ready, action="submit", user=dest_official)
    assert [message.to for message in mail.outbox] == [[reviewer.email]]
    assert ready.name in mail.outbox[0].subject


def test_no_email_is_sent_when_email_is_not_configured(
    ready, dest_official, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_CONFIGURED = False
    with django_capture_on_commit_callbacks(execute=True):
        review_action_perform(partnership=ready, action="submit", user=dest_official)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=reviewer).count() == 1


#
# start_review and release
#


def test_a_reviewer_starts_the_review_and_is_assigned(ready, dest_official, reviewer):
    bring_to(ready, "submitted", official=dest_official, reviewer=reviewer)
    review_action_perform(partnership=ready, action="start_review", user=reviewer)
    ready.refresh_from_db()
    assert (ready.review_status, ready.assigned_reviewer) == (ReviewStatus.IN_REVIEW, reviewer)


def test_an_official_cannot_start_the_review(ready, dest_official, reviewer):
    bring_to(ready, "submitted", official=dest_official, reviewer=reviewer)
    refused(ready, "start_review", dest_official, match="Only an IOM reviewer")


def test_the_assigned_reviewer_releases_the_review(ready, dest_official, reviewer):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    review_action_perform(partnership=ready, action="release", user=reviewer)
    ready.refresh_from_db()
    assert (ready.review_status, ready.assigned_reviewer) == (ReviewStatus.SUBMITTED, None)


def test_another_reviewer_cannot_release_or_approve(ready, dest_official, reviewer, second_reviewer):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    refused(ready, "release", second_reviewer, match="Only the assigned reviewer")
    refused(ready, "approve", second_reviewer, match="Only the assigned reviewer")


#
# request_changes and resubmit
#


def test_request_changes_needs_an_open_change_request(ready, dest_official, reviewer):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    refused(ready, "request_changes", reviewer, match="comment that requests a change")
    review_comment_add(partnership=ready, user=reviewer, text="Only a remark.")
    refused(ready, "request_changes", reviewer, match="comment that requests a change")


def test_request_changes_notifies_the_officials(ready, dest_official, origin_official, reviewer):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    review_comment_add(
        partnership=ready, user=reviewer, text="Add labour-market evidence.", element="E3", requests_change=True
    )
    review_action_perform(partnership=ready, action="request_changes", user=reviewer, comment="See E3.")
    ready.refresh_from_db()
    assert ready.review_status == ReviewStatus.CHANGES_REQUESTED
    told = set(Notification.objects.filter(action="request_changes").values_list("recipient__username", flat=True))
    assert {"dest_official", "origin_official"} <= told
    assert "reviewer" not in told


def test_an_official_cannot_request_changes(ready, dest_official, reviewer):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    refused(ready, "request_changes", dest_official, match="Only the assigned reviewer")


def test_the_official_resubmits_and_a_new_round_starts(ready, dest_official, reviewer):
    bring_to(ready, "changes_requested", official=dest_official, reviewer=reviewer)
    review_action_perform(partnership=ready, action="resubmit", user=dest_official, comment="Evidence added.")
    ready.refresh_from_db()
    assert (ready.review_status, ready.review_round) == (ReviewStatus.SUBMITTED, 2)
    assert FeasibilityRun.objects.filter(partnership=ready).exists()


def test_a_reviewer_cannot_resubmit(ready, dest_official, reviewer):
    bring_to(ready, "changes_requested", official=dest_official, reviewer=reviewer)
    refused(ready, "resubmit", reviewer, match="Only the lead or a co-lead organisation")


#
# approve
#


def test_approve_stores_version_stage_time_and_reviewer(ready, dest_official, reviewer):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    check_now(ready)
    review_action_perform(partnership=ready, action="approve", user=reviewer, comment="Ready.")
    ready.refresh_from_db()
    assert ready.review_status == ReviewStatus.APPROVED
    assert (ready.approved_version, ready.approved_stage, ready.approved_by) == (ready.version, ready.stage, reviewer)
    assert ready.approved_at is not None
    assert Notification.objects.filter(action="approve", recipient=dest_official).exists()


def test_approve_is_refused_without_a_feasibility_run(ready, dest_official, reviewer):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    FeasibilityRun.objects.filter(partnership=ready).delete()
    refused(ready, "approve", reviewer, match="No feasibility check has run yet")


def test_approve_is_refused_while_the_check_is_queued(ready, dest_official, reviewer):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    assert FeasibilityRun.objects.get(partnership=ready).status == RunStatus.QUEUED
    refused(ready, "approve", reviewer, match="still running")


def test_approve_is_refused_when_the_data_changed_since_the_check(ready, dest_official, reviewer):
    check_now(ready)
    partnership_update(partnership=ready, user=dest_official, expected_version=ready.version, data={"summary": "New."})
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    FeasibilityRun.objects.filter(partnership=ready, status=RunStatus.QUEUED).delete()
    refused(ready, "approve", reviewer, match="changed since the latest feasibility check")


def test_approve_is_refused_while_the_recruitment_check_fails(ready, dest_official, reviewer):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    run = check_now(ready)
    FeasibilityRun.objects.filter(pk=run.pk).update(recruitment_verdict="fail", red_flags=["R.11"])
    refused(ready, "approve", reviewer, match="red flags: R.11")


def test_approve_is_refused_while_change_requests_are_open(ready, dest_official, reviewer):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    check_now(ready)
    review_comment_add(partnership=ready, user=reviewer, text="Fix E8.", element="E8", requests_change=True)
    refused(ready, "approve", reviewer, match="1 requested change(s) are still open")
    assert review_action_blockers(partnership=ready, action="approve", user=reviewer) != []


def test_an_official_cannot_approve(ready, dest_official, reviewer):
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    check_now(ready)
    refused(ready, "approve", dest_official, match="Only the assigned reviewer")


#
# withdraw and reopen
#


@pytest.mark.parametrize("status", ["submitted", "in_review", "changes_requested"])
def test_an_official_withdraws_with_a_reason(ready, dest_official, reviewer, status):
    bring_to(ready, status, official=dest_official, reviewer=reviewer)
    review_action_perform(partnership=ready, action="withdraw", user=dest_official, comment="Need to edit costs.")
    assert Partnership.objects.get(pk=ready.pk).review_status == ReviewStatus.WITHDRAWN
    assert Notification.objects.filter(action="withdraw", recipient=reviewer).exists()


def test_withdraw_without_a_reason_is_refused(ready, dest_official, reviewer):
    bring_to(ready, "submitted", official=dest_official, reviewer=reviewer)
    refused(ready, "withdraw", dest_official, comment="  ", match="Give a reason")


def test_a_reviewer_cannot_withdraw(ready, dest_official, reviewer):
    bring_to(ready, "submitted", official=dest_official, reviewer=reviewer)
    refused(ready, "withdraw", reviewer, comment="x", match="Only the lead or a co-lead organisation")


def test_reopen_after_approval_keeps_the_approval_in_history(ready, dest_official, reviewer):
    bring_to(ready, "approved", official=dest_official, reviewer=reviewer)
    approved_version = Partnership.objects.get(pk=ready.pk).approved_version
    review_action_perform(partnership=ready, action="reopen", user=dest_official)
    ready.refresh_from_db()
    assert ready.review_status == ReviewStatus.DRAFT
    assert ready.approved_version == approved_version
    actions = list(
        ReviewTransition.objects.filter(partnership=ready).order_by("at", "pk").values_list("action", flat=True)
    )
    assert actions == ["submit", "start_review", "approve", "reopen"]


def test_reopen_after_withdrawal_returns_to_draft(ready, dest_official, reviewer):
    bring_to(ready, "withdrawn", official=dest_official, reviewer=reviewer)
    review_action_perform(partnership=ready, action="reopen", user=dest_official)
    assert Partnership.objects.get(pk=ready.pk).review_status == ReviewStatus.DRAFT


def test_a_reviewer_cannot_reopen(ready, dest_official, reviewer):
    bring_to(ready, "withdrawn", official=dest_official, reviewer=reviewer)
    refused(ready, "reopen", reviewer, match="Only the lead or a co-lead organisation")


def test_a_stale_page_is_refused(ready, dest_official, reviewer):
    bring_to(ready, "submitted", official=dest_official, reviewer=reviewer)
    with pytest.raises(ValidationError, match="changed the review meanwhile"):
        review_action_perform(
            partnership=ready, action="start_review", user=reviewer, expected_status=ReviewStatus.DRAFT
        )


#
# Available actions
#


def test_available_actions_depend_on_state_and_role(ready, dest_official, reviewer, second_reviewer, outsider):
    assert [str(t) for t in review_actions_available(partnership=ready, user=dest_official)] == ["submit"]
    assert review_actions_available(partnership=ready, user=reviewer) == []
    bring_to(ready, "in_review", official=dest_official, reviewer=reviewer)
    assert {str(t) for t in review_actions_available(partnership=ready, user=reviewer)} == {
        "release",
        "request_changes",
        "approve",
    }
    assert review_actions_available(partnership=ready, user=second_reviewer) == []
    assert [str(t) for t in review_actions_available(partnership=ready, user=dest_official)] == ["withdraw"]
    assert review_actions_available(partnership=ready, user=outsider) == []


#
# Comments
#


def test_a_reviewer_comments_on_a_rule_and_the_element_follows(ready, reviewer):
    comment = review_comment_add(partnership=ready, user=reviewer, text="Cite the survey.", rule_id="E3.R2")
    assert (comment.element, comment.rule_id, comment.author) == ("E3", "E3.R2", reviewer)
    assert comment.history.first().history_user == reviewer


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"text": " "}, "text", "Write the comment."),
        ({"element": "E9"}, "element", "E9 is not an element"),
        ({"rule_id": "E3.R99"}, "rule_id", "There is no rule E3.R99."),
        ({"rule_id": "nonsense"}, "rule_id", "is not a rule id"),
        ({"rule_id": "E3.R2", "element": "E4"}, "rule_id", "belongs to element E3, not E4"),
    ],
)
def test_a_bad_comment_is_refused_on_the_field_to_fix(ready, reviewer, fields, field, message):
    data = {"text": "Something.", **fields}
    with pytest.raises(ValidationError) as caught:
        review_comment_add(partnership=ready, user=reviewer, **data)
    assert message in " ".join(caught.value.message_dict[field])
    assert not ReviewComment.objects.exists()


def test_officials_answer_but_cannot_request_changes(ready, dest_official):
    review_comment_add(partnership=ready, user=dest_official, text="We will add the survey.")
    with pytest.raises(ValidationError, match="Only IOM reviewers can request changes"):
        review_comment_add(partnership=ready, user=dest_official, text="x", requests_change=True)


def test_an_outsider_cannot_comment(ready, outsider):
    with pytest.raises(ValidationError, match="Only participating organisations"):
        review_comment_add(partnership=ready, user=outsider, text="Hello.")


def test_each_recipient_reads_the_notification_in_their_own_language(
    ready, dest_official, reviewer, second_reviewer, settings, django_capture_on_commit_callbacks
):
    """Issue "Three languages for real": the notice and its email are written in the recipient's language."""
    settings.EMAIL_CONFIGURED = True
    reviewer.language, second_reviewer.language = "es", "fr"
    reviewer.save(update_fields=["language"])
    second_reviewer.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        review_action_perform(partnership=ready, action="submit", user=dest_official)
    by_recipient = {n.recipient_id: n.message for n in Notification.objects.filter(partnership=ready)}
    spanish, french = by_recipient[reviewer.pk], by_recipient[second_reviewer.pk]
    assert ready.name in spanish and ready.name in french
    assert "submitted" not in spanish and "submitted" not in french and spanish != french
    emails = {message.to[0]: message.body for message in mail.outbox}
    assert emails[reviewer.email] == spanish and emails[second_reviewer.email] == french
