"""How often a survey may be answered: per client address and per link, within an hour.

Addresses are kept only as a keyed hash, for an hour: the throttle needs to recognise an
address, never to know it.
"""

from django.conf import settings
from django.utils.crypto import salted_hmac

from partnership import throttle
from voice.models import SubmissionLimit, Survey


def submission_allowed(*, survey: Survey, client: str) -> bool:
    """Whether one more response may come from `client` to `survey`, counting it if so."""
    address = salted_hmac("voice-address", f"{survey.token}:{client}", algorithm="sha256")
    limits = {
        f"address:{address.hexdigest()[:40]}": settings.VOICE_ADDRESS_LIMIT,
        f"link:{survey.pk}": settings.VOICE_LINK_LIMIT,
    }
    return throttle.allowed(SubmissionLimit, limits)
