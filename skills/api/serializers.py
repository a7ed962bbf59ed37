"""Serializers of the skills API."""

from __future__ import annotations

from api.serializers import ApiModelSerializer, PartnershipRowSerializer, VersionField
from skills import models as m

TIMESTAMPS = ("created_at", "updated_at")


class SectorSerializer(ApiModelSerializer):
    class Meta:
        model = m.Sector
        fields = ("code", "label", "climate_exposed", "remote_feasible", "isic")
        read_only_fields = fields


class OccupationSerializer(ApiModelSerializer):
    class Meta:
        model = m.Occupation
        fields = ("code", "level", "title", "parent", "skill_level", "esco_uri")
        read_only_fields = fields


class QualificationFrameworkSerializer(ApiModelSerializer):
    class Meta:
        model = m.QualificationFramework
        fields = ("id", "code", "name", "scope", "country", "region_name", "levels_count", "referenced_to", "url")
        read_only_fields = fields


class QualificationLevelSerializer(ApiModelSerializer):
    class Meta:
        model = m.QualificationLevel
        fields = ("id", "framework", "level", "title", "descriptor")
        read_only_fields = fields


class TargetOccupationSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.TargetOccupation
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class LabourMarketEvidenceSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.LabourMarketEvidence
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class TrainingProgrammeSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.TrainingProgramme
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class RecognitionArrangementSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.RecognitionArrangement
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class OccupationProfileSerializer(ApiModelSerializer):
    """A target occupation's facts in one partner country: it belongs to the target occupation's partnership,
    so the client names the target occupation (fixed after creation), not the partnership."""

    version = VersionField()

    class Meta:
        model = m.OccupationProfile
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class SkillsDocumentationToolSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.SkillsDocumentationTool
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class DataNeedSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.DataNeed
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class EvidenceReviewSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.EvidenceReview
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class DataSharingArrangementSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.DataSharingArrangement
        fields = "__all__"
        read_only_fields = TIMESTAMPS
