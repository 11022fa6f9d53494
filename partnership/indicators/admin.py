"""Indicators in the admin: what a file could not say (unit, what a higher value means,
confidence) is set here; values change only through files."""

from django.contrib import admin

from partnership.indicators.models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "unit", "higher_is", "source"]
    search_fields = ["name", "code"]
    list_filter = ["higher_is"]
    readonly_fields = ["code"]

    def has_add_permission(self, request) -> bool:
        return False
