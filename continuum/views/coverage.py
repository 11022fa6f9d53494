"""The coverage matrix and the pathway: read-only pages over the pure analysis functions."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from continuum import analysis
from continuum.forms import MatrixForm
from continuum.matrix import coverage_of
from continuum.models import LEVEL, ReferralRoute, RouteKind, Service, ServiceQuerySet
from continuum.taxonomies import TAXONOMIES, terms_by_taxonomy
from partnership.access import partnership_access


@login_required
@require_safe
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    form = MatrixForm(request.GET or None)
    rows, cols = form.axes()
    coverage = coverage_of(access.partnership, rows, cols)
    context = {
        "access": access,
        "partnership": access.partnership,
        "form": form,
        "coverage": coverage,
        "adjusted": coverage.adjusted(),
        "taxonomies": [(short, label) for _code, short, label in TAXONOMIES],
        "gaps": coverage.gap_sentences(),
    }
    return render(request, "continuum/matrix.html", context)


@login_required
@require_safe
def pathway(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    current = Service.objects.for_partnership(access.partnership).current()
    services = pathway_services(current)
    routes = [
        analysis.Route(*row)
        for row in ReferralRoute.objects.filter(
            from_service__in=current, to_service__in=current
        ).values_list("from_service_id", "to_service_id", "kind")
    ]
    context = {
        "access": access,
        "partnership": access.partnership,
        "groups": route_groups(services, routes),
        "gaps": analysis.pathway_gaps(services, routes),
    }
    return render(request, "continuum/pathway.html", context)


def pathway_services(current: ServiceQuerySet) -> list[analysis.PathwayService]:
    """Two queries: the services by name, and the continuum levels they are placed at."""
    names = dict(current.order_by("name").values_list("id", "name"))
    levels: dict[int, set[str]] = {pk: set() for pk in names}
    for service_id, _name, _taxonomy, code, _capacity in current.tags_on(LEVEL):
        levels[service_id].add(code)
    return [analysis.PathwayService(pk, name, frozenset(levels[pk])) for pk, name in names.items()]


def route_groups(
    services: list[analysis.PathwayService], routes: list[analysis.Route]
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(level name, [(from, kind, to)]) for each level routes start from, in level order."""
    names = {service.id: service.name for service in services}
    kinds = dict(RouteKind.choices)
    level_names = {t.code: t.name for t in terms_by_taxonomy()[LEVEL]}
    return [
        (
            level_names.get(code, _("Not yet placed on the continuum")),
            [(names[r.from_id], kinds[r.kind], names[r.to_id]) for r in found],
        )
        for code, found in analysis.routes_by_level(services, routes, list(level_names))
    ]
