"""The service list, a service's page, adding, editing and archiving, and referral routes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from continuum.forms import FilterForm, RouteForm
from continuum.models import LEVEL, ReferralRoute, Service, Term
from continuum.service_form import ServiceForm
from continuum.taxonomies import TAXONOMIES, terms_by_taxonomy
from partnership.access import Access, partnership_access
from partnership.http import posted
from partnership.models import Role
from partnership.versions import key, query_parts, remembered, stamp

PAGE_SIZE = 50
THRIVE = "thrive"


@login_required
@require_safe
def service_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    partnership = access.partnership
    # Everything the listing shows moves the partnership's data version or the shared one
    # (services, their providers and tags, the taxonomies): it is drawn once per version, role
    # and query, and the next request after any change draws afresh.
    drawn_at = key(
        "services",
        stamp([partnership.pk]),
        partnership.pk,
        partnership.slug,
        access.role,
        query_parts(request.GET),
    )
    content = remembered("pages", drawn_at, lambda: _listing(request, access))
    return render(
        request,
        "continuum/service_list.html",
        {"access": access, "partnership": partnership, "content": content},
    )


def _listing(request: HttpRequest, access: Access) -> str:
    """The list's filters, count, downloads, table and pages, for one query string."""
    partnership = access.partnership
    terms = terms_by_taxonomy()
    filters = FilterForm(request.GET, terms=terms)
    services = filters.apply(Service.objects.for_partnership(partnership))
    page = Paginator(
        services.select_related("provider").order_by("name", "pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    unplaced = Service.objects.for_partnership(partnership).current().needs_placing().count()
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "continuum/_service_list_content.html",
        {
            "access": access,
            "partnership": partnership,
            "filters": filters,
            "page": page,
            "rows": listed(page, terms),
            "unplaced": unplaced,
            "query": query.urlencode(),
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
            "archived": filters.showing_archived(),
        },
    )


def listed(services, terms: dict[str, list[Term]]) -> list[tuple[Service, list, list]]:
    """(service, continuum levels, THRIVE groupings) for each listed service.

    The tags come as id pairs in one query and are matched to the terms already loaded for the
    filters: prefetching them built a Term and a Taxonomy per tag, most of the list's time.
    """
    shown = {term.pk: term for code in (LEVEL, THRIVE) for term in terms[code]}
    tags: dict[int, list[Term]] = {}
    for service_id, term_id in (
        Service.terms.through.objects.filter(service__in=[s.pk for s in services], term__in=shown)
        .order_by("term__order")
        .values_list("service_id", "term_id")
    ):
        tags.setdefault(service_id, []).append(shown[term_id])
    return [
        (
            service,
            [t for t in tags.get(service.pk, []) if t.taxonomy.code == LEVEL],
            [t for t in tags.get(service.pk, []) if t.taxonomy.code == THRIVE],
        )
        for service in services
    ]


@login_required
@require_safe
def service_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug)
    service = get_object_or_404(Service.objects.with_terms(), pk=pk, partnership=access.partnership)
    groups = [
        (label, [t for t in service.terms.all() if t.taxonomy.code == code])
        for code, _short, label in TAXONOMIES
    ]
    return render(
        request,
        "continuum/service_detail.html",
        {
            "access": access,
            "partnership": access.partnership,
            "service": service,
            "groups": groups,
            "placed": bool(groups[0][1]),
            "routes_out": service.routes_out.select_related("to_service").order_by(
                "to_service__name"
            ),
            "routes_in": service.routes_in.select_related("from_service").order_by(
                "from_service__name"
            ),
            "locations": service.locations.all(),
        },
    )


@login_required
def service_add(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    return service_form(request, access, Service())


@login_required
def service_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    service = get_object_or_404(Service, pk=pk, partnership=access.partnership)
    return service_form(request, access, service)


def service_form(request: HttpRequest, access: Access, service: Service) -> HttpResponse:
    adding = service.pk is None
    form = ServiceForm(
        posted(request), instance=service, partnership=access.partnership, terms=terms_by_taxonomy()
    )
    if request.method == "POST":
        with transaction.atomic():
            if not adding:
                # Holds the row from the version check to the save, so two editors
                # cannot both pass the check.
                Service.objects.select_for_update().filter(pk=service.pk).exists()
            if form.is_valid():
                service = form.save()
                if adding:
                    messages.success(request, _("%(name)s added") % {"name": service.name})
                else:
                    messages.success(request, _("%(name)s saved") % {"name": service.name})
                return redirect(service)
    return render(
        request,
        "continuum/service_form.html",
        {"access": access, "form": form, "service": None if adding else service},
    )


@login_required
@require_POST
def service_archive(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    service = get_object_or_404(Service, pk=pk, partnership=access.partnership)
    service.archive()
    messages.success(
        request,
        _("%(name)s archived. It no longer counts on the matrix or the pathway")
        % {"name": service.name},
    )
    return redirect("continuum:service-list", slug=slug)


@login_required
def route_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    service = get_object_or_404(Service, pk=pk, partnership=access.partnership)
    form = RouteForm(posted(request), from_service=service)
    if request.method == "POST" and form.is_valid():
        route = form.save()
        messages.success(request, _("Route to %(name)s added") % {"name": route.to_service.name})
        return redirect(service)
    return render(
        request,
        "continuum/route_form.html",
        {"access": access, "form": form, "service": service},
    )


@login_required
@require_POST
def route_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    route = get_object_or_404(
        ReferralRoute.objects.select_related("from_service", "to_service"),
        pk=pk,
        from_service__partnership=access.partnership,
    )
    route.delete()
    messages.success(request, _("Route to %(name)s removed") % {"name": route.to_service.name})
    return redirect(route.from_service)
