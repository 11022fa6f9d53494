"""Who may open each service-map page: every URL against every persona."""

import pytest
from django.urls import reverse

from continuum.models import Location
from tests.continuum.factories import make_route

READ = {
    "lead_a": 200,
    "contributor_a": 200,
    "viewer_a": 200,
    "commissioner": 200,
    "admin": 200,
    "lead_b": 404,
    "outsider": 404,
}
LEAD_ONLY = {**READ, "contributor_a": 403, "viewer_a": 403, "commissioner": 403, "admin": 403}


@pytest.fixture
def objects(service_a, other_a, route_a, partnership_a):
    hub = Location.objects.create(partnership=partnership_a, name="Hub", kind="family-hub")
    return {"service": service_a, "route": route_a, "location": hub}


def url_for(name, slug, objects):
    kwargs = {"slug": slug}
    if name in {"service-detail", "service-edit", "service-archive", "route-add"}:
        kwargs["pk"] = objects["service"].pk
    if name == "route-remove":
        kwargs["pk"] = objects["route"].pk
    if name == "location-edit":
        kwargs["pk"] = objects["location"].pk
    return reverse(f"continuum:{name}", kwargs=kwargs)


GET_PAGES = [
    ("service-list", READ),
    ("service-detail", READ),
    ("matrix", READ),
    ("pathway", READ),
    ("location-list", READ),
    ("location-add", LEAD_ONLY),
    ("location-edit", LEAD_ONLY),
    ("export-json", READ),
    ("export-csv", READ),
    ("service-add", LEAD_ONLY),
    ("service-edit", LEAD_ONLY),
    ("route-add", LEAD_ONLY),
    ("import", LEAD_ONLY),
]
POST_ONLY = ["service-archive", "route-remove"]
ALL = [name for name, _ in GET_PAGES] + POST_ONLY


@pytest.mark.parametrize("name,expected", GET_PAGES)
@pytest.mark.parametrize("persona", list(READ))
def test_get_pages_answer_by_role(
    client, personas, partnership_a, objects, name, expected, persona
):
    client.force_login(personas[persona])
    response = client.get(url_for(name, partnership_a.slug, objects))
    assert response.status_code == expected[persona]


@pytest.mark.parametrize("name", POST_ONLY)
@pytest.mark.parametrize("persona", list(READ))
def test_post_only_views_answer_by_role(client, personas, partnership_a, objects, name, persona):
    client.force_login(personas[persona])
    response = client.post(url_for(name, partnership_a.slug, objects))
    assert response.status_code == (302 if persona == "lead_a" else LEAD_ONLY[persona])


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_views_reject_get(client, lead_a, partnership_a, objects, name):
    client.force_login(lead_a)
    response = client.get(url_for(name, partnership_a.slug, objects))
    assert response.status_code == 405


@pytest.mark.parametrize("name", ["export-json", "export-csv"])
def test_downloads_reject_post(client, lead_a, partnership_a, objects, name):
    client.force_login(lead_a)
    assert client.post(url_for(name, partnership_a.slug, objects)).status_code == 405


@pytest.mark.parametrize("name", ALL)
def test_anonymous_is_sent_to_sign_in(client, partnership_a, objects, name):
    response = client.get(url_for(name, partnership_a.slug, objects))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "name",
    [
        "service-detail",
        "service-edit",
        "service-archive",
        "route-add",
        "route-remove",
        "location-edit",
    ],
)
def test_another_partnerships_record_under_our_slug_is_404(
    client, lead_a, partnership_a, service_b, name
):
    route_b = make_route(
        service_b,
        service_b.__class__.objects.create(
            partnership=service_b.partnership, provider=service_b.provider, name="Other B"
        ),
    )
    client.force_login(lead_a)
    location_b = Location.objects.create(partnership=service_b.partnership, name="B", kind="clinic")
    url = url_for(
        name, partnership_a.slug, {"service": service_b, "route": route_b, "location": location_b}
    )
    response = client.post(url) if name in POST_ONLY else client.get(url)
    assert response.status_code == 404


def test_viewer_post_to_lead_pages_changes_nothing(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    for name in ["service-add", "service-edit", "import"]:
        url = url_for(name, partnership_a.slug, {"service": service_a})
        assert client.post(url, {"name": "Renamed"}).status_code == 403
    service_a.refresh_from_db()
    assert service_a.name == "Family hub stay-and-play"
