"""Admin for recruiters, recruitment arrangements and the WHO safeguards list."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from recruitment.models import Recruiter, RecruitmentArrangement, WhoSslEntry


@admin.register(Recruiter)
class RecruiterAdmin(admin.ModelAdmin):
    list_display = (
        "organisation",
        "partnership",
        "licence_number",
        "licence_country",
        "licence_expiry",
        "sanction_status",
        "iris_status",
        "payment_model",
    )
    list_filter = ("sanction_status", "iris_status", "payment_model", "licence_exempt", "uses_sub_agents")
    search_fields = ("organisation__name", "licence_number", "partnership__name")
    list_select_related = ("organisation", "partnership")
    raw_id_fields = ("partnership", "organisation", "licensing_authority", "monitoring_body")


@admin.register(RecruitmentArrangement)
class RecruitmentArrangementAdmin(SimpleHistoryAdmin):
    list_display = (
        "__str__",
        "partnership",
        "channel",
        "fees_charged_to_workers",
        "worker_financing",
        "written_contract_before_departure",
        "passport_retention_allowed",
        "substitution_incidents_open",
    )
    list_filter = (
        "channel",
        "worker_financing",
        "employer_pays_commitment",
        "written_contract_before_departure",
        "passport_retention_allowed",
    )
    search_fields = ("partnership__name",)
    list_select_related = ("partnership", "origin", "destination")
    raw_id_fields = ("partnership", "origin", "destination", "monitoring_body", "target_occupations", "recruiters")


@admin.register(WhoSslEntry)
class WhoSslEntryAdmin(admin.ModelAdmin):
    list_display = ("country", "edition")
    list_filter = ("edition",)
    search_fields = ("country",)
