"""Who can read a partnership's API: only what it opted into, only with its own live token."""

import pytest
from django.urls import reverse

from api.models import ApiToken, digest
from tests.api.conftest import bearer, issue, publish

ORUK_NAMES = [
    "oruk-root",
    "oruk-services",
    "oruk-organizations",
    "oruk-taxonomies",
    "oruk-terms",
    "oruk-service-at-locations",
]


def url(name: str, partnership) -> str:
    return reverse(f"api:{name}", args=[partnership.slug])


@pytest.mark.parametrize("name", ORUK_NAMES)
def test_a_partnership_that_has_not_opted_in_is_404(client, partnership_a, name):
    assert client.get(url(name, partnership_a)).status_code == 404
    publish(partnership_a, oruk="off", results=True)
    assert client.get(url(name, partnership_a)).status_code == 404


def test_an_unknown_partnership_is_404(client, db):
    assert client.get(reverse("api:oruk-services", args=["nowhere"])).status_code == 404


def test_a_public_feed_needs_no_token(client, partnership_a):
    publish(partnership_a, oruk="public")
    assert client.get(url("oruk-services", partnership_a)).status_code == 200


def test_a_token_feed_needs_the_partnerships_own_token(client, partnership_a, partnership_b):
    publish(partnership_a, oruk="token")
    publish(partnership_b, oruk="token")
    own, theirs = issue(partnership_a), issue(partnership_b)
    services = url("oruk-services", partnership_a)
    assert client.get(services).status_code == 404
    assert client.get(services, **bearer("cradle_guessed")).status_code == 404
    assert client.get(services, **bearer(theirs)).status_code == 404
    assert client.get(services, **bearer(own)).status_code == 200
    assert client.get(url("oruk-services", partnership_b), **bearer(theirs)).status_code == 200


def test_a_revoked_token_is_refused(client, partnership_a):
    publish(partnership_a, oruk="token", results=True)
    text = issue(partnership_a)
    ApiToken.objects.get(digest=digest(text)).revoke()
    assert client.get(url("oruk-services", partnership_a), **bearer(text)).status_code == 404
    assert client.get(url("results", partnership_a), **bearer(text)).status_code == 404


def test_only_a_digest_of_a_token_is_stored(partnership_a):
    text = issue(partnership_a)
    token = ApiToken.objects.get()
    assert text.startswith("cradle_") and len(text) > 40
    assert token.digest == digest(text) and text not in token.digest
    assert token.ending == text[-4:]


def test_results_always_need_a_token_even_when_the_feed_is_public(client, partnership_a):
    publish(partnership_a, oruk="public", results=True)
    assert client.get(url("results", partnership_a)).status_code == 404
    text = issue(partnership_a)
    assert client.get(url("results", partnership_a), **bearer(text)).status_code == 200


def test_results_not_opted_into_are_404_with_a_token(client, partnership_a):
    publish(partnership_a, oruk="public", results=False)
    text = issue(partnership_a)
    assert client.get(url("results", partnership_a), **bearer(text)).status_code == 404


def test_the_openapi_document_lists_every_endpoint(client, db):
    response = client.get(reverse("api:openapi-json"))
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/oruk/{slug}/",
        "/api/oruk/{slug}/services",
        "/api/oruk/{slug}/services/{id}",
        "/api/oruk/{slug}/organizations",
        "/api/oruk/{slug}/taxonomies",
        "/api/oruk/{slug}/taxonomies/{id}",
        "/api/oruk/{slug}/taxonomy_terms",
        "/api/oruk/{slug}/service_at_locations",
        "/api/v1/{slug}/results",
    ]:
        assert path in paths
    names = {p["name"] for p in paths["/api/oruk/{slug}/services"]["get"]["parameters"]}
    assert {"page", "per_page", "search", "taxonomy_term_id", "taxonomy_id"} <= names
    assert {"organization_id", "modified_after"} <= names
