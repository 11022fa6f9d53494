"""Security events as one structured (JSON) log line each, on the `cradle.audit` logger.

Lines name people by user id, and attempted sign-in names by a short hash, so that a password
typed into the email field never reaches a log. No password, token or secret is ever passed in.
"""

import hashlib
import json
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger("cradle.audit")


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.strip().lower().encode()).hexdigest()[:12]


def client_ip(request: HttpRequest) -> str:
    """The address of the person making the request: the one key for throttles and the log.

    Each of the TRUSTED_PROXY_COUNT reverse proxies in front of Cradle appends the address it
    was reached from to X-Forwarded-For, so the client is that many entries from the right.
    Anything further left was written by the client and may be forged, so it is never read;
    with no proxies the header is ignored altogether.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [address.strip() for address in header.split(",") if address.strip()]
    if not forwarded:
        return remote
    # Fewer entries than proxies: every entry is a trusted proxy's, the leftmost the client's.
    return forwarded[-min(proxies, len(forwarded))]


def audit(event: str, request: HttpRequest | None = None, **fields) -> None:
    record = {"event": event, **fields}
    if request is not None:
        record.setdefault("ip", client_ip(request))
        record.setdefault("path", request.path)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            record.setdefault("user_id", user.pk)
    logger.info(json.dumps(record, sort_keys=True, default=str))
