"""Admin for the partnerships app: every model, query-light (``list_select_related``, autocompletes).

The admin is a maintenance tool for administrators. Lifecycle, review and version fields are read-only
here: stage changes and reviews go through their services. Every save or delete of a partnership or of a
row of one (also inline rows) goes through ``partnerships.services`` (``partnership_update``,
``partnership_country_*``, ``objective_*``, ``pathway_*``, or the generic ``partnership_row_save`` /
``partnership_row_delete``; participations through ``stakeholders.services``) with the administrator as the
actor, via ``partnerships.admin_site.ServiceWriteAdmin``: the version rises with one history row, and the
same checks refuse what they refuse elsewhere (shown on the form). Reference tables are plain admin.
"""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partnerships import models as m
from partnerships import services as ps
from partnerships.admin_site import ServiceWriteAdmin, form_values
from stakeholders.models import Participation


class ServiceWriteHistoryAdmin(ServiceWriteAdmin, SimpleHistoryAdmin):
    """``ServiceWriteAdmin`` for models with simple-history."""


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
class PartnershipAdmin(ServiceWriteHistoryAdmin):
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

    fixed_fields = ()

    def row_partnership(self, obj):
        return obj

    def service_save(self, request, obj, form, change):
        if change:
            # The admin form carries no version to compare; it still counts as a change.
            return ps.partnership_update(
                partnership=self.stored(obj),
                user=request.user,
                expected_version=None,
                data=form_values(form, changed_only=True),
            )
        return ps.partnership_create(user=request.user, data=form_values(form, changed_only=False))

    def service_delete(self, request, obj):
        # Deleting a whole partnership leaves no version to raise; its history records who did it.
        ps.history_note(obj, user=request.user)
        obj.delete()


@admin.register(m.PartnershipCountry)
class PartnershipCountryAdmin(ServiceWriteAdmin):
    list_display = ["country", "side", "partnership", "nqf_status", "rpl_system", "lmis_status"]
    list_filter = ["side", "nqf_status", "rpl_system", "lmis_status"]
    search_fields = ["country", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    fixed_fields = ("partnership", "country")

    def service_save(self, request, obj, form, change):
        if change:
            return ps.partnership_country_update(
                partnership_country=self.stored(obj), user=request.user, data=form_values(form, changed_only=True)
            )
        data = form_values(form, changed_only=False, exclude={"partnership", "country", "side"})
        return ps.partnership_country_add(
            partnership=obj.partnership, user=request.user, country=obj.country, side=obj.side, data=data
        )

    def service_delete(self, request, obj):
        ps.partnership_country_remove(partnership_country=obj, user=request.user)


@admin.register(m.Objective)
class ObjectiveAdmin(ServiceWriteHistoryAdmin):
    list_display = ["__str__", "partnership", "kind", "horizon", "visibility"]
    list_filter = ["kind", "horizon", "visibility"]
    search_fields = ["description", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership", "sdg_targets", "gcm_objectives"]

    def service_save(self, request, obj, form, change):
        if change:
            return ps.objective_update(
                objective=self.stored(obj), user=request.user, data=form_values(form, changed_only=True)
            )
        return ps.objective_create(
            partnership=obj.partnership,
            user=request.user,
            data=form_values(form, changed_only=False, exclude={"partnership"}),
        )

    def service_delete(self, request, obj):
        ps.objective_delete(objective=obj, user=request.user)


@admin.register(m.ObjectiveTension)
class ObjectiveTensionAdmin(ServiceWriteAdmin):
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
class IndicatorAdmin(ServiceWriteAdmin):
    list_display = ["name", "code", "partnership", "impact_category", "measure_type", "level", "direction"]
    list_filter = ["impact_category", "measure_type", "level", "direction"]
    search_fields = ["name", "code", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership", "objective", "sdg_target", "gcm_objective", "country", "responsible"]
    inlines = [IndicatorValueInline]


@admin.register(m.IndicatorValue)
class IndicatorValueAdmin(ServiceWriteAdmin):
    list_display = ["indicator", "collection_point", "measured_on", "value", "disaggregation_key"]
    list_filter = ["collection_point"]
    search_fields = ["indicator__name", "indicator__code"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]
    partnership_path = "indicator.partnership"
    fixed_fields = ("indicator",)


@admin.register(m.FeasibilityStudy)
class FeasibilityStudyAdmin(ServiceWriteAdmin):
    list_display = ["partnership", "started_on", "completed_on"]
    list_filter = ["completed_on"]
    search_fields = ["partnership__name", "predecessor_schemes_reviewed"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]


@admin.register(m.Evaluation)
class EvaluationAdmin(ServiceWriteAdmin):
    list_display = ["partnership", "kind", "completed_on", "follow_up_months"]
    list_filter = ["kind"]
    search_fields = ["partnership__name", "summary"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]


@admin.register(m.LinkedInitiative)
class LinkedInitiativeAdmin(ServiceWriteAdmin):
    list_display = ["name", "partnership", "kind", "funder", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "partnership__name"]
    list_select_related = ["partnership", "funder", "country"]
    autocomplete_fields = ["partnership", "funder", "country"]


@admin.register(m.BusinessLinkage)
class BusinessLinkageAdmin(ServiceWriteAdmin):
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
class PathwayAdmin(ServiceWriteHistoryAdmin):
    list_display = ["name", "partnership", "permit_kind", "status", "destination_country", "employer_tied"]
    list_filter = ["permit_kind", "status", "employer_tied", "digital_application"]
    search_fields = ["name", "partnership__name", "legal_basis"]
    list_select_related = ["partnership", "destination_country"]
    autocomplete_fields = ["partnership", "destination_country", "origin_countries", "reform_owner"]
    raw_id_fields = ["occupations"]
    inlines = [PathwayStepInline]

    def service_save(self, request, obj, form, change):
        if change:
            return ps.pathway_update(
                pathway=self.stored(obj), user=request.user, data=form_values(form, changed_only=True)
            )
        return ps.pathway_create(
            partnership=obj.partnership,
            user=request.user,
            data=form_values(form, changed_only=False, exclude={"partnership"}),
        )


@admin.register(m.PathwayStep)
class PathwayStepAdmin(ServiceWriteAdmin):
    list_display = ["__str__", "pathway", "phase", "kind", "responsible", "typical_days", "obstacle_status"]
    list_filter = ["phase", "kind", "obstacle_status"]
    search_fields = ["name", "pathway__name"]
    list_select_related = ["pathway", "responsible"]
    autocomplete_fields = ["pathway", "responsible", "obstacle_owner"]
    partnership_path = "pathway.partnership"
    fixed_fields = ("pathway",)


@admin.register(m.ContinuumProvision)
class ContinuumProvisionAdmin(ServiceWriteAdmin):
    list_display = ["__str__", "partnership", "phase", "topic", "status", "responsible"]
    list_filter = ["phase", "status"]
    search_fields = ["partnership__name", "description"]
    list_select_related = ["partnership", "responsible__organisation"]
    autocomplete_fields = ["partnership", "responsible"]


@admin.register(m.SocialProtectionCover)
class SocialProtectionCoverAdmin(ServiceWriteAdmin):
    list_display = ["branch", "partnership", "destination", "pathway", "coverage", "portable", "waiting_days"]
    list_filter = ["branch", "coverage", "portable", "basis"]
    search_fields = ["partnership__name"]
    list_select_related = ["partnership", "destination", "pathway"]
    autocomplete_fields = ["partnership", "destination", "pathway"]


@admin.register(m.GrievanceChannel)
class GrievanceChannelAdmin(ServiceWriteAdmin):
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
