"""Sign-in: the views that check a password, and the hooks django-axes calls."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.module_loading import import_string

from partnership.audit import audit, fingerprint
from partnership.forms import PasswordChangeForm, SignInForm
from partnership.language import CHOSEN_BEFORE_SIGN_IN, LANGUAGE_CODES


class PasswordSignInForm(SignInForm):
    def clean(self) -> dict:
        refuse_password_for_sso_domains(self.data.get("username", ""))
        return super().clean()


def refuse_password_for_sso_domains(email: str) -> None:
    """Refuse, before any password is checked, an email whose domain signs in only through its
    organisation's identity provider. The rule is named by the PASSWORD_SIGNIN_RULE setting, so
    this app imports nothing from the app above it."""
    refusal = import_string(settings.PASSWORD_SIGNIN_RULE)(str(email))
    if refusal:
        raise ValidationError(refusal, code="sso_only")


class SignInView(auth_views.LoginView):
    authentication_form = PasswordSignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # Read once here so the header's Oversight link costs no query on every page; a grant
        # made later shows at the next sign-in (the oversight page itself checks every time).
        user = form.get_user()
        self.request.session["has_oversight"] = user.is_superuser or user.oversights.exists()
        keep_language_choice(self.request, user)
        audit("signin.success", self.request)
        return response

    def form_invalid(self, form):
        attempted = form.data.get("username", "")
        audit("signin.failure", self.request, username_hash=fingerprint(attempted))
        return super().form_invalid(form)


def keep_language_choice(request: HttpRequest, user) -> None:
    """Saves a language choice on the account, so pages and emails follow it on any device.

    Choosing with the switch just before signing in, in this browser session, is a choice made
    now: it replaces any saved one. A cookie left from an earlier visit is saved only on an
    account that has no choice yet (it may be another person's, on a shared computer), and the
    browser's Accept-Language (a default, not a choice) never is."""
    switched = request.session.pop(CHOSEN_BEFORE_SIGN_IN, "")
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    chosen = switched if switched in LANGUAGE_CODES else ""
    if not chosen and cookie in LANGUAGE_CODES and not user.language:
        chosen = cookie
    if chosen and chosen != user.language:
        user.language = chosen
        user.save(update_fields=["language"])


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}


def throttled_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The email being tried, lowercased, so "Lead@X" and "lead@x" share one failure count."""
    source = credentials if credentials else request.POST
    return (source.get("username") or "").strip().lower()


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """What a locked-out person sees (429), and one audit line saying it happened."""
    audit(
        "signin.lockout",
        request,
        username_hash=fingerprint(throttled_username(request, credentials)),
    )
    return render(request, "registration/locked_out.html", status=429)
