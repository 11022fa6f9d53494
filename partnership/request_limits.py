"""How large a request body may be: one rule, applied before a byte of the body is read.

Every request may send up to REQUEST_MAX_BYTES. A view that takes file uploads declares, once,
how much more it accepts and from whom (`accepts_upload`); everyone else posting there is held
to the ordinary limit. Anything larger gets the 413 page: the body is never parsed, so it is
neither held in memory nor spooled to a temporary file.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

from partnership.audit import audit


@dataclass(frozen=True)
class UploadAllowance:
    max_bytes: Callable[[], int]  # the largest file the view takes, read at request time
    allowed: Callable[..., bool]  # (request, **url kwargs): may this user send that much?


def accepts_upload(max_bytes: Callable[[], int], *, allowed: Callable[..., bool]):
    """Marks a view that takes a file of up to `max_bytes()` from users `allowed` to send it.

    The rest of the form rides on top, within the ordinary limit, so a file just over
    `max_bytes()` still reaches the view and gets its own clear message.
    """

    def decorate(view):
        view.upload_allowance = UploadAllowance(max_bytes, allowed)
        return view

    return decorate


class BodyTooLarge(Exception):
    pass


class CappedStream:
    """Reads no more than `limit` bytes of a body, whatever its Content-Length claimed.

    Django's WSGI request already stops at the declared length; this also holds for a server
    that hands over a chunked body, or any stream, without one.
    """

    def __init__(self, stream, limit: int):
        self.stream, self.left = stream, limit

    def read(self, size: int | None = -1) -> bytes:
        return self._take(self.stream.read, size)

    def readline(self, size: int | None = -1) -> bytes:
        return self._take(self.stream.readline, size)

    def close(self) -> None:
        self.stream.close()

    def _take(self, read, size: int | None) -> bytes:
        wanted = self.left + 1 if size is None or size < 0 else min(size, self.left + 1)
        data = read(wanted)
        self.left -= len(data)
        if self.left < 0:
            raise BodyTooLarge
        return data


class RequestSizeMiddleware:
    """Refuses a body larger than its page allows. Listed early, so it acts before anything
    (CSRF checks included) reads the body; it then reads the body itself, within the limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        limit = body_limit(request, view_func, view_kwargs)
        if declared_length(request) > limit:
            return too_large(request, limit)
        request._stream = CappedStream(request._stream, limit)
        try:
            if request.content_type == "multipart/form-data":
                request.POST  # noqa: B018 (parsed now, so that an overflow is answered here)
            else:
                request.body  # noqa: B018
        except BodyTooLarge:
            return too_large(request, limit)
        return None


def body_limit(request: HttpRequest, view_func, view_kwargs: dict) -> int:
    limit = settings.REQUEST_MAX_BYTES
    allowance = getattr(view_func, "upload_allowance", None)
    if allowance is not None and allowance.allowed(request, **view_kwargs):
        limit += allowance.max_bytes()
    return limit


def declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    audit("request.too_large", request, bytes=declared_length(request), limit=limit)
    context = {"limit": filesizeformat(limit)}
    return render(request, "errors/413.html", context, status=413)
