"""Need against capacity on the area gap dashboard."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.indicators.models import KeyIndicator
from tests.continuum.factories import make_service
from tests.dashboards.conftest import EVIL
from tests.factories import make_area
from tests.factories_need import make_births, make_value


@pytest.fixture
def taxonomies(db):
    call_command("load_taxonomies", stdout=io.StringIO())


def url(partnership) -> str:
    return reverse("dashboards:area", args=[partnership.slug])


def need_section(page: str) -> str:
    return page.split('id="need"')[1].split('id="coverage"')[0]


def test_a_shortfall_reads_as_a_sentence(client, viewer_a, partnership_a, taxonomies):
    make_births("E08000990", 15000)
    make_service(partnership_a, "Perinatal team", "continuum-level/treatment", capacity=320)
    client.force_login(viewer_a)
    section = need_section(client.get(url(partnership_a)).content.decode())
    assert (
        "Treatment or therapeutic support services can see about 320 families a year; "
        "about 930 are expected to need them." in section
    )
    assert 'data-chart="chart-need"' in section


def test_a_shortfall_joins_the_ranked_gaps_on_the_dashboard_and_the_report(
    client, viewer_a, partnership_a, taxonomies
):
    make_births("E08000990", 15000)
    make_service(partnership_a, "Perinatal team", "continuum-level/treatment", capacity=320)
    client.force_login(viewer_a)
    shortfall = (
        "Treatment or therapeutic support services can see about 320 families a year; "
        "about 930 are expected to need them."
    )
    page = client.get(url(partnership_a)).content.decode()
    ranked = page.split('id="gaps"')[1].split('id="coverage"')[0]
    assert shortfall in ranked
    report = client.get(reverse("dashboards:report", args=[partnership_a.slug]))
    assert shortfall in report.content.decode()
    gaps_csv = client.get(reverse("dashboards:gaps-csv", args=[partnership_a.slug]))
    assert shortfall in gaps_csv.content.decode()


def test_enough_capacity_reads_as_enough(client, viewer_a, partnership_a, taxonomies):
    make_births("E08000990", 1000)
    make_service(partnership_a, "Perinatal team", "continuum-level/treatment", capacity=80)
    make_service(
        partnership_a, "Closed team", "continuum-level/treatment", capacity=900, status="inactive"
    )
    client.force_login(viewer_a)
    section = need_section(client.get(url(partnership_a)).content.decode())
    assert (
        "Treatment or therapeutic support services can see about 80 families a year, "
        "enough for the roughly 62 expected to need them." in section
    )


def test_services_without_capacity_are_named_and_waits_shown(
    client, viewer_a, partnership_a, taxonomies
):
    make_births("E08000990", 1000)
    make_service(
        partnership_a,
        "Listening visits",
        "continuum-level/early-intervention",
        capacity=50,
        waiting_weeks=4,
    )
    make_service(
        partnership_a, "Peer support", "continuum-level/early-intervention", waiting_weeks=8
    )
    client.force_login(viewer_a)
    section = need_section(client.get(url(partnership_a)).content.decode())
    row = re.search(r"<th[^>]*>Early intervention</th>(.*?)</tr>", section, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    assert cells == ["100", "50", "2", "Peer support", "0.50", "6"]


def test_without_births_need_is_not_shown_as_zero(client, lead_a, partnership_a, taxonomies):
    make_service(partnership_a, "Perinatal team", "continuum-level/treatment", capacity=320)
    client.force_login(lead_a)
    section = need_section(client.get(url(partnership_a)).content.decode())
    assert "Births for this partnership's areas are not loaded" in section
    assert "Births not loaded" in section
    assert "chart-need" not in section


def test_key_indicators_show_period_nation_and_interval(
    client, viewer_a, partnership_a, taxonomies
):
    make_births("E08000990", 3120, 17500, synthetic=True)
    make_value("93085", "E08000990", 11.9, "2022/23", lower_ci=11.5, upper_ci=12.4)
    make_value("93085", "E92000001", 8.8, "2022/23")
    KeyIndicator.objects.create(
        partnership=partnership_a,
        indicator_id=make_value("93085", "E08000990", 12.5, "2021/22").indicator_id,
    )
    client.force_login(viewer_a)
    section = need_section(client.get(url(partnership_a)).content.decode())
    assert "synthetic figures" in section
    assert "Children under five" in section and "17,500" in section
    assert "11.5 to 12.4" in section and "8.8 (England)" in section
    assert "2021/22" not in section


def test_user_text_in_service_names_is_escaped(client, viewer_a, partnership_a, taxonomies):
    make_births("E08000990", 1000)
    make_service(partnership_a, EVIL, "continuum-level/treatment")
    client.force_login(viewer_a)
    page = client.get(url(partnership_a)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in need_section(page)


def count_queries(client, target) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(target).status_code == 200
    return len(queries)


def test_need_costs_the_same_queries_at_two_sizes(
    client, commissioner, partnership_a, taxonomies, django_assert_max_num_queries
):
    make_births("E08000990", 3000, 17000)
    make_service(partnership_a, "One", "continuum-level/treatment", capacity=10)
    client.force_login(commissioner)
    small = count_queries(client, url(partnership_a))
    for i in range(40):
        make_service(
            partnership_a,
            f"S{i}",
            "continuum-level/prevention",
            "continuum-level/treatment",
            capacity=i or None,
            waiting_weeks=i,
        )
    for i in range(10):
        indicator = make_value(str(9000 + i), "E08000990", i, "2023").indicator
        for year in range(2018, 2023):
            make_value(indicator.code, "E08000990", i, str(year))
            make_value(indicator.code, "E92000001", i, str(year))
        KeyIndicator.objects.create(partnership=partnership_a, indicator=indicator)
    with django_assert_max_num_queries(small):
        page = client.get(url(partnership_a)).content.decode()
    assert "Indicator 9009" in page


def test_the_demo_shows_need_against_capacity_marked_synthetic(client, db):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # a second run changes nothing
    from partnership.indicators.models import IndicatorValue
    from partnership.models import User

    assert IndicatorValue.objects.filter(area_code="E08000990", synthetic=False).count() == 0
    assert IndicatorValue.objects.filter(area_code="E08000990").count() == 15
    client.force_login(User.objects.get(email="admin@cradle.example"))
    for slug in ("ashworth", "glanmor"):
        section = need_section(client.get(f"/partnerships/{slug}/dashboard/").content.decode())
        assert "synthetic figures" in section
        assert "families a year" in section
        assert "Smoking at time of delivery (synthetic)" in section


def test_births_summed_over_areas_say_which_years_they_are_from(
    client, viewer_a, partnership_a, taxonomies
):
    partnership_a.areas.add(make_area("E08000991", "Ashworth North"))
    make_births("E08000990", 2000, period="2023")
    make_births("E08000991", 1000, period="2022")
    client.force_login(viewer_a)
    section = need_section(client.get(url(partnership_a)).content.decode())
    assert "About 3,000 births a year (2022 and 2023)" in section
