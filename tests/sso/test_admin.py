"""An admin configures identity providers in the admin site, without a release."""

from django.urls import reverse

from sso.models import IdentityProvider

FORM = {
    "name": "Ashworth Council",
    "issuer": "https://login.microsoftonline.com/tenant-id/v2.0/",
    "client_id": "00000000-aaaa",
    "client_secret": "s3cret-value",
    "email_domains": "@Ashworth.gov.uk, ashworth-nhs.example\nashworth.gov.uk",
    "enabled": "on",
}


def test_an_admin_adds_a_provider(client, admin_user):
    client.force_login(admin_user)

    response = client.post(reverse("admin:sso_identityprovider_add"), FORM)

    assert response.status_code == 302
    provider = IdentityProvider.objects.get()
    assert provider.issuer == "https://login.microsoftonline.com/tenant-id/v2.0"
    assert provider.domains == ["ashworth-nhs.example", "ashworth.gov.uk"]
    assert (provider.allow_sign_up, provider.password_sign_in_off) == (False, False)


def test_the_secret_is_never_shown_and_kept_when_left_empty(client, admin_user):
    client.force_login(admin_user)
    client.post(reverse("admin:sso_identityprovider_add"), FORM)
    provider = IdentityProvider.objects.get()
    url = reverse("admin:sso_identityprovider_change", args=[provider.pk])

    assert "s3cret-value" not in client.get(url).content.decode()
    response = client.post(url, {**FORM, "client_secret": "", "name": "Ashworth"})

    assert response.status_code == 302
    provider.refresh_from_db()
    assert (provider.name, provider.client_secret) == ("Ashworth", "s3cret-value")


def test_a_domain_served_by_another_provider_is_refused(client, admin_user):
    client.force_login(admin_user)
    client.post(reverse("admin:sso_identityprovider_add"), FORM)

    response = client.post(
        reverse("admin:sso_identityprovider_add"),
        {**FORM, "name": "Other", "email_domains": "ashworth.gov.uk"},
    )

    assert response.status_code == 200
    assert "Another enabled provider serves ashworth.gov.uk" in response.content.decode()
    assert IdentityProvider.objects.count() == 1


def test_a_provider_needs_real_domains(client, admin_user):
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:sso_identityprovider_add"), {**FORM, "email_domains": "localhost"}
    )

    assert "Enter domains such as council.gov.uk, not localhost" in response.content.decode()
    assert not IdentityProvider.objects.exists()


def test_others_cannot_reach_it(client, lead_a):
    client.force_login(lead_a)

    response = client.get(reverse("admin:sso_identityprovider_changelist"))

    assert response.status_code == 302
    assert not response["Location"].startswith(reverse("admin:sso_identityprovider_changelist"))
