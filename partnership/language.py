"""English or Welsh: the switch in every page's header, and a person's saved choice.

Django's LocaleMiddleware picks the language from the language cookie, else the browser's
Accept-Language. A signed-in person who has chosen a language keeps it on any device: their
saved choice is applied after authentication, so pages and the emails sent to them agree.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
# The language someone chose with the switch before signing in, in this browser session:
# signing in saves it on their account (partnership.signin.keep_language_choice).
CHOSEN_BEFORE_SIGN_IN = "language_chosen"


def language_of(user, otherwise: str = "") -> str:
    """The language to write to this person in: their choice, else `otherwise` (the language
    of the request that caused the email, for someone who has not chosen), else the site's
    default."""
    return getattr(user, "language", "") or otherwise or settings.LANGUAGE_CODE


class SavedLanguageMiddleware:
    """Applies a signed-in person's saved language; reads no extra row (it is on the user)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        chosen = user.language if user is not None and user.is_authenticated else ""
        if chosen in LANGUAGE_CODES and chosen != request.LANGUAGE_CODE:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)


def _back(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    """Switches the language and goes back to the same page (a public view: it reads no
    partnership's data and changes only the person's own language)."""
    response = HttpResponseRedirect(_back(request))
    chosen = request.POST.get("language", "")
    if chosen not in LANGUAGE_CODES:
        return response
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        chosen,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    if not request.user.is_authenticated:
        request.session[CHOSEN_BEFORE_SIGN_IN] = chosen
    elif request.user.language != chosen:
        request.user.language = chosen
        request.user.save(update_fields=["language"])
    return response
