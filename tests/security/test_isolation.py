"""Tenant isolation: given B's slugs and ids in every URL, A's lead gets 404, changes nothing."""

import pytest
from django.apps import apps
from django.test import Client

from tests.security.conftest import row_text
from tests.security.routes import NOT_PARTNERSHIP_PAGES, all_routes, url_for

PARTNERSHIP_ROUTES = [r for r in all_routes() if r.name not in NOT_PARTNERSHIP_PAGES]


def partnership_lookup(model) -> str | None:
    """How a model's rows reach their partnership: directly, or through one foreign key."""
    names = {f.name for f in model._meta.get_fields()}
    if "partnership" in names:
        return "partnership"
    for field in model._meta.get_fields():
        if field.many_to_one and field.related_model is not None:
            related = {f.name for f in field.related_model._meta.get_fields()}
            if "partnership" in related:
                return f"{field.name}__partnership"
    return None


def rows_of_b(b) -> dict:
    """Every row that belongs to partnership B, as plain values."""
    snapshot = {}
    for model in apps.get_models():
        if model is b.partnership.__class__:
            queryset = model.objects.filter(pk=b.partnership.pk)
        elif lookup := partnership_lookup(model):
            queryset = model.objects.filter(**{lookup: b.partnership})
        else:
            continue
        snapshot[model.__name__] = sorted(map(row_text, queryset.values_list()))
    return snapshot


def test_every_url_pattern_is_covered_or_exempt():
    # Every pattern either takes part in the isolation test (its arguments can be filled from
    # a partnership's rows: url_for raises otherwise) or is listed, with a reason, as a page
    # outside any partnership.
    assert PARTNERSHIP_ROUTES, "no partnership URLs found"
    for route in PARTNERSHIP_ROUTES:
        assert "slug" in route.kwargs, f"{route.name} is not under a partnership slug"


@pytest.mark.parametrize("route", PARTNERSHIP_ROUTES, ids=lambda r: r.name)
def test_a_lead_cannot_reach_another_partnerships_rows(worlds, route):
    a, b, _ = worlds
    client = Client()
    client.force_login(a.lead)
    before = rows_of_b(b)
    b_url = url_for(route, b)
    # B's objects under A's own slug, too: an id from another tenant is not found here either.
    mixed_url = b_url.replace(f"/{b.partnership.slug}/", f"/{a.partnership.slug}/", 1)
    urls = {b_url, mixed_url} if mixed_url != url_for(route, a) else {b_url}
    for url in urls:
        # 405 answers a method the page never takes, whatever the slug: it reveals nothing.
        statuses = {client.get(url).status_code, client.post(url, {}).status_code}
        assert statuses <= {404, 405} and 404 in statuses, (url, statuses)
    assert rows_of_b(b) == before
