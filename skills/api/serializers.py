"""Serializers of the skills API."""

from __future__ import annotations

from api.serializers import ApiModelSerializer, PartnershipRowSerializer
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
