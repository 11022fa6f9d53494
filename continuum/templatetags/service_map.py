"""The service map's sub-navigation, marking the page being shown."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

# (URL name, link text, for leads only), in the order the navigation shows them.
PAGES = [
    ("service-list", _("Services"), False),
    ("matrix", _("Coverage matrix"), False),
    ("gap-rules", _("Gap rules"), False),
    ("pathway", _("Pathway"), False),
    ("location-list", _("Locations"), False),
    ("import", _("Import a feed"), True),
]


@register.simple_tag(takes_context=True)
def service_map_pages(context) -> list[tuple[str, str, bool]]:
    """(address, link text, whether it is the page being shown) for each page."""
    access = context["access"]
    match = context["request"].resolver_match
    here = match.url_name if match and match.namespace == "continuum" else None
    return [
        (reverse(f"continuum:{name}", args=[access.partnership.slug]), text, name == here)
        for name, text, leads_only in PAGES
        if access.is_lead or not leads_only
    ]
