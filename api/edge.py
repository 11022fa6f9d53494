"""What every API answer shares and no page of the site has: CORS and a per-address throttle.

Only paths under API_PREFIX are touched: the site's own pages send no CORS headers, so other
sites' scripts cannot read them.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation

from partnership.audit import audit, client_ip

API_PREFIX = "/api/"
WINDOW_SECONDS = 60
READ_METHODS = ("GET", "HEAD", "OPTIONS")


def within_rate(client: str) -> bool:
    """Counts a request from `client`: at most API_REQUESTS_PER_MINUTE in each minute."""
    key = f"api-rate:{client}:{int(time.time() // WINDOW_SECONDS)}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the window ran out between the two calls
        cache.set(key, 1, timeout=WINDOW_SECONDS + 1)
        count = 1
    return count <= settings.API_REQUESTS_PER_MINUTE


def allow_cross_origin(response: HttpResponse) -> HttpResponse:
    # No cookie ever opens the API (a token in a header does), so any origin may read it.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
    return response


class ApiEdgeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            response["Access-Control-Allow-Headers"] = "Authorization, If-None-Match"
            response["Access-Control-Max-Age"] = "3600"
        elif request.method not in READ_METHODS:
            # The API only reads: nothing it has takes a body, so nothing needs a CSRF check.
            response = JsonResponse({"error": "This API only answers GET"}, status=405)
            response["Allow"] = ", ".join(READ_METHODS)
        elif not within_rate(client_ip(request)):
            audit("api.throttled", request, status=429)
            response = JsonResponse(
                {"error": "Too many requests from this address: wait a minute and try again"},
                status=429,
            )
            response["Retry-After"] = str(WINDOW_SECONDS)
        elif request.method == "HEAD":
            # Answered as the GET it stands for, without the body.
            request.method = "GET"
            response = self.get_response(request)
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        else:
            response = self.get_response(request)
        return allow_cross_origin(response)


class EnglishMiddleware:
    """The API answers in English whatever the browser, cookie or account asks for: its readers
    are other systems, its field names are English and Open Referral UK's values (taxonomy and
    term names) are matched by other directories as they are. Placed after the middleware
    that choose a request's language, so it has the last word on API paths."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
