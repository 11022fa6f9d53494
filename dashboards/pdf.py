"""The board report as a PDF, drawn by WeasyPrint without ever reaching the network.

WeasyPrint fetches stylesheets and images itself, so it gets a fetcher that serves only
Cradle's own static files: whatever a template or a user's text links to, nothing else is read.
"""

import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from django.contrib.staticfiles import finders
from django.http import QueryDict
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint import __version__ as weasyprint_version
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

from dashboards.queries import gather
from dashboards.tables import report_context
from partnership.access import Access
from partnership.versions import key, remembered, stamp

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


def report_pdf(access: Access, query: QueryDict) -> bytes:
    """The board report of `access`'s partnership as `query` asks for it, drawn with the
    report's own print stylesheet.

    Drawing takes most of a second, so a drawn report is kept, keyed by the data versions it
    was drawn from (partnership.versions), the reader's role and language, the day, the
    release and the WeasyPrint version: a repeat download of an unchanged report reads one
    file and gathers nothing, and any change to what the report shows moves the version, so
    the next download draws afresh. Nothing can be served stale, whatever path changed the data.
    """
    pk = access.partnership.pk
    drawn_at = key(
        "board-report", stamp([pk]), pk, access.role, query.urlencode(), weasyprint_version
    )

    def drawn() -> bytes:
        context = report_context(access, gather(access, query))
        return draw(
            render_to_string("dashboards/report_pdf.html", {**context, "stylesheet": STYLESHEET})
        )

    return remembered("reports", drawn_at, drawn)


def draw(html: str) -> bytes:
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticOnlyFetcher()).write_pdf()
