"""Service-map fixtures: the shipped taxonomies and a service in each partnership."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.continuum.factories import make_route, make_service

FEEDS = Path(__file__).parent / "feeds"
ORUK = FEEDS / "oruk-uk-profile-3.0"


@pytest.fixture
def taxonomies(db):
    call_command("load_taxonomies", stdout=io.StringIO())
    call_command("load_gap_rules", stdout=io.StringIO())


@pytest.fixture
def service_a(partnership_a, council_a, taxonomies):
    return make_service(
        partnership_a,
        "Family hub stay-and-play",
        "continuum-level/promotion",
        "thrive/thriving",
        "nest/nurturing",
        "age-band/1-2-years",
        "audience/whole-family",
        "reach/universal",
        provider=council_a,
        capacity=200,
    )


@pytest.fixture
def other_a(partnership_a, council_a, taxonomies):
    return make_service(
        partnership_a,
        "Perinatal mental health team",
        "continuum-level/treatment",
        "thrive/getting-more-help",
        provider=council_a,
    )


@pytest.fixture
def route_a(service_a, other_a):
    return make_route(service_a, other_a, "step-up")


@pytest.fixture
def service_b(partnership_b, taxonomies):
    return make_service(partnership_b, "Brookfield baby group", "continuum-level/promotion")
