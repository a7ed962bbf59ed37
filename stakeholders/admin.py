"""Admin for the stakeholders app: organisations (with their members), participations, governance, capacity.

Every save and delete goes through ``stakeholders.services`` (via ``partnerships.admin_site.ServiceWriteAdmin``)
with the administrator as the actor, exactly like the wizard and the API: a participation, governance body,
capacity activity or partner gap raises its partnership's version with a history row; an organisation edit
(``organisation_update``) raises the version of every partnership the organisation takes part in or recruits
for, since the rules read its facts. Membership of an organisation (who may sign in for it) is access
control, not partnership data, and is saved as usual.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from partnerships.admin_site import ServiceWriteAdmin, form_values
from stakeholders import models as m
from stakeholders import services


class MemberInline(admin.TabularInline):
    model = m.Organisation.members.through
    extra = 0
    verbose_name = _("member")
    verbose_name_plural = _("members")
    raw_id_fields = ["user"]


@admin.register(m.Organisation)
class OrganisationAdmin(ServiceWriteAdmin):
    list_display = ["name", "category", "country", "level"]
    list_filter = ["category", "level", "country"]
    search_fields = ["name"]
    inlines = [MemberInline]
    fixed_fields = ()

    def service_save(self, request, obj, form, change):
        if change:
            return services.organisation_update(
                organisation=self.stored(obj), data=form_values(form, changed_only=True), user=request.user
            )
        return services.organisation_create(data=form_values(form, changed_only=False), user=request.user)

    def service_delete(self, request, obj):
        # An organisation still referenced by a partnership is protected by the database; the message says so.
        from partnerships.services import instance_delete

        instance_delete(obj, user=request.user)


@admin.register(m.Participation)
class ParticipationAdmin(ServiceWriteAdmin, SimpleHistoryAdmin):
    list_display = ["organisation", "partnership", "side", "joined_stage", "capacity_level", "is_champion"]
    list_filter = ["side", "joined_stage", "capacity_level", "is_champion", "organisation__category"]
    search_fields = ["organisation__name", "partnership__name"]
    list_select_related = ["organisation", "partnership"]
    autocomplete_fields = ["partnership", "organisation"]
    fixed_fields = ("partnership", "organisation")

    def service_save(self, request, obj, form, change):
        if change:
            return services.participation_update(
                participation=self.stored(obj), user=request.user, data=form_values(form, changed_only=True)
            )
        data = form_values(form, changed_only=False, exclude={"partnership", "organisation", "roles", "side"})
        return services.participation_add(
            partnership=obj.partnership,
            organisation=obj.organisation,
            user=request.user,
            roles=obj.roles or [],
            side=obj.side,
            data=data,
        )

    def service_delete(self, request, obj):
        services.participation_remove(participation=obj, user=request.user)


@admin.register(m.GovernanceBody)
class GovernanceBodyAdmin(ServiceWriteAdmin):
    list_display = ["name", "partnership", "kind", "layer", "reporting_cycle", "has_review_mechanism"]
    list_filter = ["kind", "layer", "reporting_cycle"]
    search_fields = ["name", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership", "members", "chair"]
    raw_id_fields = ["sector"]

    def service_save(self, request, obj, form, change):
        if change:
            return services.governance_body_update(
                governance_body=self.stored(obj), user=request.user, data=form_values(form, changed_only=True)
            )
        return services.governance_body_create(
            partnership=obj.partnership,
            user=request.user,
            data=form_values(form, changed_only=False, exclude={"partnership"}),
        )


@admin.register(m.PartnerGap)
class PartnerGapAdmin(ServiceWriteAdmin):
    list_display = ["service", "partnership", "resolved"]
    list_filter = ["resolved"]
    search_fields = ["service", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]

    def service_save(self, request, obj, form, change):
        if change:
            return super().service_save(request, obj, form, change)
        return services.partner_gap_create(
            partnership=obj.partnership,
            user=request.user,
            data=form_values(form, changed_only=False, exclude={"partnership"}),
        )


@admin.register(m.CapacityActivity)
class CapacityActivityAdmin(ServiceWriteAdmin):
    list_display = ["__str__", "partnership", "topic", "method", "status", "scheduled_on"]
    list_filter = ["topic", "method", "status"]
    search_fields = ["partnership__name", "target_participation__organisation__name", "description"]
    list_select_related = ["partnership", "target_participation__organisation"]
    autocomplete_fields = ["partnership", "target_participation", "partner_gap"]

    def service_save(self, request, obj, form, change):
        if change:
            return services.capacity_activity_update(
                capacity_activity=self.stored(obj), user=request.user, data=form_values(form, changed_only=True)
            )
        return services.capacity_activity_create(
            partnership=obj.partnership,
            user=request.user,
            data=form_values(form, changed_only=False, exclude={"partnership"}),
        )
