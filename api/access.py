"""The one way an API request reaches a partnership: opted in, and with its token if needed.

Everything short of that answers 404, whatever the reason (no such partnership, not
published, no token, an unknown, revoked or another partnership's token), so the API says no
more about which partnerships exist than the site does.
"""

from django.http import Http404, HttpRequest

from api.models import ApiToken, OrukAccess, Publication, digest
from partnership.audit import audit
from partnership.models import Partnership

ORUK = "oruk"
RESULTS = "results"


def bearer_token(request: HttpRequest) -> str:
    scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def published_partnership(request: HttpRequest, slug: str, *, feed: str) -> Partnership:
    """The partnership behind `slug` if it publishes `feed` to this request, else a 404."""
    publication = (
        Publication.objects.select_related("partnership").filter(partnership__slug=slug).first()
    )
    if publication is None or not publishes(publication, feed):
        audit("api.denied", request, status=404, reason="not published", feed=feed)
        raise Http404
    if feed == ORUK and publication.oruk == OrukAccess.PUBLIC:
        return publication.partnership
    token = bearer_token(request)
    holds = (
        token
        and ApiToken.objects.live()
        .filter(partnership=publication.partnership_id, digest=digest(token))
        .exists()
    )
    if not holds:
        audit("api.denied", request, status=404, reason="no valid token", feed=feed)
        raise Http404
    return publication.partnership


def publishes(publication: Publication, feed: str) -> bool:
    if feed == ORUK:
        return publication.oruk != OrukAccess.OFF
    return publication.results
