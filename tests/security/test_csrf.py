"""Without a valid CSRF token every POST is refused and nothing changes; no GET changes data."""

import pytest
from django.apps import apps
from django.test import Client

from tests.security.conftest import row_text
from tests.security.routes import all_routes, url_for

# Sessions and sign-in throttling records are written by design on any request.
VOLATILE = {"Session", "AccessAttempt", "AccessFailureLog", "AccessLog"}


def snapshot() -> dict:
    return {
        model.__name__: sorted(map(row_text, model.objects.values_list()))
        for model in apps.get_models()
        if model.__name__ not in VOLATILE
    }


@pytest.mark.parametrize("route", all_routes(), ids=lambda r: r.name)
def test_a_post_without_a_csrf_token_is_refused(worlds, route):
    a, _, _ = worlds
    client = Client(enforce_csrf_checks=True)
    client.force_login(a.lead)
    before = snapshot()
    response = client.post(url_for(route, a), {})
    # The read API (api:*) takes no POST at all and no cookie opens it: a POST there is refused
    # as a method it does not allow, before anything runs.
    assert response.status_code == (405 if route.name.startswith("api:") else 403)
    assert snapshot() == before


@pytest.mark.parametrize("route", all_routes(), ids=lambda r: r.name)
def test_a_get_changes_nothing(worlds, route):
    a, _, _ = worlds
    client = Client()
    client.force_login(a.lead)
    before = snapshot()
    client.get(url_for(route, a))
    assert snapshot() == before
