"""Admin of the reviews app: the review workflow's rows, notifications, portfolio figures and design briefs.

Review transitions are audit rows written by ``reviews.services`` and never edited here."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from partnerships.admin import AuditAdmin
from reviews.models import DesignBrief, Notification, PartnershipFigures, ReviewComment, ReviewTransition


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "partnership", "action", "read_at"]
    list_filter = ["action"]
    raw_id_fields = ["recipient", "partnership", "actor"]


@admin.register(PartnershipFigures)
class PartnershipFiguresAdmin(admin.ModelAdmin):
    list_display = ["partnership", "partnership_version", "cost_per_migrant", "currency", "migrant_share_pct"]
    raw_id_fields = ["partnership"]


@admin.register(DesignBrief)
class DesignBriefAdmin(admin.ModelAdmin):
    list_display = ["created_at", "partnership", "partnership_version", "run", "language", "status", "finished_at"]
    list_filter = ["status", "language"]
    raw_id_fields = ["partnership", "run", "requested_by"]
    # No file input: the file has no public URL, the permission-checked download view serves it.
    readonly_fields = ["download", "size", "error", "attempts", "started_at", "finished_at"]
    fields = ["partnership", "partnership_version", "run", "language", "status", "requested_by", *readonly_fields]

    @admin.display(description=_("file"))
    def download(self, brief: DesignBrief) -> str:
        if not brief.file:
            return "—"
        url = reverse("reviews:brief_download", args=[brief.partnership_id, brief.pk])
        return format_html('<a href="{}">{}</a>', url, brief.download_name)


@admin.register(ReviewTransition)
class ReviewTransitionAdmin(AuditAdmin):
    list_display = ["partnership", "action", "from_status", "to_status", "user", "at"]
    list_filter = ["action", "to_status"]
    search_fields = ["partnership__name", "comment"]
    list_select_related = ["partnership", "user"]
    date_hierarchy = "at"


@admin.register(ReviewComment)
class ReviewCommentAdmin(AuditAdmin):
    """Read only: comments are written and resolved through the review workflow (``reviews.workflow``,
    ``reviews.services``) on the review page and over the API, so their history and policy checks hold."""

    list_display = ["__str__", "partnership", "element", "rule_id", "requests_change", "resolved", "author", "at"]
    list_filter = ["element", "requests_change", "resolved"]
    search_fields = ["partnership__name", "text", "rule_id"]
    list_select_related = ["partnership", "author"]
    autocomplete_fields = ["partnership"]
