"""Signing in through an organisation's identity provider, end to end against a real one."""

from django.core.cache import cache
from django.urls import reverse

from sso.models import ProviderLink
from tests.factories import pass_second_step


def signed_in_as(client):
    """Who is signed in, taken past the second step (see the test below and tests/twostep)."""
    if "_auth_user_id" not in client.session:
        return None
    pass_second_step(client)
    response = client.get(reverse("partnership:list"))
    return response.wsgi_request.user if response.status_code == 200 else None


def test_a_lead_signed_in_through_a_provider_still_owes_the_second_step(
    client, lead_a, make_provider, provider_server, sign_in
):
    provider = make_provider()
    sign_in(client, provider, provider_server.account("lead@a.example"))

    response = client.get(reverse("partnership:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("twostep:set-up"))


def test_a_known_member_signs_in_through_their_provider(
    client, lead_a, make_provider, provider_server, sign_in, audit_lines, caplog
):
    provider = make_provider()
    account = provider_server.account("lead@a.example")

    response = sign_in(client, provider, account)

    assert response.status_code == 302
    assert response["Location"] == reverse("partnership:list")
    assert signed_in_as(client) == lead_a
    link = ProviderLink.objects.get()
    assert (link.provider, link.subject, link.user) == (provider, account.sub, lead_a)
    [line] = audit_lines("sso.signin")
    assert (line["user_id"], line["provider"], line["linked"]) == (lead_a.pk, provider.pk, True)


def test_it_returns_to_the_page_the_person_asked_for(
    client, lead_a, make_provider, provider_server, sign_in
):
    provider = make_provider()
    account = provider_server.account("lead@a.example")
    wanted = reverse("partnership:overview", args=["ashworth"])

    response = sign_in(client, provider, account, next_url=wanted)

    assert response["Location"] == wanted


def test_it_never_returns_to_another_site(client, lead_a, make_provider, provider_server, sign_in):
    provider = make_provider()
    account = provider_server.account("lead@a.example")

    response = sign_in(client, provider, account, next_url="https://evil.example/")

    assert response["Location"] == reverse("partnership:list")


def test_no_code_token_or_secret_reaches_the_audit_log(
    client, lead_a, make_provider, provider_server, sign_in, caplog
):
    provider = make_provider()
    account = provider_server.account("lead@a.example")

    response = sign_in(client, provider, account)

    callback = response.wsgi_request.GET
    audit = "\n".join(r.getMessage() for r in caplog.records if r.name == "cradle.audit")
    assert "sso.signin" in audit
    for secret in (callback["code"], callback["state"], provider.client_secret):
        assert secret not in audit


def test_an_unknown_person_is_refused(
    client, lead_a, make_provider, provider_server, sign_in, audit_lines
):
    provider = make_provider()
    account = provider_server.account("stranger@a.example")

    response = sign_in(client, provider, account)

    assert response.status_code == 403
    assert "not linked to anyone in Cradle" in response.content.decode()
    assert signed_in_as(client) is None
    assert not ProviderLink.objects.exists()
    assert [line["reason"] for line in audit_lines("sso.refused")] == ["unknown person"]


def test_an_inactive_person_is_refused(client, lead_a, make_provider, provider_server, sign_in):
    lead_a.is_active = False
    lead_a.save(update_fields=["is_active"])
    provider = make_provider()

    response = sign_in(client, provider, provider_server.account("lead@a.example"))

    assert response.status_code == 403
    assert signed_in_as(client) is None


def test_an_unverified_email_is_refused(
    client, lead_a, make_provider, provider_server, sign_in, audit_lines
):
    provider = make_provider()
    account = provider_server.account("lead@a.example", email_verified=False)

    response = sign_in(client, provider, account)

    assert response.status_code == 403
    assert "has not confirmed your email address" in response.content.decode()
    assert signed_in_as(client) is None
    assert [line["reason"] for line in audit_lines("sso.refused")] == ["unverified email"]


def test_a_domain_the_provider_does_not_serve_is_refused(
    client, lead_a, lead_b, make_provider, provider_server, sign_in, audit_lines
):
    provider = make_provider(domains="a.example")
    account = provider_server.account("lead@b.example")

    response = sign_in(client, provider, account)

    assert response.status_code == 403
    assert "not for your email address" in response.content.decode()
    assert signed_in_as(client) is None
    assert [line["reason"] for line in audit_lines("sso.refused")] == ["domain not served"]


def test_the_same_person_signs_in_after_their_email_changes(
    client, lead_a, contributor_a, make_provider, provider_server, sign_in
):
    provider = make_provider()
    account = provider_server.account("lead@a.example")
    sign_in(client, provider, account)
    client.logout()

    provider_server.change(account, "alice.lead@a.example")
    response = sign_in(client, provider, account)

    assert response.status_code == 302
    assert signed_in_as(client) == lead_a
    client.logout()

    # An email now pointing at someone else still signs in the account's own person.
    provider_server.change(account, "contributor@a.example")
    sign_in(client, provider, account)

    assert signed_in_as(client) == lead_a
    assert ProviderLink.objects.get().subject == account.sub


def test_another_account_with_a_linked_persons_email_cannot_take_over(
    client, lead_a, make_provider, provider_server, sign_in, audit_lines
):
    provider = make_provider()
    first = provider_server.account("lead@a.example")
    sign_in(client, provider, first)
    client.logout()
    provider_server.change(first, "alice.lead@a.example")

    # The organisation hands the old address to a new account.
    second = provider_server.account("lead@a.example")
    response = sign_in(client, provider, second)

    assert response.status_code == 403
    assert signed_in_as(client) is None
    assert ProviderLink.objects.get().subject == first.sub
    assert audit_lines("sso.refused")[-1]["reason"] == "linked to another account"


def test_two_providers_serve_their_own_domains(
    client, lead_a, lead_b, make_provider, provider_server, sign_in
):
    ashworth = make_provider("Ashworth Council", "a.example", client_id="cradle-a")
    brookfield = make_provider("Brookfield NHS Trust", "b.example", client_id="cradle-b")
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with Ashworth Council" in page
    assert "Sign in with Brookfield NHS Trust" in page

    sign_in(client, ashworth, provider_server.account("lead@a.example"))
    assert signed_in_as(client) == lead_a
    client.logout()

    sign_in(client, brookfield, provider_server.account("lead@b.example"))
    assert signed_in_as(client) == lead_b
    client.logout()

    response = sign_in(client, brookfield, provider_server.account("lead@a.example"))
    assert response.status_code == 403
    assert signed_in_as(client) is None
    assert [(link.provider, link.user) for link in ProviderLink.objects.order_by("pk")] == [
        (ashworth, lead_a),
        (brookfield, lead_b),
    ]


def test_a_provider_that_may_sign_people_up_creates_their_account(
    client, make_provider, provider_server, sign_in, django_user_model
):
    provider = make_provider(allow_sign_up=True)
    account = provider_server.account("newcomer@a.example", name="Nell\r\nNewcomer")

    response = sign_in(client, provider, account)

    assert response.status_code == 302
    user = django_user_model.objects.get(email="newcomer@a.example")
    assert user.full_name == "Nell Newcomer"
    assert not user.has_usable_password()
    assert signed_in_as(client) == user


def test_entra_ids_verified_domain_claim_stands_in_for_email_verified(
    client, lead_a, contributor_a, make_provider, provider_server, sign_in
):
    provider = make_provider()

    sign_in(
        client,
        provider,
        provider_server.account("lead@a.example", email_verified=None, xms_edov=True),
    )
    assert signed_in_as(client) == lead_a
    client.logout()

    # Never over an explicit "not verified", nor without either claim.
    refused = [
        sign_in(client, provider, provider_server.account("contributor@a.example", **claims))
        for claims in ({"email_verified": False, "xms_edov": True}, {"email_verified": None})
    ]
    assert [response.status_code for response in refused] == [403, 403]
    assert signed_in_as(client) is None


def test_the_buttons_carry_the_page_the_person_asked_for(client, make_provider):
    provider = make_provider()
    wanted = reverse("partnership:overview", args=["ashworth"])

    page = client.get(reverse("login"), {"next": wanted}).content.decode()

    start = reverse("sso:start", args=[provider.pk])
    assert f'href="{start}?next=/partnerships/ashworth/"' in page


def test_the_providers_settings_and_keys_are_read_once_for_many_sign_ins(
    client, lead_a, make_provider, provider_server, sign_in
):
    cache.clear()
    provider = make_provider()
    account = provider_server.account("lead@a.example")
    discovery = "/o/.well-known/openid-configuration"
    keys = "/o/.well-known/jwks.json"
    before = provider_server.served(discovery), provider_server.served(keys)

    for _ in range(3):
        sign_in(client, provider, account)
        client.logout()

    after = provider_server.served(discovery), provider_server.served(keys)
    assert (after[0] - before[0], after[1] - before[1]) == (1, 1)
