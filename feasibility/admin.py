"""Read-only admin for feasibility runs: runs are written by the engine only and kept as history."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from feasibility.models import FeasibilityRun, Finding


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.display(description=_("message"))
def finding_message(finding: Finding) -> str:
    """A keyed message is stored as its key and parameters only: shown made again, in the reader's language."""
    return finding.text


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    can_delete = False
    fields = ("rule_id", "element", "status", "draft_lenient_applied", finding_message)
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FeasibilityRun)
class FeasibilityRunAdmin(ReadOnlyAdmin):
    list_display = ("id", "partnership", "status", "stage_at_run", "overall_score", "recruitment_verdict", "created_at")
    list_filter = ("status", "recruitment_verdict", "ruleset_version")
    search_fields = ("partnership__name",)
    date_hierarchy = "created_at"
    list_select_related = ("partnership",)
    inlines = [FindingInline]


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("run", "rule_id", "element", "status", "draft_lenient_applied")
    list_filter = ("element", "status", "draft_lenient_applied")
    search_fields = ("rule_id", "message_key", "message")
    list_select_related = ("run",)
    readonly_fields = (finding_message,)
