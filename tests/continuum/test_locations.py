"""Locations: where services run, added by leads and chosen on the service form."""

import re

import pytest
from django.urls import reverse

from continuum.models import Location, Service
from tests.continuum.factories import make_service


def add_url(partnership):
    return reverse("continuum:location-add", args=[partnership.slug])


def test_a_lead_adds_a_family_hub(client, lead_a, partnership_a):
    client.force_login(lead_a)
    response = client.post(
        add_url(partnership_a),
        {"name": "Northgate Family Hub", "kind": "family-hub", "postcode": "aw1  2ng"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("continuum:location-list", args=["ashworth"])
    hub = Location.objects.get()
    assert (hub.partnership, hub.kind, hub.postcode) == (partnership_a, "family-hub", "AW1 2NG")


@pytest.mark.parametrize(
    "data,message",
    [
        ({"name": "", "kind": "clinic"}, "Enter the location name"),
        ({"name": "Clinic"}, "Select the kind of place"),
        ({"name": "Clinic", "kind": "clinic", "postcode": "12345"}, "Enter a real postcode"),
    ],
)
def test_the_location_form_explains_bad_input(client, lead_a, partnership_a, data, message):
    client.force_login(lead_a)
    response = client.post(add_url(partnership_a), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Location.objects.exists()


def test_a_lead_edits_a_location(client, lead_a, partnership_a):
    hub = Location.objects.create(partnership=partnership_a, name="Hub", kind="family-hub")
    client.force_login(lead_a)
    client.post(
        reverse("continuum:location-edit", args=["ashworth", hub.pk]),
        {"name": "Riverside Hub", "kind": "family-hub"},
    )
    hub.refresh_from_db()
    assert hub.name == "Riverside Hub"


def test_the_list_shows_only_this_partnerships_locations_with_service_counts(
    client, viewer_a, partnership_a, partnership_b, service_a
):
    hub = Location.objects.create(partnership=partnership_a, name="Our hub", kind="family-hub")
    hub.services.add(service_a)
    Location.objects.create(partnership=partnership_b, name="Their clinic", kind="clinic")
    client.force_login(viewer_a)
    page = client.get(reverse("continuum:location-list", args=["ashworth"])).content.decode()
    assert "Our hub" in page and "Their clinic" not in page
    assert 'govuk-table__cell--numeric">1</td>' in page
    assert "Add a location" not in page


def test_the_service_form_places_a_service_at_locations(
    client, lead_a, partnership_a, partnership_b, council_a, taxonomies
):
    hub = Location.objects.create(partnership=partnership_a, name="Our hub", kind="family-hub")
    theirs = Location.objects.create(partnership=partnership_b, name="Theirs", kind="clinic")
    client.force_login(lead_a)
    url = reverse("continuum:service-add", args=["ashworth"])
    data = {"name": "Baby café", "provider": council_a.pk, "status": "active"}
    assert "Theirs" not in client.get(url).content.decode()
    response = client.post(url, {**data, "locations": [theirs.pk]})
    assert response.status_code == 200 and not Service.objects.exists()
    client.post(url, {**data, "locations": [hub.pk]})
    assert list(Service.objects.get().locations.all()) == [hub]


def test_editing_keeps_the_chosen_locations_ticked(client, lead_a, partnership_a, taxonomies):
    hub = Location.objects.create(partnership=partnership_a, name="Our hub", kind="family-hub")
    service = make_service(partnership_a, "At the hub")
    hub.services.add(service)
    client.force_login(lead_a)
    page = client.get(reverse("continuum:service-edit", args=["ashworth", service.pk]))
    boxes = re.findall(r'<input[^>]*name="locations"[^>]*>', page.content.decode(), re.S)
    assert len(boxes) == 1 and "checked" in boxes[0]
