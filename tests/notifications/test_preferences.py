"""The email preferences page: each person chooses the optional emails they get."""

import pytest
from django.test import Client

from notifications.models import Preferences

URL = "/accounts/notifications/"
CHECKED = 'checked="checked"'
ALL = ["round-opened", "closing-soon", "weekly-digest"]


def test_it_asks_you_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_every_optional_email_ticked_by_default(client, contributor_a):
    client.force_login(contributor_a)
    page = client.get(URL).content.decode()
    assert page.count('type="checkbox"') == 3
    assert page.count(CHECKED) == 3
    assert "A round you lead reaches its closing date" in page  # essential: listed, no box
    assert "contributor@a.example" in page


def test_it_saves_your_choices(client, contributor_a):
    client.force_login(contributor_a)
    response = client.post(URL, {"send": ["weekly-digest"]}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Your email choices are saved" in response.content.decode()
    saved = Preferences.objects.get(user=contributor_a)
    assert (saved.round_opened, saved.closing_soon, saved.weekly_digest) == (False, False, True)
    page = client.get(URL).content.decode()
    assert page.count(CHECKED) == 1


def test_unticking_everything_turns_off_every_optional_email(client, contributor_a):
    client.force_login(contributor_a)
    client.post(URL, {})
    saved = Preferences.objects.get(user=contributor_a)
    assert not (saved.round_opened or saved.closing_soon or saved.weekly_digest)


def test_saving_the_defaults_stores_nothing(client, contributor_a):
    client.force_login(contributor_a)
    assert client.post(URL, {"send": ALL}).status_code == 302
    assert not Preferences.objects.exists()


def test_it_changes_only_your_own_choices(client, contributor_a, lead_a):
    Preferences.objects.create(user=lead_a, weekly_digest=False)
    client.force_login(contributor_a)
    client.post(URL, {"send": ["round-opened"]})
    lead = Preferences.objects.get(user=lead_a)
    assert (lead.round_opened, lead.closing_soon, lead.weekly_digest) == (True, True, False)


def test_it_refuses_a_choice_it_does_not_offer(client, contributor_a):
    client.force_login(contributor_a)
    response = client.post(URL, {"send": ["round-closing"]})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Select only the emails listed" in response.content.decode()
    assert not Preferences.objects.exists()


def test_it_needs_the_csrf_token(contributor_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(contributor_a)
    assert client.post(URL, {}).status_code == 403
    assert not Preferences.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete"])
def test_it_changes_nothing_on_other_methods(client, contributor_a, method):
    client.force_login(contributor_a)
    assert getattr(client, method)(URL).status_code == 405


def test_the_header_links_to_it(client, contributor_a):
    client.force_login(contributor_a)
    assert f'href="{URL}"' in client.get("/partnerships/").content.decode()
