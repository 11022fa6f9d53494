"""Open Referral UK (HSDS 3) JSON and the CSV of a partnership's services.

Both take services with provider, terms (and their taxonomies) and locations already
fetched, so an export costs a few queries whatever its size.
"""

import functools
import uuid
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from continuum.models import LEVEL, Service
from continuum.taxonomies import TAXONOMIES
from partnership.downloads import csv_text

# Ids Cradle mints for what it exports must not change between exports: they are derived
# from this namespace and the row, not random.
NAMESPACE = uuid.UUID("6f1c1f57-8a5e-4f3c-9a55-3c1f2d0b7e10")


@functools.lru_cache(maxsize=65_536)
def stable_id(*parts) -> str:
    # Cached: a page of services names the same terms and organisations many times over.
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def service_id(service: Service) -> str:
    return service_uuid(service.partnership_id, service.pk, service.source_id)


def service_uuid(partnership_pk: int, pk: int, source_id: str) -> str:
    """The feed's own id for an imported service when it is a UUID, so identity survives."""
    try:
        return str(uuid.UUID(source_id))
    except ValueError:
        return stable_id("service", partnership_pk, pk)


def organisation_id(organisation) -> str:
    return stable_id("organisation", organisation.pk)


def taxonomy_id(taxonomy_code: str) -> str:
    return stable_id("taxonomy", taxonomy_code)


def term_id(term) -> str:
    return stable_id("term", term.taxonomy.code, term.code)


def hsds_service(service: Service, terms=None, places=None) -> dict:
    """A fully nested ORUK service: its own fields, terms as attributes, and its locations.

    `terms` and `places` default to the service's prefetched ones.
    """
    terms = service.terms.all() if terms is None else terms
    places = service.locations.all() if places is None else places
    document = hsds_service_fields(service)
    own_id = document["id"]
    document |= {
        "attributes": [
            {
                "id": stable_id("attribute", own_id, term.pk),
                "link_id": own_id,
                "link_type": "service",
                "taxonomy_term_id": term_id(term),
                "taxonomy_term": hsds_term(term),
            }
            for term in terms
        ],
        "service_at_locations": [hsds_location(own_id, place) for place in places],
    }
    return document


def hsds_service_fields(service: Service) -> dict:
    """The service's own (one-to-one) fields and its provider: an ORUK `service_list` item.

    Needs only the provider fetched with the service.
    """
    provider = service.provider
    document = {
        "id": service_id(service),
        "organization_id": organisation_id(provider),
        "name": service.name,
        "description": service.description,
        "status": service.status,
        "organization": hsds_organisation(provider),
        "last_modified": service.modified.isoformat(),
    }
    optional = {
        "url": service.url,
        "email": service.email,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.last_reviewed and service.last_reviewed.isoformat(),
    }
    for key, value in optional.items():
        if value not in (None, ""):
            document[key] = float(value) if key.endswith("_age") else value
    return document


def hsds_organisation(organisation) -> dict:
    document = {
        "id": organisation_id(organisation),
        "name": organisation.name,
        "description": organisation.get_sector_display(),
    }
    if organisation.website:
        document["website"] = organisation.website
    return document


def hsds_term(term) -> dict:
    """A term with its taxonomy (fetched with it) and, for a continuum level, its tier."""
    document = {
        "id": term_id(term),
        "name": term.name,
        "description": term.description or term.name,
        "taxonomy": term.taxonomy.code,
        "taxonomy_id": taxonomy_id(term.taxonomy.code),
        "term": term.code,
    }
    if term.parent_id is not None:
        # Parents are terms of the same taxonomy; the id needs only the parent's code.
        document["parent_id"] = stable_id("term", term.taxonomy.code, term.parent.code)
    return document


def hsds_taxonomy(taxonomy, terms: Iterable | None = None) -> dict:
    document = {
        "id": taxonomy_id(taxonomy.code),
        "name": taxonomy.name,
        "description": taxonomy.description or taxonomy.name,
    }
    if taxonomy.source_url:
        document["uri"] = taxonomy.source_url
    if terms is not None:
        document["taxonomy_terms"] = [hsds_term(term) for term in terms]
    return document


def hsds_location(service_uuid: str, place) -> dict:
    location = {
        "id": stable_id("location", place.pk),
        "location_type": "virtual" if place.kind == "online" else "physical",
        "name": place.name,
    }
    if place.postcode:
        location["addresses"] = [
            {
                "id": stable_id("address", place.pk),
                "address_1": place.address or place.name,
                "city": "",
                "state_province": "",
                "postal_code": place.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ]
    return {
        "id": stable_id("service-at-location", service_uuid, place.pk),
        "service_id": service_uuid,
        "location_id": location["id"],
        "location": location,
    }


def hsds_page(services: Iterable[Service]) -> dict:
    """All services as one page of a paginated ORUK `/services` response."""
    contents = [hsds_service(s) for s in services]
    return page_of(contents, total_items=len(contents), page_number=1, per_page=len(contents))


def page_of(contents: list, *, total_items: int, page_number: int, per_page: int) -> dict:
    """ORUK's page shape around one page of `contents`."""
    total_pages = -(-total_items // per_page) if per_page else 1
    return {
        "total_items": total_items,
        "total_pages": max(total_pages, 1),
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


# People read this header in a spreadsheet, so it is in the reader's language (written out
# when the download is made); the Open Referral UK export's field names above are not.
CSV_HEADER = [
    _("Name"),
    _("Provider"),
    _("Provider sector"),
    _("Status"),
    *[label for _code, _short, label in TAXONOMIES],
    _("Minimum age in months"),
    _("Maximum age in months"),
    _("Families a year"),
    _("Waiting time in weeks"),
    _("Website"),
    _("Email"),
    _("Last reviewed"),
    _("Needs placing"),
]


def service_csv(services: Iterable[Service]) -> str:
    """One row per service, through the shared formula-safe CSV writer."""
    return csv_text(
        [str(label) for label in CSV_HEADER], (service_row(service) for service in services)
    )


def service_row(service: Service) -> list:
    return [
        service.name,
        service.provider.name,
        service.provider.get_sector_display(),
        service.get_status_display(),
        *["; ".join(t.name for t in service.terms_of(code)) for code, _, _ in TAXONOMIES],
        service.min_age_months,
        service.max_age_months,
        service.capacity,
        service.waiting_weeks,
        service.url,
        service.email,
        service.last_reviewed,
        pgettext("needs placing", "no")
        if service.terms_of(LEVEL)
        else pgettext("needs placing", "yes"),
    ]
