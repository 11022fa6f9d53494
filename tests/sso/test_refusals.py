"""Whatever goes wrong between Cradle and a provider, the person reads why, never a 500."""

import socket
from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

from sso.models import ProviderLink
from sso.views import SESSION_KEY


def started(client, provider) -> dict:
    """Start a sign-in; the query Cradle sent to the provider."""
    response = client.get(reverse("sso:start", args=[provider.pk]))
    assert response.status_code == 302
    return {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def reasons(audit_lines) -> list[str]:
    return [line["reason"] for line in audit_lines("sso.refused")]


def test_the_request_sent_to_the_provider_carries_pkce_state_and_nonce(client, make_provider):
    provider = make_provider()

    query = started(client, provider)

    assert query["response_type"] == "code"
    assert query["client_id"] == "cradle-a"
    assert query["code_challenge_method"] == "S256"
    assert len(query["state"]) >= 40 and len(query["nonce"]) >= 40
    assert query["redirect_uri"].endswith(reverse("sso:callback"))


def test_a_callback_with_another_state_is_refused(client, make_provider, audit_lines):
    provider = make_provider()
    started(client, provider)

    response = client.get(reverse("sso:callback"), {"state": "forged", "code": "anything"})

    assert response.status_code == 400
    assert "expired or was already used" in response.content.decode()
    assert reasons(audit_lines) == ["state mismatch"]


def test_a_callback_without_a_sign_in_under_way_is_refused(client, db):
    response = client.get(reverse("sso:callback"), {"state": "x", "code": "y"})

    assert response.status_code == 400
    assert "You have not been signed in" in response.content.decode()


def test_a_callback_used_twice_signs_in_once(
    client, lead_a, make_provider, provider_server, sign_in
):
    provider = make_provider()
    first = sign_in(client, provider, provider_server.account("lead@a.example"))
    client.logout()

    again = client.get(first.wsgi_request.get_full_path())

    assert again.status_code == 400


def test_a_token_minted_for_another_sign_in_is_refused(
    client, lead_a, make_provider, provider_server, sign_in, audit_lines
):
    provider = make_provider()
    account = provider_server.account("lead@a.example")
    original = client.get

    def get_with_other_nonce(path, *args, **kwargs):
        # As a replayed token would be: the provider's token names another sign-in's nonce.
        if path.startswith(reverse("sso:callback")):
            session = client.session
            session[SESSION_KEY] = {**session[SESSION_KEY], "nonce": "another-sign-in"}
            session.save()
        return original(path, *args, **kwargs)

    client.get = get_with_other_nonce
    response = sign_in(client, provider, account)

    assert response.status_code == 403
    assert "could not be checked" in response.content.decode()
    assert not ProviderLink.objects.exists()
    assert reasons(audit_lines) == ["bad token"]


def test_a_person_who_declines_at_the_provider_is_told(client, make_provider, audit_lines):
    provider = make_provider()
    query = started(client, provider)

    response = client.get(
        reverse("sso:callback"), {"state": query["state"], "error": "access_denied"}
    )

    assert response.status_code == 403
    assert "did not sign you in" in response.content.decode()
    [line] = audit_lines("sso.refused")
    assert (line["reason"], line["error"]) == ("provider error", "access_denied")


def test_a_provider_that_refuses_the_client_secret_gives_a_page(
    client, lead_a, make_provider, provider_server, sign_in, audit_lines
):
    provider = make_provider(client_secret="not-the-secret")

    response = sign_in(client, provider, provider_server.account("lead@a.example"))

    assert response.status_code == 502
    assert "did not sign you in" in response.content.decode()
    assert "not-the-secret" not in str(audit_lines())


def test_a_provider_that_does_not_answer_gives_a_page(client, make_provider, audit_lines):
    provider = make_provider(issuer=f"http://127.0.0.1:{unused_port()}/o")

    response = client.get(reverse("sso:start", args=[provider.pk]))

    assert response.status_code == 502
    assert "is not answering" in response.content.decode()
    assert reasons(audit_lines) == ["provider unreachable"]


def test_an_issuer_without_a_discovery_document_gives_a_page(
    client, make_provider, provider_server
):
    provider = make_provider(issuer=f"{provider_server.base}/nothing-here")

    response = client.get(reverse("sso:start", args=[provider.pk]))

    assert response.status_code == 502


def test_a_discovery_document_naming_another_issuer_is_not_trusted(
    client, make_provider, provider_server, audit_lines
):
    # The same provider reached by another name: its document names 127.0.0.1, not localhost.
    provider = make_provider(issuer=provider_server.issuer.replace("127.0.0.1", "localhost"))

    response = client.get(reverse("sso:start", args=[provider.pk]))

    assert response.status_code == 502
    assert audit_lines("sso.refused")[0]["detail"] == "discovery document names another issuer"


def test_a_disabled_provider_has_no_button_and_cannot_be_started(client, make_provider):
    provider = make_provider(enabled=False)

    assert "Sign in with" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sso:start", args=[provider.pk])).status_code == 404


def test_a_provider_disabled_during_a_sign_in_signs_nobody_in(
    client, lead_a, make_provider, provider_server, sign_in
):
    provider = make_provider()
    original = client.get

    def get_after_disabling(path, *args, **kwargs):
        if path.startswith(reverse("sso:callback")):
            provider.enabled = False
            provider.save(update_fields=["enabled"])
        return original(path, *args, **kwargs)

    client.get = get_after_disabling
    response = sign_in(client, provider, provider_server.account("lead@a.example"))

    assert response.status_code == 400
    assert not ProviderLink.objects.exists()


def test_a_signed_in_person_starting_again_goes_to_their_partnerships(
    client, lead_a, make_provider
):
    provider = make_provider()
    client.force_login(lead_a)

    response = client.get(reverse("sso:start", args=[provider.pk]))

    assert response["Location"] == reverse("partnership:list")
