"""Admin for the cost table. Items and their shares are saved through ``costs.services`` with the
administrator as the actor (``partnerships.admin_site.ServiceWriteAdmin``), so the admin enforces the same
rules as the wizard and the API (shares total 100.00 %, never half-written) and raises the partnership's
version with a history row exactly like them; shares are written only when the inline changed. Cost-benefit
analyses and sustainability plans go through the generic ``partnerships.services`` row services; currencies
and the shared exchange rates are reference data, plain admin (a partnership's own rates are read-only here)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from costs import services
from costs.models import CostBenefitAnalysis, CostItem, CostShare, Currency, ExchangeRate, SustainabilityPlan
from partnerships.admin_site import ServiceWriteAdmin
from smp.exceptions import ValidationError

SHARE_ROW_FIELDS = ("payer", "organisation", "percent", "instrument", "timing", "risk_mitigation", "committed")


def _share_rows(formset: forms.BaseInlineFormSet) -> list[dict]:
    """The shares the inline will leave in place: every filled, non-deleted form."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({name: data.get(name) for name in SHARE_ROW_FIELDS})
    return rows


class CostShareFormSet(forms.BaseInlineFormSet):
    """Checks the whole set of shares with the service's validator: total exactly 100.00, no duplicate payer,
    an organisation for ``other``."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        try:
            services.cost_shares_validate(item=self.instance, shares=_share_rows(self))
        except ValidationError as exc:
            raise forms.ValidationError([message for messages in exc.message_dict.values() for message in messages])


class CostShareInline(admin.TabularInline):
    model = CostShare
    formset = CostShareFormSet
    extra = 0
    fields = SHARE_ROW_FIELDS
    raw_id_fields = ("organisation",)


@admin.register(CostItem)
class CostItemAdmin(ServiceWriteAdmin, SimpleHistoryAdmin):
    list_display = ("__str__", "partnership", "amount", "currency", "basis", "essential", "in_kind", "year")
    list_filter = ("category", "basis", "currency", "in_kind", "phase")
    search_fields = ("description", "partnership__name", "subitem")
    list_select_related = ("partnership",)
    raw_id_fields = ("partnership", "country", "linked_training")
    inlines = [CostShareInline]

    @admin.display(boolean=True, description=_("essential"))
    def essential(self, obj: CostItem) -> bool:
        return obj.essential

    def service_save(self, request, obj, form, change):
        return services.cost_item_save(item=obj, user=request.user)

    def service_delete(self, request, obj):
        services.cost_item_delete(item=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not CostShare:
            return super().save_formset(request, form, formset, change)
        if formset.has_changed():
            services.cost_share_set(item=form.instance, shares=_share_rows(formset), user=request.user)
        # The admin's change message reads these; the service did the writing.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        return None


@admin.register(CostShare)
class CostShareAdmin(SimpleHistoryAdmin):
    """Read-only list: shares are edited on their cost item, where the 100 % rule is checked as a whole."""

    list_display = ("item", "payer", "organisation", "percent", "instrument", "timing", "risk_mitigation", "committed")
    list_filter = ("payer", "instrument", "timing", "risk_mitigation", "committed")
    search_fields = ("item__partnership__name", "organisation__name")
    list_select_related = ("item", "organisation")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Currency)
class CurrencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "numeric", "minor_unit")
    search_fields = ("code", "name", "numeric")


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("base_currency", "quote_currency", "rate", "as_of", "source", "partnership")
    list_filter = ("base_currency", "quote_currency")
    search_fields = ("base_currency", "quote_currency", "source", "partnership__name")
    readonly_fields = ("partnership",)
    date_hierarchy = "as_of"

    # A partnership's own rate is its data: changed in its costs step (``costs.services.exchange_rate_set``,
    # which raises its version), shown here only. Rates added here are reference rates.
    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or obj.partnership_id is None)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or obj.partnership_id is None)


@admin.register(CostBenefitAnalysis)
class CostBenefitAnalysisAdmin(ServiceWriteAdmin):
    list_display = ("__str__", "partnership", "kind", "benefit_cost_ratio", "alternatives_compared", "completed_on")
    list_filter = ("kind", "outcome_unit", "alternatives_compared")
    search_fields = ("perspective", "scenarios", "partnership__name")
    raw_id_fields = ("partnership", "participation")


@admin.register(SustainabilityPlan)
class SustainabilityPlanAdmin(ServiceWriteAdmin):
    list_display = ("partnership", "target_public_share_pct", "target_year")
    search_fields = ("partnership__name", "follow_on")
    raw_id_fields = ("partnership",)
