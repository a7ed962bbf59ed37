"""Views of the feasibility API: runs (read, compare) and the rule catalogue.

Runs are requested with ``POST /api/v1/partnerships/{id}/feasibility-runs/`` (partnerships API).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.permissions import IsAuthenticatedApiUser
from api.viewsets import ApiViewSetMixin, ReadOnlyApiViewSet, parse_id, scope_queryset_by_path
from feasibility.api import serializers as s
from feasibility.filtersets import FeasibilityRunFilterSet
from feasibility.models import FeasibilityRun, Finding
from feasibility.registry import REGISTRY
from feasibility.serialization import run_to_dict
from feasibility.services import feasibility_runs_compare


@extend_schema_view(
    list=extend_schema(summary="Feasibility runs of the partnerships you can see, newest first"),
    retrieve=extend_schema(summary="One run with its findings per element", responses=s.FeasibilityRunSerializer),
)
class FeasibilityRunViewSet(ReadOnlyApiViewSet):
    """Runs are never overwritten: each check is a new run, so runs can be compared over time."""

    permission_classes = [IsAuthenticatedApiUser]
    queryset = FeasibilityRun.objects.all()
    serializer_class = s.FeasibilityRunSummarySerializer
    filterset_class = FeasibilityRunFilterSet
    ordering_fields = ("created_at", "finished_at", "overall_score", "id")
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        return scope_queryset_by_path(super().get_queryset(), self.request.user, "partnership")

    def retrieve(self, request, *args, **kwargs):
        run = self.get_object()
        run = FeasibilityRun.objects.prefetch_related("findings").get(pk=run.pk)
        return Response(run_to_dict(run))

    @extend_schema(
        summary="What changed between two runs of the same partnership",
        parameters=[
            OpenApiParameter("a", int, required=True, description="The older run."),
            OpenApiParameter("b", int, required=True, description="The newer run."),
        ],
        responses=s.RunComparisonSerializer,
    )
    @action(detail=False, methods=["get"])
    def compare(self, request):
        ids = {}
        for name in ("a", "b"):
            if name not in request.query_params:
                raise exceptions.ValidationError({name: [_("Give the id of a run.")]})
            ids[name] = parse_id(request.query_params[name], field=name)
        runs = {run.pk: run for run in self.get_queryset().filter(pk__in=ids.values()).prefetch_related("findings")}
        missing = [name for name, pk in ids.items() if pk not in runs]
        if missing:
            raise exceptions.NotFound(_("No run %(id)s that you can see.") % {"id": ids[missing[0]]})
        run_a, run_b = runs[ids["a"]], runs[ids["b"]]
        if run_a.partnership_id != run_b.partnership_id:
            raise exceptions.ValidationError({"b": [_("Compare two runs of the same partnership.")]})
        result = feasibility_runs_compare(run_a=run_a, run_b=run_b)
        return Response(s.RunComparisonSerializer(result).data)


@extend_schema_view(
    list=extend_schema(
        summary="Every rule of the feasibility check (E1.R1 … R.n)", responses=s.RuleSerializer(many=True)
    ),
    retrieve=extend_schema(summary="One rule, e.g. E3.R2, with the inputs it reads", responses=s.RuleDetailSerializer),
)
class RuleViewSet(ApiViewSetMixin, viewsets.ViewSet):
    """The rule catalogue from the registry (the same as the public /rules/ page)."""

    permission_classes = [IsAuthenticatedApiUser]
    lookup_value_regex = r"(?:E[1-8]\.R\d{1,3}|R\.\d{1,3})"
    serializer_class = s.RuleSerializer

    def list(self, request):
        element = request.query_params.get("element")
        specs = REGISTRY.ordered()
        if element:
            specs = [spec for spec in specs if spec.element == element]
        return Response([s.rule_to_dict(spec) for spec in specs])

    def retrieve(self, request, pk=None):
        spec = REGISTRY.get(pk)
        if spec is None:
            raise exceptions.NotFound(_("No rule %(id)s.") % {"id": pk})
        return Response(s.rule_to_dict(spec, with_inputs=True))


__all__ = ["FeasibilityRunViewSet", "RuleViewSet", "Finding"]
