"""Password reset: the same answer, at the same speed, whether or not the account exists.

The view only records the request against the throttle (the same work for every email) and
answers; looking the account up and sending the email happen after the answer has been sent.
"""

import logging
from functools import partial

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_http_methods

from partnership import throttle
from partnership.audit import audit, client_ip, fingerprint
from partnership.forms import PasswordResetForm
from partnership.http import RedirectThen, posted
from partnership.models import ResetLimit

logger = logging.getLogger(__name__)


def reset_allowed(*, email: str, client: str) -> bool:
    """Whether a reset email may go to this address for this client, counting it if so.

    At most PASSWORD_RESET_EMAIL_LIMIT emails an hour to one address, and
    PASSWORD_RESET_CLIENT_LIMIT requests an hour from one client address. Email addresses are
    stored only as a keyed hash: most of them have no account.
    """
    email_key = salted_hmac("password-reset", email.strip().lower(), algorithm="sha256")
    limits = {
        f"email:{email_key.hexdigest()}": settings.PASSWORD_RESET_EMAIL_LIMIT,
        f"client:{client}": settings.PASSWORD_RESET_CLIENT_LIMIT,
    }
    return throttle.allowed(ResetLimit, limits)


def send_reset_email(form: PasswordResetForm, request: HttpRequest, language: str) -> None:
    """Emails a link to the account with this address, if there is one.

    `language` is the one the reset was asked for in: this runs after the answer has gone, when
    the request's language may no longer be the active one. The email is in the person's own
    language where they have chosen one (PasswordResetForm.send_mail).
    """
    try:
        with translation.override(language):
            form.save(request=request, use_https=request.is_secure())
    except Exception:
        # The person has had their answer already; the failure can only be logged.
        logger.exception("A password reset email could not be sent")


@require_http_methods(["GET", "HEAD", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetForm(posted(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        allowed = reset_allowed(email=email, client=client_ip(request))
        audit("password_reset.requested", request, email_hash=fingerprint(email), sent=allowed)
        # Throttled or not, the person sees the same page: the limit says nothing about the
        # account either.
        language = translation.get_language()
        then = partial(send_reset_email, form, request, language) if allowed else None
        return RedirectThen(reverse("password_reset_done"), then)
    return render(request, "registration/password_reset_form.html", {"form": form})
