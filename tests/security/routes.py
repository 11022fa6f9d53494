"""Every URL pattern of the site, and how to fill its arguments from one partnership's rows.

Security tests walk this list: a new URL whose arguments this module cannot fill, or that the
permission matrix has no rows for, fails them until it is described here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from api.models import Publication
from continuum.export import service_id, stable_id, taxonomy_id
from notifications.models import Preferences
from sso.models import IdentityProvider

# Namespaces that are not Cradle's own pages.
SKIPPED_NAMESPACES = {"admin"}

# How to fill each URL argument from one partnership's rows (a `World`), by URL name; "*"
# applies to every URL that has no entry of its own.
ARGUMENTS = {
    "*": {
        "slug": lambda w: w.partnership.slug,
        "uidb64": lambda w: "MQ",
        "token": lambda w: "not-a-real-token",
    },
    "library:framework-detail": {"code": lambda w: "test-readiness", "version": lambda w: "1.0"},
    "partnership:organisation-edit": {"pk": lambda w: w.spare_organisation.pk},
    "partnership:organisation-remove": {"pk": lambda w: w.spare_organisation.pk},
    "partnership:member-edit": {"pk": lambda w: w.spare_membership.pk},
    "partnership:member-remove": {"pk": lambda w: w.spare_membership.pk},
    "continuum:service-detail": {"pk": lambda w: w.service.pk},
    "continuum:service-edit": {"pk": lambda w: w.service.pk},
    "continuum:service-archive": {"pk": lambda w: w.service.pk},
    "continuum:route-add": {"pk": lambda w: w.service.pk},
    "continuum:route-remove": {"pk": lambda w: w.route.pk},
    "continuum:location-edit": {"pk": lambda w: w.location.pk},
    "erasure:person": {"pk": lambda w: w.spare_membership.user.pk},
    "continuum:import-job": {"pk": lambda w: w.import_job.pk},
    "sso:start": {"pk": lambda w: IdentityProvider.objects.get(client_id=w.partnership.slug).pk},
    **{
        f"have-your-say:{name}": {"token": lambda w: w.survey.token}
        for name in ("survey", "easy-read", "thanks", "privacy", "summary")
    },
    "publishing:token-revoke": {"pk": lambda w: w.api_token.pk},
    "api:oruk-service": {"id": lambda w: service_id(w.service)},
    "api:oruk-taxonomy": {"id": lambda w: taxonomy_id("continuum-level")},
    "api:oruk-term": {"id": lambda w: stable_id("term", "continuum-level", "promotion")},
}
# Every survey page of a partnership takes the survey's pk, and one a comment.
VOICE_ARGUMENTS = {"survey": lambda w: w.survey.pk, "comment": lambda w: w.comment.pk}
# Every assessment page takes the round's pk, and some an element, dimension, status or action.
ROUND_ARGUMENTS = {
    "pk": lambda w: w.assessment.pk,
    "code": lambda w: w.element.code,
    "dimension": lambda w: w.element.dimension.code,
    "to": lambda w: "closed",
    "action": lambda w: w.action.pk,
}

# Pages outside any partnership: tenant isolation does not apply to them. Each says why.
NOT_PARTNERSHIP_PAGES = {
    "home": "public landing page",
    "accessibility": "public statement",
    "privacy": "public notice",
    "language": "changes only the person's own language",
    "healthz": "database health only",
    "login": "sign in",
    "logout": "sign out",
    "password_change": "the signed-in user's own password",
    "password_change_done": "confirmation",
    "notifications:preferences": "the signed-in user's own email choices",
    "password_reset": "asks for an email, shows the same page whatever it is",
    "password_reset_done": "confirmation",
    "password_reset_confirm": "token-protected, user-specific",
    "password_reset_complete": "confirmation",
    "partnership:list": "lists only the user's own partnerships",
    "library:framework-list": "the shared framework library",
    "library:framework-detail": "the shared framework library",
    "oversight:xlsx": "a commissioner's own overseen partnerships only",
    "oversight:index": "a commissioner's own overseen partnerships only",
    "oversight:csv": "a commissioner's own overseen partnerships only",
    "oversight:position-csv": "one of a commissioner's own overseen partnerships only",
    "oversight:need-csv": "a commissioner's own overseen partnerships only",
    "indicators:national": "admins only: published figures for every area",
    "erasure:index": "admins only: finds a person or a partnership to erase",
    "erasure:person": "admins only: a person's account, across partnerships",
    "twostep:account": "the signed-in user's own two-step verification",
    "twostep:set-up": "the signed-in user's own authenticator app",
    "twostep:qr-code": "the signed-in user's own authenticator app",
    "twostep:verify": "the signed-in user's own second step",
    "twostep:recover": "the signed-in user's own recovery codes",
    "twostep:new-recovery-codes": "the signed-in user's own recovery codes",
    "twostep:turn-off": "the signed-in user's own two-step verification",
    "twostep:reset": "admins only: any person's two-step verification",
    "sso:start": "sign in with an organisation's identity provider",
    "sso:callback": "the identity provider sends the person back to sign in",
    "have-your-say:survey": "public survey, reached by its unguessable link while open",
    "have-your-say:easy-read": "public survey, reached by its unguessable link while open",
    "have-your-say:thanks": "public closing page of an open survey",
    "have-your-say:privacy": "public privacy notice of an open survey",
    "have-your-say:summary": "public summary, only where the lead publishes it",
    "api:openapi-json": "describes the API; holds no partnership's data",
    "api:api-root": "the API's bare root: not found",
}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    kwargs: tuple[str, ...]


def _walk(patterns, prefix: str, namespace: str | None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            inner = entry.namespace or namespace
            if namespace and entry.namespace:
                inner = f"{namespace}:{entry.namespace}"
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name, prefix + str(entry.pattern), tuple(entry.pattern.converters))


def all_routes() -> list[Route]:
    routes = list(_walk(get_resolver().url_patterns, "", None))
    prefixed = []
    for route in routes:
        # Converters of an including pattern (the partnership slug) sit in the prefix.
        kwargs = tuple(
            sorted(
                set(route.kwargs) | {"slug"}
                if "<slug:slug>" in route.pattern
                else set(route.kwargs)
            )
        )
        prefixed.append(Route(route.name, route.pattern, kwargs))
    return prefixed


class UnknownArgument(LookupError):
    pass


# Query strings a URL needs to show anything but "not found"; filled from the world like its
# arguments.
QUERIES = {"oversight:position-csv": lambda w: {"area": w.partnership.slug}}


def url_for(route: Route, world) -> str:
    """The route's URL with every argument (and query) filled from `world`: one partnership."""
    own = ARGUMENTS.get(route.name, {})
    if route.name.startswith("assessments:"):
        own = {**ROUND_ARGUMENTS, **own}
    if route.name.startswith("voice:"):
        own = {**VOICE_ARGUMENTS, **own}
    kwargs = {}
    for key in route.kwargs:
        fill = own.get(key) or ARGUMENTS["*"].get(key)
        if fill is None:
            raise UnknownArgument(
                f"{route.name}: describe its `{key}` argument in tests/security/routes.py"
            )
        kwargs[key] = fill(world)
    query = QUERIES.get(route.name)
    return reverse(route.name, kwargs=kwargs, query=query(world) if query else None)


def password_reset_link(user) -> str:
    """A working reset link for `user`: the placeholder token above shows only "link invalid"."""
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


# Pages that answer only with an error status, yet with a page a person reads: the browser
# checks them as pages all the same.
ERROR_PAGES = {
    "sso:start": "a provider that does not answer: the refusal page (502)",
    "sso:callback": "no sign-in under way: the refusal page (400)",
}

# Pages that show something else with working arguments than with the placeholders above.
WORKING_URLS = {"password_reset_confirm": lambda w: password_reset_link(w.lead)}


@dataclass(frozen=True)
class EditForm:
    """A page whose form edits rows that exist: `rows` are what it shows and saves."""

    rows: Callable
    editor: str = "lead"


# Every page a lead can open whose form posts back to it, is either an edit form, with the rows
# it edits, or a form that edits nothing it shows, with why. Submitting an edit form as shown
# must leave its rows as they were (test_unchanged_resubmit.py).
EDIT_FORMS = {
    "partnership:edit": EditForm(lambda w: [w.partnership]),
    "partnership:organisation-edit": EditForm(lambda w: [w.spare_organisation]),
    "partnership:member-edit": EditForm(lambda w: [w.spare_membership]),
    "continuum:service-edit": EditForm(lambda w: [w.service]),
    "continuum:location-edit": EditForm(lambda w: [w.location]),
    "assessments:rate": EditForm(
        lambda w: list(w.assessment.responses.filter(respondent=w.contributor)),
        editor="contributor",
    ),
    "assessments:element": EditForm(
        lambda w: list(w.assessment.agreed_ratings.filter(element=w.element))
    ),
    "assessments:action-edit": EditForm(lambda w: [w.action]),
    "assessments:agree-all": EditForm(lambda w: list(w.assessment.agreed_ratings.all())),
    "voice:survey": EditForm(lambda w: [w.survey]),
    "publishing:index": EditForm(
        lambda w: list(Publication.objects.filter(partnership=w.partnership))
    ),
    # The lead's account and their choices, if saved (tests/notifications covers both cases).
    "notifications:preferences": EditForm(
        lambda w: [w.lead, *Preferences.objects.filter(user=w.lead)]
    ),
}
NOT_EDIT_FORMS = {
    "password_change": "sets a new password; the old one is never shown",
    "password_reset": "asks for an email address",
    "password_reset_confirm": "sets a new password",
    "partnership:organisation-add": "adds an organisation",
    "partnership:member-add": "adds a member",
    "continuum:service-add": "adds a service",
    "continuum:route-add": "adds a route",
    "continuum:location-add": "adds a location",
    "continuum:import": "imports a file",
    "continuum:gap-adjust-cell": "adds an entry to the history of local gap rule adjustments",
    "continuum:gap-adjust-threshold": "adds an entry to the history of local gap rule adjustments",
    "partnership:indicators": "loads a file of local figures",
    "assessments:round-new": "opens a round",
    "assessments:round-scope": "leaves an element out of scope",
    "assessments:round-move": "moves the round on; the page shows no values",
    "assessments:action-add": "adds an action",
    "twostep:set-up": "checks a code from a new authenticator app",
    "voice:survey-new": "opens a survey",
    "voice:results": "lists an action under what families said",
    "voice:paper-entry": "adds a paper response",
    "have-your-say:survey": "adds a family's response",
    "have-your-say:easy-read": "adds a family's response",
}
