"""Every URL pattern of the site, and how to fill its arguments from one partnership's rows.

Security tests walk this list: a new URL whose arguments this module cannot fill, or that the
permission matrix has no rows for, fails them until it is described here.
"""

from dataclasses import dataclass

from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver

# Namespaces that are not Cradle's own pages.
SKIPPED_NAMESPACES = {"admin"}

# URL kwargs filled with fixed values rather than a partnership's rows.
FIXED_KWARGS = {
    "uidb64": "MQ",
    "token": "not-a-real-token",
    "code": "test-readiness",
    "version": "1.0",
}

# Which row a URL's `pk` names, per URL name.
PK_OBJECTS = {
    "partnership:organisation-edit": "spare_organisation",
    "partnership:organisation-remove": "spare_organisation",
    "partnership:member-edit": "spare_membership",
    "partnership:member-remove": "spare_membership",
    "continuum:service-detail": "service",
    "continuum:service-edit": "service",
    "continuum:service-archive": "service",
    "continuum:route-add": "service",
    "continuum:route-remove": "route",
    "continuum:location-edit": "location",
}

# Pages outside any partnership: tenant isolation does not apply to them. Each says why.
NOT_PARTNERSHIP_PAGES = {
    "home": "public landing page",
    "accessibility": "public statement",
    "privacy": "public notice",
    "healthz": "database health only",
    "login": "sign in",
    "logout": "sign out",
    "password_change": "the signed-in user's own password",
    "password_change_done": "confirmation",
    "password_reset": "asks for an email, shows the same page whatever it is",
    "password_reset_done": "confirmation",
    "password_reset_confirm": "token-protected, user-specific",
    "password_reset_complete": "confirmation",
    "partnership:list": "lists only the user's own partnerships",
    "library:framework-list": "the shared framework library",
    "library:framework-detail": "the shared framework library",
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


def url_for(route: Route, world) -> str:
    """The route's URL with every argument filled from `world` (one partnership's rows)."""
    kwargs = {}
    for key in route.kwargs:
        if key == "slug":
            kwargs[key] = world.partnership.slug
        elif key in FIXED_KWARGS:
            kwargs[key] = FIXED_KWARGS[key]
        elif key == "pk" and route.name in PK_OBJECTS:
            kwargs[key] = getattr(world, PK_OBJECTS[route.name]).pk
        else:
            raise UnknownArgument(
                f"{route.name}: describe its `{key}` argument in tests/security/routes.py"
            )
    return reverse(route.name, kwargs=kwargs)
