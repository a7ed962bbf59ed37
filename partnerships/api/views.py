"""Views of the partnerships API: partnerships (CRUD, stage, cost summary, feasibility runs) and their rows."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse

from api.conditional import etag_for, if_match_version
from api.exceptions import UnprocessableEntity
from api.filters import row_filterset
from api.permissions import IsAuthenticatedApiUser, PartnershipDataPermission, user_is_admin
from api.rows import GenericRowViewSet, ParentRowViewSet, ResultsRowMixin, parent_row_filterset
from api.schema import RUN_ACCEPTED
from api.services import (
    partnership_discard,
)
from api.throttling import ApiUserThrottle, FeasibilityRunThrottle
from api.viewsets import (
    ApiViewSetMixin,
    PartnershipScopedViewSet,
    ReadOnlyApiViewSet,
    scope_queryset_by_path,
)
from feasibility.api.serializers import FeasibilityRunSummarySerializer
from partnerships import models as m
from partnerships import policy, services
from partnerships.api import serializers as s
from partnerships.filtersets import IndicatorValueFilterSet, PartnershipFilterSet, ReportingPeriodFilterSet
from partnerships.services import (
    partnership_row_delete,
)

#
# Partnerships
#

PARTNERSHIP_EXAMPLE = {
    "name": "Germany–Kosovo construction skills partnership",
    "summary": "Training in Kosovo for construction jobs in Germany and at home.",
    "form_of_engagement": "mou",
    "migration_types": ["temporary"],
    "skill_levels": ["mid"],
    "sectors": ["construction"],
    "start_date": "2026-01-01",
    "end_date": "2028-12-31",
    "reporting_currency": "EUR",
    "lead_side": "destination",
}


FEASIBILITY_RUN_REQUEST = inline_serializer(
    "FeasibilityRunRequest",
    fields={"force": serializers.BooleanField(required=False, help_text="Always compute a new run.")},
)


def _detail_queryset(queryset):
    """The nested rows of the detail answer: one query per relation, whatever their number."""
    return queryset.prefetch_related(
        "sectors",
        "countries",
        "objectives__sdg_targets",
        "objectives__gcm_objectives",
        "pathways__steps",
        "pathways__origin_countries",
        "pathways__occupations",
        "continuum_provisions",
        "social_protection_covers",
        "grievance_channels",
        "indicators__values",
        Prefetch("participations", queryset=_participations()),
    )


def _participations():
    from stakeholders.models import Participation

    return Participation.objects.select_related("organisation").order_by("id")


def _etag(partnership) -> str:
    return etag_for(partnership.version)


def _changed_fields(partnership, data: dict) -> list[str]:
    """The fields of ``data`` whose value differs from the stored one (a PUT resends unchanged fields)."""
    changed = []
    for name, value in data.items():
        field = partnership._meta.get_field(name) if name in _FIELD_NAMES else None
        if field is None:
            changed.append(name)
        elif field.many_to_many:
            current = {obj.pk for obj in getattr(partnership, name).all()}
            if {getattr(obj, "pk", obj) for obj in (value or [])} != current:
                changed.append(name)
        elif getattr(partnership, field.attname) != getattr(value, "pk", value):
            changed.append(name)
    return changed


_FIELD_NAMES = {field.name for field in m.Partnership._meta.get_fields()}


def _if_match_version(request, partnership) -> int | None:
    """The version named by ``If-Match`` (``W/"7"``, ``"7"``); 412 when it is not the stored one.

    Compared under a lock of the partnership row (``api.conditional``), so two writers with one ETag
    cannot both win.
    """
    return if_match_version(request, partnership.pk)


@extend_schema_view(
    list=extend_schema(
        summary="List partnerships you take part in (all for reviewers)",
        parameters=[
            OpenApiParameter("search", str, description="Words in the name or summary."),
            OpenApiParameter(
                "ordering", str, description="name, updated_at, created_at, stage, start_date; - for desc."
            ),
        ],
    ),
    retrieve=extend_schema(summary="A partnership with its rows; the ETag is its version"),
    create=extend_schema(
        summary="Create a partnership (your organisation leads it)",
        request=s.PartnershipSerializer,
        examples=[OpenApiExample("New partnership", value=PARTNERSHIP_EXAMPLE, request_only=True)],
    ),
    update=extend_schema(
        summary="Replace a partnership's data (If-Match or version: 412/409 when stale)",
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description='The ETag, e.g. W/"3".')],
    ),
    partial_update=extend_schema(
        summary="Change some of a partnership's data",
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description='The ETag, e.g. W/"3".')],
        examples=[OpenApiExample("Rename", value={"name": "Renamed partnership", "version": 3}, request_only=True)],
    ),
    destroy=extend_schema(
        summary="Delete a partnership never submitted for review (else close it: POST stage)",
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, description='The ETag, e.g. W/"3".')],
    ),
)
class PartnershipViewSet(ApiViewSetMixin, viewsets.ModelViewSet):
    """Skills Mobility Partnerships. A client sees and changes only those its organisation takes part in."""

    permission_classes = [PartnershipDataPermission]
    serializer_class = s.PartnershipSerializer
    filterset_class = PartnershipFilterSet
    ordering_fields = ("name", "updated_at", "created_at", "stage", "review_status", "start_date", "id")
    ordering = ("-updated_at", "id")
    search_fields = ("name", "summary")
    read_like_actions = ("feasibility_runs",)
    queryset = m.Partnership.objects.all()

    def get_queryset(self):
        queryset = m.Partnership.objects.for_user(self.request.user)
        if self.action == "list":
            return queryset.values(*s.LIST_COLUMNS)
        if self.action in ("retrieve", "create", "update", "partial_update"):
            return _detail_queryset(queryset)
        return queryset

    def get_serializer_class(self):
        if self.action == "list":
            return s.PartnershipListSerializer
        return s.PartnershipSerializer

    def get_throttles(self):
        if self.action == "feasibility_runs" and self.request.method == "POST":
            return [ApiUserThrottle(), FeasibilityRunThrottle()]
        return super().get_throttles()

    # CRUD ------------------------------------------------------------------------------------------------

    def list(self, request, *args, **kwargs):
        # Plain rows (values()) plus two queries for countries and sectors: the API's hottest path.
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = s.partnership_list_rows(list(page))
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        partnership = self.get_object()
        response = Response(self.get_serializer(partnership).data)
        response["ETag"] = _etag(partnership)
        return response

    def create(self, request, *args, **kwargs):
        from stakeholders.models import Organisation

        policy.require(policy.Action.CREATE, user=request.user)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        lead_id = data.pop("lead_organisation", None)
        lead_side = data.pop("lead_side", "")
        stage_reason = data.pop("stage_reason", "")
        acknowledge_gaps = data.pop("acknowledge_gaps", False)
        user = request.user
        mine = list(user.organisations.values_list("pk", flat=True))
        if lead_id is None and len(mine) == 1:
            lead_id = mine[0]
        if lead_id is None and not user_is_admin(user):
            raise exceptions.ValidationError(
                {"lead_organisation": [_("Say which of your organisations leads the partnership.")]}
            )
        lead = None
        if lead_id is not None:
            if lead_id not in mine and not user_is_admin(user):
                raise exceptions.ValidationError({"lead_organisation": [_("Choose one of your own organisations.")]})
            lead = Organisation.objects.filter(pk=lead_id).first()
            if lead is None:
                raise exceptions.ValidationError({"lead_organisation": [_("No such organisation.")]})
        try:
            partnership = services.partnership_create(
                user=user,
                data=data,
                lead_organisation=lead,
                lead_side=lead_side,
                stage_reason=stage_reason,
                acknowledge_gaps=acknowledge_gaps,
            )
        except DjangoValidationError as error:
            # The lead's participation is validated as a row: name its field as the API client sent it.
            if hasattr(error, "error_dict") and "side" in error.error_dict:
                error.error_dict["lead_side"] = error.error_dict.pop("side")
            raise
        partnership = _detail_queryset(m.Partnership.objects.all()).get(pk=partnership.pk)
        response = Response(self.get_serializer(partnership).data, status=status.HTTP_201_CREATED)
        response["Location"] = reverse("api:partnership-detail", kwargs={"pk": partnership.pk}, request=request)
        response["ETag"] = _etag(partnership)
        return response

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        partnership = self.get_object()
        header_version = _if_match_version(request, partnership)
        serializer = self.get_serializer(partnership, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        body_version = data.pop("version", None)
        policy.require_fields(user=request.user, partnership=partnership, names=_changed_fields(partnership, data))
        expected = body_version or header_version or partnership.version
        services.partnership_update(partnership=partnership, user=request.user, expected_version=expected, data=data)
        partnership = self.get_queryset().get(pk=partnership.pk)
        response = Response(self.get_serializer(partnership).data)
        response["ETag"] = _etag(partnership)
        return response

    def destroy(self, request, *args, **kwargs):
        partnership = self.get_object()
        expected = _if_match_version(request, partnership)
        partnership_discard(partnership=partnership, user=request.user, expected_version=expected)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # Stage -----------------------------------------------------------------------------------------------

    @extend_schema(
        summary="Move the partnership to another lifecycle stage",
        request=s.StageChangeRequestSerializer,
        responses={200: s.StageChangeSerializer},
        examples=[OpenApiExample("Close", value={"to_stage": "closed", "reason": "Pilot ended."}, request_only=True)],
    )
    @action(detail=True, methods=["post"])
    def stage(self, request, pk=None):
        partnership = self.get_object()
        serializer = s.StageChangeRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        change = services.partnership_stage_set(
            partnership=partnership,
            to_stage=data["to_stage"],
            user=request.user,
            reason=data.get("reason", ""),
            acknowledge_gaps=data.get("acknowledge_gaps", False),
            closure_reason=data.get("closure_reason", ""),
            expected_version=data.get("version"),
        )
        return Response(s.StageChangeSerializer(change, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Hand the lead over to another participant (members of the lead organisation only)",
        request=s.HandOverLeadSerializer,
        responses={200: OpenApiTypes.OBJECT},
        examples=[OpenApiExample("Hand over", value={"participation": 12, "version": 4}, request_only=True)],
    )
    @action(detail=True, methods=["post"], url_path="hand-over-lead")
    def hand_over_lead(self, request, pk=None):
        from stakeholders.api.serializers import ParticipationSerializer
        from stakeholders.services import participation_hand_over_lead

        partnership = self.get_object()
        serializer = s.HandOverLeadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        to = partnership.participations.select_related("organisation").filter(pk=data["participation"]).first()
        if to is None:
            raise exceptions.ValidationError({"participation": [_("Choose a participant of this partnership.")]})
        participation = participation_hand_over_lead(
            partnership=partnership, to=to, user=request.user, expected_version=data.get("version")
        )
        return Response(ParticipationSerializer(participation, context=self.get_serializer_context()).data)

    # Cost summary ----------------------------------------------------------------------------------------

    @extend_schema(
        summary="Cost summary (§8.4) in a reporting currency",
        parameters=[
            OpenApiParameter("currency", str, description="ISO 4217 code; default the partnership's."),
            OpenApiParameter(
                "valuation_date", OpenApiTypes.DATE, description="Rates dated on or before; default today."
            ),
        ],
        responses={200: OpenApiTypes.OBJECT, 422: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["get"], url_path="cost-summary")
    def cost_summary(self, request, pk=None):
        from costs.calculations import MissingExchangeRate, partnership_cost_summary
        from smp.fields import CURRENCY_CODES

        partnership = self.get_object()
        currency = (request.query_params.get("currency") or "").strip().upper() or None
        if currency is not None and currency not in CURRENCY_CODES:
            raise exceptions.ValidationError({"currency": [_("Not an ISO 4217 currency code.")]})
        valuation_date = None
        raw_date = request.query_params.get("valuation_date")
        if raw_date:
            try:
                valuation_date = dt.date.fromisoformat(raw_date)
            except ValueError:
                raise exceptions.ValidationError({"valuation_date": [_("Use a date like 2026-01-31.")]})
        try:
            summary = partnership_cost_summary(
                partnership=partnership, reporting_currency=currency, valuation_date=valuation_date
            )
        except MissingExchangeRate as error:
            raise UnprocessableEntity(
                str(error),
                code="missing_exchange_rate",
                extra={
                    "pairs": [list(pair) for pair in error.pairs],
                    "valuation_date": error.valuation_date.isoformat(),
                },
            )
        return Response(summary.as_dict())

    # Feasibility -----------------------------------------------------------------------------------------

    @extend_schema(
        methods=["GET"],
        summary="Feasibility runs of the partnership, newest first",
        responses={200: FeasibilityRunSummarySerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Ask for a feasibility check: 202 with the run's URL (Location)",
        request=FEASIBILITY_RUN_REQUEST,
        responses={202: RUN_ACCEPTED},
    )
    @action(detail=True, methods=["get", "post"], url_path="feasibility-runs")
    def feasibility_runs(self, request, pk=None):
        from feasibility.selectors import feasibility_runs_for_partnership
        from feasibility.services import feasibility_run_request

        partnership = self.get_object()
        if request.method == "GET":
            runs = feasibility_runs_for_partnership(partnership_id=partnership.pk)
            page = self.paginate_queryset(runs)
            data = FeasibilityRunSummarySerializer(page, many=True, context=self.get_serializer_context()).data
            return self.get_paginated_response(data)
        policy.require(policy.Action.REQUEST_CHECK, user=request.user, partnership=partnership)
        force = request.data.get("force", False) if isinstance(request.data, dict) else False
        if not isinstance(force, bool):
            raise exceptions.ValidationError({"force": [_("true or false.")]})
        before = set(partnership.feasibility_runs.values_list("pk", flat=True)) if not force else set()
        run = feasibility_run_request(partnership=partnership, user=request.user, force=force)
        url = reverse("api:feasibility-run-detail", kwargs={"pk": run.pk}, request=request)
        body = {"id": run.pk, "status": run.status, "url": url, "reused": run.pk in before}
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": url})


#
# Rows of a partnership
#


class PartnershipCountryViewSet(PartnershipScopedViewSet):
    """Countries taking part, each on one side (origin or destination)."""

    queryset = m.PartnershipCountry.objects.all()
    serializer_class = s.PartnershipCountrySerializer
    filterset_class = row_filterset(m.PartnershipCountry, ["side", "country"])
    ordering = ("partnership_id", "id")

    def service_create(self, *, partnership, data, expected_version):
        country, side = data.pop("country"), data.pop("side")
        return services.partnership_country_add(
            partnership=partnership,
            user=self.request.user,
            country=country,
            side=side,
            data=data,
            expected_version=expected_version,
        )

    def service_update(self, *, obj, data, expected_version):
        if "country" in data and data["country"] == obj.country:
            data.pop("country")
        return services.partnership_country_update(
            partnership_country=obj, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_delete(self, *, obj, expected_version):
        services.partnership_country_remove(
            partnership_country=obj, user=self.request.user, expected_version=expected_version
        )


class ObjectiveViewSet(PartnershipScopedViewSet):
    """Objectives agreed by the partners, with their SDG targets and Global Compact objectives."""

    queryset = m.Objective.objects.prefetch_related("sdg_targets", "gcm_objectives")
    serializer_class = s.ObjectiveSerializer
    filterset_class = row_filterset(m.Objective, ["kind", "horizon", "visibility"])
    ordering = ("partnership_id", "id")

    def service_create(self, *, partnership, data, expected_version):
        return services.objective_create(
            partnership=partnership, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_update(self, *, obj, data, expected_version):
        return services.objective_update(
            objective=obj, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_delete(self, *, obj, expected_version):
        services.objective_delete(objective=obj, user=self.request.user, expected_version=expected_version)


class PathwayViewSet(PartnershipScopedViewSet):
    """Legal routes (permits) the partnership uses, with their steps (read-only here)."""

    queryset = m.Pathway.objects.prefetch_related("steps", "origin_countries", "occupations")
    serializer_class = s.PathwaySerializer
    filterset_class = row_filterset(m.Pathway, ["permit_kind", "status"])
    ordering = ("partnership_id", "id")

    def service_create(self, *, partnership, data, expected_version):
        return services.pathway_create(
            partnership=partnership, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_update(self, *, obj, data, expected_version):
        return services.pathway_update(
            pathway=obj, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_delete(self, *, obj, expected_version):
        partnership_row_delete(row=obj, user=self.request.user, expected_version=expected_version)


class ContinuumProvisionViewSet(GenericRowViewSet):
    """Services along the migration cycle (pre-departure … reintegration)."""

    queryset = m.ContinuumProvision.objects.all()
    serializer_class = s.ContinuumProvisionSerializer
    filterset_class = row_filterset(m.ContinuumProvision, ["phase", "topic", "status"])
    ordering = ("partnership_id", "id")


class SocialProtectionCoverViewSet(GenericRowViewSet):
    """Social-protection branches covered in each destination country."""

    queryset = m.SocialProtectionCover.objects.all()
    serializer_class = s.SocialProtectionCoverSerializer
    filterset_class = row_filterset(m.SocialProtectionCover, ["branch", "coverage"])
    ordering = ("partnership_id", "id")


class GrievanceChannelViewSet(GenericRowViewSet):
    """Where workers can complain and obtain remedy."""

    queryset = m.GrievanceChannel.objects.all()
    serializer_class = s.GrievanceChannelSerializer
    filterset_class = row_filterset(m.GrievanceChannel, ["side", "kind"])
    ordering = ("partnership_id", "id")


class IndicatorViewSet(GenericRowViewSet):
    """Monitoring-and-evaluation indicators with baseline, target and measured values."""

    queryset = m.Indicator.objects.prefetch_related("values")
    serializer_class = s.IndicatorSerializer
    filterset_class = row_filterset(m.Indicator, ["impact_category", "level", "measure_type"])
    ordering = ("partnership_id", "id")


class ObjectiveTensionViewSet(GenericRowViewSet):
    """Conflicts between two objectives of the partnership, and how each stands (E1.R2)."""

    queryset = m.ObjectiveTension.objects.all()
    serializer_class = s.ObjectiveTensionSerializer
    filterset_class = row_filterset(m.ObjectiveTension, ["status", "objective_a", "objective_b"])
    ordering = ("partnership_id", "id")


class IndicatorValueViewSet(ResultsRowMixin, ParentRowViewSet):
    """Measured values of the indicators against their baseline and target, optionally in a reporting period:
    a new value names its indicator, not the partnership (§9.1, E8.R9).

    Written by the lead side while the partnership is being implemented or evaluated; at another stage a write
    is refused with 400 `not_running`.
    """

    queryset = m.IndicatorValue.objects.all()
    serializer_class = s.IndicatorValueRowSerializer
    filterset_class = IndicatorValueFilterSet
    ordering = ("indicator_id", "measured_on", "id")
    partnership_path = "indicator__partnership"
    parent_field = "indicator"
    keeps_parent = True

    def service_create(self, *, partnership, data, expected_version):
        return services.indicator_value_write(
            value=m.IndicatorValue(),
            user=self.request.user,
            data=data,
            expected_version=expected_version,
            partnership=partnership,
        )

    def service_update(self, *, obj, data, expected_version):
        self.parent_kept_check(obj, data)
        return services.indicator_value_write(
            value=obj,
            user=self.request.user,
            data=data,
            expected_version=expected_version,
            partnership=self.partnership_id_of(obj),
        )

    def service_delete(self, *, obj, expected_version):
        services.indicator_value_delete(
            value=obj,
            user=self.request.user,
            expected_version=expected_version,
            partnership=self.partnership_id_of(obj),
        )


class ReportingPeriodViewSet(ResultsRowMixin, PartnershipScopedViewSet):
    """Periods a running partnership reports on (indicator values and actual spending): a partnership's periods
    do not overlap, and a period still holding values or spending cannot be deleted.

    Written by the lead side while the partnership is being implemented or evaluated; at another stage a write
    is refused with 400 `not_running`.
    """

    queryset = m.ReportingPeriod.objects.all()
    serializer_class = s.ReportingPeriodSerializer
    filterset_class = ReportingPeriodFilterSet
    ordering = ("partnership_id", "starts_on", "id")

    def service_create(self, *, partnership, data, expected_version):
        return services.reporting_period_write(
            period=m.ReportingPeriod(partnership=partnership),
            user=self.request.user,
            data=data,
            expected_version=expected_version,
            partnership=partnership,
        )

    def service_update(self, *, obj, data, expected_version):
        return services.reporting_period_write(
            period=obj, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_delete(self, *, obj, expected_version):
        services.reporting_period_delete(period=obj, user=self.request.user, expected_version=expected_version)


class FeasibilityStudyViewSet(GenericRowViewSet):
    """The partnership's feasibility study, one per partnership (E2.R7, E7.R1)."""

    queryset = m.FeasibilityStudy.objects.all()
    serializer_class = s.FeasibilityStudySerializer
    filterset_class = row_filterset(m.FeasibilityStudy)
    ordering = ("partnership_id", "id")


class EvaluationViewSet(GenericRowViewSet):
    """Evaluations carried out at or after the evaluation stage (§5.1)."""

    queryset = m.Evaluation.objects.all()
    serializer_class = s.EvaluationSerializer
    filterset_class = row_filterset(m.Evaluation, ["kind"])
    ordering = ("partnership_id", "id")


class LinkedInitiativeViewSet(GenericRowViewSet):
    """Development, investment or trade programmes the partnership plugs into (E4.R5)."""

    queryset = m.LinkedInitiative.objects.all()
    serializer_class = s.LinkedInitiativeSerializer
    filterset_class = row_filterset(m.LinkedInitiative, ["kind"])
    ordering = ("partnership_id", "id")


class BusinessLinkageViewSet(GenericRowViewSet):
    """Business links between a destination and an origin organisation along the corridor (E4.R7)."""

    queryset = m.BusinessLinkage.objects.all()
    serializer_class = s.BusinessLinkageSerializer
    filterset_class = row_filterset(m.BusinessLinkage, ["kind", "status"])
    ordering = ("partnership_id", "id")


class PathwayStepViewSet(ParentRowViewSet):
    """Steps of a pathway's application journey: a new step names its pathway, not the partnership (§7.1)."""

    queryset = m.PathwayStep.objects.all()
    serializer_class = s.PathwayStepRowSerializer
    filterset_class = parent_row_filterset(m.PathwayStep, "pathway", ["phase", "kind", "obstacle_status"])
    ordering = ("pathway_id", "order", "id")
    partnership_path = "pathway__partnership"
    parent_field = "pathway"
    keeps_parent = True


@extend_schema_view(
    list=extend_schema(summary="Stage changes of the partnerships you can see, newest first per partnership"),
    retrieve=extend_schema(summary="One stage change"),
)
class StageChangeViewSet(ReadOnlyApiViewSet):
    """The audit of the lifecycle: who moved a partnership to which stage, why, and the gaps left open (§5).

    Read only: the stage moves through ``POST partnerships/{id}/stage/``.
    """

    permission_classes = [IsAuthenticatedApiUser]
    queryset = m.StageChange.objects.all()
    serializer_class = s.StageChangeSerializer
    filterset_class = row_filterset(m.StageChange, ["to_stage"])
    ordering_fields = ("at", "id")
    ordering = ("partnership_id", "-at", "-id")

    def get_queryset(self):
        return scope_queryset_by_path(super().get_queryset(), self.request.user, "partnership")


#
# Reference: elements
#


@extend_schema_view(
    list=extend_schema(summary="IOM's eight essential elements, each with its rule ids"),
    retrieve=extend_schema(summary="One essential element (E1 … E8)"),
)
class ElementViewSet(ReadOnlyApiViewSet):
    queryset = m.Element.objects.all()
    serializer_class = s.ElementSerializer
    lookup_field = "code"
    lookup_value_regex = "E[1-8]"
    pagination_class = None
    filter_backends: list = []


#
# Reference: countries, SDG targets, Global Compact objectives
#


@extend_schema_view(
    list=extend_schema(summary="Countries (ISO 3166-1 alpha-2, XK for Kosovo); search by code or name"),
    retrieve=extend_schema(summary="One country by its code"),
)
class CountryViewSet(ReadOnlyApiViewSet):
    permission_classes = [IsAuthenticatedApiUser]
    queryset = m.Country.objects.all()
    serializer_class = s.CountrySerializer
    filterset_fields = ["iom_region"]
    search_fields = ("code", "name")
    ordering_fields = ("code", "name")
    ordering = ("name",)
    lookup_field = "code"
    lookup_value_regex = "[A-Z]{2}"


@extend_schema_view(
    list=extend_schema(summary="Sustainable Development Goal targets; search by code or title"),
    retrieve=extend_schema(summary="One SDG target by its code"),
)
class SdgTargetViewSet(ReadOnlyApiViewSet):
    permission_classes = [IsAuthenticatedApiUser]
    queryset = m.SdgTarget.objects.all()
    serializer_class = s.SdgTargetSerializer
    filterset_fields = ["goal"]
    search_fields = ("code", "short_title")
    ordering_fields = ("goal", "code")
    ordering = ("goal", "code")
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{1,2}(\.[0-9a-z]{1,2}){1,2}"


@extend_schema_view(
    list=extend_schema(summary="The 23 objectives of the Global Compact for Migration; search by title"),
    retrieve=extend_schema(summary="One Global Compact objective by its number"),
)
class GcmObjectiveViewSet(ReadOnlyApiViewSet):
    permission_classes = [IsAuthenticatedApiUser]
    queryset = m.GcmObjective.objects.all()
    serializer_class = s.GcmObjectiveSerializer
    search_fields = ("short_title",)
    ordering_fields = ("number",)
    ordering = ("number",)
