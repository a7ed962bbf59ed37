"""Views of the review API: the review history of a partnership and its comments (§5.2).

Everyone who can see a partnership reads its review transitions and comments; IOM reviewers and the
partnership's participants comment (``partnerships.policy`` ``comment``); only reviewers request changes
and resolve comments. Review actions themselves (submit, approve …) stay on the review page and in
``reviews.workflow``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from api.permissions import IsAuthenticatedApiUser
from api.viewsets import ReadOnlyApiViewSet, parse_id, scope_queryset_by_path
from partnerships.models import Partnership
from reviews import services, workflow
from reviews.api import serializers as s
from reviews.filtersets import ReviewCommentFilterSet, ReviewTransitionFilterSet
from reviews.models import ReviewComment, ReviewTransition


def _refusal(error: ValidationError) -> None:
    """A service's "not allowed" is a 403 with its sentence; other errors stay 400 on their fields."""
    if getattr(error, "code", None) == "not_allowed":
        raise exceptions.PermissionDenied(error.messages[0])
    raise error


@extend_schema_view(
    list=extend_schema(summary="Review actions on the partnerships you can see, newest first"),
    retrieve=extend_schema(summary="One review action"),
)
class ReviewTransitionViewSet(ReadOnlyApiViewSet):
    """Submit, start review, request changes, approve …: each with who, when and the comment given."""

    permission_classes = [IsAuthenticatedApiUser]
    queryset = ReviewTransition.objects.select_related("user")
    serializer_class = s.ReviewTransitionSerializer
    filterset_class = ReviewTransitionFilterSet
    ordering_fields = ("at", "id")
    ordering = ("-at", "-id")

    def get_queryset(self):
        return scope_queryset_by_path(super().get_queryset(), self.request.user, "partnership")


@extend_schema_view(
    list=extend_schema(summary="Review comments on the partnerships you can see, newest first"),
    retrieve=extend_schema(summary="One review comment"),
    create=extend_schema(
        summary="Comment on a partnership, one of its elements or one rule",
        examples=[
            OpenApiExample(
                "An official answers on a rule",
                value={"partnership": 7, "rule_id": "E3.R2", "text": "Origin labour-demand survey added in June."},
                request_only=True,
            )
        ],
    ),
)
class ReviewCommentViewSet(mixins.CreateModelMixin, ReadOnlyApiViewSet):
    """Comments of the review. Participants and reviewers comment; reviewers request changes and resolve."""

    permission_classes = [IsAuthenticatedApiUser]
    queryset = ReviewComment.objects.select_related("author")
    serializer_class = s.ReviewCommentSerializer
    filterset_class = ReviewCommentFilterSet
    ordering_fields = ("at", "id")
    ordering = ("-at", "-id")

    def get_queryset(self):
        return scope_queryset_by_path(super().get_queryset(), self.request.user, "partnership")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        pk = parse_id(data["partnership_id"], field="partnership")
        partnership = Partnership.objects.for_user(request.user).filter(pk=pk).first()
        if partnership is None:
            raise exceptions.NotFound(_("No partnership %(id)s that you can see.") % {"id": pk})
        try:
            comment = workflow.review_comment_add(
                partnership=partnership,
                user=request.user,
                text=data["text"],
                element=data.get("element", ""),
                rule_id=data.get("rule_id", ""),
                requests_change=data.get("requests_change", False),
            )
        except ValidationError as error:
            _refusal(error)
        body = self.get_serializer(self.get_queryset().get(pk=comment.pk)).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Mark a comment resolved, or open it again (IOM reviewers)",
        request=s.ReviewCommentResolveSerializer,
        responses=s.ReviewCommentSerializer,
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        comment = self.get_object()
        serializer = s.ReviewCommentResolveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            comment = services.review_comment_resolve(
                comment=comment, user=request.user, resolved=serializer.validated_data["resolved"]
            )
        except ValidationError as error:
            _refusal(error)
        return Response(self.get_serializer(self.get_queryset().get(pk=comment.pk)).data)
