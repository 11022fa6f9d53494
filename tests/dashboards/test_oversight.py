"""The cross-area dashboard: only overseen partnerships, filters, sorting, suppression."""

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import summaries
from assessments.models import AgreedRating, Assessment
from dashboards import oversight
from partnership.models import Partnership
from tests.assessments.factories import level
from tests.continuum.factories import make_service
from tests.dashboards.conftest import fill
from tests.factories import make_member, make_organisation, make_partnership, make_user

URL = "/oversight/"


def names(page: str) -> list[str]:
    return re.findall(r'<th scope="row" class="govuk-table__header"><a [^>]*>([^<]*)</a>', page)


def test_the_url_is_named():
    assert reverse("oversight:index") == URL
    assert reverse("oversight:csv") == URL + "export.csv"


@pytest.mark.parametrize("who", ["outsider", "lead_a", "viewer_a", "lead_b"])
def test_it_is_not_found_without_oversight(client, personas, who):
    client.force_login(personas[who])
    assert client.get(URL).status_code == 404
    assert client.get(reverse("oversight:csv")).status_code == 404


def test_it_needs_sign_in(client, db):
    assert client.get(URL).status_code == 302


def test_it_rejects_post(client, commissioner):
    client.force_login(commissioner)
    assert client.post(URL).status_code == 405


def test_a_commissioner_sees_only_their_areas(client, commissioner, dashboard_a, partnership_b):
    make_service(partnership_b, "Brookfield baby group", "continuum-level/promotion")
    client.force_login(commissioner)
    page = client.get(URL).content.decode()
    assert names(page) == ["Ashworth Best Start"]
    assert "Brookfield" not in page
    body = client.get(reverse("oversight:csv")).content.decode()
    assert "Ashworth Best Start" in body
    assert "Brookfield" not in body


def test_an_admin_sees_every_area(client, admin_user, dashboard_a, partnership_b):
    client.force_login(admin_user)
    page = client.get(URL).content.decode()
    assert names(page) == ["Ashworth Best Start", "Brookfield Early Years"]


def test_it_filters_by_region_nation_and_icb(client, admin_user, areas, dashboard_a, partnership_b):
    client.force_login(admin_user)
    london = areas["b"].parent_id
    assert names(client.get(f"{URL}?region={london}").content.decode()) == [
        "Brookfield Early Years"
    ]
    icb = areas["icb"].pk
    assert names(client.get(f"{URL}?icb={icb}").content.decode()) == ["Ashworth Best Start"]
    assert names(client.get(f"{URL}?nation=wales").content.decode()) == []


def test_it_sorts_on_the_server(client, admin_user, dashboard_a, partnership_b):
    client.force_login(admin_user)
    page = client.get(f"{URL}?sort=-level-promotion").content.decode()
    assert names(page) == ["Ashworth Best Start", "Brookfield Early Years"]
    page = client.get(f"{URL}?sort=-name").content.decode()
    assert names(page) == ["Brookfield Early Years", "Ashworth Best Start"]
    assert 'aria-sort="descending"' in page
    assert client.get(f"{URL}?sort=nonsense").status_code == 200


def test_it_shows_the_median_agreed_level(client, commissioner, dashboard_a):
    client.force_login(commissioner)
    body = client.get(reverse("oversight:csv")).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[1][0] == "Ashworth Best Start"
    assert rows[1][-1] == "3"


def test_it_suppresses_medians_on_few_responses(client, commissioner, dashboard_a, settings):
    settings.DASHBOARD_MIN_RESPONSES = 1000
    client.force_login(commissioner)
    page = client.get(URL).content.decode()
    assert "Suppressed" in page
    body = client.get(reverse("oversight:csv")).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[1][-1] == "Suppressed"


def test_it_has_no_inline_script_or_style(client, commissioner, dashboard_a):
    client.force_login(commissioner)
    html = client.get(URL).content.decode()
    assert not re.search(r'<script(?![^>]*\bsrc=)(?![^>]*type="application/json")[^>]*>', html)
    assert not re.search(r"\sstyle=", html)
    assert 'data-chart="chart-oversight-coverage"' in html


def add_areas(count: int, areas, framework, start: int = 0):
    for i in range(start, start + count):
        partnership = make_partnership(f"area-{i}", f"Area {i}")
        partnership.areas.add(areas["a"])
        organisation = make_organisation(partnership, f"Council {i}", sector="local-authority")
        rater = make_user(f"rater{i}@example.org")
        make_member(partnership, "lead", user=rater, organisation=organisation)
        fill(partnership, framework, [rater], organisation, services=3, actions=1, lead=rater)


def test_it_runs_the_same_queries_whatever_the_number_of_areas(
    client, commissioner, areas, framework, django_assert_max_num_queries
):
    add_areas(1, areas, framework)
    client.force_login(commissioner)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    add_areas(12, areas, framework, start=1)
    with django_assert_max_num_queries(len(small)):
        page = client.get(URL).content.decode()
    assert len(names(page)) == 13
    # Need against capacity reads up to 4 more: areas, births, services, indicators.
    assert len(small) <= 18


def position_rows(page: str) -> dict[str, list[str]]:
    table = re.search(r'id="position".*?<tbody[^>]*>(.*?)</tbody>', page, re.S).group(1)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    cells = [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)]
        for r in rows
    ]
    return {row[0]: row[1:] for row in cells}


def raise_levels(slug: str, framework, value: int):
    AgreedRating.objects.filter(assessment__partnership__slug=slug).update(
        level=level(framework, value)
    )
    summaries.summarise(Assessment.objects.filter(partnership__slug=slug))


def position_chart(page: str) -> dict:
    return json.loads(
        re.search(
            r'id="chart-oversight-position" type="application/json">(.*?)</script>', page, re.S
        ).group(1)
    )


def test_an_area_is_placed_in_a_band_not_ranked(client, admin_user, areas, framework):
    add_areas(5, areas, framework)
    raise_levels("area-1", framework, 4)
    make_service(Partnership.objects.get(slug="area-1"), "Extra", "continuum-level/promotion")
    client.force_login(admin_user)
    query = "?area=area-1&framework=maternity-early-years"
    page = client.get(URL + query).content.decode()
    found = position_rows(page)
    assert found["All dimensions (mean agreed level)"] == ["4", "upper quarter", "3"]
    assert found["Plan"] == ["4", "upper quarter", "3"]
    assert not any(label.startswith("Services") for label in found)
    page = client.get(URL + "?area=area-2&framework=maternity-early-years").content.decode()
    assert position_rows(page)["Plan"] == ["3", "middle half", "3"]
    body = client.get(reverse("oversight:position-csv") + query).content.decode()
    for text in [page, body, client.get(reverse("oversight:csv") + query).content.decode()]:
        assert not re.search(r"\b\d+ of \d+\b", text)
        assert "Rank" not in text
    assert "Plan,4.0,upper quarter,5,3.0" in body
    hover = json.dumps(position_chart(client.get(URL + query).content.decode()))
    assert "Area 1: upper quarter" in hover
    assert not re.search(r"\b\d+ of \d+\b", hover)


def test_too_few_areas_to_place(client, admin_user, areas, framework):
    add_areas(3, areas, framework)
    client.force_login(admin_user)
    query = "?area=area-1&framework=maternity-early-years"
    page = client.get(URL + query).content.decode()
    assert position_rows(page)["Plan"] == ["3", "Too few areas to place it", "3"]
    body = client.get(reverse("oversight:position-csv") + query).content.decode()
    assert "Plan,3.0,Too few areas to place it,3,3.0" in body
    # The sort links keep the chosen area, so the table sorts without JavaScript.
    assert "area=area-1" in re.search(
        r'aria-sort="none"><a class="govuk-link" href="([^"]*)"', page
    ).group(1)


def test_the_caution_on_self_assessment_is_shown(client, admin_user, areas, framework):
    add_areas(4, areas, framework)
    client.force_login(admin_user)
    query = "?area=area-1&framework=maternity-early-years"
    caution = "each partnership&#x27;s own judgement and are not comparable scores between areas"
    page = client.get(URL + query).content.decode()
    assert caution in re.search(r'id="position".*?</table>', page, re.S).group(0)
    assert "Areas differ in size, so their service counts" in page
    for name in ["oversight:position-csv", "oversight:csv"]:
        body = client.get(reverse(name) + query).content.decode()
        assert "each partnership's own judgement and are not comparable scores" in body


def test_the_chosen_areas_suppressed_median_has_no_band(
    client, admin_user, areas, framework, settings
):
    add_areas(4, areas, framework)
    settings.DASHBOARD_MIN_RESPONSES = 1000
    client.force_login(admin_user)
    page = client.get(f"{URL}?area=area-0&framework=maternity-early-years").content.decode()
    assert position_rows(page)["Plan"] == ["◌ Suppressed", "–", "–"]
    assert position_rows(page)["All dimensions (mean agreed level)"] == ["◌ Suppressed", "–", "–"]
    assert [trace["x"] for trace in position_chart(page)["data"]] == [[], []]


def test_an_area_outside_oversight_cannot_be_placed(
    client, commissioner, dashboard_a, partnership_b
):
    make_service(partnership_b, "Brookfield baby group", "continuum-level/promotion")
    client.force_login(commissioner)
    page = client.get(f"{URL}?area={partnership_b.slug}").content.decode()
    assert 'id="position"' not in page
    assert "not among the areas shown" in page
    assert "Brookfield" not in page
    page = client.get(f"{URL}?area={dashboard_a.partnership.slug}").content.decode()
    assert 'id="position"' in page


def test_placing_an_area_keeps_the_queries_constant(
    client, commissioner, areas, framework, django_assert_max_num_queries
):
    add_areas(2, areas, framework)
    client.force_login(commissioner)
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"{URL}?area=area-1").status_code == 200
    add_areas(10, areas, framework, start=2)
    with django_assert_max_num_queries(len(small)):
        page = client.get(f"{URL}?area=area-1").content.decode()
    assert "Where Area 1 sits among 12 areas" in page


def test_the_position_downloads_as_csv(client, admin_user, areas, framework):
    add_areas(4, areas, framework)
    client.force_login(admin_user)
    query = "?area=area-1&framework=maternity-early-years"
    response = client.get(reverse("oversight:position-csv") + query)
    assert response["Content-Disposition"] == 'attachment; filename="oversight-area-1-position.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert rows[0] == ["Measure", "Area 1", "Band", "Areas placed", "Median"]
    assert rows[1] == ["All dimensions (mean agreed level)", "3.0", "middle half", "4", "3.0"]
    assert rows[2] == ["Plan", "3.0", "middle half", "4", "3.0"]
    assert "not comparable scores between areas" in rows[-1][0]
    assert client.get(reverse("oversight:position-csv")).status_code == 404


def test_the_position_of_an_area_outside_oversight_is_not_found(
    client, commissioner, dashboard_a, partnership_b
):
    client.force_login(commissioner)
    url = reverse("oversight:position-csv")
    assert client.get(f"{url}?area={partnership_b.slug}").status_code == 404
    assert client.get(f"{url}?area={dashboard_a.partnership.slug}").status_code == 200


def chart_names(page: str, chart: str) -> list[str]:
    found = re.search(rf'id="chart-oversight-{chart}" type="application/json">(.*?)</script>', page)
    return json.loads(found.group(1))["data"][0]["y"]


def selectable(page: str) -> list[str]:
    select = re.search(r'<select[^>]*id="id_area".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(area-\d+)"', select)


@pytest.fixture
def five_areas_two_a_page(monkeypatch, areas, framework):
    monkeypatch.setattr(oversight, "AREAS_PER_PAGE", 2)
    add_areas(5, areas, framework)


def test_the_areas_come_a_page_at_a_time(client, commissioner, five_areas_two_a_page):
    client.force_login(commissioner)
    first = client.get(URL).content.decode()
    assert names(first) == ["Area 0", "Area 1"]
    assert chart_names(first, "coverage") == ["Area 0", "Area 1"]
    assert chart_names(first, "maturity") == ["Area 0", "Area 1"]
    assert "Areas 1 to 2 of 5 in the charts and tables below" in first
    assert "Page 1 of 3" in first
    assert 'href="?page=2#areas-shown"' in first
    assert 'rel="prev"' not in first
    # Every area can still be chosen, and every download holds them all.
    assert selectable(first) == [f"area-{i}" for i in range(5)]
    body = client.get(reverse("oversight:csv")).content.decode()
    assert all(f"Area {i}" in body for i in range(5))

    last = client.get(URL + "?page=3").content.decode()
    assert names(last) == ["Area 4"]
    assert "Areas 5 to 5 of 5" in last
    assert 'href="?page=2#areas-shown"' in last
    assert 'rel="next"' not in last
    # Need against capacity lists the same page's areas.
    need = re.search(r"Births, services and capacity by area</caption>(.*?)</table>", last, re.S)
    assert "Area 4" in need.group(1)
    assert "Area 0" not in need.group(1)
    # A page past the end, or not a number, shows a page rather than an error.
    assert names(client.get(URL + "?page=99").content.decode()) == ["Area 4"]
    assert names(client.get(URL + "?page=x").content.decode()) == ["Area 0", "Area 1"]


def test_paging_keeps_the_filters_and_sorting_starts_again(
    client, commissioner, five_areas_two_a_page
):
    client.force_login(commissioner)
    page = client.get(URL + "?sort=-name&page=2").content.decode()
    assert names(page) == ["Area 2", "Area 1"]
    assert 'href="?sort=-name&amp;page=3#areas-shown"' in page
    sort_links = re.findall(r'aria-sort="[a-z]+"><a class="govuk-link" href="([^"]*)"', page)
    assert sort_links
    assert not any("page=" in link for link in sort_links)


def test_a_chosen_area_opens_on_its_page(client, commissioner, five_areas_two_a_page):
    client.force_login(commissioner)
    page = client.get(URL + "?area=area-3").content.decode()
    assert names(page) == ["Area 2", "Area 3"]
    # Where it sits is still among every area, not the page's.
    assert "Where Area 3 sits among 5 areas" in page
    others = set(position_chart(page)["data"][0]["customdata"])
    assert others == {"Area 0", "Area 1", "Area 2", "Area 4"}
    assert names(client.get(URL + "?area=area-3&page=1").content.decode()) == ["Area 0", "Area 1"]


def test_a_page_of_many_areas_runs_the_same_queries_as_a_few(
    client, commissioner, areas, framework, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(oversight, "AREAS_PER_PAGE", 3)
    add_areas(2, areas, framework)
    client.force_login(commissioner)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    add_areas(8, areas, framework, start=2)
    with django_assert_max_num_queries(len(small)):
        page = client.get(URL + "?page=2").content.decode()
    assert names(page) == ["Area 3", "Area 4", "Area 5"]
