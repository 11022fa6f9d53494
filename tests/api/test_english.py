"""What the API sends is in English whatever language the caller's browser or cookie asks for:
its clients are other systems, and the ORUK field names and values are English. The lead's page
about the API is in the language they read Cradle in."""

import pytest
from django.urls import reverse

from continuum.models import Taxonomy, Term
from tests.api.conftest import publish

WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}


@pytest.fixture
def published_a(partnership_a, service_a):
    publish(partnership_a)
    return partnership_a


def oruk(name: str, partnership, *args) -> str:
    return reverse(f"api:{name}", args=[partnership.slug, *args])


def test_the_library_really_has_welsh_to_leak(published_a):
    assert Term.objects.get(taxonomy__code="continuum-level", code="promotion").name_cy


def test_taxonomies_are_english_when_the_browser_asks_for_welsh(client, published_a):
    response = client.get(oruk("oruk-taxonomies", published_a), **WELSH)
    assert response.status_code == 200
    names = {t["name"] for t in response.json()["contents"]}
    english = set(Taxonomy.objects.values_list("name", flat=True))
    welsh = set(Taxonomy.objects.values_list("name_cy", flat=True)) - english
    assert names <= english
    assert not names & welsh
    assert response["Content-Language"] == "en-gb"


def test_services_terms_are_english_for_a_welsh_cookie(client, published_a):
    client.cookies["cradle_language"] = "cy"
    document = client.get(oruk("oruk-services", published_a)).json()
    [service] = document["contents"]
    promotion = Term.objects.get(taxonomy__code="continuum-level", code="promotion")
    shown = {a["taxonomy_term"]["name"] for a in service["attributes"]}
    assert "Promotion" in shown
    assert promotion.name_cy not in shown


def test_a_signed_in_welsh_speaker_gets_english_from_the_api(client, published_a, lead_a):
    lead_a.language = "cy"
    lead_a.save(update_fields=["language"])
    client.force_login(lead_a)
    response = client.get(oruk("oruk-terms", published_a) + "?search=Promotion")
    assert response.status_code == 200
    names = {t["name"] for t in response.json()["contents"]}
    assert names == {"Promotion", "Promotion tier"}


def test_errors_are_english_too(client, published_a):
    response = client.get(oruk("oruk-service", published_a, "no-such-service"), **WELSH)
    assert response.status_code == 404
    assert response.json() == {"error": "Not found"}


def test_the_ORUK_download_of_the_service_map_is_english(client, published_a, lead_a):
    client.cookies["cradle_language"] = "cy"
    client.force_login(lead_a)
    url = reverse("continuum:export-json", args=[published_a.slug])
    response = client.get(url, **WELSH)
    assert response.status_code == 200
    body = response.content.decode()
    assert '"Promotion"' in body
    promotion = Term.objects.get(taxonomy__code="continuum-level", code="promotion")
    assert f'"{promotion.name_cy}"' not in body


def test_the_publishing_page_is_in_welsh(client, published_a, lead_a):
    client.force_login(lead_a)
    page = client.get(reverse("publishing:index", args=[published_a.slug]), **WELSH)
    assert page.status_code == 200
    text = page.content.decode()
    assert "API data agored" in text
    assert "Cyhoeddi’r map gwasanaethau fel Open Referral UK" in text
    assert "Open data API" not in text


def test_the_publishing_page_is_in_english(client, published_a, lead_a):
    client.force_login(lead_a)
    text = client.get(reverse("publishing:index", args=[published_a.slug])).content.decode()
    assert "Open data API" in text
    assert "What the API sends is in English" in text
