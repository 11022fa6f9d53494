"""Sign in with an organisation's identity provider: send the person there, take them back."""

import secrets
from dataclasses import asdict

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from partnership.audit import audit
from partnership.signin import keep_language_choice
from sso import oidc
from sso.models import IdentityProvider
from sso.rules import Refused, person_for

SESSION_KEY = "sso_pending"

# What a refused person reads, by the reason the audit line gives.
MESSAGES = {
    "unknown person": _(
        "Your organisation’s account is not linked to anyone in Cradle. "
        "Ask your partnership’s lead to invite you with your work email address."
    ),
    "unverified email": _(
        "Your organisation has not confirmed your email address. "
        "Ask your IT team to confirm it, then try again."
    ),
    "domain not served": _(
        "This sign-in button is not for your email address. "
        "Use your own organisation’s button, or sign in with your password."
    ),
    "linked to another account": _(
        "Your email address is linked to a different account at your "
        "organisation. Ask a Cradle admin to check your account."
    ),
    "bad token": _("Your organisation’s sign-in could not be checked. Try again."),
    "state mismatch": _(
        "This sign-in link has expired or was already used. Start again from the sign-in page."
    ),
    "provider error": _(
        "Your organisation’s sign-in service did not sign you in. Try again, or ask your IT team."
    ),
    "provider unreachable": _(
        "Your organisation’s sign-in service is not answering. Try again "
        "later, or sign in with your password if you have one."
    ),
    "provider disabled": _(
        "Signing in with this organisation is turned off. Start again from the sign-in page."
    ),
}


def refused(request: HttpRequest, reason: str, status: int, **fields) -> HttpResponse:
    audit("sso.refused", request, reason=reason, **fields)
    return render(request, "sso/refused.html", {"message": MESSAGES[reason]}, status=status)


def redirect_uri() -> str:
    """The callback address registered with every provider (see docs/sso.md)."""
    return settings.SITE_URL.rstrip("/") + reverse("sso:callback")


@never_cache
@require_GET
def start(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep state, nonce and PKCE verifier in the session, and send the person to the provider.

    A link, not a form: the login page's `form-action 'self'` would stop a form's redirect to
    another site. Starting a sign-in changes nothing but this session.
    """
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    provider = get_object_or_404(IdentityProvider.objects.enabled(), pk=pk)
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    pending = oidc.Pending.new(provider, next_url)
    try:
        url = oidc.authorization_url(provider, pending, redirect_uri())
    except oidc.ProviderError as error:
        return refused(
            request, "provider unreachable", 502, provider=provider.pk, detail=str(error)
        )
    request.session[SESSION_KEY] = asdict(pending)
    audit("sso.start", request, provider=provider.pk)
    return redirect(url)


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """Check what the provider sends back, and sign the person in or say why not.

    A GET, as OpenID Connect sends people back; it writes (a link, at most an account) only for
    the sign-in this session started, whose one-time state it carries.
    """
    saved = request.session.pop(SESSION_KEY, None)
    state = request.GET.get("state", "")
    if not saved or not state or not secrets.compare_digest(state, saved["state"]):
        return refused(request, "state mismatch", 400)
    pending = oidc.Pending(**saved)
    provider = IdentityProvider.objects.enabled().filter(pk=pending.provider_id).first()
    if provider is None:
        return refused(request, "provider disabled", 400)
    if "error" in request.GET or not request.GET.get("code"):
        # The provider's error code names what went wrong (access_denied, ...), never a secret.
        error = request.GET.get("error", "no code")[:40]
        return refused(request, "provider error", 403, provider=provider.pk, error=error)

    try:
        id_token = oidc.exchange_code(provider, pending, request.GET["code"], redirect_uri())
        claims = oidc.verified_claims(provider, pending, id_token)
        outcome = person_for(provider, claims)
    except oidc.ProviderError as error:
        return refused(request, "provider error", 502, provider=provider.pk, detail=str(error))
    except oidc.BadToken as error:
        return refused(request, "bad token", 403, provider=provider.pk, detail=str(error))
    except Refused as refusal:
        return refused(request, refusal.reason, refusal.status, provider=provider.pk)

    user = outcome.user
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    # As the password sign-in does: read once, for the header's Oversight link.
    request.session["has_oversight"] = user.is_superuser or user.oversights.exists()
    keep_language_choice(request, user)
    audit(
        "sso.signin",
        request,
        provider=provider.pk,
        linked=outcome.linked,
        created=outcome.created,
    )
    return redirect(pending.next or settings.LOGIN_REDIRECT_URL)
