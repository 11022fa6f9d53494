"""Every download of the dashboards: each table as CSV or XLSX, the workbook, the board
report as a PDF, and the cross-area tables.

They read exactly what the pages read (`tables.tables`, `oversight.table`), so a table added
to a dashboard gets its downloads without more code here. The tables are kept against the data
versions they were drawn from, as the pages' content is (partnership.versions): the CSV and XLSX
of one table, and every download of an unchanged dashboard, gather once.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dashboards import oversight
from dashboards.queries import gather
from dashboards.tables import sheets_of, tables
from partnership.access import Access, oversight_access, partnership_access
from partnership.downloads import Sheet, attachment, csv_response, xlsx_response
from partnership.versions import key, query_parts, remembered, stamp, stamp_of


@login_required
@require_safe
def area_csv(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    access = partnership_access(request, slug)
    header, rows = one_table(access, request, table)
    return csv_response(header, rows, access.partnership.slug, table)


@login_required
@require_safe
def area_xlsx(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    access = partnership_access(request, slug)
    found = {table: one_table(access, request, table)}
    return xlsx_response(sheets_of(found), access.partnership.slug, table)


def one_table(access: Access, request: HttpRequest, table: str) -> tuple[list[str], list[list]]:
    """One of the dashboard's tables for the page's axes and round; a 404 when the chosen
    round has none (no settled round: no maturity, trend or actions)."""
    found = area_tables(access, request)
    if table not in found:
        raise Http404
    return found[table]


def area_tables(access: Access, request: HttpRequest) -> dict[str, tuple[list[str], list[list]]]:
    """Every table of the area dashboard for the query's axes and round, drawn once per data
    version, role and query."""
    pk = access.partnership.pk
    drawn_at = key("area-tables", stamp([pk]), pk, access.role, query_parts(request.GET))
    return remembered("pages", drawn_at, lambda: tables(gather(access, request.GET)))


def oversight_table(request: HttpRequest) -> tuple[list[str], list[list]]:
    """The cross-area table of every overseen area within the query's filters, drawn once per
    data version of the areas it covers."""
    overseen = oversight_access(request)
    ids, versions = stamp_of(overseen)
    drawn_at = key("oversight-table", versions, ids, query_parts(request.GET))
    return remembered(
        "pages", drawn_at, lambda: oversight.table(oversight.gather(overseen, request.GET))
    )


@login_required
@require_safe
def area_workbook(request: HttpRequest, slug: str) -> HttpResponse:
    """Every table of the dashboard, one sheet each, for the same axes and round as the page."""
    access = partnership_access(request, slug)
    return xlsx_response(
        sheets_of(area_tables(access, request)), access.partnership.slug, "dashboard"
    )


@login_required
@require_safe
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    # Imported here: WeasyPrint loads Pango when imported, and a machine without it should
    # still serve every other page (`make` installs it on Debian).
    from dashboards import pdf

    access = partnership_access(request, slug)
    drawn = pdf.report_pdf(access, request.GET)
    if drawn is None:
        # Still being drawn: a page saying so, with the same link to try again.
        context = {"access": access, "partnership": access.partnership}
        return render(request, "dashboards/report_preparing.html", context, status=202)
    response = HttpResponse(drawn, content_type="application/pdf")
    return attachment(response, access.partnership.slug, "board-report", suffix="pdf")


@login_required
@require_safe
def oversight_xlsx(request: HttpRequest) -> HttpResponse:
    header, rows = oversight_table(request)
    return xlsx_response([Sheet(_("Areas"), header, rows)], "oversight")


@login_required
@require_safe
def oversight_csv(request: HttpRequest) -> HttpResponse:
    header, rows = oversight_table(request)
    return csv_response(header, rows, "oversight")


@login_required
@require_safe
def position_csv(request: HttpRequest) -> HttpResponse:
    overview = oversight.gather(oversight_access(request), request.GET)
    if overview.area is None:
        raise Http404
    header, rows = oversight.position_table(overview)
    return csv_response(header, rows, "oversight", overview.area["slug"], "position")
