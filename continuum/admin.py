"""Read-only admin: the library changes through its files and loaders, never by hand here."""

from django.contrib import admin

from continuum.models import Taxonomy, Term


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class TermInline(ReadOnlyInline):
    model = Term
    fields = ["order", "code", "name", "parent"]
    show_change_link = False


@admin.register(Taxonomy)
class TaxonomyAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "source"]
    inlines = [TermInline]
