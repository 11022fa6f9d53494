"""The area gap dashboard and its board report: read-only pages.

What they fetch is in `queries`, what they show in `tables`; their downloads in `downloads`.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from dashboards.queries import gather
from dashboards.tables import area_context, report_context
from partnership.access import partnership_access


@login_required
@require_safe
def area(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    dashboard = gather(access, request.GET)
    context = {"access": access, "partnership": access.partnership, **area_context(dashboard)}
    return render(request, "dashboards/area.html", context)


@login_required
@require_safe
def report(request: HttpRequest, slug: str) -> HttpResponse:
    """The board report: the page prints cleanly (its own print stylesheet hides the site's
    header, footer and buttons) and the same content downloads as a PDF."""
    access = partnership_access(request, slug)
    context = report_context(access, gather(access, request.GET))
    return render(request, "dashboards/report.html", context)
