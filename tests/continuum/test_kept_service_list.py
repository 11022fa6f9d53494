"""The service list is drawn once per data version, role and query, and kept: the next request
after any change to what it shows draws afresh, and nobody is shown what was drawn for another
role, query or language."""

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from continuum.models import Service
from partnership.models import Organisation
from tests.continuum.factories import make_service


def listing(partnership, query=""):
    return reverse("continuum:service-list", args=[partnership.slug]) + query


def test_the_list_is_drawn_once_then_kept(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    with CaptureQueriesContext(connection) as drawn:
        first = client.get(listing(partnership_a))
    with CaptureQueriesContext(connection) as kept:
        again = client.get(listing(partnership_a))
    assert again.status_code == 200
    assert len(kept) < len(drawn)
    assert "Family hub stay-and-play" in again.content.decode()
    assert first.content.decode().count("govuk-table__row") == (
        again.content.decode().count("govuk-table__row")
    )


def test_a_new_service_shows_in_the_next_list(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    assert "Toddler talk" not in client.get(listing(partnership_a)).content.decode()
    make_service(partnership_a, "Toddler talk", "continuum-level/prevention")
    page = client.get(listing(partnership_a)).content.decode()
    assert "Toddler talk" in page
    assert "<strong>2</strong> services" in page


def test_a_renamed_provider_and_an_archived_service_show_at_once(
    client, viewer_a, partnership_a, service_a, other_a
):
    client.force_login(viewer_a)
    client.get(listing(partnership_a))
    Organisation.objects.filter(pk=service_a.provider_id).update(name="Ashworth Family Hubs")
    Service.objects.filter(pk=other_a.pk).update(archived=True)
    page = client.get(listing(partnership_a)).content.decode()
    assert "Ashworth Family Hubs" in page
    assert "Perinatal mental health team" not in page


def test_a_viewer_is_not_shown_the_leads_add_button(
    client, lead_a, viewer_a, partnership_a, service_a
):
    add = reverse("continuum:service-add", args=[partnership_a.slug])
    client.force_login(lead_a)
    assert add in client.get(listing(partnership_a)).content.decode()
    client.force_login(viewer_a)
    page = client.get(listing(partnership_a)).content.decode()
    assert "Family hub stay-and-play" in page
    assert add not in page


def test_each_query_is_drawn_for_itself(client, viewer_a, partnership_a, service_a, other_a):
    client.force_login(viewer_a)
    everything = client.get(listing(partnership_a)).content.decode()
    assert "Perinatal mental health team" in everything
    # The same filters in another order are the same query.
    filtered = client.get(listing(partnership_a, "?level=promotion&thrive=")).content.decode()
    again = client.get(listing(partnership_a, "?thrive=&level=promotion")).content.decode()
    for page in (filtered, again):
        assert "Family hub stay-and-play" in page
        assert "Perinatal mental health team" not in page


def test_welsh_is_not_shown_the_list_drawn_in_english(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    assert "Filter services" in client.get(listing(partnership_a)).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = client.get(listing(partnership_a)).content.decode()
    assert "Filter services" not in page
    assert "Family hub stay-and-play" in page
