"""The dashboards' tables as XLSX: one table per file, or every table in one workbook.

They read exactly what the CSV downloads read (`views.tables`, `oversight.table`), so a table
added to a dashboard gets its XLSX download without more code here.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from dashboards import oversight, views
from partnership.access import partnership_access
from partnership.downloads import Sheet, xlsx_response

SHEET_TITLES = {
    "gaps": "Gaps",
    "coverage": "Coverage",
    "services": "Services in each cell",
    "maturity": "Maturity",
    "actions": "Actions",
}


def sheets_of(found: dict[str, tuple[list[str], list[list]]]) -> list[Sheet]:
    return [
        Sheet(SHEET_TITLES.get(name, name.replace("-", " ").capitalize()), header, rows)
        for name, (header, rows) in found.items()
    ]


@login_required
@require_safe
def area_xlsx(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    access = partnership_access(request, slug)
    found = views.tables(views.gather(access, request.GET))
    if table not in found:
        raise Http404
    return xlsx_response(sheets_of({table: found[table]}), access.partnership.slug, table)


@login_required
@require_safe
def area_workbook(request: HttpRequest, slug: str) -> HttpResponse:
    """Every table of the dashboard, one sheet each, for the same axes and round as the page."""
    access = partnership_access(request, slug)
    found = views.tables(views.gather(access, request.GET))
    return xlsx_response(sheets_of(found), access.partnership.slug, "dashboard")


@login_required
@require_safe
def oversight_xlsx(request: HttpRequest) -> HttpResponse:
    header, rows = oversight.table(oversight.gather(request))
    return xlsx_response([Sheet("Areas", header, rows)], "oversight")
