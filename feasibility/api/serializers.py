"""Serializers of the feasibility API: run summaries, the run JSON of ``feasibility.serialization``, rules."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from api.serializers import ApiModelSerializer
from codelists.partnerships import Stage
from feasibility.models import FeasibilityRun
from feasibility.selectors import rule_inputs


class FeasibilityRunSummarySerializer(ApiModelSerializer):
    """A run in a list: status, scores and verdict; the findings are in the run's own answer."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = FeasibilityRun
        fields = (
            "id",
            "url",
            "partnership",
            "status",
            "ruleset_version",
            "partnership_version",
            "stage_at_run",
            "created_at",
            "started_at",
            "finished_at",
            "overall_score",
            "recruitment_verdict",
            "recruitment_score",
            "red_flags",
        )
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj) -> str:
        return reverse("api:feasibility-run-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField()
    outcome = serializers.ChoiceField(choices=["pass", "warn", "fail", "not_applicable"])
    message = serializers.CharField(
        allow_blank=True, help_text=_("The finding in words, in the language asked for with Accept-Language.")
    )
    message_key = serializers.CharField(
        allow_blank=True,
        help_text=_(
            "The message's untranslated template (gettext msgid) with %(name)s placeholders; empty for findings "
            "stored before it was kept. Four keys join values instead: 'feasibility:sentence' the parts in "
            "message_params.parts with '; ' into one sentence, 'feasibility:parts' the same inside a sentence, "
            "'feasibility:list' the names in message_params.items with ', ' (message_params.more: how many were "
            "left out) and 'feasibility:or' the names in message_params.items with ' or '."
        ),
    )
    message_params = serializers.DictField(
        help_text=_(
            "The values put into message_key. A value that is itself translatable is an object with its own key "
            'and params; a decimal is an object {"number": "61.74"}, to be written with the reader\'s '
            "decimal separator; other values are names or numbers as they are."
        )
    )
    recommendation = serializers.CharField(allow_blank=True)
    draft_lenient_applied = serializers.BooleanField()


class ElementResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    status = serializers.CharField(allow_null=True)
    findings = FindingSerializer(many=True)


class RecruitmentResultSerializer(serializers.Serializer):
    status = serializers.CharField(allow_null=True)
    score = serializers.FloatField(allow_null=True)
    red_flags = serializers.ListField(child=serializers.CharField())
    findings = FindingSerializer(many=True)


class FeasibilityRunSerializer(serializers.Serializer):
    """Documents the JSON of ``feasibility.serialization.run_to_dict`` (shared with the command line)."""

    id = serializers.IntegerField()
    partnership = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["queued", "running", "succeeded", "failed"])
    ruleset_version = serializers.CharField(allow_blank=True)
    stage = serializers.ChoiceField(
        choices=Stage.choices,
        allow_null=True,
        help_text=_("The partnership's stage when the run checked it (draft leniency depends on it)."),
    )
    partnership_version = serializers.IntegerField(
        allow_null=True, help_text=_("The partnership's data version the run checked.")
    )
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    overall_score = serializers.FloatField(allow_null=True)
    elements = ElementResultSerializer(many=True)
    recruitment = RecruitmentResultSerializer()


class RuleSerializer(serializers.Serializer):
    """One rule of the registry, as the public catalogue (/rules/) shows it."""

    id = serializers.CharField()
    element = serializers.CharField()
    element_name = serializers.CharField()
    title = serializers.CharField()
    says = serializers.CharField()
    source = serializers.CharField(allow_blank=True)
    severity = serializers.ChoiceField(choices=["blocking", "major", "minor"])
    draft_lenient = serializers.BooleanField()
    blocking = serializers.BooleanField()
    tag = serializers.CharField(allow_null=True)


class RuleInputSerializer(serializers.Serializer):
    """One input a rule reads (``RuleSpec.reads``, feasibility/registry.py)."""

    field = serializers.CharField(
        help_text='The model field as "app.Model.field" (e.g. "skills.OccupationProfile.regulated"), or "today" '
        "for the run's date."
    )
    label = serializers.CharField(help_text='The input in words, e.g. "Occupation profile — regulated profession".')
    reference = serializers.BooleanField(
        help_text="True for reference data shared by every partnership (countries, ISCO-08 occupations, sectors, "
        "exchange rates, the WHO Safeguards List …)."
    )


class RuleDetailSerializer(RuleSerializer):
    """One rule with the inputs it reads: a change to any of them can change the rule's finding."""

    inputs = RuleInputSerializer(many=True)


def rule_to_dict(spec, *, with_inputs: bool = False) -> dict:
    """A rule as the API returns it; ``with_inputs`` adds what it reads (the detail answer)."""
    data = {
        "id": spec.id,
        "element": spec.element,
        "element_name": str(spec.element_name),
        "title": str(spec.title),
        "says": str(spec.says),
        "source": spec.source,
        "severity": spec.severity,
        "draft_lenient": spec.draft_lenient,
        "blocking": spec.blocking,
        "tag": spec.tag,
    }
    if with_inputs:
        data["inputs"] = rule_inputs(spec)
    return data


class RunComparisonSerializer(serializers.Serializer):
    """What changed between two runs (``feasibility.services.feasibility_runs_compare``)."""

    run_a = serializers.IntegerField()
    run_b = serializers.IntegerField()
    appeared = serializers.ListField(child=serializers.DictField())
    disappeared = serializers.ListField(child=serializers.DictField())
    changed = serializers.ListField(child=serializers.DictField())
    unchanged = serializers.IntegerField()
    overall_score = serializers.DictField()
    recruitment_verdict = serializers.DictField()
