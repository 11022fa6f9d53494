from django.contrib import admin

from continuum.models import Taxonomy, Term


class TermInline(admin.TabularInline):
    model = Term
    fields = ["order", "code", "name", "parent"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    """Read-only: taxonomies change through their files and `load_taxonomies`."""

    list_display = ["name", "code", "source"]
    inlines = [TermInline]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
