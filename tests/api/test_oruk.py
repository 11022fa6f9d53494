"""The Open Referral UK 3.0 endpoints: schema-valid pages and items, paging, search, filters."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from continuum import export
from continuum.models import Location, Service
from tests.api.conftest import check, check_page, publish
from tests.continuum.factories import make_service, terms
from tests.factories import make_organisation


def oruk(name: str, partnership, *args) -> str:
    return reverse(f"api:{name}", args=[partnership.slug, *args])


@pytest.fixture
def published_a(partnership_a, service_a, other_a):
    publish(partnership_a)
    hub = Location.objects.create(
        partnership=partnership_a, name="Ashworth family hub", kind="family-hub", postcode="AS1 1AA"
    )
    hub.services.add(service_a, other_a)
    return partnership_a


def test_the_root_describes_the_api(client, published_a):
    response = client.get(oruk("oruk-root", published_a))
    assert response.status_code == 200
    document = response.json()
    assert document["version"] == "3.0"
    assert document["openapi_url"].endswith(reverse("api:openapi-json"))


def test_services_are_a_valid_page_of_valid_services(client, published_a):
    document = client.get(oruk("oruk-services", published_a)).json()
    check_page(document, "service_list.json")
    for item in document["contents"]:
        check(item, "service.json")
    assert [s["name"] for s in document["contents"]] == [
        "Family hub stay-and-play",
        "Perinatal mental health team",
    ]
    assert document["total_items"] == 2 and document["first_page"] and document["last_page"]


def test_one_service_is_found_by_its_oruk_id(client, published_a, service_a):
    wanted = export.service_id(service_a)
    response = client.get(oruk("oruk-service", published_a, wanted))
    assert response.status_code == 200
    document = response.json()
    check(document, "service.json")
    assert document["id"] == wanted and document["name"] == service_a.name
    levels = {a["taxonomy_term"]["term"] for a in document["attributes"]}
    assert {"promotion", "thriving", "nurturing"} <= levels


def test_a_feeds_uuid_is_the_services_id(client, published_a, partnership_a, council_a):
    own = "5c4d79d7-cc55-470e-9f1f-8cad074e4892"
    make_service(partnership_a, "Imported", provider=council_a, source_id=own)
    assert client.get(oruk("oruk-service", published_a, own)).json()["name"] == "Imported"


def test_an_unknown_or_other_partnerships_service_is_404(
    client, published_a, partnership_b, service_b
):
    publish(partnership_b)
    assert client.get(oruk("oruk-service", published_a, "nope")).status_code == 404
    theirs = export.service_id(service_b)
    assert client.get(oruk("oruk-service", published_a, theirs)).status_code == 404
    assert client.get(oruk("oruk-service", partnership_b, theirs)).status_code == 200


def test_archived_services_are_not_published(client, published_a, other_a):
    other_a.archive()
    names = [s["name"] for s in client.get(oruk("oruk-services", published_a)).json()["contents"]]
    assert names == ["Family hub stay-and-play"]


def test_pages_follow_each_other(client, published_a, partnership_a, council_a):
    for n in range(3):
        make_service(partnership_a, f"Zed service {n}", provider=council_a)
    url = oruk("oruk-services", published_a)
    first = client.get(url, {"per_page": 2}).json()
    last = client.get(url, {"per_page": 2, "page": 3}).json()
    beyond = client.get(url, {"per_page": 2, "page": 4}).json()
    assert (first["total_items"], first["total_pages"], first["size"]) == (5, 3, 2)
    assert first["first_page"] and not first["last_page"]
    assert (last["page_number"], last["size"], last["last_page"]) == (3, 1, True)
    assert [s["name"] for s in last["contents"]] == ["Zed service 2"]
    assert beyond["empty"] and beyond["contents"] == []
    check_page(beyond, "service_list.json")


def test_search_matches_name_and_description(client, published_a, other_a):
    Service.objects.filter(pk=other_a.pk).update(description="Support for PARENTS in pregnancy")
    url = oruk("oruk-services", published_a)
    assert [s["name"] for s in client.get(url, {"search": "stay-and"}).json()["contents"]] == [
        "Family hub stay-and-play"
    ]
    assert [s["name"] for s in client.get(url, {"search": "parents"}).json()["contents"]] == [
        "Perinatal mental health team"
    ]


def names(client, url, **params) -> list[str]:
    return [s["name"] for s in client.get(url, params).json()["contents"]]


def test_services_filter_by_term_taxonomy_organisation_and_date(
    client, published_a, partnership_a, service_a, other_a
):
    url = oruk("oruk-services", published_a)
    promotion, treatment, nurturing = terms(
        "continuum-level/promotion", "continuum-level/treatment", "nest/nurturing"
    )
    assert names(client, url, taxonomy_term_id=export.term_id(promotion)) == [service_a.name]
    assert names(client, url, taxonomy_term_id=export.term_id(treatment)) == [other_a.name]
    # A tier stands for its levels.
    care = treatment.parent
    assert names(client, url, taxonomy_term_id=export.term_id(care)) == [other_a.name]
    assert names(client, url, taxonomy_id=export.taxonomy_id("nest")) == [service_a.name]
    assert names(client, url, taxonomy_term_id="no-such-term") == []

    charity = make_organisation(partnership_a, "Ashworth Charity", sector="voluntary")
    Service.objects.filter(pk=other_a.pk).update(provider=charity)
    assert names(client, url, organization_id=export.organisation_id(charity)) == [other_a.name]

    Service.objects.filter(pk=service_a.pk).update(modified=timezone.now() - timedelta(days=30))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert names(client, url, modified_after=since) == [other_a.name]
    assert names(client, url, modified_after="2000-01-01T00:00:00") == sorted(
        [service_a.name, other_a.name]
    )


@pytest.mark.parametrize(
    "params,parameter",
    [
        ({"page": "two"}, "page"),
        ({"page": "0"}, "page"),
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "100000"}, "per_page"),
        ({"modified_after": "last tuesday"}, "modified_after"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, published_a, params, parameter):
    response = client.get(oruk("oruk-services", published_a), params)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert parameter in response.json()["error"]


def test_organisations_are_a_valid_page(client, published_a, partnership_a):
    make_organisation(
        partnership_a, "Ashworth Charity", sector="voluntary", website="https://c.example"
    )
    document = client.get(oruk("oruk-organizations", published_a)).json()
    check_page(document, "organization_list.json")
    assert [o["name"] for o in document["contents"]] == ["Ashworth Charity", "Ashworth Council"]
    searched = client.get(oruk("oruk-organizations", published_a), {"search": "charity"}).json()
    assert [o["website"] for o in searched["contents"]] == ["https://c.example"]


def test_continuum_thrive_and_nest_are_published_taxonomies(client, published_a):
    document = client.get(oruk("oruk-taxonomies", published_a), {"per_page": 100}).json()
    check_page(document, "taxonomy.json")
    ids = {t["id"] for t in document["contents"]}
    for code in ("continuum-level", "thrive", "nest"):
        assert export.taxonomy_id(code) in ids

    thrive = client.get(oruk("oruk-taxonomy", published_a, export.taxonomy_id("thrive"))).json()
    check(thrive, "taxonomy.json")
    assert [t["name"] for t in thrive["taxonomy_terms"]][:2] == [
        "Thriving",
        "Getting Advice and Signposting",
    ]
    assert client.get(oruk("oruk-taxonomy", published_a, "nope")).status_code == 404


def test_taxonomy_terms_page_and_filter(client, published_a):
    url = oruk("oruk-terms", published_a)
    document = client.get(url, {"taxonomy_id": export.taxonomy_id("continuum-level")}).json()
    check_page(document, "taxonomy_term.json")
    by_code = {t["term"]: t for t in document["contents"]}
    assert by_code["treatment"]["parent_id"] == by_code["tier-care"]["id"]
    nest = client.get(url, {"taxonomy_id": export.taxonomy_id("nest")}).json()
    assert {t["name"] for t in nest["contents"]} == {"Nurturing", "Empowering", "Safe", "Trusted"}
    one = client.get(oruk("oruk-term", published_a, by_code["treatment"]["id"])).json()
    check(one, "taxonomy_term.json")


def test_services_at_locations_are_a_valid_page(client, published_a, service_a):
    url = oruk("oruk-service-at-locations", published_a)
    document = client.get(url).json()
    check_page(document, "service_at_location_list.json")
    assert document["total_items"] == 2
    first = document["contents"][0]
    assert first["service"]["name"] == service_a.name
    assert first["location"]["name"] == "Ashworth family hub"
    filtered = client.get(url, {"search": "perinatal"}).json()
    assert [r["service"]["name"] for r in filtered["contents"]] == ["Perinatal mental health team"]


def test_user_text_is_escaped_as_json(client, published_a, service_a):
    Service.objects.filter(pk=service_a.pk).update(name='<script>"x"</script>')
    response = client.get(oruk("oruk-services", published_a))
    assert response["Content-Type"] == "application/json"
    assert response.json()["contents"][0]["name"] == '<script>"x"</script>'
