"""Views of the stakeholders API: organisations (a shared directory), participations, governance bodies,
partner gaps and capacity-building activities."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets

from api.filters import row_filterset
from api.permissions import PartnershipDataPermission
from api.viewsets import ApiViewSetMixin, PartnershipScopedViewSet
from partnerships.services import partnership_row_delete, partnership_row_update
from stakeholders import models as m
from stakeholders import services
from stakeholders.api import serializers as s
from stakeholders.filtersets import GovernanceBodyFilterSet, OrganisationFilterSet, ParticipationFilterSet


@extend_schema_view(
    list=extend_schema(summary="Organisations (ministries, employers, providers …): a directory shared by all"),
    create=extend_schema(
        summary="Register an organisation",
        examples=[
            OpenApiExample(
                "Employers' association",
                value={
                    "name": "Builders' Federation",
                    "category": "employer_org",
                    "level": "national",
                    "country": "DE",
                },
                request_only=True,
            )
        ],
    ),
    update=extend_schema(summary="Change an organisation (its members or an admin)"),
    partial_update=extend_schema(summary="Change some fields of an organisation (its members or an admin)"),
)
class OrganisationViewSet(ApiViewSetMixin, viewsets.ModelViewSet):
    """Organisations are shared across partnerships: every client reads the directory; which partnerships an
    organisation takes part in is only shown for partnerships the client can see."""

    permission_classes = [PartnershipDataPermission]
    queryset = m.Organisation.objects.all()
    serializer_class = s.OrganisationSerializer
    filterset_class = OrganisationFilterSet
    search_fields = ("name",)
    ordering_fields = ("name", "country", "id")
    ordering = ("name", "id")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = services.organisation_create(data=serializer.validated_data, user=self.request.user)

    def perform_update(self, serializer):
        # The service refuses anyone but the organisation's own members and administrators (403).
        serializer.instance = services.organisation_update(
            organisation=serializer.instance, data=serializer.validated_data, user=self.request.user
        )


class ParticipationViewSet(PartnershipScopedViewSet):
    """Which organisation takes part in which partnership, on which side, with which roles."""

    queryset = m.Participation.objects.all()
    serializer_class = s.ParticipationSerializer
    filterset_class = ParticipationFilterSet
    ordering = ("partnership_id", "id")

    def check_row_policy(self, partnership, *, obj=None) -> None:
        if obj is not None and self.action in ("update", "partial_update"):
            return  # the service decides by what changes: roles and side (lead side) or details (also the organisation)
        super().check_row_policy(partnership, obj=obj)

    def service_create(self, *, partnership, data, expected_version):
        organisation = data.pop("organisation")
        roles = data.pop("roles", [])
        side = data.pop("side", "")
        if not data.get("joined_stage"):
            data.pop("joined_stage", None)  # defaults to the partnership's current stage
        return services.participation_add(
            partnership=partnership,
            organisation=organisation,
            user=self.request.user,
            roles=roles,
            side=side,
            data=data,
            expected_version=expected_version,
        )

    def service_update(self, *, obj, data, expected_version):
        if "organisation" in data:
            if data["organisation"].pk != obj.organisation_id:
                raise exceptions.ValidationError(
                    {"organisation": [_("Remove this participation and add the other organisation instead.")]}
                )
            data.pop("organisation")
        return services.participation_update(
            participation=obj, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_delete(self, *, obj, expected_version):
        services.participation_remove(participation=obj, user=self.request.user, expected_version=expected_version)


class GovernanceBodyViewSet(PartnershipScopedViewSet):
    """Steering committees, technical working groups and the like, with their member participations."""

    queryset = m.GovernanceBody.objects.prefetch_related("members")
    serializer_class = s.GovernanceBodySerializer
    filterset_class = GovernanceBodyFilterSet
    ordering = ("partnership_id", "id")

    def service_create(self, *, partnership, data, expected_version):
        return services.governance_body_create(
            partnership=partnership, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_update(self, *, obj, data, expected_version):
        return services.governance_body_update(
            governance_body=obj, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_delete(self, *, obj, expected_version):
        partnership_row_delete(row=obj, user=self.request.user, expected_version=expected_version)


class PartnerGapViewSet(PartnershipScopedViewSet):
    """Services the partnership needs for which no adequate partner exists yet (E2.R10)."""

    queryset = m.PartnerGap.objects.all()
    serializer_class = s.PartnerGapSerializer
    filterset_class = row_filterset(m.PartnerGap, ["resolved"])
    ordering = ("partnership_id", "id")

    def service_create(self, *, partnership, data, expected_version):
        return services.partner_gap_create(
            partnership=partnership, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_update(self, *, obj, data, expected_version):
        return partnership_row_update(row=obj, user=self.request.user, data=data, expected_version=expected_version)

    def service_delete(self, *, obj, expected_version):
        partnership_row_delete(row=obj, user=self.request.user, expected_version=expected_version)


class CapacityActivityViewSet(PartnershipScopedViewSet):
    """Capacity-building activities for participants, possibly closing a partner gap (E1.R9, E2.R10)."""

    queryset = m.CapacityActivity.objects.all()
    serializer_class = s.CapacityActivitySerializer
    filterset_class = row_filterset(m.CapacityActivity, ["topic", "method", "status"])
    ordering = ("partnership_id", "id")

    def service_create(self, *, partnership, data, expected_version):
        return services.capacity_activity_create(
            partnership=partnership, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_update(self, *, obj, data, expected_version):
        return services.capacity_activity_update(
            capacity_activity=obj, user=self.request.user, data=data, expected_version=expected_version
        )

    def service_delete(self, *, obj, expected_version):
        partnership_row_delete(row=obj, user=self.request.user, expected_version=expected_version)
