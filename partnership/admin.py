from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnership import services
from partnership.models import (
    Area,
    AreaProposal,
    Membership,
    Organisation,
    Oversight,
    Partnership,
    ProposalStatus,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        (gettext_lazy("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (gettext_lazy("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "parent", "icb", "health_board", "partnership_board"]
    search_fields = ["name", "gss_code", "partnership_board"]
    list_select_related = ["parent", "icb", "health_board"]
    autocomplete_fields = ["parent", "icb", "health_board"]


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

    def save_related(self, request, form, formsets, change):
        old = services.codes(form.instance.areas.all()) if change else []
        super().save_related(request, form, formsets, change)
        services.record_area_change(request, form.instance, old)


@admin.register(AreaProposal)
class AreaProposalAdmin(admin.ModelAdmin):
    """Where an admin confirms or declines the areas a lead has proposed."""

    list_display = [
        "partnership",
        "current_codes",
        "proposed_codes",
        "proposed_by",
        "created",
        "status",
    ]
    list_filter = ["status"]
    list_select_related = ["partnership", "proposed_by"]
    # The list's columns, then who decided and when.
    fields = [*list_display, "decided_by", "decided"]
    readonly_fields = fields
    actions = ["confirm", "decline"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("areas", "partnership__areas")

    def has_add_permission(self, request):
        return False

    @admin.display(description=gettext_lazy("current areas"))
    def current_codes(self, proposal: AreaProposal) -> str:
        return ", ".join(services.codes(proposal.partnership.areas.all())) or _("none")

    @admin.display(description=gettext_lazy("proposed areas"))
    def proposed_codes(self, proposal: AreaProposal) -> str:
        return ", ".join(services.codes(proposal.areas.all())) or _("none")

    @admin.action(
        description=gettext_lazy("Confirm the proposed areas (the partnership's areas change)")
    )
    def confirm(self, request, queryset):
        self.decide(request, queryset, confirm=True)

    @admin.action(description=gettext_lazy("Decline the proposed areas"))
    def decline(self, request, queryset):
        self.decide(request, queryset, confirm=False)

    def decide(self, request, queryset, *, confirm: bool) -> None:
        done = 0
        for proposal in queryset.filter(status=ProposalStatus.PENDING):
            if services.decide_area_proposal(request=request, proposal=proposal, confirm=confirm):
                verb = "Confirmed" if confirm else "Declined"
                codes = ", ".join(services.codes(proposal.areas.all())) or "none"
                # In the partnership's own admin history, beside changes made on its page: a
                # record kept as written, in English like the rest of the audit trail.
                self.log_change(request, proposal.partnership, f"{verb} proposed areas: {codes}")
                done += 1
        if confirm:
            message = ngettext(
                "Confirmed %(count)s proposal", "Confirmed %(count)s proposals", done
            )
        else:
            message = ngettext("Declined %(count)s proposal", "Declined %(count)s proposals", done)
        self.message_user(
            request, message % {"count": done}, messages.SUCCESS if done else messages.WARNING
        )


@admin.register(Oversight)
class OversightAdmin(admin.ModelAdmin):
    list_display = ["user", "area", "note"]
    list_select_related = ["user", "area"]
    autocomplete_fields = ["user", "area"]
    filter_horizontal = ["partnerships"]


# Local need's admin lives with its models.
from partnership.indicators import admin as indicators_admin  # noqa: E402, F401
