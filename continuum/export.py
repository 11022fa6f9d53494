"""Open Referral UK (HSDS 3) JSON and the CSV of a partnership's services.

Both take services with provider, terms (and their taxonomies) and locations already
fetched, so an export costs a few queries whatever its size.
"""

import uuid
from collections.abc import Iterable

from continuum.models import LEVEL, Service
from continuum.taxonomies import TAXONOMIES
from partnership.downloads import csv_text

# Ids Cradle mints for what it exports must not change between exports: they are derived
# from this namespace and the row, not random.
NAMESPACE = uuid.UUID("6f1c1f57-8a5e-4f3c-9a55-3c1f2d0b7e10")


def stable_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def service_id(service: Service) -> str:
    """The feed's own id for an imported service when it is a UUID, so identity survives."""
    try:
        return str(uuid.UUID(service.source_id))
    except ValueError:
        return stable_id("service", service.partnership_id, service.pk)


def hsds_service(service: Service) -> dict:
    own_id = service_id(service)
    provider = service.provider
    document = {
        "id": own_id,
        "organization_id": stable_id("organisation", provider.pk),
        "name": service.name,
        "description": service.description,
        "status": service.status,
        "organization": {
            "id": stable_id("organisation", provider.pk),
            "name": provider.name,
            "description": provider.get_sector_display(),
        },
        "attributes": [
            {
                "id": stable_id("attribute", own_id, term.pk),
                "link_id": own_id,
                "link_type": "service",
                "taxonomy_term_id": stable_id("term", term.taxonomy.code, term.code),
                "taxonomy_term": {
                    "id": stable_id("term", term.taxonomy.code, term.code),
                    "name": term.name,
                    "description": term.description or term.name,
                    "taxonomy": term.taxonomy.code,
                    "term": term.code,
                },
            }
            for term in service.terms.all()
        ],
        "service_at_locations": [hsds_location(own_id, place) for place in service.locations.all()],
        "last_modified": service.modified.isoformat(),
    }
    if provider.website:
        document["organization"]["website"] = provider.website
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
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


CSV_HEADER = [
    "Name",
    "Provider",
    "Provider sector",
    "Status",
    *[label for _, _, label in TAXONOMIES],
    "Minimum age in months",
    "Maximum age in months",
    "Families a year",
    "Waiting time in weeks",
    "Website",
    "Email",
    "Last reviewed",
    "Needs placing",
]


def service_csv(services: Iterable[Service]) -> str:
    """One row per service, through the shared formula-safe CSV writer."""
    return csv_text(CSV_HEADER, (service_row(service) for service in services))


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
        "no" if service.terms_of(LEVEL) else "yes",
    ]
