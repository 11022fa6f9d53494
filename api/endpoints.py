"""The read API: Open Referral UK 3.0 per partnership, and published results, with OpenAPI.

django-ninja parses and checks the query parameters and writes the OpenAPI document from these
signatures; the answers themselves are built as plain dicts (the ORUK exporter's mapping) and
sent as they are, with an ETag, so a client that already has the page gets a 304.
"""

import hashlib
import json
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from pydantic import Field

from api import oruk
from api.access import ORUK, RESULTS, published_partnership
from api.results import published_results
from continuum import export

api = NinjaAPI(
    title="Cradle open data",
    version="1",
    description=(
        "Each partnership that opts in publishes its service map as Open Referral UK 3.0, "
        "open to anyone or to holders of a token (`Authorization: Bearer <token>`), and its "
        "published assessment results to token holders. Anything not published answers 404."
    ),
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)

PAGE_HELP = "Page number, from 1."
PER_PAGE_MAX = 1000


class Paging(Schema):
    page: int = Field(1, ge=1, description=PAGE_HELP)
    per_page: int = Field(50, ge=1, le=PER_PAGE_MAX, description="Results in one page.")


class Searching(Paging):
    search: str = Field("", max_length=200, description="Words in the name or description.")


class TermFilters(Searching):
    taxonomy_id: str = Field("", description="Only terms of this taxonomy.")


class ServiceFilters(Searching):
    taxonomy_term_id: str = Field("", description="Only services tagged with this term.")
    taxonomy_id: str = Field("", description="Only services with a term of this taxonomy.")
    organization_id: str = Field("", description="Only services this organisation provides.")
    modified_after: datetime | None = Field(
        None, description="Only services changed at or after this time (ISO 8601)."
    )


@api.exception_handler(ValidationError)
def bad_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = [
        {"parameter": str(error["loc"][-1]), "message": error["msg"]} for error in exc.errors
    ]
    first = problems[0] if problems else {"parameter": "", "message": "invalid"}
    body = {
        "error": f"The parameter {first['parameter']} is not valid: {first['message']}",
        "parameter": first["parameter"],
        "problems": problems,
    }
    return json_response(body, status=400)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return json_response({"error": "Not found"}, status=404)


def json_response(document: dict, *, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, separators=(",", ":")),
        content_type="application/json",
        status=status,
    )


def answer(request: HttpRequest, document: dict) -> HttpResponse:
    """The document with an ETag of its bytes; a 304 when the client has it already."""
    response = json_response(document)
    etag = '"' + hashlib.blake2b(response.content, digest_size=16).hexdigest() + '"'
    response["ETag"] = etag
    # Clients check back each time (a revoked token must stop working at once).
    response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ["Authorization"])
    return get_conditional_response(request, etag=etag, response=response)


def paged(request: HttpRequest, queryset, params: Paging, build=None, build_all=None):
    """One page of `queryset`, each row built by `build`, or the page at once by `build_all`."""
    count = queryset.count()
    start = (params.page - 1) * params.per_page
    rows = list(queryset[start : start + params.per_page]) if start < count else []
    document = export.page_of(
        build_all(rows) if build_all else [build(row) for row in rows],
        total_items=count,
        page_number=params.page,
        per_page=params.per_page,
    )
    return answer(request, document)


def aware(moment: datetime | None) -> datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def service_filters(params: ServiceFilters) -> dict:
    return {
        "search": params.search,
        "taxonomy_term_id": params.taxonomy_term_id,
        "taxonomy_id": params.taxonomy_id,
        "organization_id": params.organization_id,
        "modified_after": aware(params.modified_after),
    }


@api.get("/oruk/{slug}/", url_name="oruk-root", tags=["Open Referral UK"])
def api_info(request: HttpRequest, slug: str):
    """What this API is: its HSDS version, profile and OpenAPI document."""
    published_partnership(request, slug, feed=ORUK)
    return answer(request, oruk.api_info(request.build_absolute_uri(reverse("api:openapi-json"))))


@api.get("/oruk/{slug}/services", url_name="oruk-services", tags=["Open Referral UK"])
def services(request: HttpRequest, slug: str, params: Query[ServiceFilters]):
    """A page of services, fully nested (organisation, taxonomy terms, locations)."""
    partnership = published_partnership(request, slug, feed=ORUK)
    queryset = oruk.filter_services(
        oruk.services(partnership), partnership, **service_filters(params)
    )
    ordered = queryset.select_related("provider").order_by("name", "pk")
    return paged(request, ordered, params, build_all=oruk.nested_services)


@api.get("/oruk/{slug}/services/{id}", url_name="oruk-service", tags=["Open Referral UK"])
def service(request: HttpRequest, slug: str, id: str):
    """One service, fully nested."""
    partnership = published_partnership(request, slug, feed=ORUK)
    found = oruk.service_by_id(partnership, id)
    if found is None:
        raise Http404
    return answer(request, export.hsds_service(found))


@api.get("/oruk/{slug}/organizations", url_name="oruk-organizations", tags=["Open Referral UK"])
def organizations(request: HttpRequest, slug: str, params: Query[Searching]):
    """A page of the partnership's organisations."""
    partnership = published_partnership(request, slug, feed=ORUK)
    queryset = oruk.organisations(partnership)
    if params.search:
        queryset = queryset.filter(name__icontains=params.search)
    return paged(request, queryset, params, export.hsds_organisation)


@api.get("/oruk/{slug}/taxonomies", url_name="oruk-taxonomies", tags=["Open Referral UK"])
def taxonomies(request: HttpRequest, slug: str, params: Query[Searching]):
    """Continuum levels, THRIVE groupings, NEST themes and Cradle's other service taxonomies."""
    published_partnership(request, slug, feed=ORUK)
    queryset = oruk.taxonomies()
    if params.search:
        queryset = queryset.filter(name__icontains=params.search)
    return paged(request, queryset, params, export.hsds_taxonomy)


@api.get("/oruk/{slug}/taxonomies/{id}", url_name="oruk-taxonomy", tags=["Open Referral UK"])
def taxonomy(request: HttpRequest, slug: str, id: str):
    """One taxonomy with all its terms."""
    published_partnership(request, slug, feed=ORUK)
    code = oruk.taxonomy_code(id)
    found = oruk.taxonomies().filter(code=code).first() if code else None
    if found is None:
        raise Http404
    return answer(request, export.hsds_taxonomy(found, oruk.terms().filter(taxonomy=found)))


@api.get("/oruk/{slug}/taxonomy_terms", url_name="oruk-terms", tags=["Open Referral UK"])
def taxonomy_terms(request: HttpRequest, slug: str, params: Query[TermFilters]):
    """A page of taxonomy terms; a continuum level names its tier as its parent."""
    published_partnership(request, slug, feed=ORUK)
    queryset = oruk.terms()
    if params.search:
        queryset = queryset.filter(name__icontains=params.search)
    if params.taxonomy_id:
        queryset = queryset.filter(taxonomy__code=oruk.taxonomy_code(params.taxonomy_id) or "")
    return paged(request, queryset, params, export.hsds_term)


@api.get("/oruk/{slug}/taxonomy_terms/{id}", url_name="oruk-term", tags=["Open Referral UK"])
def taxonomy_term(request: HttpRequest, slug: str, id: str):
    published_partnership(request, slug, feed=ORUK)
    found = oruk.term_by_id(id)
    if found is None:
        raise Http404
    return answer(request, export.hsds_term(found))


@api.get(
    "/oruk/{slug}/service_at_locations",
    url_name="oruk-service-at-locations",
    tags=["Open Referral UK"],
)
def service_at_locations(request: HttpRequest, slug: str, params: Query[ServiceFilters]):
    """A page of services at their locations (family hubs, clinics, online)."""
    partnership = published_partnership(request, slug, feed=ORUK)
    chosen = oruk.filter_services(
        oruk.services(partnership), partnership, **service_filters(params)
    )
    return paged(request, oruk.service_at_locations(chosen), params, oruk.service_at_location)


@api.get("/v1/{slug}/results", url_name="results", tags=["Published results"])
def results(request: HttpRequest, slug: str):
    """Agreed levels, targets and actions of the partnership's published rounds (a token)."""
    partnership = published_partnership(request, slug, feed=RESULTS)
    return answer(request, published_results(partnership))
