"""Every API answer runs the same number of queries whatever the size of the map."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from continuum import export
from continuum.models import Location
from tests.api.conftest import bearer, issue, publish
from tests.continuum.factories import make_service, terms
from tests.factories import make_organisation

SERVICE_TERMS = (
    "continuum-level/treatment",
    "thrive/getting-help",
    "nest/safe",
    "age-band/pregnancy",
)


def add_services(partnership, how_many: int, start: int) -> None:
    hub = Location.objects.create(
        partnership=partnership, name=f"Hub {start}", kind="family-hub", postcode="AS1 1AA"
    )
    for n in range(start, start + how_many):
        provider = make_organisation(partnership, f"Provider {n}")
        service = make_service(partnership, f"Service {n}", *SERVICE_TERMS, provider=provider)
        hub.services.add(service)


def queries(client, url: str, params: dict, headers: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params, **headers)
    assert response.status_code == 200, response.content
    return len(captured)


def test_queries_do_not_grow_with_services(client, partnership_a, taxonomies):
    publish(partnership_a, oruk="token")
    headers = bearer(issue(partnership_a))
    slug = partnership_a.slug
    (treatment,) = terms("continuum-level/treatment")
    add_services(partnership_a, 3, 0)
    provider = export.organisation_id(partnership_a.organisations.get(name="Provider 0"))
    first_service = partnership_a.services.get(name="Service 0")
    requests = [
        (reverse("api:oruk-service", args=[slug, export.service_id(first_service)]), {}),
        (reverse("api:oruk-services", args=[slug]), {"organization_id": provider}),
        (reverse("api:oruk-services", args=[slug]), {"per_page": 100}),
        (
            reverse("api:oruk-services", args=[slug]),
            {"taxonomy_term_id": export.term_id(treatment)},
        ),
        (reverse("api:oruk-services", args=[slug]), {"taxonomy_id": export.taxonomy_id("nest")}),
        (
            reverse("api:oruk-services", args=[slug]),
            {"search": "service", "modified_after": "2000-01-01"},
        ),
        (reverse("api:oruk-service-at-locations", args=[slug]), {"per_page": 100}),
        (reverse("api:oruk-organizations", args=[slug]), {"per_page": 100}),
        (reverse("api:oruk-taxonomies", args=[slug]), {}),
        (reverse("api:oruk-terms", args=[slug]), {"per_page": 100}),
        (reverse("api:oruk-root", args=[slug]), {}),
    ]
    first = {url + str(params): queries(client, url, params, headers) for url, params in requests}
    add_services(partnership_a, 30, 100)
    second = {url + str(params): queries(client, url, params, headers) for url, params in requests}
    assert second == first
