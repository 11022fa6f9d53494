"""Pages outside any partnership: the landing page, statements, health check, errors."""

import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

logger = logging.getLogger("cradle.site")


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "site/accessibility.html")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "site/privacy.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        logger.warning("healthz: database did not answer", exc_info=True)
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the failure may have been anywhere, even in the database or the
    # catalogue. The page is drawn in the request's language; if that fails (a static file
    # missing from the manifest, a catalogue that cannot be read) a plain page is sent, and if
    # even that fails, a fixed one in both languages: this view must not raise.
    try:
        with translation.override(language_of_request(request)):
            try:
                page = loader.get_template("errors/500.html").render()
            except Exception:
                logger.exception("The 500 page could not be drawn; sending the plain one")
                page = plain_server_error_page()
    except Exception:  # noqa: BLE001 - whatever went wrong, the page is still sent
        logger.exception("The plain 500 page could not be drawn; sending the fixed one")
        page = FIXED_SERVER_ERROR_PAGE
    return HttpResponse(page, status=500)


# Needs no template, no catalogue and no database.
FIXED_SERVER_ERROR_PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
    "<title>Sorry, there is a problem with the service – Cradle</title></head><body>"
    "<h1>Sorry, there is a problem with the service</h1>"
    "<p>Try again later. What you entered has not been saved.</p>"
    '<p lang="cy">Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth. Rhowch gynnig arall arni '
    "nes ymlaen. Nid yw’r hyn a roesoch wedi’i gadw.</p></body></html>"
)


def language_of_request(request: HttpRequest) -> str:
    """The language the failed request was being answered in.

    LocaleMiddleware (and a signed-in person's saved choice) set it if the request got that
    far; a failure before then still has the language cookie and Accept-Language to go on.
    """
    return getattr(request, "LANGUAGE_CODE", "") or translation.get_language_from_request(request)


def plain_server_error_page() -> str:
    return format_html(
        '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><title>{} – Cradle</title>'
        "</head><body><h1>{}</h1><p>{}</p></body></html>",
        "cy" if translation.get_language() == "cy" else "en-GB",
        _("Sorry, there is a problem with the service"),
        _("Sorry, there is a problem with the service"),
        _("Try again later. What you entered has not been saved."),
    )
