"""How often a survey may be answered: per client address and per link, within an hour.

Addresses are kept only as a keyed hash, for an hour: the throttle needs to recognise an
address, never to know it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from voice.models import SubmissionLimit, Survey

WINDOW = timedelta(hours=1)


def submission_allowed(*, survey: Survey, client: str) -> bool:
    """Whether one more response may come from `client` to `survey`, counting it if so."""
    address = salted_hmac("voice-address", f"{survey.token}:{client}", algorithm="sha256")
    limits = {
        f"address:{address.hexdigest()[:40]}": settings.VOICE_ADDRESS_LIMIT,
        f"link:{survey.pk}": settings.VOICE_LINK_LIMIT,
    }
    now = timezone.now()
    since = (now - WINDOW).timestamp()
    with transaction.atomic():
        SubmissionLimit.objects.filter(updated__lt=now - WINDOW).delete()
        rows = [
            # In one order everywhere, so two requests never each hold the lock the other needs.
            SubmissionLimit.objects.select_for_update().get_or_create(
                key=key, defaults={"updated": now}
            )[0]
            for key in sorted(limits)
        ]
        for row in rows:
            row.times = [t for t in row.times if t > since]
        allowed = all(len(row.times) < limits[row.key] for row in rows)
        for row in rows:
            if allowed:
                row.times.append(now.timestamp())
            row.updated = now
            row.save(update_fields=["times", "updated"])
    return allowed
