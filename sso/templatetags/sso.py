from django import template

from sso.models import IdentityProvider

register = template.Library()


@register.simple_tag
def sign_in_providers() -> list[IdentityProvider]:
    """The enabled providers, for one button each on the sign-in page."""
    return list(IdentityProvider.objects.enabled().only("pk", "name"))
