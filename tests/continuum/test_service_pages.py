"""The service list, a service's page, add and edit, archive, and routes."""

import re

import pytest
from django.urls import reverse

from continuum.models import ReferralRoute, Service
from tests.continuum.factories import make_route, make_service, terms
from tests.factories import make_organisation


def list_url(partnership, **query):
    url = reverse("continuum:service-list", args=[partnership.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def shown_count(page: str) -> int:
    return int(
        re.search(r'id="service-count"><strong>(\d+)</strong>(?: archived)? service', page).group(1)
    )


def service_form(organisation, **overrides):
    data = {"name": "Baby café", "provider": organisation.pk, "status": "active"}
    data.update(overrides)
    return data


# The list


def test_the_list_shows_services_with_a_count(client, viewer_a, partnership_a, service_a, other_a):
    client.force_login(viewer_a)
    page = client.get(list_url(partnership_a)).content.decode()
    assert "Family hub stay-and-play" in page
    assert "Perinatal mental health team" in page
    assert shown_count(page) == 2


def test_the_list_hides_other_partnerships_and_archived_services(
    client, viewer_a, partnership_a, service_a, other_a, service_b
):
    other_a.archive()
    client.force_login(viewer_a)
    page = client.get(list_url(partnership_a)).content.decode()
    assert "Brookfield baby group" not in page
    assert "Perinatal mental health team" not in page
    assert shown_count(page) == 1


@pytest.mark.parametrize(
    "query,shown",
    [
        ({"level": "promotion"}, ["Family hub stay-and-play"]),
        ({"level": "treatment"}, ["Perinatal mental health team"]),
        ({"thrive": "getting-more-help"}, ["Perinatal mental health team"]),
        ({"nest": "nurturing"}, ["Family hub stay-and-play"]),
        ({"age": "1-2-years"}, ["Family hub stay-and-play"]),
        ({"audience": "whole-family"}, ["Family hub stay-and-play"]),
        ({"reach": "universal"}, ["Family hub stay-and-play"]),
        ({"sector": "voluntary"}, ["Voluntary baby group"]),
        ({"status": "inactive"}, ["Voluntary baby group"]),
        ({"unplaced": "on"}, ["Voluntary baby group"]),
        ({"level": "promotion", "thrive": "getting-more-help"}, []),
    ],
)
def test_the_list_filters(client, viewer_a, partnership_a, service_a, other_a, query, shown):
    charity = make_organisation(partnership_a, "Baby Charity", sector="voluntary")
    make_service(partnership_a, "Voluntary baby group", provider=charity, status="inactive")
    client.force_login(viewer_a)
    page = client.get(list_url(partnership_a, **query)).content.decode()
    rows = re.findall(r'<th scope="row" class="govuk-table__header"><a[^>]*>([^<]+)</a>', page)
    assert rows == shown
    assert shown_count(page) == len(shown)


def test_the_list_says_which_services_still_need_placing(
    client, viewer_a, partnership_a, service_a, taxonomies
):
    make_service(partnership_a, "Imported service", "thrive/thriving")
    client.force_login(viewer_a)
    page = client.get(list_url(partnership_a)).content.decode()
    assert "1 service still needs placing on the continuum" in page
    assert page.count("Needs placing") == 1


def test_an_unknown_filter_value_is_ignored(client, viewer_a, partnership_a, service_a, other_a):
    client.force_login(viewer_a)
    response = client.get(list_url(partnership_a, level="nonsense", thrive="getting-more-help"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Perinatal mental health team" in page  # the thrive filter still applies
    assert "Family hub stay-and-play" not in page


def test_the_list_pages_long_maps(client, viewer_a, partnership_a, council_a, taxonomies):
    for number in range(55):
        make_service(partnership_a, f"Service {number:02}", provider=council_a)
    client.force_login(viewer_a)
    first = client.get(list_url(partnership_a)).content.decode()
    second = client.get(list_url(partnership_a, page=2)).content.decode()
    assert "Service 49" in first and "Service 50" not in first
    assert "Service 50" in second and "Page 2 of 2" in second


def test_user_text_is_escaped(client, viewer_a, partnership_a, council_a, taxonomies):
    service = make_service(partnership_a, "<script>alert(1)</script>", provider=council_a)
    service.description = '<img src=x onerror="alert(1)">'
    service.save()
    client.force_login(viewer_a)
    for url in [list_url(partnership_a), service.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert "<script>alert(1)" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;" in page


def test_pages_have_no_inline_script_or_style(client, lead_a, partnership_a, service_a, route_a):
    client.force_login(lead_a)
    slug = partnership_a.slug
    pk = service_a.pk
    for url in [
        list_url(partnership_a),
        service_a.get_absolute_url(),
        reverse("continuum:service-add", args=[slug]),
        reverse("continuum:service-edit", args=[slug, pk]),
        reverse("continuum:route-add", args=[slug, pk]),
        reverse("continuum:matrix", args=[slug]),
        reverse("continuum:pathway", args=[slug]),
        reverse("continuum:import", args=[slug]),
        reverse("continuum:location-list", args=[slug]),
        reverse("continuum:location-add", args=[slug]),
    ]:
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\sstyle=", html), url


@pytest.mark.parametrize("size", [5, 40])
def test_list_queries_do_not_grow_with_services(
    client, viewer_a, partnership_a, council_a, taxonomies, django_assert_max_num_queries, size
):
    for number in range(size):
        make_service(
            partnership_a,
            f"S{number}",
            "continuum-level/promotion",
            "thrive/thriving",
            provider=council_a,
        )
    client.force_login(viewer_a)
    with django_assert_max_num_queries(12):
        assert client.get(list_url(partnership_a, level="promotion")).status_code == 200


# A service's page


def test_the_detail_shows_its_place_and_routes(client, viewer_a, service_a, other_a, route_a):
    make_route(other_a, service_a, "step-down")
    client.force_login(viewer_a)
    page = client.get(service_a.get_absolute_url()).content.decode()
    assert "Promotion" in page and "Thriving" in page and "Nurturing" in page
    assert page.count("Perinatal mental health team") == 2  # one route out, one in
    assert "Step up" in page and "Step down" in page
    assert "Archive" not in page  # readers see no buttons


def test_the_detail_says_when_a_service_needs_placing(client, lead_a, partnership_a, taxonomies):
    service = make_service(partnership_a, "Unplaced")
    client.force_login(lead_a)
    assert "still needs placing" in client.get(service.get_absolute_url()).content.decode()


@pytest.mark.parametrize("size", [2, 20])
def test_detail_queries_do_not_grow_with_routes(
    client, viewer_a, partnership_a, service_a, django_assert_max_num_queries, size
):
    for number in range(size):
        make_route(service_a, make_service(partnership_a, f"Next {number}"))
    client.force_login(viewer_a)
    with django_assert_max_num_queries(12):
        client.get(service_a.get_absolute_url())


# Adding and editing


def test_a_lead_adds_a_service_with_terms(client, lead_a, partnership_a, council_a, taxonomies):
    level, thrive, risk = terms(
        "continuum-level/prevention", "thrive/getting-advice", "risk-factor/poverty"
    )
    client.force_login(lead_a)
    response = client.post(
        reverse("continuum:service-add", args=[partnership_a.slug]),
        service_form(
            council_a,
            min_age_months="-9",
            max_age_months="24",
            capacity="120",
            delivery_modes=["in-person", "online"],
            terms_level=[level.pk],
            terms_thrive=[thrive.pk],
            terms_risk=[risk.pk],
        ),
    )
    service = Service.objects.get(name="Baby café")
    assert response.status_code == 302
    assert response["Location"] == service.get_absolute_url()
    assert set(service.terms.all()) == {level, thrive, risk}
    assert service.partnership == partnership_a
    assert (service.min_age_months, service.max_age_months) == (-9, 24)
    assert float(service.minimum_age) == -0.75 and float(service.maximum_age) == 2
    assert service.delivery_modes == ["in-person", "online"]


def test_the_form_groups_terms_as_checkboxes(client, lead_a, partnership_a, taxonomies):
    client.force_login(lead_a)
    page = client.get(reverse("continuum:service-add", args=[partnership_a.slug])).content.decode()
    for legend in ["Continuum levels", "THRIVE groupings", "NEST themes", "Age bands"]:
        assert legend in page
    assert "govuk-checkboxes__input" in page
    assert "Promotion tier" not in page  # tiers group levels; services sit on levels


def test_a_lead_edits_a_service_and_its_terms(client, lead_a, partnership_a, service_a):
    (treatment,) = terms("continuum-level/treatment")
    client.force_login(lead_a)
    response = client.post(
        reverse("continuum:service-edit", args=[partnership_a.slug, service_a.pk]),
        service_form(
            service_a.provider,
            name="Stay and play",
            terms_level=[treatment.pk],
            seen=service_a.modified.isoformat(),
        ),
    )
    assert response.status_code == 302
    service_a.refresh_from_db()
    assert service_a.name == "Stay and play"
    assert list(service_a.terms.all()) == [treatment]


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"name": ""}, "name", "Enter the service name"),
        ({"provider": ""}, "provider", "Select the provider organisation"),
        (
            {"min_age_months": "12", "max_age_months": "6"},
            "max_age_months",
            "Maximum age must be the same as or more than minimum age",
        ),
        ({"capacity": "-5"}, "capacity", "Families a year must be 0 or more"),
        ({"waiting_weeks": "-1"}, "waiting_weeks", "Waiting time in weeks must be 0 or more"),
        ({"email": "not-an-email"}, "email", "Enter an email address in the correct format"),
        ({"capacity": "lots"}, "capacity", "Families a year must be a whole number"),
        ({"last_reviewed": "31/13/2027"}, "last_reviewed", "Last reviewed must be a real date"),
        ({"status": ""}, "status", "Select the service status"),
    ],
)
def test_the_form_explains_bad_input(
    client, lead_a, partnership_a, council_a, taxonomies, overrides, field, message
):
    client.force_login(lead_a)
    response = client.post(
        reverse("continuum:service-add", args=[partnership_a.slug]),
        service_form(council_a, **overrides),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not Service.objects.exists()


def test_a_provider_from_another_partnership_is_refused(
    client, lead_a, partnership_a, partnership_b, taxonomies
):
    client.force_login(lead_a)
    foreign = make_organisation(partnership_b, "Brookfield Council")
    response = client.post(
        reverse("continuum:service-add", args=[partnership_a.slug]), service_form(foreign)
    )
    assert "Choose an organisation in this partnership" in response.content.decode()
    assert not Service.objects.exists()


# Archiving


def test_a_lead_archives_instead_of_deleting(client, lead_a, partnership_a, service_a):
    client.force_login(lead_a)
    response = client.post(
        reverse("continuum:service-archive", args=[partnership_a.slug, service_a.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == list_url(partnership_a)
    service_a.refresh_from_db()
    assert service_a.archived and service_a.archived_on is not None
    assert Service.objects.filter(pk=service_a.pk).exists()


# Routes


def route_url(partnership, service):
    return reverse("continuum:route-add", args=[partnership.slug, service.pk])


def test_a_lead_adds_a_route(client, lead_a, partnership_a, service_a, other_a):
    client.force_login(lead_a)
    response = client.post(
        route_url(partnership_a, service_a),
        {"to_service": other_a.pk, "kind": "step-up", "note": "Via the duty line"},
    )
    assert response.status_code == 302
    route = ReferralRoute.objects.get()
    assert (route.from_service, route.to_service, route.kind) == (service_a, other_a, "step-up")


@pytest.mark.parametrize(
    "target,message",
    [
        ("self", "A service cannot refer to itself"),
        ("foreign", "Choose a service in this partnership"),
        ("", "Select the service families go to"),
    ],
)
def test_bad_routes_are_field_errors(
    client, lead_a, partnership_a, service_a, service_b, target, message
):
    to_service = {"self": service_a.pk, "foreign": service_b.pk, "": ""}[target]
    client.force_login(lead_a)
    response = client.post(
        route_url(partnership_a, service_a), {"to_service": to_service, "kind": "refer"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReferralRoute.objects.exists()


def test_a_route_recorded_twice_is_refused(client, lead_a, partnership_a, route_a):
    client.force_login(lead_a)
    response = client.post(
        route_url(partnership_a, route_a.from_service),
        {"to_service": route_a.to_service.pk, "kind": route_a.kind},
    )
    assert "This route is already recorded" in response.content.decode()
    assert ReferralRoute.objects.count() == 1


def test_a_lead_removes_a_route(client, lead_a, partnership_a, route_a):
    client.force_login(lead_a)
    response = client.post(reverse("continuum:route-remove", args=[partnership_a.slug, route_a.pk]))
    assert response.status_code == 302
    assert response["Location"] == route_a.from_service.get_absolute_url()
    assert not ReferralRoute.objects.exists()


def test_archived_services_can_still_be_found(client, viewer_a, partnership_a, service_a, other_a):
    other_a.archive()
    client.force_login(viewer_a)
    page = client.get(list_url(partnership_a, archived="on")).content.decode()
    assert "Perinatal mental health team" in page
    assert "Family hub stay-and-play" not in page
    assert shown_count(page) == 1


def test_two_editors_saving_at_once_do_not_lose_work(client, lead_a, partnership_a, service_a):
    url = reverse("continuum:service-edit", args=[partnership_a.slug, service_a.pk])
    client.force_login(lead_a)
    page = client.get(url).content.decode()
    seen = re.search(r'name="seen" value="([^"]+)"', page).group(1)
    first = service_form(service_a.provider, name="First editor's name", seen=seen)
    second = service_form(service_a.provider, name="Second editor's name", seen=seen)
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 200
    assert "Someone else saved changes to this service after you opened it" in (
        response.content.decode()
    )
    service_a.refresh_from_db()
    assert service_a.name == "First editor's name"
    newer = re.search(r'name="seen" value="([^"]+)"', response.content.decode()).group(1)
    assert client.post(url, {**second, "seen": newer}).status_code == 302
    service_a.refresh_from_db()
    assert service_a.name == "Second editor's name"


def test_service_ages_must_be_between_pregnancy_and_25_years(
    client, lead_a, partnership_a, council_a, taxonomies
):
    client.force_login(lead_a)
    url = reverse("continuum:service-add", args=[partnership_a.slug])
    page = client.post(url, service_form(council_a, min_age_months="-500")).content.decode()
    assert "Minimum age must be between -9 months (the start of pregnancy) and 300" in page
    page = client.post(url, service_form(council_a, max_age_months="9000")).content.decode()
    assert "Maximum age must be between -9 months" in page
    assert not Service.objects.filter(name="Baby café").exists()


def test_a_service_cannot_be_last_reviewed_in_the_future(
    client, lead_a, partnership_a, council_a, taxonomies
):
    client.force_login(lead_a)
    url = reverse("continuum:service-add", args=[partnership_a.slug])
    page = client.post(url, service_form(council_a, last_reviewed="2099-01-01")).content.decode()
    assert "Last reviewed date must be today or in the past" in page
    assert not Service.objects.filter(name="Baby café").exists()


def test_a_too_long_service_name_is_refused_not_cut_off(
    client, lead_a, partnership_a, council_a, taxonomies
):
    client.force_login(lead_a)
    url = reverse("continuum:service-add", args=[partnership_a.slug])
    page = client.post(url, service_form(council_a, name="A" * 6_000)).content.decode()
    assert "Service name must be 200 characters or fewer" in page
    assert 'data-maxlength="200"' in page
    assert not Service.objects.exists()
