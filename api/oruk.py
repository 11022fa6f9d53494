"""The Open Referral UK 3.0 read API's rows and documents, built with the exporter's mapping.

Each list answer costs the same few queries whatever the size of the map: a count, one page of
rows with what they need fetched alongside, and, only when a filter names an id, one query to
turn ORUK ids (derived, not stored) back into rows.
"""

from datetime import datetime

from django.db.models import Q, QuerySet

from continuum import export
from continuum.models import Location, Service, Taxonomy, Term
from continuum.taxonomies import TAXONOMIES
from partnership.models import Organisation, Partnership

# Every taxonomy a service is tagged with: the continuum levels, THRIVE groupings and NEST
# themes first, as the service form lists them.
PUBLISHED_TAXONOMIES = [code for code, _, _ in TAXONOMIES]
ServiceTerms = Service.terms.through
ServiceLocations = Location.services.through


def taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.filter(code__in=PUBLISHED_TAXONOMIES).order_by("name", "pk")


def terms() -> QuerySet[Term]:
    return (
        Term.objects.filter(taxonomy__code__in=PUBLISHED_TAXONOMIES)
        .select_related("taxonomy", "parent")
        .order_by("taxonomy__code", "order", "pk")
    )


def taxonomy_code(oruk_id: str) -> str | None:
    return {export.taxonomy_id(code): code for code in PUBLISHED_TAXONOMIES}.get(oruk_id)


def term_by_id(oruk_id: str) -> Term | None:
    found = {export.term_id(term): term for term in terms()}
    return found.get(oruk_id)


def services(partnership: Partnership) -> QuerySet[Service]:
    return Service.objects.for_partnership(partnership).current()


def filter_services(
    queryset: QuerySet[Service],
    partnership: Partnership,
    *,
    search: str = "",
    taxonomy_term_id: str = "",
    taxonomy_id: str = "",
    organization_id: str = "",
    modified_after: datetime | None = None,
) -> QuerySet[Service]:
    """ORUK's filters; an id that names nothing here matches no service."""
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if modified_after is not None:
        queryset = queryset.filter(modified__gte=modified_after)
    if taxonomy_term_id:
        term = term_by_id(taxonomy_term_id)
        # A continuum tier stands for its levels.
        tagged = ServiceTerms.objects.filter(Q(term=term) | Q(term__parent=term))
        queryset = queryset.filter(pk__in=tagged.values("service_id")) if term else queryset.none()
    if taxonomy_id:
        code = taxonomy_code(taxonomy_id)
        tagged = ServiceTerms.objects.filter(term__taxonomy__code=code)
        queryset = queryset.filter(pk__in=tagged.values("service_id")) if code else queryset.none()
    if organization_id:
        provider = organisation_by_id(partnership, organization_id)
        queryset = queryset.filter(provider=provider) if provider else queryset.none()
    return queryset


def nested_services(page: list[Service]) -> list[dict]:
    """Fully nested services for one page, in three queries whatever the page's size.

    Terms are few and shared by many services: each is built once, not once per service as a
    prefetch would.
    """
    ids = [service.pk for service in page]
    tags = list(ServiceTerms.objects.filter(service__in=ids).values_list("service_id", "term_id"))
    shared = {term.pk: term for term in terms().filter(pk__in={term for _, term in tags})}
    tagged: dict[int, list[Term]] = {pk: [] for pk in ids}
    for service, term in tags:
        tagged[service].append(shared[term])
    places: dict[int, list[Location]] = {pk: [] for pk in ids}
    at = ServiceLocations.objects.filter(service__in=ids).select_related("location")
    for row in at.order_by("location__name", "location_id"):
        places[row.service_id].append(row.location)
    return [
        export.hsds_service(
            service,
            sorted(tagged[service.pk], key=lambda t: (t.taxonomy.code, t.order, t.pk)),
            places[service.pk],
        )
        for service in page
    ]


def organisations(partnership: Partnership) -> QuerySet[Organisation]:
    return Organisation.objects.filter(partnership=partnership).order_by("name", "pk")


def organisation_by_id(partnership: Partnership, oruk_id: str) -> int | None:
    """The pk of the partnership's organisation with this ORUK id."""
    pks = organisations(partnership).values_list("pk", flat=True)
    return next((pk for pk in pks if export.stable_id("organisation", pk) == oruk_id), None)


def service_by_id(partnership: Partnership, oruk_id: str) -> Service | None:
    """A service by the id the exporter gives it: the feed's UUID, or one derived from its pk."""
    rows = services(partnership).values_list("pk", "source_id")
    pk = next(
        (
            pk
            for pk, source_id in rows
            if export.service_uuid(partnership.pk, pk, source_id) == oruk_id
        ),
        None,
    )
    return services(partnership).for_export().filter(pk=pk).first() if pk else None


def service_at_locations(services: QuerySet[Service]) -> QuerySet:
    return (
        ServiceLocations.objects.filter(service__in=services)
        .select_related("service__provider", "location")
        .order_by("service__name", "service_id", "location__name", "location_id")
    )


def service_at_location(row) -> dict:
    service = row.service
    document = export.hsds_location(export.service_id(service), row.location)
    document["service"] = export.hsds_service_fields(service)
    return document


def api_info(openapi_url: str) -> dict:
    return {
        "version": "3.0",
        "profile": "https://github.com/OpenReferralUK/uk-profile",
        "openapi_url": openapi_url,
    }
