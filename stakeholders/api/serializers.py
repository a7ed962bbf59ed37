"""Serializers of the stakeholders API."""

from __future__ import annotations

from api.serializers import ApiModelSerializer, PartnershipRowSerializer
from stakeholders import models as m

TIMESTAMPS = ("created_at", "updated_at")


class OrganisationSerializer(ApiModelSerializer):
    class Meta:
        model = m.Organisation
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class ParticipationSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.Participation
        fields = "__all__"
        read_only_fields = TIMESTAMPS
        extra_kwargs = {"joined_stage": {"required": False, "help_text": "Default: the partnership's current stage."}}


class GovernanceBodySerializer(PartnershipRowSerializer):
    class Meta:
        model = m.GovernanceBody
        fields = "__all__"
        read_only_fields = TIMESTAMPS
        extra_kwargs = {"layer": {"required": False, "help_text": "Default: the usual layer of the kind (§4.3)."}}


class PartnerGapSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.PartnerGap
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class CapacityActivitySerializer(PartnershipRowSerializer):
    class Meta:
        model = m.CapacityActivity
        fields = "__all__"
        read_only_fields = TIMESTAMPS
