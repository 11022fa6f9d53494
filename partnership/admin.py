from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from partnership.models import Area, Membership, Organisation, Oversight, Partnership, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "parent", "icb"]
    search_fields = ["name", "gss_code"]
    list_select_related = ["parent", "icb"]
    autocomplete_fields = ["parent", "icb"]


class OrganisationInline(admin.TabularInline):
    model = Organisation
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "nation"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["areas"]
    inlines = [OrganisationInline, MembershipInline]


@admin.register(Oversight)
class OversightAdmin(admin.ModelAdmin):
    list_display = ["user", "area", "note"]
    list_select_related = ["user", "area"]
    autocomplete_fields = ["user", "area"]
    filter_horizontal = ["partnerships"]
