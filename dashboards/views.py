"""The dashboards' pages, read only: the area gap dashboard, its board report, and the
cross-area dashboard.

What they fetch is in `queries`, what they show in `tables`; their downloads in `downloads`.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from dashboards import need_oversight, oversight
from dashboards.queries import gather
from dashboards.tables import area_context, report_context
from partnership.access import oversight_access, partnership_access
from partnership.downloads import csv_response
from partnership.models import Nation
from partnership.versions import key, remembered, stamp, stamp_of


@login_required
@require_safe
def area(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    context = {"access": access, "partnership": access.partnership}

    def draw() -> str:
        dashboard = gather(access, request.GET)
        drawn = {**context, **area_context(dashboard), **dashboard.need}
        return render_to_string("dashboards/_area_content.html", drawn, request=request)

    pk = access.partnership.pk
    drawn_at = key("area", stamp([pk]), pk, access.role, request.GET.urlencode())
    # Rendered by our own template, so it arrives and comes back from the cache as safe text.
    content = remembered("pages", drawn_at, draw)
    return render(request, "dashboards/area.html", {**context, "content": content})


@login_required
@require_safe
def report(request: HttpRequest, slug: str) -> HttpResponse:
    """The board report: the page prints cleanly (its own print stylesheet hides the site's
    header, footer and buttons) and the same content downloads as a PDF."""
    access = partnership_access(request, slug)
    context = report_context(access, gather(access, request.GET))
    return render(request, "dashboards/report.html", context)


@login_required
@require_safe
def oversight_index(request: HttpRequest) -> HttpResponse:
    overseen = oversight_access(request)
    ids, versions = stamp_of(overseen)
    drawn_at = key("oversight", versions, ids, request.GET.urlencode())
    content = remembered("pages", drawn_at, lambda: oversight_content(request, overseen))
    return render(request, "dashboards/oversight.html", {"content": content})


def oversight_content(request: HttpRequest, overseen) -> str:
    overview = oversight.gather(overseen, request.GET)
    page = oversight.page_of(overview, request.GET)
    coverage_chart, maturity_chart = oversight.figures(overview, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "overview": overview,
        "page": page,
        "query": query.urlencode(),
        "nations": Nation.choices,
        "coverage_chart": coverage_chart,
        "maturity_chart": maturity_chart,
        "minimum": settings.DASHBOARD_MIN_RESPONSES,
        "columns": oversight.sort_links(request.GET, overview),
        "position_chart": oversight.position_chart(overview),
        "caution": oversight.CAUTION,
        "size_note": oversight.SIZE_NOTE,
    }
    context.update(need_across_context(overview, page.object_list, request))
    return render_to_string("dashboards/_oversight_content.html", context, request=request)


def need_across_context(
    overview: oversight.Overview, rows: list[dict], request: HttpRequest
) -> dict:
    """Need against capacity for `rows`, the areas on the page."""
    across = need_oversight.gather(rows, overview.levels, request.GET, overview.capacity)
    headers, body = need_oversight.table(across)
    # Two tables on the page, so each fits a desktop column: who and how much, then the
    # capacity-to-need ratio at each level. The download keeps them as one.
    levels = len(across.levels)
    return {
        "need": across,
        "need_headers": headers,
        "need_body": body,
        "need_people": [row[:6] + row[6 + levels :] for row in body],
        "need_ratios": [[row[0], *row[6 : 6 + levels]] for row in body],
    }


@login_required
@require_safe
def oversight_need_csv(request: HttpRequest) -> HttpResponse:
    """Need against capacity across the overseen areas, as the page shows it."""
    overview = oversight.gather(oversight_access(request), request.GET)
    across = need_oversight.gather(overview.rows, overview.levels, request.GET, overview.capacity)
    headers, body = need_oversight.table(across)
    notes = [[str(need_oversight.SYNTHETIC_NOTE)]] if across.synthetic else []
    return csv_response(headers, [*body, *notes], "oversight", "need")
