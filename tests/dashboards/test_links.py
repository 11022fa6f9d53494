"""Links to the dashboards: the partnership overview, and the header for commissioners."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, pass_second_step


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    pass_second_step(client)


def test_the_overview_links_to_the_gap_dashboard(client, viewer_a, partnership_a):
    client.force_login(viewer_a)
    page = client.get(partnership_a.get_absolute_url()).content.decode()
    assert reverse("dashboards:area", args=[partnership_a.slug]) in page


@pytest.mark.parametrize("who", ["commissioner", "admin"])
def test_the_header_links_to_oversight_for_those_who_have_it(client, personas, who):
    sign_in(client, personas[who])
    page = client.get(reverse("partnership:list")).content.decode()
    assert f'href="{reverse("oversight:index")}">Oversight</a>' in page


@pytest.mark.parametrize("who", ["lead_a", "outsider"])
def test_the_header_has_no_oversight_link_for_others(client, personas, who):
    sign_in(client, personas[who])
    page = client.get(reverse("partnership:list")).content.decode()
    assert reverse("oversight:index") not in page
