"""Small request helpers every app's views share."""

from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data on a POST (even an empty one, so its errors show), else None.

    `request.POST or None` would treat an empty submission as no submission and show the
    form without its "Enter ..." messages.
    """
    return request.POST if request.method == "POST" else None
