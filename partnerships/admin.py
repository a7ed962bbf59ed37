"""Admin for the partnerships app: every model, query-light (``list_select_related``, autocompletes).

The admin is a maintenance tool for staff. Lifecycle, review and version fields are read-only here: stage
changes and reviews go through their services. Any save through the admin still raises the partnership's
``version`` so "changed since approval" and the optimistic lock of the services stay truthful.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import F
from simple_history.admin import SimpleHistoryAdmin

from partnerships import models as m
from stakeholders.models import Participation


def _bump_version(partnership_id: int | None) -> None:
    if partnership_id is not None:
        m.Partnership.objects.filter(pk=partnership_id).update(version=F("version") + 1)


class PartnershipChildAdmin(admin.ModelAdmin):
    """Saving or deleting a row that belongs to a partnership raises that partnership's version."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _bump_version(obj.partnership_id)

    def delete_model(self, request, obj):
        partnership_id = obj.partnership_id
        super().delete_model(request, obj)
        _bump_version(partnership_id)


class PartnershipChildHistoryAdmin(PartnershipChildAdmin, SimpleHistoryAdmin):
    """``PartnershipChildAdmin`` for models with simple-history."""


#
# Reference data
#


@admin.register(m.Element)
class ElementAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "chapter", "order"]
    search_fields = ["code", "name"]
    ordering = ["order"]


@admin.register(m.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "iom_region"]
    list_filter = ["iom_region"]
    search_fields = ["code", "name"]


@admin.register(m.SdgTarget)
class SdgTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "goal", "short_title", "in_seeds"]
    list_filter = ["goal", "in_seeds"]
    search_fields = ["code", "short_title"]


@admin.register(m.GcmObjective)
class GcmObjectiveAdmin(admin.ModelAdmin):
    list_display = ["number", "short_title", "in_seeds"]
    list_filter = ["in_seeds"]
    search_fields = ["=number", "short_title"]


#
# Partnership
#


class PartnershipCountryInline(admin.TabularInline):
    model = m.PartnershipCountry
    extra = 0
    fields = ["country", "side", "languages", "nqf_status", "rpl_system", "lmis_status"]


class ObjectiveInline(admin.TabularInline):
    model = m.Objective
    extra = 0
    fields = ["kind", "horizon", "description", "visibility"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fields = ["organisation", "side", "roles", "joined_stage", "is_champion"]
    autocomplete_fields = ["organisation"]


@admin.register(m.Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "stage", "review_status", "version", "form_of_engagement", "start_date", "end_date"]
    list_filter = ["stage", "review_status", "form_of_engagement", "training_location"]
    search_fields = ["name", "summary"]
    readonly_fields = [
        "stage",
        "review_status",
        "review_round",
        "version",
        "assigned_reviewer",
        "approved_by",
        "approved_version",
        "approved_stage",
        "approved_at",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["predecessor"]
    filter_horizontal = ["sectors"]
    list_select_related = ["predecessor"]
    inlines = [PartnershipCountryInline, ObjectiveInline, ParticipationInline]

    def save_model(self, request, obj, form, change):
        if change:
            # The admin form carries no version to compare; it still counts as a change.
            current = m.Partnership.objects.filter(pk=obj.pk).values_list("version", flat=True).first() or 0
            obj.version = current + 1
        super().save_model(request, obj, form, change)


@admin.register(m.PartnershipCountry)
class PartnershipCountryAdmin(PartnershipChildAdmin):
    list_display = ["country", "side", "partnership", "nqf_status", "rpl_system", "lmis_status"]
    list_filter = ["side", "nqf_status", "rpl_system", "lmis_status"]
    search_fields = ["country", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]


@admin.register(m.Objective)
class ObjectiveAdmin(PartnershipChildHistoryAdmin):
    list_display = ["__str__", "partnership", "kind", "horizon", "visibility"]
    list_filter = ["kind", "horizon", "visibility"]
    search_fields = ["description", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership", "sdg_targets", "gcm_objectives"]


@admin.register(m.ObjectiveTension)
class ObjectiveTensionAdmin(PartnershipChildAdmin):
    list_display = ["__str__", "partnership", "status"]
    list_filter = ["status"]
    search_fields = ["note", "partnership__name"]
    list_select_related = ["partnership", "objective_a", "objective_b"]
    autocomplete_fields = ["partnership", "objective_a", "objective_b"]


class IndicatorValueInline(admin.TabularInline):
    model = m.IndicatorValue
    extra = 0
    fields = ["collection_point", "measured_on", "value", "disaggregation_key", "note"]


@admin.register(m.Indicator)
class IndicatorAdmin(PartnershipChildAdmin):
    list_display = ["name", "code", "partnership", "impact_category", "measure_type", "level", "direction"]
    list_filter = ["impact_category", "measure_type", "level", "direction"]
    search_fields = ["name", "code", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership", "objective", "sdg_target", "gcm_objective", "country", "responsible"]
    inlines = [IndicatorValueInline]


@admin.register(m.IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "collection_point", "measured_on", "value", "disaggregation_key"]
    list_filter = ["collection_point"]
    search_fields = ["indicator__name", "indicator__code"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]


@admin.register(m.FeasibilityStudy)
class FeasibilityStudyAdmin(PartnershipChildAdmin):
    list_display = ["partnership", "started_on", "completed_on"]
    list_filter = ["completed_on"]
    search_fields = ["partnership__name", "predecessor_schemes_reviewed"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]


@admin.register(m.Evaluation)
class EvaluationAdmin(PartnershipChildAdmin):
    list_display = ["partnership", "kind", "completed_on", "follow_up_months"]
    list_filter = ["kind"]
    search_fields = ["partnership__name", "summary"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]


@admin.register(m.LinkedInitiative)
class LinkedInitiativeAdmin(PartnershipChildAdmin):
    list_display = ["name", "partnership", "kind", "funder", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "partnership__name"]
    list_select_related = ["partnership", "funder", "country"]
    autocomplete_fields = ["partnership", "funder", "country"]


@admin.register(m.BusinessLinkage)
class BusinessLinkageAdmin(PartnershipChildAdmin):
    list_display = ["__str__", "partnership", "kind", "status", "jobs_created_origin", "date"]
    list_filter = ["kind", "status"]
    search_fields = ["partnership__name", "destination_org__name", "origin_org__name"]
    list_select_related = ["partnership", "destination_org", "origin_org"]
    autocomplete_fields = ["partnership", "destination_org", "origin_org"]


class PathwayStepInline(admin.TabularInline):
    model = m.PathwayStep
    extra = 0
    fields = ["order", "name", "phase", "kind", "responsible", "typical_days", "obstacle_status"]
    autocomplete_fields = ["responsible"]


@admin.register(m.Pathway)
class PathwayAdmin(PartnershipChildHistoryAdmin):
    list_display = ["name", "partnership", "permit_kind", "status", "destination_country", "employer_tied"]
    list_filter = ["permit_kind", "status", "employer_tied", "digital_application"]
    search_fields = ["name", "partnership__name", "legal_basis"]
    list_select_related = ["partnership", "destination_country"]
    autocomplete_fields = ["partnership", "destination_country", "origin_countries", "reform_owner"]
    raw_id_fields = ["occupations"]
    inlines = [PathwayStepInline]


@admin.register(m.PathwayStep)
class PathwayStepAdmin(admin.ModelAdmin):
    list_display = ["__str__", "pathway", "phase", "kind", "responsible", "typical_days", "obstacle_status"]
    list_filter = ["phase", "kind", "obstacle_status"]
    search_fields = ["name", "pathway__name"]
    list_select_related = ["pathway", "responsible"]
    autocomplete_fields = ["pathway", "responsible", "obstacle_owner"]


@admin.register(m.ContinuumProvision)
class ContinuumProvisionAdmin(PartnershipChildAdmin):
    list_display = ["__str__", "partnership", "phase", "topic", "status", "responsible"]
    list_filter = ["phase", "status"]
    search_fields = ["partnership__name", "description"]
    list_select_related = ["partnership", "responsible__organisation"]
    autocomplete_fields = ["partnership", "responsible"]


@admin.register(m.SocialProtectionCover)
class SocialProtectionCoverAdmin(PartnershipChildAdmin):
    list_display = ["branch", "partnership", "destination", "pathway", "coverage", "portable", "waiting_days"]
    list_filter = ["branch", "coverage", "portable", "basis"]
    search_fields = ["partnership__name"]
    list_select_related = ["partnership", "destination", "pathway"]
    autocomplete_fields = ["partnership", "destination", "pathway"]


@admin.register(m.GrievanceChannel)
class GrievanceChannelAdmin(PartnershipChildAdmin):
    list_display = ["__str__", "partnership", "side", "kind", "country", "operator", "free_of_charge"]
    list_filter = ["side", "kind", "free_of_charge", "safe_regardless_of_status"]
    search_fields = ["partnership__name", "operator__name"]
    list_select_related = ["partnership", "country", "operator"]
    autocomplete_fields = ["partnership", "country", "operator"]


class AuditAdmin(admin.ModelAdmin):
    """Audit rows are written by services and never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.StageChange)
class StageChangeAdmin(AuditAdmin):
    list_display = ["partnership", "from_stage", "to_stage", "user", "at"]
    list_filter = ["to_stage"]
    search_fields = ["partnership__name", "reason"]
    list_select_related = ["partnership", "user"]
    date_hierarchy = "at"
