"""English / Cymraeg: the switch on every page, and a person's saved choice."""

import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

SWITCH = "/language/"


def test_every_page_offers_the_other_language_and_says_which_it_is_in(client):
    page = client.get(reverse("accessibility")).content.decode()
    assert '<html lang="en-GB"' in page
    assert 'name="language" value="cy"' in page
    assert '<span aria-current="true" lang="en">English</span>' in page


def test_switching_to_welsh_returns_to_the_same_page_in_welsh(client):
    response = client.post(f"{SWITCH}?next=/accessibility/?from=switch", {"language": "cy"})
    assert response.status_code == 302
    assert response["Location"] == "/accessibility/?from=switch"
    assert response.cookies["cradle_language"].value == "cy"
    page = client.get("/accessibility/?from=switch").content.decode()
    assert '<html lang="cy"' in page
    assert "Neidio i’r prif gynnwys" in page
    assert '<span aria-current="true" lang="cy">Cymraeg</span>' in page
    client.post(f"{SWITCH}?next=/", {"language": "en-gb"})
    assert '<html lang="en-GB"' in client.get("/").content.decode()


def test_a_browser_asking_for_welsh_gets_welsh(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<html lang="cy"' in page


def test_a_signed_in_persons_choice_follows_them_to_another_device(client, django_user_model):
    person = make_user("lead@example.org")
    client.force_login(person)
    client.post(f"{SWITCH}?next=/", {"language": "cy"})
    person.refresh_from_db()
    assert person.language == "cy"

    other_device = type(client)()
    other_device.force_login(person)
    page = other_device.get(reverse("partnership:list")).content.decode()
    assert '<html lang="cy"' in page
    assert "Eich partneriaethau" in page


def test_the_switch_never_sends_people_to_another_site(client):
    response = client.post(f"{SWITCH}?next=https://evil.example/", {"language": "cy"})
    assert response["Location"] == "/"


def test_an_unknown_language_changes_nothing(client):
    person = make_user("lead@example.org")
    client.force_login(person)
    response = client.post(f"{SWITCH}?next=/privacy/", {"language": "fr"})
    assert response.status_code == 302
    assert "cradle_language" not in response.cookies
    person.refresh_from_db()
    assert person.language == ""


def test_switching_is_a_post(client):
    assert client.get(SWITCH).status_code == 405
