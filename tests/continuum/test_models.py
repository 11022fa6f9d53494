"""Rules on one record and questions about many: model validation and the querysets."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from continuum.models import ReferralRoute, Service
from tests.continuum.factories import make_service
from tests.factories import make_organisation


def test_active_leaves_out_archived_and_closed_services(partnership_a, service_a, other_a):
    other_a.status = "temporarily closed"
    other_a.save()
    closed = make_service(partnership_a, "Archived")
    closed.archive()
    assert list(Service.objects.for_partnership(partnership_a).active()) == [service_a]
    assert set(Service.objects.for_partnership(partnership_a).current()) == {service_a, other_a}


def test_needs_placing_means_no_continuum_level(partnership_a, service_a, taxonomies):
    unplaced = make_service(partnership_a, "Only THRIVE", "thrive/getting-help")
    assert list(Service.objects.needs_placing()) == [unplaced]


def test_a_provider_must_belong_to_the_same_partnership(partnership_a, partnership_b, service_a):
    service_a.provider = make_organisation(partnership_b, "Elsewhere")
    with pytest.raises(ValidationError, match="Choose an organisation in this partnership"):
        service_a.full_clean()


def test_maximum_age_cannot_be_below_minimum(service_a):
    service_a.min_age_months, service_a.max_age_months = 24, 12
    with pytest.raises(ValidationError, match="same as or more than minimum age"):
        service_a.full_clean()


def test_source_ids_are_unique_per_partnership_only(partnership_a, partnership_b, taxonomies):
    make_service(partnership_a, "One", source_id="feed-1")
    make_service(partnership_b, "Same id elsewhere", source_id="feed-1")
    make_service(partnership_a, "No id")
    make_service(partnership_a, "No id either")
    with pytest.raises(IntegrityError):
        make_service(partnership_a, "Clash", source_id="feed-1")


def test_a_route_cannot_loop_to_its_own_service(service_a):
    route = ReferralRoute(from_service=service_a, to_service=service_a, kind="refer")
    with pytest.raises(ValidationError, match="Choose a different service"):
        route.full_clean()


def test_a_route_cannot_cross_partnerships(service_a, service_b):
    route = ReferralRoute(from_service=service_a, to_service=service_b, kind="refer")
    with pytest.raises(ValidationError, match="Choose a service in this partnership"):
        route.full_clean()


def test_delivery_modes_read_as_words(service_a):
    service_a.delivery_modes = ["home-visit", "online"]
    assert service_a.delivery_mode_labels() == ["Home visits", "Online"]
