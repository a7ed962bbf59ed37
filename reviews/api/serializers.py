"""Serializers of the review API: who did what in the review of a partnership, and the comments on it."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers import MAX_ID, MAX_TEXT
from reviews.models import ReviewComment, ReviewTransition


def person(user) -> str | None:
    """A user's name as people read it (full name, else user name); ``None`` for a deleted user."""
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


class ReviewTransitionSerializer(serializers.ModelSerializer):
    """One review action (§5.2): submit, start review, request changes, approve …, with its comment."""

    action_label = serializers.CharField(source="get_action_display", read_only=True)
    from_status_label = serializers.CharField(source="get_from_status_display", read_only=True)
    to_status_label = serializers.CharField(source="get_to_status_display", read_only=True)
    user = serializers.SerializerMethodField(help_text="Who took the action (name); null when the account is gone.")

    class Meta:
        model = ReviewTransition
        fields = (
            "id",
            "partnership",
            "action",
            "action_label",
            "from_status",
            "from_status_label",
            "to_status",
            "to_status_label",
            "user",
            "at",
            "comment",
        )
        read_only_fields = fields

    def get_user(self, obj) -> str | None:
        return person(obj.user)


class ReviewCommentSerializer(serializers.ModelSerializer):
    """A comment on a partnership, optionally on one element (E1–E8, R) or one rule (E3.R2, R.11)."""

    partnership = serializers.IntegerField(
        source="partnership_id",
        min_value=1,
        max_value=MAX_ID,
        help_text="The id of the partnership commented on (listed at GET /api/v1/partnerships/); "
        "one you cannot see is a 404.",
    )
    text = serializers.CharField(max_length=MAX_TEXT, help_text="The comment.")
    element_label = serializers.CharField(source="get_element_display", read_only=True)
    author = serializers.SerializerMethodField(help_text="Who wrote it (name); null when the account is gone.")
    requests_change = serializers.BooleanField(
        required=False, default=False, help_text="IOM reviewers only: the officials must act on this comment."
    )

    class Meta:
        model = ReviewComment
        fields = (
            "id",
            "partnership",
            "element",
            "element_label",
            "rule_id",
            "text",
            "requests_change",
            "resolved",
            "author",
            "at",
        )
        read_only_fields = ("id", "resolved", "author", "at", "element_label")
        extra_kwargs = {
            "element": {"required": False, "help_text": "E1–E8 or R; implied by rule_id when that is given."},
            "rule_id": {"required": False, "help_text": "A rule id such as E3.R2 or R.11 (GET /api/v1/rules/)."},
        }

    def get_author(self, obj) -> str | None:
        return person(obj.author)


class ReviewCommentResolveSerializer(serializers.Serializer):
    resolved = serializers.BooleanField(default=True, help_text="true: the requested change is done; false: open.")
