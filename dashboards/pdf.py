"""The board report as a PDF, drawn by WeasyPrint without ever reaching the network.

WeasyPrint fetches stylesheets and images itself, so it gets a fetcher that serves only
Cradle's own static files: whatever a template or a user's text links to, nothing else is read.
"""

import logging
import mimetypes
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as NotYet
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.db import connection
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint import __version__ as weasyprint_version
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

from dashboards.queries import gather
from dashboards.tables import report_context
from partnership.access import Access
from partnership.versions import key, stamp

logger = logging.getLogger(__name__)

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


def report_pdf(access: Access, query: QueryDict) -> bytes | None:
    """The board report of `access`'s partnership as `query` asks for it, drawn with the
    report's own print stylesheet; None while it is still being drawn.

    A drawn report is kept, keyed by the data versions it was drawn from (partnership.versions),
    the reader's role and language, the day, the release and the WeasyPrint version: a repeat
    download of an unchanged report reads one file and gathers nothing, and any change to what
    the report shows moves the version, so the next download draws afresh. Nothing can be
    served stale, whatever path changed the data.

    Drawing a large report takes a second or more, so it is drawn beside the request, not in
    it: the request waits `REPORT_DRAW_WAIT_SECONDS` for it, then returns None and leaves the
    drawing to finish and be kept for the next download.
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

    report = repr((pk, access.role, query.urlencode(), translation.get_language()))
    return kept_or_started(drawn_at, drawn, settings.REPORT_DRAW_WAIT_SECONDS, report)


# One drawing at a time in each server process, beside its requests, and at most one of each
# report (partnership, role, query, language): a report asked for again while it is being drawn
# waits on the same drawing, and one whose data moved on meanwhile is drawn once that is done,
# so a burst of changes never queues a drawing per change.
DRAWER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="board-report")
DRAWING: dict[str, tuple[str, Future]] = {}
DRAWING_LOCK = threading.Lock()


def kept_or_started(
    cache_key: str, drawn: Callable[[], bytes], wait: float, report: str
) -> bytes | None:
    """What `drawn` returns, from the reports cache when kept; else drawn beside the request,
    waiting up to `wait` seconds for it: None if it is not done by then, or if an earlier
    version of the same `report` is still being drawn."""
    store = caches["reports"]
    found = store.get(cache_key)
    if found is not None:
        return found
    if connection.in_atomic_block:
        # Another thread reads through a connection of its own, which sees only what is
        # committed: inside a transaction (a test's), the report is drawn here.
        found = drawn()
        store.set(cache_key, found)
        return found
    with DRAWING_LOCK:
        drawing, future = DRAWING.get(report, (cache_key, None))
        if drawing != cache_key:
            return None  # an earlier version is being drawn: this one is asked for again later
        if future is None:
            future = DRAWER.submit(draw_and_keep, cache_key, drawn, translation.get_language())
            DRAWING[report] = (cache_key, future)
            future.add_done_callback(lambda _: forget(report))
    try:
        return future.result(timeout=wait)
    except NotYet:
        return None


def draw_and_keep(cache_key: str, drawn: Callable[[], bytes], language: str) -> bytes:
    try:
        with translation.override(language):
            found = drawn()
        caches["reports"].set(cache_key, found)
        return found
    except Exception:
        logger.exception("Drawing a board report failed")
        raise
    finally:
        connection.close()  # this thread's own connection


def forget(report: str) -> None:
    with DRAWING_LOCK:
        DRAWING.pop(report, None)


def draw(html: str) -> bytes:
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticOnlyFetcher()).write_pdf()
