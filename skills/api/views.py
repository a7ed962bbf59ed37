"""Views of the skills API: reference occupations, sectors and qualification frameworks, and the skills and
evidence rows of a partnership."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions

from api.filters import IdFilter, row_filterset
from api.permissions import IsAuthenticatedApiUser
from api.rows import GenericRowViewSet, ParentRowViewSet
from api.viewsets import ReadOnlyApiViewSet
from partnerships.services import partnership_row_delete, partnership_row_update
from skills import models as m
from skills import services
from skills.api import serializers as s
from skills.filtersets import (
    LabourMarketEvidenceFilterSet,
    OccupationFilterSet,
    QualificationLevelFilterSet,
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


@extend_schema_view(
    list=extend_schema(summary="Qualifications frameworks (national, regional, sectoral); search by code or name"),
    retrieve=extend_schema(summary="One qualifications framework"),
)
class QualificationFrameworkViewSet(ReadOnlyApiViewSet):
    permission_classes = [IsAuthenticatedApiUser]
    queryset = m.QualificationFramework.objects.all()
    serializer_class = s.QualificationFrameworkSerializer
    filterset_fields = ("scope",)
    search_fields = ("code", "name", "region_name")
    ordering_fields = ("code", "name")
    ordering = ("code",)


@extend_schema_view(
    list=extend_schema(summary="Levels of the qualifications frameworks; search by framework code, level or title"),
    retrieve=extend_schema(summary="One level of a qualifications framework"),
)
class QualificationLevelViewSet(ReadOnlyApiViewSet):
    permission_classes = [IsAuthenticatedApiUser]
    queryset = m.QualificationLevel.objects.all()
    serializer_class = s.QualificationLevelSerializer
    filterset_class = QualificationLevelFilterSet
    search_fields = ("framework__code", "level", "title")
    ordering_fields = ("level", "title")
    ordering = ("framework__code", "level")


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


class SkillsDocumentationToolViewSet(GenericRowViewSet):
    """Skills passports, cards or registries that keep a portable record of participants' skills (E5.R7)."""

    queryset = m.SkillsDocumentationTool.objects.all()
    serializer_class = s.SkillsDocumentationToolSerializer
    filterset_class = row_filterset(m.SkillsDocumentationTool, ["kind"])
    ordering = ("partnership_id", "id")


class DataNeedViewSet(GenericRowViewSet):
    """Answers to the information-checklist prompts (G Box 10, E3.R1); one row per partnership and prompt.

    Written with the generic row services rather than ``skills.services.data_need_set``: that one replaces the
    answer of an existing prompt, while a POST here creates, so a second answer to a prompt is a 400 naming
    the prompt instead of a silent overwrite (change the existing row with PATCH).
    """

    queryset = m.DataNeed.objects.prefetch_related("evidence")
    serializer_class = s.DataNeedSerializer
    filterset_class = row_filterset(m.DataNeed, ["status", "prompt_code"])
    ordering = ("partnership_id", "id")


class EvidenceReviewViewSet(GenericRowViewSet):
    """Joint sessions where the partners interpreted the evidence together (E3.R8)."""

    queryset = m.EvidenceReview.objects.prefetch_related("participants", "evidence")
    serializer_class = s.EvidenceReviewSerializer
    filterset_class = row_filterset(m.EvidenceReview, ["held_on"])
    ordering = ("partnership_id", "id")


class DataSharingArrangementViewSet(GenericRowViewSet):
    """Channels through which the partners share data across the corridor (E3.R7)."""

    queryset = m.DataSharingArrangement.objects.prefetch_related("parties")
    serializer_class = s.DataSharingArrangementSerializer
    filterset_class = row_filterset(m.DataSharingArrangement, ["kind"])
    ordering = ("partnership_id", "id")


#
# Rows that reach their partnership through a parent row
#


class OccupationProfileFilterSet(
    row_filterset(
        m.OccupationProfile,
        ["labour_status", "recognition_route"],
        partnership_path="target_occupation__partnership_id",
    )
):
    target_occupation = IdFilter(field_name="target_occupation_id")


class OccupationProfileViewSet(ParentRowViewSet):
    """A target occupation's facts in one partner country: labour-market status and brain-drain safeguards
    (origin), regulation and recognition (destination); written under the target occupation (§2.4, §2.5)."""

    queryset = m.OccupationProfile.objects.select_related("target_occupation")
    serializer_class = s.OccupationProfileSerializer
    filterset_class = OccupationProfileFilterSet
    ordering = ("target_occupation__partnership_id", "target_occupation_id", "id")
    partnership_path = "target_occupation__partnership"
    parent_field = "target_occupation"
    link_fields = ("country", "labour_status_evidence")
