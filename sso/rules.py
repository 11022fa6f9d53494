"""Who a provider's vouched-for account signs in as, and when a password may not be used."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnership.forms import CONTROL
from sso.models import IdentityProvider, ProviderLink, email_domain


class Refused(Exception):
    """Nobody is signed in. `reason` goes to the audit log and picks the message shown."""

    def __init__(self, reason: str, status: int = 403):
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Outcome:
    user: object
    linked: bool = False
    created: bool = False


GOOGLE = "https://accounts.google.com"


def _is_true(value) -> bool:
    # Some providers send the claim as the string "true".
    return value is True or (isinstance(value, str) and value.lower() == "true")


def vouches_for_email(claims: dict) -> bool:
    """Whether the provider vouches that the email is this account's.

    Entra ID sends no `email_verified` for an organisation's accounts; its optional claim
    `xms_edov` (the email's domain is verified by the tenant) stands in for it, but only where
    `email_verified` is absent, never over a `false`.
    """
    if "email_verified" in claims:
        return _is_true(claims["email_verified"])
    return _is_true(claims.get("xms_edov"))


def person_for(provider: IdentityProvider, claims: dict) -> Outcome:
    """The Cradle person these ID token claims stand for, or `Refused` with why not.

    The provider must vouch for a verified email in a domain it serves, every time. An account
    already linked signs in as its person whatever its email now says; an account not yet
    linked is linked to the active person with that email, if that person has no other account
    at this provider. People Cradle does not know are refused, unless the provider may sign
    them up.
    """
    subject = str(claims.get("sub") or "")
    email = str(claims.get("email") or "").strip().lower()
    if not subject:
        raise Refused("bad token")
    if not email or not vouches_for_email(claims):
        raise Refused("unverified email")
    try:
        validate_email(email)
    except ValidationError as error:
        raise Refused("unverified email") from error
    if not provider.serves(email):
        raise Refused("domain not served")
    # A personal Google account may carry a work address too; only the organisation's own
    # Workspace accounts (whose `hd` claim names its domain) may sign in.
    if provider.issuer == GOOGLE and claims.get("hd") != email_domain(email):
        raise Refused("domain not served")

    User = get_user_model()
    with transaction.atomic():
        link = (
            ProviderLink.objects.select_related("user")
            .filter(provider=provider, subject=subject)
            .first()
        )
        if link is not None:
            if not link.user.is_active:
                raise Refused("unknown person")
            link.last_used = timezone.now()
            link.save(update_fields=["last_used"])
            return Outcome(user=link.user)

        user = User.objects.filter(email__iexact=email).first()
        if user is None and not provider.allow_sign_up:
            raise Refused("unknown person")
        if user is not None and not user.is_active:
            raise Refused("unknown person")
        if user is not None and ProviderLink.objects.filter(provider=provider, user=user).exists():
            # This person signs in with another account at the same provider: an email handed
            # on to someone else must not open the first person's account.
            raise Refused("linked to another account")
        created = user is None
        try:
            with transaction.atomic():
                if created:
                    # Names reach email headers: no line breaks or other control characters.
                    name = " ".join(CONTROL.sub(" ", str(claims.get("name") or "")).split())
                    name = name[:150]
                    user = User(email=email, full_name=name)
                    user.set_unusable_password()
                    user.save()
                ProviderLink.objects.create(
                    provider=provider, subject=subject, user=user, last_used=timezone.now()
                )
        except IntegrityError as error:  # the same account, signing in twice at once
            raise Refused("linked to another account") from error
    return Outcome(user=user, linked=True, created=created)


def password_refusal(email: str) -> str | None:
    """Why this email may not sign in with a password, or None when it may.

    Named by the PASSWORD_SIGNIN_RULE setting and called by the password sign-in form.
    """
    for provider in IdentityProvider.objects.serving(email):
        if provider.password_sign_in_off:
            return _(
                "People at %(domain)s sign in with %(provider)s. "
                "Use the “Sign in with %(provider)s” button"
            ) % {"domain": email_domain(email), "provider": provider.name}
    return None
