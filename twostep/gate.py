"""Who must pass the second step, whether this session has, and the middleware that insists.

The gate is keyed on the session, not on how the person signed in: whatever the first step was
(a password today, an organisation's single sign-on later), a person whose role needs the second
step reaches nothing but the pages listed in OPEN_VIEWS until a code has been accepted in this
session.
"""

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.models import Membership, Role

SESSION_KEY = "two_step_passed"

# Views a signed-in person may reach before the second step: signing out, the public pages and
# the second step itself. Everything else (every partnership page, download and /admin/) waits.
OPEN_VIEWS = {
    "logout",
    "home",
    "accessibility",
    "privacy",
    "healthz",
    "language",
    "twostep:set-up",
    "twostep:qr-code",
    "twostep:verify",
    "twostep:recover",
}
# Whole namespaces of public pages: a family survey's pages, open to anyone with the link, and
# the read API, which answers by token and never reads the session.
OPEN_NAMESPACES = {"have-your-say", "api"}


def mark_passed(session, user) -> None:
    session[SESSION_KEY] = user.pk


def has_passed(request: HttpRequest) -> bool:
    return request.session.get(SESSION_KEY) == request.user.pk


def role_requires(user) -> bool:
    """Whether `user`'s role obliges them to use the second step (TWO_STEP_REQUIRED_ROLES)."""
    roles = settings.TWO_STEP_REQUIRED_ROLES
    if "admin" in roles and (user.is_staff or user.is_superuser):
        return True
    if "lead" in roles:
        return Membership.objects.filter(user=user, role=Role.LEAD).exists()
    return False


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_second_step(user) -> bool:
    """Everyone with an authenticator app set up uses it; some roles must set one up."""
    return has_device(user) or role_requires(user)


def next_url(request: HttpRequest, fallback: str = settings.LOGIN_REDIRECT_URL) -> str:
    """Where to go after the second step: the `next` asked for, if it is one of our pages."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse(fallback)


class SecondStepMiddleware:
    """Sends a signed-in person who still owes the second step to set it up or to enter a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.TWO_STEP_ENFORCED or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match.view_name in OPEN_VIEWS or match.namespace in OPEN_NAMESPACES:
            return None
        if has_passed(request):
            return None
        device = has_device(request.user)
        if not device and not role_requires(request.user):
            return None
        # Only a page can be returned to; a form posted before the second step is not replayed.
        target = request.get_full_path() if request.method == "GET" else ""
        page = "twostep:verify" if device else "twostep:set-up"
        query = f"?{urlencode({'next': target})}" if target else ""
        return redirect(reverse(page) + query)
