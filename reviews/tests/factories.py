"""Factories of the review workflow's rows."""

from __future__ import annotations

import factory

from codelists import partnerships as c
from partnerships.tests.factories import USER_FACTORY, PartnershipFactory
from reviews.models import ReviewComment, ReviewTransition


class ReviewTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewTransition

    partnership = factory.SubFactory(PartnershipFactory)
    action = c.ReviewAction.SUBMIT
    from_status = c.ReviewStatus.DRAFT
    to_status = c.ReviewStatus.SUBMITTED
    user = factory.SubFactory(USER_FACTORY)


class ReviewCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewComment

    partnership = factory.SubFactory(PartnershipFactory)
    element = c.ElementCode.E3
    rule_id = "E3.R2"
    text = "Add labour-demand evidence for the origin country."
    requests_change = True
    author = factory.SubFactory(USER_FACTORY, reviewer=True)
