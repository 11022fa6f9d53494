"""Where services run: family hubs, clinics, homes, online."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from continuum.forms import LocationForm
from continuum.models import Location
from partnership.access import Access, partnership_access
from partnership.http import posted
from partnership.models import Role


@login_required
@require_safe
def location_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    locations = access.partnership.locations.annotate(
        service_count=Count("services", filter=Q(services__archived=False))
    ).order_by("kind", "name")
    return render(
        request, "continuum/location_list.html", {"access": access, "locations": locations}
    )


@login_required
def location_add(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    return location_form(request, access, Location())


@login_required
def location_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    location = get_object_or_404(Location, pk=pk, partnership=access.partnership)
    return location_form(request, access, location)


def location_form(request: HttpRequest, access: Access, location: Location) -> HttpResponse:
    adding = location.pk is None
    form = LocationForm(posted(request), instance=location, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        location = form.save()
        if adding:
            messages.success(request, _("%(name)s added") % {"name": location.name})
        else:
            messages.success(request, _("%(name)s saved") % {"name": location.name})
        return redirect("continuum:location-list", slug=access.partnership.slug)
    return render(
        request,
        "continuum/location_form.html",
        {"access": access, "form": form, "location": None if adding else location},
    )
