"""Serializers of the recruitment API."""

from __future__ import annotations

from api.serializers import ApiModelSerializer, PartnershipRowSerializer
from recruitment import models as m

TIMESTAMPS = ("created_at", "updated_at")


class RecruiterSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.Recruiter
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class RecruitmentArrangementSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.RecruitmentArrangement
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class WhoSslEntrySerializer(ApiModelSerializer):
    class Meta:
        model = m.WhoSslEntry
        fields = ("id", "country", "edition")
        read_only_fields = fields
