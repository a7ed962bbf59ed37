"""Admin for the stakeholders app: organisations (with their members), participations, governance, capacity."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from partnerships.models import Partnership
from stakeholders import models as m


def _bump_version(partnership_id: int | None) -> None:
    """Admin edits of partnership rows count as data changes (see ``partnerships.admin``)."""
    if partnership_id is not None:
        Partnership.objects.filter(pk=partnership_id).update(version=F("version") + 1)


class PartnershipChildMixin:
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _bump_version(obj.partnership_id)

    def delete_model(self, request, obj):
        partnership_id = obj.partnership_id
        super().delete_model(request, obj)
        _bump_version(partnership_id)


class MemberInline(admin.TabularInline):
    model = m.Organisation.members.through
    extra = 0
    verbose_name = _("member")
    verbose_name_plural = _("members")
    raw_id_fields = ["user"]


@admin.register(m.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "country", "level"]
    list_filter = ["category", "level", "country"]
    search_fields = ["name"]
    inlines = [MemberInline]


@admin.register(m.Participation)
class ParticipationAdmin(PartnershipChildMixin, SimpleHistoryAdmin):
    list_display = ["organisation", "partnership", "side", "joined_stage", "capacity_level", "is_champion"]
    list_filter = ["side", "joined_stage", "capacity_level", "is_champion", "organisation__category"]
    search_fields = ["organisation__name", "partnership__name"]
    list_select_related = ["organisation", "partnership"]
    autocomplete_fields = ["partnership", "organisation"]


@admin.register(m.GovernanceBody)
class GovernanceBodyAdmin(PartnershipChildMixin, admin.ModelAdmin):
    list_display = ["name", "partnership", "kind", "layer", "reporting_cycle", "has_review_mechanism"]
    list_filter = ["kind", "layer", "reporting_cycle"]
    search_fields = ["name", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership", "members", "chair"]
    raw_id_fields = ["sector"]


@admin.register(m.PartnerGap)
class PartnerGapAdmin(PartnershipChildMixin, admin.ModelAdmin):
    list_display = ["service", "partnership", "resolved"]
    list_filter = ["resolved"]
    search_fields = ["service", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]


@admin.register(m.CapacityActivity)
class CapacityActivityAdmin(PartnershipChildMixin, admin.ModelAdmin):
    list_display = ["__str__", "partnership", "topic", "method", "status", "scheduled_on"]
    list_filter = ["topic", "method", "status"]
    search_fields = ["partnership__name", "target_participation__organisation__name", "description"]
    list_select_related = ["partnership", "target_participation__organisation"]
    autocomplete_fields = ["partnership", "target_participation", "partner_gap"]
