"""The lead's page: opt in, issue a token (shown once), revoke it."""

import pytest
from django.urls import reverse

from api.models import ApiToken, Publication, digest
from tests.api.conftest import bearer, issue


def page(partnership) -> str:
    return reverse("publishing:index", args=[partnership.slug])


def test_a_lead_sees_the_api_addresses(client, lead_a, partnership_a):
    client.force_login(lead_a)
    response = client.get(page(partnership_a))
    assert response.status_code == 200
    text = response.content.decode()
    assert f"/api/oruk/{partnership_a.slug}/" in text
    assert f"/api/v1/{partnership_a.slug}/results" in text
    assert "Not published" in text


def test_a_lead_turns_publishing_on(client, lead_a, partnership_a):
    client.force_login(lead_a)
    response = client.post(page(partnership_a), {"oruk": "public", "results": "on"})
    assert response.status_code == 302
    publication = Publication.objects.get(partnership=partnership_a)
    assert (publication.oruk, publication.results, publication.updated_by) == (
        "public",
        True,
        lead_a,
    )
    services = reverse("api:oruk-services", args=[partnership_a.slug])
    assert client.get(services).status_code == 200


def test_a_bad_choice_is_named(client, lead_a, partnership_a):
    client.force_login(lead_a)
    response = client.post(page(partnership_a), {"oruk": "everyone"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Publication.objects.exists()


def test_a_new_token_is_shown_once_and_works(client, lead_a, partnership_a):
    Publication.objects.create(partnership=partnership_a, oruk="token")
    client.force_login(lead_a)
    issued = client.post(
        reverse("publishing:token-issue", args=[partnership_a.slug]), {"name": "ICB dashboard"}
    )
    assert issued.status_code == 302
    token = ApiToken.objects.get()
    first = client.get(page(partnership_a)).content.decode()
    text = first.split('id="new-token">')[1].split("<")[0]
    assert digest(text) == token.digest and token.name == "ICB dashboard"
    assert text not in client.get(page(partnership_a)).content.decode()
    services = reverse("api:oruk-services", args=[partnership_a.slug])
    assert client.get(services, **bearer(text)).status_code == 200


def test_a_token_needs_a_name(client, lead_a, partnership_a):
    client.force_login(lead_a)
    response = client.post(reverse("publishing:token-issue", args=[partnership_a.slug]), {})
    assert response.status_code == 200
    assert "Enter who will use the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_lead_revokes_a_token(client, lead_a, partnership_a):
    Publication.objects.create(partnership=partnership_a, oruk="token")
    text = issue(partnership_a)
    token = ApiToken.objects.get()
    client.force_login(lead_a)
    revoke = reverse("publishing:token-revoke", args=[partnership_a.slug, token.pk])
    assert client.post(revoke).status_code == 302
    token.refresh_from_db()
    assert token.revoked is not None
    assert "Revoked" in client.get(page(partnership_a)).content.decode()
    services = reverse("api:oruk-services", args=[partnership_a.slug])
    assert client.get(services, **bearer(text)).status_code == 404


def test_another_partnerships_token_cannot_be_revoked(client, lead_a, partnership_a, partnership_b):
    issue(partnership_b)
    theirs = ApiToken.objects.get()
    client.force_login(lead_a)
    url = reverse("publishing:token-revoke", args=[partnership_a.slug, theirs.pk])
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked is None


@pytest.mark.parametrize(
    "persona,status",
    [("viewer_a", 403), ("contributor_a", 403), ("lead_b", 404), ("outsider", 404)],
)
def test_only_the_lead_may_open_the_page(client, personas, partnership_a, persona, status):
    client.force_login(personas[persona])
    assert client.get(page(partnership_a)).status_code == status
    issue_url = reverse("publishing:token-issue", args=[partnership_a.slug])
    assert client.post(issue_url, {"name": "x"}).status_code == status
    assert not ApiToken.objects.exists()


def test_issuing_and_revoking_reject_get(client, lead_a, partnership_a):
    client.force_login(lead_a)
    issue(partnership_a)
    token = ApiToken.objects.get()
    assert (
        client.get(reverse("publishing:token-issue", args=[partnership_a.slug])).status_code == 405
    )
    revoke = reverse("publishing:token-revoke", args=[partnership_a.slug, token.pk])
    assert client.get(revoke).status_code == 405
