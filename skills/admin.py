"""Admin for occupations, qualification frameworks, training, recognition and labour-market evidence.

Reference tables (sectors, ISCO-08 occupations, qualification frameworks and levels) are plain admin. Every
row of a partnership is saved and deleted through the write services with the administrator as the actor
(``partnerships.admin_site.ServiceWriteAdmin``): target occupations through ``skills.services``
(``target_occupation_create`` / ``_update``), information needs through ``data_need_set``, the other rows
through the generic ``partnerships.services.partnership_row_save`` / ``partnership_row_delete``. So an admin
edit raises the partnership's version with a history row, like the same change in the wizard or the API.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from partnerships.admin_site import ServiceWriteAdmin, form_values
from skills import services
from skills.models import (
    DataNeed,
    DataSharingArrangement,
    EvidenceReview,
    LabourMarketEvidence,
    Occupation,
    OccupationProfile,
    QualificationFramework,
    QualificationLevel,
    RecognitionArrangement,
    Sector,
    SkillsDocumentationTool,
    TargetOccupation,
    TrainingProgramme,
)

#
# Reference data
#


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "climate_exposed", "remote_feasible", "isic")
    list_filter = ("climate_exposed", "remote_feasible")
    search_fields = ("code", "label", "isic")


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "level", "skill_level", "parent")
    list_filter = ("level", "skill_level")
    search_fields = ("code", "title")
    raw_id_fields = ("parent",)


class QualificationLevelInline(admin.TabularInline):
    model = QualificationLevel
    extra = 0
    fields = ("level", "title", "descriptor")


@admin.register(QualificationFramework)
class QualificationFrameworkAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "scope", "country", "region_name", "levels_count", "referenced_to")
    list_filter = ("scope",)
    search_fields = ("code", "name", "region_name")
    inlines = [QualificationLevelInline]


@admin.register(QualificationLevel)
class QualificationLevelAdmin(admin.ModelAdmin):
    list_display = ("framework", "level", "title")
    list_filter = ("framework",)
    search_fields = ("framework__code", "level", "title")


#
# Target occupations
#


class OccupationProfileInline(admin.StackedInline):
    model = OccupationProfile
    extra = 0
    raw_id_fields = ("country", "regulator", "labour_status_evidence")


@admin.register(TargetOccupation)
class TargetOccupationAdmin(ServiceWriteAdmin):
    list_display = ("occupation", "partnership", "skill_level", "automation_impact", "places_per_year")
    list_filter = ("skill_level", "automation_impact", "informal_skills_common")
    search_fields = ("occupation__code", "occupation__title", "partnership__name")
    list_select_related = ("occupation", "partnership")
    raw_id_fields = ("partnership", "occupation", "destinations", "certification_validated_by")
    inlines = [OccupationProfileInline]
    fixed_fields = ("partnership", "occupation")

    def service_save(self, request, obj, form, change):
        many = ("destinations", "certification_validated_by")
        if change:
            data = form_values(form, changed_only=True)
            return services.target_occupation_update(target_occupation=self.stored(obj), user=request.user, **data)
        data = form_values(form, changed_only=False, exclude={"partnership", "occupation"})
        sets = {name: data.pop(name) or () for name in many if name in data}
        return services.target_occupation_create(
            partnership=obj.partnership, occupation=obj.occupation, user=request.user, **sets, **data
        )


@admin.register(OccupationProfile)
class OccupationProfileAdmin(ServiceWriteAdmin):
    list_display = ("target_occupation", "country", "labour_status", "regulated", "recognition_route")
    list_filter = ("labour_status", "regulated", "recognition_route", "recognition_gap", "on_shortage_list")
    search_fields = ("target_occupation__occupation__title", "classification_code")
    raw_id_fields = ("target_occupation", "country", "regulator", "labour_status_evidence")
    partnership_path = "target_occupation.partnership"
    fixed_fields = ("target_occupation",)


#
# Training, recognition, documentation
#


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(ServiceWriteAdmin):
    list_display = ("name", "partnership", "track", "location", "mode", "stage", "audience", "issues_certificate")
    list_filter = ("track", "location", "mode", "stage", "audience", "standard_alignment", "provider_accredited")
    search_fields = ("name", "certificate_name", "partnership__name")
    raw_id_fields = (
        "partnership",
        "provider",
        "accreditation_body",
        "reserved_for_employer",
        "occupations",
        "certificate_recognised_in",
        "qualification_levels",
        "codesigned_by",
    )


@admin.register(RecognitionArrangement)
class RecognitionArrangementAdmin(ServiceWriteAdmin):
    list_display = ("name", "partnership", "kind", "status", "is_fast_track", "typical_processing_days")
    list_filter = ("kind", "scope", "recognition_type", "status", "phase", "is_fast_track")
    search_fields = ("name", "legal_basis", "partnership__name")
    raw_id_fields = ("partnership", "competent_authority", "occupations", "countries", "responsible_orgs")


@admin.register(SkillsDocumentationTool)
class SkillsDocumentationToolAdmin(ServiceWriteAdmin):
    list_display = ("name", "partnership", "kind", "free_to_migrant", "offline_access")
    list_filter = ("kind", "free_to_migrant", "offline_access")
    search_fields = ("name", "partnership__name")
    raw_id_fields = ("partnership",)


#
# Evidence and data
#


@admin.register(LabourMarketEvidence)
class LabourMarketEvidenceAdmin(ServiceWriteAdmin):
    list_display = ("title", "partnership", "source_type", "source_family", "country", "sector", "reference_year")
    list_filter = ("source_type", "sector", "is_joint")
    search_fields = ("title", "notes", "partnership__name")
    raw_id_fields = ("partnership", "producer", "country", "occupations")

    @admin.display(description=_("source family"))
    def source_family(self, obj: LabourMarketEvidence) -> str:
        return obj.source_family


@admin.register(DataNeed)
class DataNeedAdmin(ServiceWriteAdmin):
    list_display = ("prompt_code", "partnership", "status", "gap_owner")
    list_filter = ("status",)
    search_fields = ("prompt_code", "answer", "gap_strategy", "partnership__name")
    raw_id_fields = ("partnership", "gap_owner", "evidence")
    fixed_fields = ("partnership", "prompt_code")

    def service_save(self, request, obj, form, change):
        return services.data_need_set(
            partnership=obj.partnership,
            prompt_code=obj.prompt_code,
            status=obj.status,
            answer=obj.answer,
            gap_strategy=obj.gap_strategy,
            gap_owner=obj.gap_owner,
            evidence=form.cleaned_data.get("evidence") or (),
            user=request.user,
        )


@admin.register(EvidenceReview)
class EvidenceReviewAdmin(ServiceWriteAdmin):
    list_display = ("__str__", "partnership", "held_on")
    search_fields = ("conclusions", "partnership__name")
    date_hierarchy = "held_on"
    raw_id_fields = ("partnership", "participants", "evidence")


@admin.register(DataSharingArrangement)
class DataSharingArrangementAdmin(ServiceWriteAdmin):
    list_display = ("__str__", "partnership", "kind", "governance_body", "started_on")
    list_filter = ("kind",)
    search_fields = ("partnership__name",)
    raw_id_fields = ("partnership", "governance_body", "parties")
