"""Admin for occupations, qualification frameworks, training, recognition and labour-market evidence."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

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
class TargetOccupationAdmin(admin.ModelAdmin):
    list_display = ("occupation", "partnership", "skill_level", "automation_impact", "places_per_year")
    list_filter = ("skill_level", "automation_impact", "informal_skills_common")
    search_fields = ("occupation__code", "occupation__title", "partnership__name")
    list_select_related = ("occupation", "partnership")
    raw_id_fields = ("partnership", "occupation", "destinations", "certification_validated_by")
    inlines = [OccupationProfileInline]


@admin.register(OccupationProfile)
class OccupationProfileAdmin(admin.ModelAdmin):
    list_display = ("target_occupation", "country", "labour_status", "regulated", "recognition_route")
    list_filter = ("labour_status", "regulated", "recognition_route", "recognition_gap", "on_shortage_list")
    search_fields = ("target_occupation__occupation__title", "classification_code")
    raw_id_fields = ("target_occupation", "country", "regulator", "labour_status_evidence")


#
# Training, recognition, documentation
#


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(admin.ModelAdmin):
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
class RecognitionArrangementAdmin(admin.ModelAdmin):
    list_display = ("name", "partnership", "kind", "status", "is_fast_track", "typical_processing_days")
    list_filter = ("kind", "scope", "recognition_type", "status", "phase", "is_fast_track")
    search_fields = ("name", "legal_basis", "partnership__name")
    raw_id_fields = ("partnership", "competent_authority", "occupations", "countries", "responsible_orgs")


@admin.register(SkillsDocumentationTool)
class SkillsDocumentationToolAdmin(admin.ModelAdmin):
    list_display = ("name", "partnership", "kind", "free_to_migrant", "offline_access")
    list_filter = ("kind", "free_to_migrant", "offline_access")
    search_fields = ("name", "partnership__name")
    raw_id_fields = ("partnership",)


#
# Evidence and data
#


@admin.register(LabourMarketEvidence)
class LabourMarketEvidenceAdmin(admin.ModelAdmin):
    list_display = ("title", "partnership", "source_type", "source_family", "country", "sector", "reference_year")
    list_filter = ("source_type", "sector", "is_joint")
    search_fields = ("title", "notes", "partnership__name")
    raw_id_fields = ("partnership", "producer", "country", "occupations")

    @admin.display(description=_("source family"))
    def source_family(self, obj: LabourMarketEvidence) -> str:
        return obj.source_family


@admin.register(DataNeed)
class DataNeedAdmin(admin.ModelAdmin):
    list_display = ("prompt_code", "partnership", "status", "gap_owner")
    list_filter = ("status",)
    search_fields = ("prompt_code", "answer", "gap_strategy", "partnership__name")
    raw_id_fields = ("partnership", "gap_owner", "evidence")


@admin.register(EvidenceReview)
class EvidenceReviewAdmin(admin.ModelAdmin):
    list_display = ("__str__", "partnership", "held_on")
    search_fields = ("conclusions", "partnership__name")
    date_hierarchy = "held_on"
    raw_id_fields = ("partnership", "participants", "evidence")


@admin.register(DataSharingArrangement)
class DataSharingArrangementAdmin(admin.ModelAdmin):
    list_display = ("__str__", "partnership", "kind", "governance_body", "started_on")
    list_filter = ("kind",)
    search_fields = ("partnership__name",)
    raw_id_fields = ("partnership", "governance_body", "parties")
