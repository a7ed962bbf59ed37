"""Serializers of the partnerships API: the partnership (list, detail with nested rows, write) and its rows."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from api.serializers import ApiModelSerializer, PartnershipRowSerializer, VersionField, lazy_related_help
from codelists import partnerships as c
from codelists.stakeholders import ParticipationRole  # noqa: F401  (documented roles)
from partnerships import models as m
from partnerships.services import PARTNERSHIP_PROTECTED_FIELDS

TIMESTAMPS = ("created_at", "updated_at")


#
# Rows of a partnership
#


class PartnershipCountrySerializer(PartnershipRowSerializer):
    class Meta:
        model = m.PartnershipCountry
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class ObjectiveSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.Objective
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class PathwayStepSerializer(ApiModelSerializer):
    class Meta:
        model = m.PathwayStep
        exclude = ("pathway",)
        read_only_fields = TIMESTAMPS


class PathwaySerializer(PartnershipRowSerializer):
    steps = PathwayStepSerializer(many=True, read_only=True)

    class Meta:
        model = m.Pathway
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class ContinuumProvisionSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.ContinuumProvision
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class SocialProtectionCoverSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.SocialProtectionCover
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class GrievanceChannelSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.GrievanceChannel
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class IndicatorValueSerializer(ApiModelSerializer):
    class Meta:
        model = m.IndicatorValue
        exclude = ("indicator",)
        read_only_fields = TIMESTAMPS


class IndicatorSerializer(PartnershipRowSerializer):
    values = IndicatorValueSerializer(many=True, read_only=True)

    class Meta:
        model = m.Indicator
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class ObjectiveTensionSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.ObjectiveTension
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class FeasibilityStudySerializer(PartnershipRowSerializer):
    class Meta:
        model = m.FeasibilityStudy
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class EvaluationSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.Evaluation
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class LinkedInitiativeSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.LinkedInitiative
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class BusinessLinkageSerializer(PartnershipRowSerializer):
    class Meta:
        model = m.BusinessLinkage
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class IndicatorValueRowSerializer(ApiModelSerializer):
    """A value on its own resource: ``indicator`` (its id) places it, and through it the partnership."""

    version = VersionField()

    class Meta:
        model = m.IndicatorValue
        fields = "__all__"
        read_only_fields = TIMESTAMPS
        extra_kwargs = {
            "period": {
                "help_text": lazy_related_help(
                    m.ReportingPeriod, "Optional; the value must be measured within the period's dates."
                )
            },
        }


class ReportingPeriodSerializer(PartnershipRowSerializer):
    """A period the lead side reports results and spending for while the partnership runs (§9.1)."""

    class Meta:
        model = m.ReportingPeriod
        fields = "__all__"
        read_only_fields = (*TIMESTAMPS, "reminded_at")
        extra_kwargs = {
            "ends_on": {"help_text": "After starts_on. A partnership's periods do not overlap."},
            "reminded_at": {"help_text": "When the reminder about missing values was sent (at most once)."},
        }


class PathwayStepRowSerializer(ApiModelSerializer):
    """A step on its own resource: ``pathway`` (its id) places it, and through it the partnership."""

    version = VersionField()

    class Meta:
        model = m.PathwayStep
        fields = "__all__"
        read_only_fields = TIMESTAMPS


class NestedParticipationSerializer(serializers.Serializer):
    """Who takes part (read-only here; written through /participations/)."""

    id = serializers.IntegerField(read_only=True)
    organisation = serializers.IntegerField(source="organisation_id", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    side = serializers.CharField(read_only=True)
    roles = serializers.ListField(child=serializers.CharField(), read_only=True)


class CountrySideSerializer(serializers.Serializer):
    country = serializers.CharField(read_only=True)
    side = serializers.ChoiceField(choices=c.Side.choices, read_only=True)


#
# The partnership
#

_DATETIME = serializers.DateTimeField()
READ_ONLY = tuple(sorted(PARTNERSHIP_PROTECTED_FIELDS - {"id"}))


class PartnershipListSerializer(ApiModelSerializer):
    """One row of the partnership list: identity, typology, countries and where it stands."""

    url = serializers.SerializerMethodField()
    countries = CountrySideSerializer(many=True, read_only=True)

    class Meta:
        model = m.Partnership
        fields = (
            "id",
            "url",
            "name",
            "stage",
            "review_status",
            "version",
            "form_of_engagement",
            "migration_types",
            "skill_levels",
            "sectors",
            "countries",
            "reporting_currency",
            "start_date",
            "end_date",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj) -> str:
        return reverse("api:partnership-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))

    # The list is the API's hottest path (bench/api.py): rows are built directly from the loaded columns
    # and prefetched relations, with the same output as the declared fields (which document the schema).
    def to_representation(self, row) -> dict:
        """``row`` is a dict of ``LIST_COLUMNS`` with ``countries`` and ``sectors`` (``partnership_list_rows``)."""
        base = self.context.get("_list_url")
        if base is None:
            base = self.context["_list_url"] = reverse("api:partnership-list", request=self.context.get("request"))
        stamp = _DATETIME.to_representation
        start, end = row["start_date"], row["end_date"]
        return {
            "id": row["id"],
            "url": f"{base}{row['id']}/",
            "name": row["name"],
            "stage": row["stage"],
            "review_status": row["review_status"],
            "version": row["version"],
            "form_of_engagement": row["form_of_engagement"],
            "migration_types": list(row["migration_types"] or []),
            "skill_levels": list(row["skill_levels"] or []),
            "sectors": row["sectors"],
            "countries": row["countries"],
            "reporting_currency": row["reporting_currency"],
            "start_date": start.isoformat() if start else None,
            "end_date": end.isoformat() if end else None,
            "created_at": stamp(row["created_at"]),
            "updated_at": stamp(row["updated_at"]),
        }


def partnership_list_rows(rows: list[dict]) -> list[dict]:
    """Attach countries and sectors to a page of list rows: two queries whatever the page size."""
    by_id = {row["id"]: row for row in rows}
    for row in rows:
        row["countries"], row["sectors"] = [], []
    if not by_id:
        return rows
    countries = (
        m.PartnershipCountry.objects.filter(partnership_id__in=by_id)
        .order_by("partnership_id", "side", "country")
        .values_list("partnership_id", "country", "side")
    )
    for partnership_id, country, side in countries:
        by_id[partnership_id]["countries"].append({"country": country, "side": side})
    through = m.Partnership.sectors.through
    links = through.objects.filter(partnership_id__in=by_id).order_by("partnership_id", "sector_id")
    for partnership_id, sector_id in links.values_list("partnership_id", "sector_id"):
        by_id[partnership_id]["sectors"].append(sector_id)
    return rows


#: Columns the list reads (``PartnershipListSerializer``); the detail reads them all.
LIST_COLUMNS = tuple(
    name for name in PartnershipListSerializer.Meta.fields if name not in ("url", "sectors", "countries")
)


class PartnershipSerializer(ApiModelSerializer):
    """A partnership with its countries, objectives, pathways, social aspects, indicators and participants.

    Rows are read here and written through their own resources (``/api/v1/partnership-countries/`` …).
    """

    url = serializers.SerializerMethodField()
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2_147_483_647,
        help_text="Read: the current version (also the ETag). Write: the version you read; 409 if stale.",
    )
    stage = serializers.ChoiceField(
        choices=c.Stage.choices,
        required=False,
        help_text="Initial stage when creating (schemes already running): a later stage than exploration needs "
        "stage_reason, and acknowledge_gaps when the exit checklists of the stages skipped have gaps. Change it "
        "later with /stage/.",
    )
    stage_reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Create only, with a later stage: why the partnership starts there (recorded on the stage change).",
    )
    acknowledge_gaps = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Create only, with a later stage: go ahead although the exit checklists of the stages skipped "
        "have gaps (a 400 open_gaps lists them); the gaps are recorded on the stage change.",
    )
    lead_organisation = serializers.IntegerField(
        write_only=True,
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="Create only: one of your organisations, which takes part as lead (default: your only one).",
    )
    lead_side = serializers.ChoiceField(
        choices=c.Side.choices, write_only=True, required=False, help_text="Create only: the lead's side."
    )
    countries = PartnershipCountrySerializer(many=True, read_only=True)
    objectives = ObjectiveSerializer(many=True, read_only=True)
    pathways = PathwaySerializer(many=True, read_only=True)
    continuum_provisions = ContinuumProvisionSerializer(many=True, read_only=True)
    social_protection_covers = SocialProtectionCoverSerializer(many=True, read_only=True)
    grievance_channels = GrievanceChannelSerializer(many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    participations = NestedParticipationSerializer(many=True, read_only=True)
    cost_summary_url = serializers.SerializerMethodField()
    feasibility_runs_url = serializers.SerializerMethodField()

    class Meta:
        model = m.Partnership
        fields = "__all__"
        read_only_fields = tuple(name for name in READ_ONLY if name not in ("stage", "version"))

    def _url(self, name: str, obj) -> str:
        return reverse(name, kwargs={"pk": obj.pk}, request=self.context.get("request"))

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj) -> str:
        return self._url("api:partnership-detail", obj)

    @extend_schema_field(serializers.URLField())
    def get_cost_summary_url(self, obj) -> str:
        return self._url("api:partnership-cost-summary", obj)

    @extend_schema_field(serializers.URLField())
    def get_feasibility_runs_url(self, obj) -> str:
        return self._url("api:partnership-feasibility-runs", obj)

    def validate(self, attrs):
        if self.instance is not None:
            if not attrs.get("acknowledge_gaps"):
                attrs.pop("acknowledge_gaps", None)  # its default, not sent
            for name in ("stage", "lead_organisation", "lead_side", "stage_reason", "acknowledge_gaps"):
                if name in attrs and (name != "stage" or attrs[name] != self.instance.stage):
                    message = (
                        _("Change the stage with POST /stage/ (it records who moved it and why).")
                        if name == "stage"
                        else _("Only used when creating a partnership.")
                    )
                    raise serializers.ValidationError({name: [message]})
            attrs.pop("stage", None)
        return attrs


class StageChangeRequestSerializer(serializers.Serializer):
    """Move a partnership to another lifecycle stage (§5 "Stage changes")."""

    to_stage = serializers.ChoiceField(choices=c.Stage.choices)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    acknowledge_gaps = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Move forward although the exit checklist of the stage left has gaps (a 400 open_gaps lists "
        "them first); the gaps are recorded on the stage change.",
    )
    closure_reason = serializers.ChoiceField(
        choices=c.ClosureReason.choices, required=False, allow_blank=True, default=""
    )
    version = VersionField()


class HandOverLeadSerializer(serializers.Serializer):
    """Hand the lead to another participant of the same partnership (docs/permissions.md, "The lead")."""

    participation = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        help_text="Id of the Participation (of this partnership) that becomes the lead; the former lead stays "
        "on as a co-lead.",
    )
    version = VersionField()


class StageChangeSerializer(ApiModelSerializer):
    class Meta:
        model = m.StageChange
        fields = ("id", "partnership", "from_stage", "to_stage", "user", "reason", "at", "open_gaps")
        read_only_fields = fields


class CountrySerializer(ApiModelSerializer):
    class Meta:
        model = m.Country
        fields = ("code", "name", "iom_region")
        read_only_fields = fields


class SdgTargetSerializer(ApiModelSerializer):
    class Meta:
        model = m.SdgTarget
        fields = ("code", "goal", "short_title", "in_seeds", "source")
        read_only_fields = fields


class GcmObjectiveSerializer(ApiModelSerializer):
    class Meta:
        model = m.GcmObjective
        fields = ("number", "short_title", "in_seeds", "source")
        read_only_fields = fields


class ElementSerializer(ApiModelSerializer):
    rules = serializers.SerializerMethodField()

    class Meta:
        model = m.Element
        fields = ("code", "name", "chapter", "order", "rules")
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_rules(self, obj) -> list[str]:
        from feasibility.registry import REGISTRY

        return [spec.id for spec in REGISTRY.for_element(obj.code)]
