"""The coverage matrix and pathway pages, and the demo map they are shown with."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from continuum.models import GapAdjustment, Service
from partnership.models import Partnership
from tests.continuum.factories import make_route, make_service


def matrix(client, partnership, query=""):
    return client.get(reverse("continuum:matrix", args=[partnership.slug]) + query)


def cell_text(page, row, col_index):
    """The text of one cell of the matrix table, by row heading and column position."""
    row_html = re.search(
        rf'<th scope="row" class="govuk-table__header">{row}</th>(.*?)</tr>', page, re.S
    )
    cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row_html.group(1), re.S)
    return re.sub(r"<[^>]+>|\s+", " ", cells[col_index]).split()


def test_the_matrix_counts_active_services_and_capacity(
    client, viewer_a, partnership_a, service_a, council_a
):
    make_service(
        partnership_a,
        "Second",
        "continuum-level/promotion",
        "thrive/thriving",
        provider=council_a,
        capacity=50,
    )
    make_service(
        partnership_a,
        "Closed",
        "continuum-level/promotion",
        "thrive/thriving",
        provider=council_a,
        status="inactive",
    )
    client.force_login(viewer_a)
    page = matrix(client, partnership_a).content.decode()
    assert "Continuum levels × THRIVE groupings</caption>" in page
    assert " ".join(cell_text(page, "Promotion", 0)) == (
        "2 services 250 families a year ◐ Thin (fewer than 3)"
    )
    # Treatment × Thriving: nobody expects a service there, so it is not a gap.
    assert " ".join(cell_text(page, "Treatment or therapeutic support", 0)) == (
        "0 services Not expected"
    )
    assert " ".join(cell_text(page, "Treatment or therapeutic support", 2)) == "0 services ✕ Gap"
    assert "Gap: none" not in page


def test_the_matrix_marks_thin_cells_by_their_levels_threshold(
    client, viewer_a, partnership_a, service_a, other_a
):
    client.force_login(viewer_a)
    page = matrix(client, partnership_a).content.decode()
    assert cell_text(page, "Promotion", 0)[-4:] == ["Thin", "(fewer", "than", "3)"]
    assert "Only one promotion service for thriving families; 3 or more expected" in page
    # One specialist team is normal: treatment is never thin.
    assert cell_text(page, "Treatment or therapeutic support", 3) == ["1", "service"]
    assert "No treatment or therapeutic support service for families getting help" in page
    assert "promotion service for families getting help" not in page


def test_the_matrix_takes_other_axes(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    page = matrix(client, partnership_a, "?rows=nest&cols=age").content.decode()
    assert "NEST themes × Age bands</caption>" in page
    assert "1 service" in " ".join(cell_text(page, "Nurturing", 2))


def test_the_matrix_reads_axes_named_by_their_taxonomy_code(
    client, viewer_a, partnership_a, service_a
):
    client.force_login(viewer_a)
    page = matrix(client, partnership_a, "?rows=nest&cols=age-band&thin=2").content.decode()
    assert "NEST themes × Age bands</caption>" in page
    assert 'name="thin"' not in page  # thresholds come from the gap rules


@pytest.mark.parametrize("query", ["?rows=bogus", "?thin=-3", "?thin=lots", "?rows=nest&cols=nest"])
def test_the_matrix_falls_back_on_bad_options(client, viewer_a, partnership_a, service_a, query):
    client.force_login(viewer_a)
    response = matrix(client, partnership_a, query)
    assert response.status_code == 200


def test_archived_services_leave_the_matrix(client, viewer_a, partnership_a, service_a):
    service_a.archive()
    client.force_login(viewer_a)
    page = matrix(client, partnership_a).content.decode()
    assert "No promotion service for thriving families" in page


@pytest.mark.parametrize("size", [3, 40])
def test_matrix_queries_do_not_grow_with_services(
    client, viewer_a, partnership_a, council_a, taxonomies, django_assert_max_num_queries, size
):
    for number in range(size):
        make_service(
            partnership_a,
            f"S{number}",
            "continuum-level/prevention",
            "thrive/getting-help",
            provider=council_a,
            capacity=number,
        )
    for number in range(size // 3):
        GapAdjustment.objects.create(
            partnership=partnership_a,
            level="prevention",
            thin_below=number + 1,
            reason=f"Adjusted {number}",
        )
    client.force_login(viewer_a)
    # Two of these read the gap rules and the partnership's local adjustments.
    with django_assert_max_num_queries(10):
        assert matrix(client, partnership_a).status_code == 200


def pathway(client, partnership):
    return client.get(reverse("continuum:pathway", args=[partnership.slug])).content.decode()


def test_the_pathway_lists_routes_by_level_and_its_gaps(
    client, viewer_a, partnership_a, service_a, other_a, route_a
):
    group = make_service(partnership_a, "Parenting group", "continuum-level/prevention")
    make_route(group, service_a, "signpost")
    client.force_login(viewer_a)
    page = pathway(client, partnership_a)
    assert "Family hub stay-and-play → Perinatal mental health team (step up)" in page
    assert "Parenting group → Family hub stay-and-play (signpost)" in page
    gaps = page.split("Routes by continuum level")[0]
    step_down = gaps.split("Care services with no route to step down")[1].split("<h3")[0]
    assert "Perinatal mental health team" in step_down
    upstream = gaps.split("no route to any care service")[1].split("<h3")[0]
    assert "Parenting group" in upstream and "Family hub" not in upstream
    nobody = gaps.split("Services no route leads to")[1]
    assert "Parenting group" in nobody and "Perinatal mental health team" not in nobody


@pytest.mark.parametrize("size", [3, 30])
def test_pathway_queries_do_not_grow(
    client, viewer_a, partnership_a, council_a, taxonomies, django_assert_max_num_queries, size
):
    services = [
        make_service(partnership_a, f"S{n}", "continuum-level/treatment", provider=council_a)
        for n in range(size)
    ]
    for first, second in zip(services, services[1:], strict=False):
        make_route(first, second, "step-down")
    client.force_login(viewer_a)
    with django_assert_max_num_queries(10):
        pathway(client, partnership_a)


def test_the_demo_map_has_about_forty_services_with_real_gaps(client, db):
    call_command("seed_demo", stdout=__import__("io").StringIO())
    partnership = Partnership.objects.get(slug="ashworth")
    services = Service.objects.for_partnership(partnership)
    assert 30 <= services.count() <= 45
    assert not services.needs_placing().exists()
    levels = set(services.values_list("terms__code", flat=True))
    assert {
        "promotion",
        "prevention",
        "early-intervention",
        "treatment",
        "continuing-care",
    } <= levels
    client.force_login(partnership.memberships.get(user__email="lead@ashworth.example").user)
    page = matrix(client, partnership).content.decode()
    assert "2 gaps, 1 thin cell and 14 cells where no service is expected, of 25 cells" in page
    assert "No continuing care service for families getting more help" in page
    assert "Services no route leads to" in pathway(client, partnership)
