"""Small request helpers every app's views share."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseRedirect, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data on a POST (even an empty one, so its errors show), else None.

    `request.POST or None` would treat an empty submission as no submission and show the
    form without its "Enter ..." messages.
    """
    return request.POST if request.method == "POST" else None


class RedirectThen(HttpResponseRedirect):
    """A redirect that does some work once it has been sent.

    A WSGI server calls close() after the last byte of the response is written, so the time
    the work takes (or whether there is any) does not show in the time to answer.
    """

    def __init__(self, url: str, then: Callable[[], None] | None):
        super().__init__(url)
        self.then = then

    def close(self) -> None:
        try:
            if self.then is not None:
                self.then()
        finally:
            super().close()
