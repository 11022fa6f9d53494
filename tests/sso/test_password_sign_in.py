"""Password sign-in for a domain whose organisation has turned it off in favour of SSO."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sso.models import IdentityProvider
from tests.factories import PASSWORD


def sso_provider(name="Ashworth Council", domains="a.example", **fields) -> IdentityProvider:
    fields.setdefault("password_sign_in_off", True)
    return IdentityProvider.objects.create(
        name=name,
        issuer=f"https://{name.split()[0].lower()}.example/idp",
        client_id="cradle",
        email_domains=domains,
        **fields,
    )


def sign_in_with_password(client, email):
    return client.post(reverse("login"), {"username": email, "password": PASSWORD})


def test_password_sign_in_is_refused_for_a_domain_that_uses_sso(client, lead_a):
    sso_provider()

    response = sign_in_with_password(client, "Lead@A.example")

    assert response.status_code == 200
    page = response.content.decode()
    assert "People at a.example sign in with Ashworth Council" in page
    assert "Sign in with Ashworth Council" in page
    assert "_auth_user_id" not in client.session


def test_the_admin_sites_sign_in_is_the_sites_own(client, lead_a):
    lead_a.is_staff = True
    lead_a.save()
    sso_provider()

    sent = client.get(reverse("admin:index"), follow=True)
    assert sent.redirect_chain[-1][0] == reverse("login") + "?next=%2Fadmin%2F"
    client.post(reverse("admin:login"), {"username": lead_a.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session


def test_other_domains_still_sign_in_with_a_password(client, lead_b):
    sso_provider()

    assert sign_in_with_password(client, "lead@b.example").status_code == 302


def test_passwords_stay_on_where_the_provider_leaves_them_on(client, lead_a):
    sso_provider(password_sign_in_off=False)

    assert sign_in_with_password(client, "lead@a.example").status_code == 302


def test_a_disabled_provider_does_not_turn_passwords_off(client, lead_a):
    sso_provider(enabled=False)

    assert sign_in_with_password(client, "lead@a.example").status_code == 302


def test_the_sign_in_page_costs_the_same_queries_with_more_providers(client, db):
    sso_provider("Ashworth Council", "a.example")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("login"))
    sso_provider("Brookfield Trust", "b.example")
    sso_provider("Carrow Board", "c.example")
    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse("login")).content.decode()
    assert len(three) == len(one)
    assert page.count("Sign in with ") == 3
