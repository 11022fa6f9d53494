from django.contrib import admin

from voice.models import Statement, StatementSet


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0
    fields = ["order", "code", "text", "easy_read", "finding"]
    readonly_fields = fields
    can_delete = False


@admin.register(StatementSet)
class StatementSetAdmin(admin.ModelAdmin):
    """Read only: the statements change through `manage.py load_statements`."""

    list_display = ["title", "code", "version", "loaded"]
    readonly_fields = ["code", "version", "title", "summary", "source", "confidence", "loaded"]
    inlines = [StatementInline]

    def has_add_permission(self, request) -> bool:
        return False
