"""The sign-in rules on an ID token's claims, for what a local provider cannot play: Google."""

import pytest

from sso.models import IdentityProvider, ProviderLink
from sso.rules import Refused, person_for


@pytest.fixture
def google(db):
    return IdentityProvider.objects.create(
        name="Ashworth Google Workspace",
        issuer="https://accounts.google.com",
        client_id="cradle.apps.googleusercontent.com",
        email_domains="a.example",
    )


def claims(**extra) -> dict:
    return {"sub": "1098", "email": "lead@a.example", "email_verified": True, **extra}


def test_a_workspace_account_of_the_domain_signs_in(google, lead_a):
    outcome = person_for(google, claims(hd="a.example"))

    assert outcome.user == lead_a
    assert ProviderLink.objects.get().subject == "1098"


@pytest.mark.parametrize("hd", [None, "b.example"])
def test_a_personal_google_account_with_a_work_address_is_refused(google, lead_a, hd):
    extra = {"hd": hd} if hd else {}

    with pytest.raises(Refused) as refusal:
        person_for(google, claims(**extra))

    assert refusal.value.reason == "domain not served"
    assert not ProviderLink.objects.exists()
