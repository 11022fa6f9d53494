"""Who may open each partnership page: the role table every partnership URL must pass."""

import pytest
from django.urls import reverse

from partnership.models import Membership, Organisation, Role
from tests.factories import make_member, make_organisation, make_oversight, make_user

READ = {
    "lead_a": 200,
    "contributor_a": 200,
    "viewer_a": 200,
    "commissioner": 200,
    "admin": 200,
    "lead_b": 404,
    "outsider": 404,
}
LEAD_ONLY = {
    "lead_a": 200,
    "contributor_a": 403,
    "viewer_a": 403,
    "commissioner": 403,
    "admin": 403,
    "lead_b": 404,
    "outsider": 404,
}


def url_for(name, partnership, organisation=None, membership=None):
    kwargs = {"slug": partnership.slug}
    if name.startswith("partnership:organisation-") and name != "partnership:organisation-add":
        kwargs["pk"] = organisation.pk
    if name.startswith("partnership:member-") and name != "partnership:member-add":
        kwargs["pk"] = membership.pk
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def spare(partnership_a, council_a):
    """An organisation and a membership of A that POSTs in these tests may remove."""
    organisation = make_organisation(partnership_a, "Spare Org", sector="other")
    membership = make_member(partnership_a, Role.VIEWER, organisation=council_a)
    return organisation, membership


GET_PAGES = [
    ("partnership:overview", READ),
    ("partnership:edit", LEAD_ONLY),
    ("partnership:organisation-add", LEAD_ONLY),
    ("partnership:organisation-edit", LEAD_ONLY),
    ("partnership:member-add", LEAD_ONLY),
    ("partnership:member-edit", LEAD_ONLY),
]
POST_ONLY = ["partnership:organisation-remove", "partnership:member-remove"]


@pytest.mark.parametrize("name,expected", GET_PAGES)
@pytest.mark.parametrize("persona", list(READ))
def test_get_pages_answer_by_role(client, personas, partnership_a, spare, name, expected, persona):
    client.force_login(personas[persona])
    response = client.get(url_for(name, partnership_a, *spare))
    assert response.status_code == expected[persona]


@pytest.mark.parametrize("name", [n for n, _ in GET_PAGES] + POST_ONLY)
def test_anonymous_is_sent_to_sign_in(client, partnership_a, spare, name):
    url = url_for(name, partnership_a, *spare)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_views_reject_get(client, lead_a, partnership_a, spare, name):
    client.force_login(lead_a)
    response = client.get(url_for(name, partnership_a, *spare))
    assert response.status_code == 405


@pytest.mark.parametrize("name", POST_ONLY)
@pytest.mark.parametrize("persona", [p for p in LEAD_ONLY if p != "lead_a"])
def test_post_only_views_refuse_everyone_but_a_lead(
    client, personas, partnership_a, spare, name, persona
):
    client.force_login(personas[persona])
    response = client.post(url_for(name, partnership_a, *spare))
    assert response.status_code == LEAD_ONLY[persona]
    assert Organisation.objects.filter(pk=spare[0].pk).exists()
    assert Membership.objects.filter(pk=spare[1].pk).exists()


def test_unknown_partnership_is_404(client, lead_a):
    client.force_login(lead_a)
    assert client.get("/partnerships/no-such-place/").status_code == 404


def test_another_partnerships_objects_are_404_under_your_own_slug(
    client, lead_a, lead_b, partnership_a, partnership_b
):
    b_membership = Membership.objects.get(user=lead_b)
    b_organisation = b_membership.organisation
    client.force_login(lead_a)
    for url in [
        reverse("partnership:organisation-edit", args=[partnership_a.slug, b_organisation.pk]),
        reverse("partnership:member-edit", args=[partnership_a.slug, b_membership.pk]),
    ]:
        assert client.get(url).status_code == 404
    for url in [
        reverse("partnership:organisation-remove", args=[partnership_a.slug, b_organisation.pk]),
        reverse("partnership:member-remove", args=[partnership_a.slug, b_membership.pk]),
    ]:
        assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=b_membership.pk).exists()


def test_commissioner_without_oversight_of_b_gets_404(client, commissioner, partnership_b):
    client.force_login(commissioner)
    assert client.get(partnership_b.get_absolute_url()).status_code == 404


def test_commissioner_oversight_through_icb_and_listed_partnerships(
    client, areas, partnership_a, partnership_b
):
    icb_commissioner = make_user("icb@example.org")
    make_oversight(icb_commissioner, area=areas["icb"])
    listed = make_user("listed@example.org")
    make_oversight(listed, partnerships=[partnership_b])

    client.force_login(icb_commissioner)
    assert client.get(partnership_a.get_absolute_url()).status_code == 200
    assert client.get(partnership_b.get_absolute_url()).status_code == 404

    client.force_login(listed)
    assert client.get(partnership_b.get_absolute_url()).status_code == 200
    assert client.get(partnership_a.get_absolute_url()).status_code == 404
