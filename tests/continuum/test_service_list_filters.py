"""The service list's filters fold away, so the first service shows on a phone, and open
while a filter is in use; the list scrolls in its own region."""

import re

from django.urls import reverse


def filters_details(page: str) -> str:
    return re.search(r'<details class="govuk-details app-filters"[^>]*>', page).group(0)


def test_the_filters_are_folded_away_until_one_is_used(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    page = client.get(reverse("continuum:service-list", args=[partnership_a.slug])).content.decode()
    assert " open" not in filters_details(page)
    assert "Filter services" in page
    assert page.index("app-filters") < page.index("Family hub stay-and-play")
    assert page.count('class="govuk-select"') == 9  # all still there, inside the details


def test_the_filters_stay_open_while_one_is_in_use(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    url = reverse("continuum:service-list", args=[partnership_a.slug]) + "?level=promotion"
    page = client.get(url).content.decode()
    assert filters_details(page).endswith(" open>")
    assert "Clear filters" in page


def test_the_list_scrolls_in_a_labelled_region(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    page = client.get(reverse("continuum:service-list", args=[partnership_a.slug])).content.decode()
    region = '<div class="app-table-scroll" role="region" aria-label="Services" tabindex="0">'
    assert re.search(re.escape(region) + r"<table", page)
