"""A partnership's own pages: the list, the overview, the profile, organisations and members."""

from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from partnership import services
from partnership.access import partnership_access
from partnership.forms import MemberAddForm, MemberEditForm, OrganisationForm, PartnershipForm
from partnership.http import posted
from partnership.models import (
    Membership,
    Organisation,
    Oversight,
    Partnership,
    ProposalStatus,
    Role,
    Sector,
)

# Each role's members under their own heading, in this order.
ROLE_HEADINGS = {
    Role.LEAD: gettext_lazy("Leads"),
    Role.CONTRIBUTOR: gettext_lazy("Contributors"),
    Role.VIEWER: gettext_lazy("Viewers"),
}


def tasks_by_partnership(user, roles, today) -> dict:
    """What to do next in each partnership, which rounds and services decide: the function the
    `PARTNERSHIP_TASKS` setting names, so this app imports nothing from the apps above it."""
    return import_string(settings.PARTNERSHIP_TASKS)(user, roles, today)


@login_required
@require_safe
def partnership_list(request: HttpRequest) -> HttpResponse:
    # Whether this person holds an oversight grant comes with their memberships: most hold
    # none, and finding what grants cover is the page's dearest query.
    grants = Oversight.objects.filter(user=request.user)
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("partnership", "organisation")
        .annotate(oversees=Exists(grants))
        .order_by("partnership__name")
    )
    member_of = {m.partnership_id for m in memberships}
    if request.user.is_superuser:
        overseen = Partnership.objects.all()
    elif memberships and not memberships[0].oversees:
        overseen = Partnership.objects.none()
    else:
        overseen = Partnership.objects.overseen_by(request.user)
    overseen = overseen.exclude(id__in=member_of).order_by("name")
    tasks = tasks_by_partnership(
        request.user, [(m.partnership, m.role) for m in memberships], timezone.localdate()
    )
    return render(
        request,
        "partnership/list.html",
        {
            "memberships": memberships,
            "overseen": overseen,
            "task_lists": [
                (m.partnership, tasks[m.partnership_id])
                for m in memberships
                if m.partnership_id in tasks
            ],
        },
    )


@login_required
@require_safe
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    partnership = access.partnership
    organisations = partnership.organisations.annotate(member_count=Count("memberships")).order_by(
        "sector", "name"
    )
    sector_labels = dict(Sector.choices)
    by_sector = [
        (sector_labels[sector], list(orgs))
        for sector, orgs in groupby(organisations, key=lambda o: o.sector)
    ]
    memberships = list(
        partnership.memberships.select_related("user", "organisation").order_by(
            "user__full_name", "user__email"
        )
    )
    by_role = [
        (heading, [m for m in memberships if m.role == role])
        for role, heading in ROLE_HEADINGS.items()
    ]
    roles = [(partnership, access.role)] if access.is_member else []
    tasks = tasks_by_partnership(request.user, roles, timezone.localdate())
    return render(
        request,
        "partnership/overview.html",
        {
            "access": access,
            "partnership": partnership,
            "areas": partnership.areas.select_related("parent", "icb", "health_board"),
            "by_sector": by_sector,
            "by_role": by_role,
            "tasks": tasks.get(partnership.pk),
        },
    )


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    form = PartnershipForm(posted(request), instance=access.partnership)
    if request.method == "POST" and form.is_valid():
        partnership = form.save()
        proposal = services.propose_areas(
            request=request, partnership=partnership, areas=form.cleaned_data["area_codes"]
        )
        if proposal is None:
            messages.success(request, _("Partnership profile saved"))
        else:
            messages.success(
                request,
                _("Partnership profile saved. The areas change when an admin confirms them"),
            )
        return redirect(partnership)
    partnership = access.partnership
    context = {
        "access": access,
        "form": form,
        "waiting": partnership.area_proposals.filter(status=ProposalStatus.PENDING).exists(),
        "current_codes": ", ".join(services.codes(partnership.areas.all())),
    }
    return render(request, "partnership/edit.html", context)


@login_required
def organisation_add(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    form = OrganisationForm(posted(request), partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, _("%(name)s added") % {"name": organisation.name})
        return redirect(access.partnership)
    return render(
        request,
        "partnership/organisation_form.html",
        {"access": access, "form": form, "organisation": None},
    )


@login_required
def organisation_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    organisation = get_object_or_404(Organisation, pk=pk, partnership=access.partnership)
    form = OrganisationForm(posted(request), instance=organisation, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("%(name)s saved") % {"name": organisation.name})
        return redirect(access.partnership)
    return render(
        request,
        "partnership/organisation_form.html",
        {
            "access": access,
            "form": form,
            "organisation": organisation,
            "member_count": organisation.memberships.count(),
        },
    )


@login_required
@require_POST
def organisation_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    organisation = get_object_or_404(Organisation, pk=pk, partnership=access.partnership)
    members = organisation.memberships.count()
    if members:
        messages.error(
            request,
            ngettext(
                "%(name)s still has %(count)s member. "
                "Move them to another organisation, or remove them, first",
                "%(name)s still has %(count)s members. "
                "Move them to another organisation, or remove them, first",
                members,
            )
            % {"name": organisation.name, "count": members},
        )
        return redirect("partnership:organisation-edit", slug=slug, pk=pk)
    organisation.delete()
    messages.success(
        request, _("%(name)s removed from the partnership") % {"name": organisation.name}
    )
    return redirect(access.partnership)


@login_required
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    form = MemberAddForm(posted(request), partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        added = services.add_member(
            request=request,
            partnership=access.partnership,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            organisation=form.cleaned_data["organisation"],
            role=Role(form.cleaned_data["role"]),
        )
        # Only what the lead typed, in the same words whether or not the account existed: its
        # owner's name and other partnerships stay hidden.
        email = form.cleaned_data["email"]
        if added.emailed:
            messages.success(
                request,
                _("%(email)s added. We have emailed them how to sign in") % {"email": email},
            )
        else:
            messages.warning(
                request,
                _(
                    "%(email)s added, but we could not email them. Ask them to choose "
                    "“Forgotten your password?” on the sign-in page and enter this "
                    "email address"
                )
                % {"email": email},
            )
        return redirect(access.partnership)
    return render(request, "partnership/member_add.html", {"access": access, "form": form})


@login_required
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation", "partnership"),
        pk=pk,
        partnership=access.partnership,
    )
    form = MemberEditForm(posted(request), membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_member(
                membership=membership,
                organisation=form.cleaned_data["organisation"],
                role=Role(form.cleaned_data["role"]),
            )
        except services.LastLeadError:
            form.add_error(
                "role", _("A partnership needs at least one lead. Make someone else a lead first")
            )
        else:
            messages.success(request, _("%(name)s saved") % {"name": membership.user})
            return redirect(access.partnership)
    return render(
        request,
        "partnership/member_edit.html",
        {"access": access, "form": form, "membership": membership},
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, partnership=access.partnership
    )
    try:
        services.remove_member(membership=membership)
    except services.LastLeadError as error:
        messages.error(request, error.messages[0])
        return redirect("partnership:member-edit", slug=slug, pk=pk)
    messages.success(
        request, _("%(name)s removed from the partnership") % {"name": membership.user}
    )
    return redirect(access.partnership)
