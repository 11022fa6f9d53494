"""The area's board report: the gap list, coverage, maturity and the action plan, on one page.

The page prints cleanly (its own print stylesheet hides the site's header, footer and buttons)
and the same content downloads as a PDF (`dashboards.pdf`).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from dashboards import views
from partnership.access import Access, partnership_access
from partnership.downloads import attachment


def report_context(access: Access, query) -> dict:
    dashboard = views.gather(access, query)
    found = views.tables(dashboard)
    return {
        "access": access,
        "partnership": access.partnership,
        "dashboard": dashboard,
        # The ranked gaps a board should read; cells where no service is expected stay out.
        "gaps": views.gap_context(dashboard.gaps)["gaps"],
        "coverage": found["coverage"],
        "maturity": found.get("maturity"),
        "actions": found.get("actions"),
        "axis": f"{views.LABEL[dashboard.rows]} × {views.LABEL[dashboard.cols]}",
        "today": timezone.localdate(),
    }


@login_required
@require_safe
def report(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    return render(request, "dashboards/report.html", report_context(access, request.GET))


@login_required
@require_safe
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    # Imported here: WeasyPrint loads Pango when imported, and a machine without it should
    # still serve every other page (`make` installs it on Debian).
    from dashboards import pdf

    access = partnership_access(request, slug)
    response = HttpResponse(
        pdf.report_pdf(report_context(access, request.GET)), content_type="application/pdf"
    )
    return attachment(response, access.partnership.slug, "board-report", suffix="pdf")
