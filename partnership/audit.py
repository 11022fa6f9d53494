"""Security events as one structured (JSON) log line each, on the `cradle.audit` logger.

Lines name people by user id, and attempted sign-in names by a short hash, so that a password
typed into the email field never reaches a log. No password, token or secret is ever passed in.
"""

import hashlib
import json
import logging

from django.http import HttpRequest

logger = logging.getLogger("cradle.audit")


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.strip().lower().encode()).hexdigest()[:12]


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def audit(event: str, request: HttpRequest | None = None, **fields) -> None:
    record = {"event": event, **fields}
    if request is not None:
        record.setdefault("ip", client_ip(request))
        record.setdefault("path", request.path)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            record.setdefault("user_id", user.pk)
    logger.info(json.dumps(record, sort_keys=True, default=str))
