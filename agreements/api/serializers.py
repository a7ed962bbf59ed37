"""Shapes of the draft-agreement endpoints in the OpenAPI description (the views build the bodies)."""

from __future__ import annotations

from rest_framework import serializers

from codelists.reviews import BriefStatus


class AgreementDraftRequestSerializer(serializers.Serializer):
    language = serializers.CharField(required=False, help_text="A code of the platform's languages (en, fr, es).")


class AgreementDraftSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    partnership = serializers.IntegerField()
    partnership_version = serializers.IntegerField()
    language = serializers.CharField()
    status = serializers.ChoiceField(choices=BriefStatus.choices)
    status_label = serializers.CharField()
    error = serializers.CharField()
    url = serializers.URLField()
    docx_url = serializers.URLField(allow_null=True)
    pdf_url = serializers.URLField(allow_null=True)
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


class AgreementDraftAcceptedSerializer(AgreementDraftSerializer):
    reused = serializers.BooleanField()
