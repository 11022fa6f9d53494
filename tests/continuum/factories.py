"""Plain factories for the service map."""

from continuum.models import ReferralRoute, Service, Term
from partnership.models import Partnership
from tests.factories import make_organisation


def terms(*keys: str) -> list[Term]:
    """Terms by `taxonomy/code` keys, like fixture files name them."""
    found = []
    for key in keys:
        taxonomy, code = key.split("/")
        found.append(Term.objects.get(taxonomy__code=taxonomy, code=code))
    return found


def make_service(partnership: Partnership, name: str = "", *term_keys: str, **fields) -> Service:
    if "provider" not in fields:
        fields["provider"] = partnership.organisations.first() or make_organisation(partnership)
    service = Service.objects.create(
        partnership=partnership, name=name or f"Service {Service.objects.count() + 1}", **fields
    )
    service.terms.set(terms(*term_keys))
    return service


def make_route(from_service: Service, to_service: Service, kind: str = "refer") -> ReferralRoute:
    return ReferralRoute.objects.create(from_service=from_service, to_service=to_service, kind=kind)
