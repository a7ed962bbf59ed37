"""Integrity of the review workflow's rows: ``clean()`` messages and the database's choice constraints."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reviews.models import ReviewComment, ReviewTransition
from reviews.tests import factories as f

pytestmark = pytest.mark.django_db


def test_it_rejects_a_review_comment_whose_rule_belongs_to_another_element():
    comment = f.ReviewCommentFactory.build(
        partnership=f.PartnershipFactory(), element="E4", rule_id="E3.R2", author=None
    )
    with pytest.raises(ValidationError) as info:
        comment.full_clean()
    assert "belongs to element E3" in info.value.message_dict["rule_id"][0]
    comment = f.ReviewCommentFactory.build(partnership=comment.partnership, element="R", rule_id="R.11", author=None)
    comment.full_clean()


@pytest.mark.parametrize(
    ("factory", "field", "constraint"),
    [
        (f.ReviewTransitionFactory, "action", "reviewtransition_action_valid"),
        (f.ReviewTransitionFactory, "from_status", "reviewtransition_from_status_valid"),
        (f.ReviewTransitionFactory, "to_status", "reviewtransition_to_status_valid"),
        (f.ReviewCommentFactory, "element", "reviewcomment_element_valid"),
    ],
)
def test_the_database_rejects_a_code_outside_the_list(factory, field, constraint):
    row = factory()
    with pytest.raises(IntegrityError) as info, transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(**{field: "xx"})
    assert constraint in str(info.value)


def test_every_choice_column_of_the_review_rows_has_a_constraint():
    for model in (ReviewTransition, ReviewComment):
        names = {constraint.name for constraint in model._meta.constraints}
        for field in model._meta.concrete_fields:
            if field.choices:
                assert f"{model._meta.model_name}_{field.name}_valid" in names, (model.__name__, field.name)


def test_comment_edits_are_in_the_audit_trail():
    comment = f.ReviewCommentFactory()
    comment.resolved = True
    comment.save()
    assert [row.resolved for row in comment.history.order_by("history_id")] == [False, True]


def test_each_review_row_links_to_where_people_read_it():
    comment = f.ReviewCommentFactory()
    transition = f.ReviewTransitionFactory(partnership=comment.partnership)
    page = f"/partnerships/{comment.partnership_id}/review/"  # the Review tab of the partnership page
    assert comment.get_absolute_url() == f"{page}#comment-{comment.pk}"
    assert transition.get_absolute_url() == f"{page}#transition-{transition.pk}"
    assert str(transition) == "Submit: Draft → Submitted"
