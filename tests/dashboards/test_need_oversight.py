"""Need against capacity across areas on the oversight page, and its download."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.continuum.factories import make_service
from tests.factories import make_area, make_partnership
from tests.factories_need import make_births, make_value

URL = "/oversight/"


@pytest.fixture
def taxonomies(db):
    call_command("load_taxonomies", stdout=io.StringIO())


def need_rows(page: str) -> dict[str, list[str]]:
    """Each area's need cells as the download has them: births, under-fives, period, services
    and capacity per 1,000 births, the ratio at each level, then any chosen indicator; the
    page shows the ratios in a second table."""
    section = page.split('id="need"')[1]
    people, ratios = (
        {row[0]: row[1:] for row in table_cells(body)}
        for body in re.findall(r"<tbody[^>]*>(.*?)</tbody>", section, re.S)[:2]
    )
    return {name: cells[:5] + ratios.get(name, []) + cells[5:] for name, cells in people.items()}


def table_cells(body: str) -> list[list[str]]:
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)]
        for r in rows
    ]


def test_a_commissioner_sees_need_against_capacity_per_area(
    client, commissioner, partnership_a, areas, taxonomies
):
    make_births("E08000990", 2000, 11000, synthetic=True)
    make_service(partnership_a, "Perinatal team", "continuum-level/treatment", capacity=62)
    make_service(
        partnership_a,
        "Hub",
        "continuum-level/promotion",
        "continuum-level/prevention",
        capacity=1000,
    )
    make_service(partnership_a, "Peer support", "continuum-level/prevention")
    client.force_login(commissioner)
    page = client.get(URL).content.decode()
    row = need_rows(page)["Ashworth Best Start"]
    # Births (synthetic), under-fives, period, services and capacity per 1,000 births,
    # then the ratio at each level: promotion, prevention, early intervention, treatment,
    # continuing care.
    assert row == [
        "2,000 (synthetic)",
        "11,000 (synthetic)",
        "2023",
        "1.5",
        "531",
        "0.50",
        "3.33",
        "0.00",
        "0.50",
        "0.00",
    ]
    assert "made up for the demonstration" in page


def test_missing_births_show_as_missing_not_zero(
    client, admin_user, partnership_a, partnership_b, taxonomies
):
    make_births("E08000990", 2000)
    client.force_login(admin_user)
    rows = need_rows(client.get(URL).content.decode())
    assert rows["Brookfield Early Years"][:3] == ["Not loaded", "Not loaded", "Not loaded"]
    assert rows["Brookfield Early Years"][5:] == ["Not known"] * 5


def test_a_chosen_indicator_shows_withheld_values_as_withheld(
    client, admin_user, partnership_a, partnership_b, taxonomies
):
    make_value("93085", "E08000990", 11.9, "2022/23")
    make_value(
        "93085",
        "E09000990",
        None,
        "2022/23",
        note="Value suppressed for disclosure control due to small count",
    )
    client.force_login(admin_user)
    page = client.get(URL + "?indicator=93085").content.decode()
    rows = need_rows(page)
    assert rows["Ashworth Best Start"][-1] == "11.9 (2022/23)"
    assert rows["Brookfield Early Years"][-1] == "Withheld (small numbers)"


def test_the_need_table_downloads_with_the_synthetic_label(
    client, commissioner, partnership_a, taxonomies
):
    make_births("E08000990", 2000, synthetic=True)
    client.force_login(commissioner)
    response = client.get(reverse("oversight:need-csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Area", "Births a year", "Children under five"]
    assert rows[1][:2] == ["Ashworth Best Start", "2,000 (synthetic)"]
    assert "made up for the demonstration" in rows[-1][0]


def test_the_download_holds_only_overseen_areas(
    client, commissioner, partnership_a, partnership_b, taxonomies
):
    client.force_login(commissioner)
    body = client.get(reverse("oversight:need-csv")).content.decode("utf-8-sig")
    assert "Ashworth" in body and "Brookfield" not in body


def test_need_across_areas_costs_the_same_queries_at_two_sizes(
    client, admin_user, areas, taxonomies, django_assert_max_num_queries
):
    def add(i):
        code = f"E06{i:06d}"
        area = make_area(code, f"Place {i}", parent=areas["north_west"])
        partnership = make_partnership(f"place-{i}", f"Place {i}")
        partnership.areas.add(area)
        make_births(code, 1000 + i, 6000)
        make_value("93085", code, i, "2022/23")
        make_service(partnership, f"S{i}", "continuum-level/treatment", capacity=i)

    add(1)
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL + "?indicator=93085").status_code == 200
    for i in range(2, 30):
        add(i)
    with django_assert_max_num_queries(len(small)):
        page = client.get(URL + "?indicator=93085").content.decode()
    assert len(need_rows(page)) == 25  # the first page of areas
    with django_assert_max_num_queries(len(small)):
        page = client.get(URL + "?indicator=93085&page=2").content.decode()
    assert len(need_rows(page)) == 4
