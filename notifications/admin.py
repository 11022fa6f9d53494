from django.contrib import admin

from notifications.models import Notification, Preferences


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "subject_id", "period", "claimed", "sent"]
    list_filter = ["kind", "period"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email"]
    readonly_fields = ["kind", "recipient", "subject_id", "period", "claim", "claimed", "sent"]

    def has_add_permission(self, request) -> bool:
        # Rows are claims made by the command; one added by hand would stop an email going.
        return False


@admin.register(Preferences)
class PreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "round_opened", "closing_soon", "weekly_digest", "updated"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
