"""Admin for recruiters, recruitment arrangements and the WHO safeguards list.

Recruiters and recruitment arrangements are saved through ``recruitment.services`` with the administrator
as the actor (``partnerships.admin_site.ServiceWriteAdmin``), and deleted through the generic
``partnerships.services.partnership_row_delete``: an admin edit of a recruiter's licence raises the
partnership's version with a history row, so it shows as "changed since approval" (§5.2) like any other
change. The WHO safeguards list is reference data, plain admin.
"""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partnerships.admin_site import ServiceWriteAdmin, form_values
from recruitment import services
from recruitment.models import Recruiter, RecruitmentArrangement, WhoSslEntry


@admin.register(Recruiter)
class RecruiterAdmin(ServiceWriteAdmin):
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
    fixed_fields = ("partnership", "organisation")

    def service_save(self, request, obj, form, change):
        if change:
            data = form_values(form, changed_only=True)
            return services.recruiter_update(recruiter=self.stored(obj), user=request.user, **data)
        data = form_values(form, changed_only=False, exclude={"partnership", "organisation"})
        return services.recruiter_create(
            partnership=obj.partnership, organisation=obj.organisation, user=request.user, **data
        )


@admin.register(RecruitmentArrangement)
class RecruitmentArrangementAdmin(ServiceWriteAdmin, SimpleHistoryAdmin):
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

    def service_save(self, request, obj, form, change):
        data = form_values(form, changed_only=change, exclude={"partnership"})
        many = {name: data.pop(name) for name in ("recruiters", "target_occupations") if name in data}
        if change:
            return services.recruitment_arrangement_update(
                arrangement=self.stored(obj), user=request.user, **many, **data
            )
        data.pop("origin", None), data.pop("destination", None)
        return services.recruitment_arrangement_create(
            partnership=obj.partnership,
            origin=obj.origin,
            destination=obj.destination,
            user=request.user,
            **{name: value or () for name, value in many.items()},
            **data,
        )


@admin.register(WhoSslEntry)
class WhoSslEntryAdmin(admin.ModelAdmin):
    list_display = ("country", "edition")
    list_filter = ("edition",)
    search_fields = ("country",)
