"""Views of the skills API: reference occupations and sectors, and the skills rows of a partnership."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions

from api.permissions import IsAuthenticatedApiUser
from api.viewsets import ReadOnlyApiViewSet
from partnerships.api.views import GenericRowViewSet
from partnerships.services import partnership_row_delete, partnership_row_update
from skills import models as m
from skills import services
from skills.api import serializers as s
from skills.filtersets import (
    LabourMarketEvidenceFilterSet,
    OccupationFilterSet,
    RecognitionArrangementFilterSet,
    TargetOccupationFilterSet,
    TrainingProgrammeFilterSet,
)


@extend_schema_view(
    list=extend_schema(summary="ISCO-08 occupations; search by code or title"),
    retrieve=extend_schema(summary="One ISCO-08 group by its code"),
)
class OccupationViewSet(ReadOnlyApiViewSet):
    permission_classes = [IsAuthenticatedApiUser]
    queryset = m.Occupation.objects.all()
    serializer_class = s.OccupationSerializer
    filterset_class = OccupationFilterSet
    search_fields = ("code", "title")
    ordering_fields = ("code", "title")
    ordering = ("code",)
    lookup_field = "code"
    lookup_value_regex = r"\d{1,4}"


@extend_schema_view(list=extend_schema(summary="Economic sectors"), retrieve=extend_schema(summary="One sector"))
class SectorViewSet(ReadOnlyApiViewSet):
    permission_classes = [IsAuthenticatedApiUser]
    queryset = m.Sector.objects.all()
    serializer_class = s.SectorSerializer
    pagination_class = None
    filter_backends: list = []
    lookup_field = "code"
    lookup_value_regex = r"[a-z_]{1,40}"


class TargetOccupationViewSet(GenericRowViewSet):
    """ISCO-08 unit groups the partnership trains or recruits for."""

    queryset = m.TargetOccupation.objects.select_related("occupation").prefetch_related(
        "destinations", "certification_validated_by"
    )
    serializer_class = s.TargetOccupationSerializer
    filterset_class = TargetOccupationFilterSet
    ordering = ("partnership_id", "id")

    def service_create(self, *, partnership, data, expected_version):
        return services.target_occupation_create(
            partnership=partnership,
            occupation=data.pop("occupation"),
            destinations=data.pop("destinations", ()),
            certification_validated_by=data.pop("certification_validated_by", ()),
            user=self.request.user,
            expected_version=expected_version,
            **data,
        )

    def service_update(self, *, obj, data, expected_version):
        occupation = data.pop("occupation", None)
        if occupation is not None and occupation.pk != obj.occupation_id:
            raise exceptions.ValidationError(
                {"occupation": [_("The occupation of a target cannot change: delete it and add the other one.")]}
            )
        many = {name: data.pop(name) for name in ("destinations", "certification_validated_by") if name in data}
        if many:
            # The skills service changes plain fields only; links go through the generic row service.
            return partnership_row_update(
                row=obj, user=self.request.user, data={**data, **many}, expected_version=expected_version
            )
        return services.target_occupation_update(
            target_occupation=obj, user=self.request.user, expected_version=expected_version, **data
        )

    def service_delete(self, *, obj, expected_version):
        partnership_row_delete(row=obj, user=self.request.user, expected_version=expected_version)


class LabourMarketEvidenceViewSet(GenericRowViewSet):
    """Studies, statistics and forecasts behind the partnership's choices (E3)."""

    queryset = m.LabourMarketEvidence.objects.prefetch_related("occupations")
    serializer_class = s.LabourMarketEvidenceSerializer
    filterset_class = LabourMarketEvidenceFilterSet
    ordering = ("partnership_id", "id")


class TrainingProgrammeViewSet(GenericRowViewSet):
    """Training offered to future migrants and to workers staying at home (E4, E5)."""

    queryset = m.TrainingProgramme.objects.prefetch_related(
        "occupations", "certificate_recognised_in", "qualification_levels", "codesigned_by"
    )
    serializer_class = s.TrainingProgrammeSerializer
    filterset_class = TrainingProgrammeFilterSet
    ordering = ("partnership_id", "id")


class RecognitionArrangementViewSet(GenericRowViewSet):
    """How skills and qualifications are recognised between the countries (E5)."""

    queryset = m.RecognitionArrangement.objects.prefetch_related("occupations", "countries", "responsible_orgs")
    serializer_class = s.RecognitionArrangementSerializer
    filterset_class = RecognitionArrangementFilterSet
    ordering = ("partnership_id", "id")
