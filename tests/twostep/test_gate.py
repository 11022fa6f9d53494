"""Leads and admins reach no partnership page, download or admin page before the second step."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api.conftest import publish
from tests.factories import pass_second_step
from tests.security.conftest import build_framework
from tests.twostep.authenticator import make_device
from tests.voice.factories import make_survey


@pytest.fixture
def pages(partnership_a):
    slug = partnership_a.slug
    return [
        reverse("partnership:list"),
        reverse("partnership:overview", args=[slug]),
        reverse("continuum:export-csv", args=[slug]),
        reverse("dashboards:area", args=[slug]),
        reverse("admin:index"),
        reverse("twostep:account"),
        reverse("twostep:reset"),
    ]


def test_a_lead_without_an_app_is_sent_to_set_one_up_from_every_page(client, lead_a, pages):
    client.force_login(lead_a)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("twostep:set-up") + "?next="), url


def test_a_lead_with_an_app_is_asked_for_a_code_and_comes_back(client, lead_a, partnership_a):
    make_device(lead_a)
    client.force_login(lead_a)
    url = reverse("continuum:export-csv", args=[partnership_a.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("twostep:verify") + "?next=" + url.replace("/", "%2F")


def test_an_admin_reaches_no_admin_page_before_the_second_step(client, admin_user, pages):
    client.force_login(admin_user)
    for url in pages:
        assert client.get(url).status_code == 302, url


def test_a_form_posted_before_the_second_step_changes_nothing(client, lead_a, partnership_a):
    client.force_login(lead_a)
    url = reverse("partnership:edit", args=[partnership_a.slug])
    response = client.post(url, {"name": "Renamed"})
    assert response["Location"] == reverse("twostep:set-up")
    partnership_a.refresh_from_db()
    assert partnership_a.name == "Ashworth Best Start"


def test_after_the_second_step_the_pages_open(client, lead_a, admin_user, pages):
    client.force_login(lead_a)
    pass_second_step(client, lead_a)
    assert client.get(pages[1]).status_code == 200
    assert client.get(pages[2]).status_code == 200
    client.force_login(admin_user)
    pass_second_step(client, admin_user)
    assert client.get(reverse("admin:index")).status_code == 200


def test_sign_out_and_public_pages_stay_open(client, lead_a):
    client.force_login(lead_a)
    for name in ("home", "accessibility", "privacy", "twostep:set-up"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_contributor_needs_no_second_step_unless_they_chose_one(
    client, contributor_a, partnership_a
):
    url = reverse("partnership:overview", args=[partnership_a.slug])
    client.force_login(contributor_a)
    assert client.get(url).status_code == 200
    make_device(contributor_a)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("twostep:verify"))


def test_the_roles_that_need_it_are_a_setting(client, lead_a, partnership_a, settings):
    settings.TWO_STEP_REQUIRED_ROLES = ["admin"]
    client.force_login(lead_a)
    assert client.get(reverse("partnership:overview", args=[partnership_a.slug])).status_code == 200


def test_the_gate_can_be_turned_off(client, lead_a, partnership_a, settings):
    settings.TWO_STEP_ENFORCED = False
    client.force_login(lead_a)
    assert client.get(reverse("partnership:overview", args=[partnership_a.slug])).status_code == 200


def test_a_lead_signing_in_with_a_password_is_asked_for_the_code(client, lead_a):
    make_device(lead_a)
    response = client.post(
        reverse("login"),
        {"username": "lead@a.example", "password": "correct-horse-battery-staple"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(reverse("twostep:verify"))
    assert b"Enter the code from your authenticator app" in response.content


def test_a_session_past_the_second_step_costs_no_query_more(
    client, lead_a, partnership_a, settings, django_assert_num_queries
):
    url = reverse("partnership:overview", args=[partnership_a.slug])
    client.force_login(lead_a)
    pass_second_step(client, lead_a)
    client.get(url)
    settings.TWO_STEP_ENFORCED = False
    with CaptureQueriesContext(connection) as without_gate:
        client.get(url)
    settings.TWO_STEP_ENFORCED = True
    with django_assert_num_queries(len(without_gate)):
        assert client.get(url).status_code == 200


def test_the_password_lockout_still_stops_a_lead_with_an_app(client, lead_a):
    make_device(lead_a)
    for _ in range(5):
        client.post(reverse("login"), {"username": "lead@a.example", "password": "wrong-guess"})
    response = client.post(
        reverse("login"), {"username": "lead@a.example", "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 429
    assert client.get(reverse("twostep:verify"))["Location"].startswith(reverse("login"))


def test_a_family_survey_link_opens_before_the_second_step(client, lead_a, partnership_a):
    build_framework()
    survey = make_survey(partnership_a)
    client.force_login(lead_a)
    response = client.get(reverse("have-your-say:privacy", args=[survey.token]))
    assert response.status_code == 200


def test_the_read_api_answers_before_the_second_step(client, lead_a, partnership_a):
    # The API answers by token or to anyone, never by session: a lead's browser gets JSON too.
    publish(partnership_a)
    client.force_login(lead_a)
    response = client.get(reverse("api:oruk-services", args=[partnership_a.slug]))
    assert response.status_code == 200
    assert response.json()["total_items"] == 0
