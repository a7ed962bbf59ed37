"""Admin of the reviews app: notifications and portfolio figures, read mostly."""

from django.contrib import admin

from reviews.models import Notification, PartnershipFigures


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "partnership", "action", "read_at"]
    list_filter = ["action"]
    raw_id_fields = ["recipient", "partnership", "actor"]


@admin.register(PartnershipFigures)
class PartnershipFiguresAdmin(admin.ModelAdmin):
    list_display = ["partnership", "partnership_version", "cost_per_migrant", "currency", "migrant_share_pct"]
    raw_id_fields = ["partnership"]
