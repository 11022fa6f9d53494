"""The area's board report: the gap list, coverage, maturity and the action plan, on one page.

The page prints cleanly (its own print stylesheet hides the site's header, footer and buttons)
and the same content downloads as a PDF drawn by WeasyPrint. WeasyPrint fetches stylesheets and
images itself, so it gets a fetcher that serves only Cradle's own static files: the report never
reaches the network, whatever a page or a user's text links to.
"""

import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

from dashboards import views
from partnership.access import Access, partnership_access
from partnership.downloads import attachment

# The PDF's documents pretend to live here; nothing is ever fetched from this host (the
# reserved .invalid name cannot resolve): the fetcher maps it onto the static folders.
STATIC_BASE = "https://cradle.invalid/static/"
STYLESHEET = "css/report.css"


class StaticOnlyFetcher(URLFetcher):
    """Serves files found by the static finders under `STATIC_BASE`; refuses every other URL."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        found = static_file(url)
        if found is None:
            raise URLFetchingError(f"Only Cradle's static files are fetched, not {url}")
        content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": content_type})


def static_file(url: str) -> Path | None:
    if not url.startswith(STATIC_BASE):
        return None
    relative = PurePosixPath(unquote(url[len(STATIC_BASE) :].split("?")[0].split("#")[0]))
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        return None
    found = finders.find(str(relative))
    return Path(found) if found else None


def report_context(access: Access, query) -> dict:
    dashboard = views.gather(access, query)
    found = views.tables(dashboard)
    return {
        "access": access,
        "partnership": access.partnership,
        "dashboard": dashboard,
        "gaps": views.gap_list(dashboard),
        "coverage": found["coverage"],
        "maturity": found.get("maturity"),
        "actions": found.get("actions"),
        "axis": f"{views.LABEL[dashboard.rows]} × {views.LABEL[dashboard.cols]}",
        "today": timezone.localdate(),
    }


def pdf_bytes(context: dict) -> bytes:
    html = render_to_string("dashboards/report_pdf.html", {**context, "stylesheet": STYLESHEET})
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticOnlyFetcher()).write_pdf()


@login_required
@require_safe
def report(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    return render(request, "dashboards/report.html", report_context(access, request.GET))


@login_required
@require_safe
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    response = HttpResponse(
        pdf_bytes(report_context(access, request.GET)), content_type="application/pdf"
    )
    return attachment(response, access.partnership.slug, "board-report", suffix="pdf")
