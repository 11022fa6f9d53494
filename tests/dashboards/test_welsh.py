"""The dashboards in Welsh: headings, chart titles and download headers a Welsh reader sees.

These read the Welsh catalogue (locale/cy, compiled into django.mo)."""

import json
import re

from django.urls import reverse
from django.utils.html import escape

WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}


def chart(page: str, name: str) -> dict:
    found = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_the_gap_dashboard_reads_in_welsh(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(reverse("dashboards:area", args=[partnership_a.slug]), **WELSH).text
    assert '<h1 class="govuk-heading-l">Dangosfwrdd bylchau</h1>' in page
    assert "Bylchau, y gwaethaf yn gyntaf" in page
    maturity = chart(page, "chart-maturity")
    assert maturity["layout"]["title"]["text"] == ("Lefel y cytunwyd arni o gymharu â’r targed")
    assert maturity["data"][0]["name"] == "Lefel y cytunwyd arni"
    actions = chart(page, "chart-actions")
    assert actions["layout"]["yaxis"]["title"]["text"] == "Camau gweithredu"


def test_the_downloads_have_welsh_headers(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    gaps = reverse("dashboards:gaps-csv", args=[partnership_a.slug])
    welsh = client.get(gaps, **WELSH).content.decode()
    assert welsh.startswith("\ufeffSafle,Bwlch,Math,Addasiad lleol")
    english = client.get(gaps).content.decode()
    assert english.startswith("\ufeffRank,Gap,Kind,Local adjustment")


def test_the_board_report_and_oversight_read_in_welsh(
    client, lead_a, commissioner, dashboard_a, partnership_a
):
    client.force_login(lead_a)
    report = client.get(reverse("dashboards:report", args=[partnership_a.slug]), **WELSH).text
    assert "Adroddiad i’r bwrdd" in report and "Cynllun gweithredu" in report
    client.force_login(commissioner)
    page = client.get(reverse("oversight:index"), **WELSH).text
    assert "Trosolwg: ardaloedd ochr yn ochr" in page
    assert chart(page, "chart-oversight-coverage")["layout"]["title"]["text"] == (
        "Gwasanaethau gweithredol fesul lefel y continwwm"
    )


def test_library_text_on_the_dashboard_is_welsh_with_the_same_queries(
    client, lead_a, dashboard_a, partnership_a, framework, django_assert_num_queries
):
    """Scale labels, dimension and element titles and continuum levels come from the library
    rows' Welsh columns, read by the same queries as in English."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dimension = framework.dimensions.order_by("order").first()
    element = framework.elements.order_by("order").first()
    english_element, welsh_element = element.title, element.title_cy
    english_dimension, welsh_dimension = dimension.title, dimension.title_cy
    client.force_login(lead_a)
    url = reverse("dashboards:area", args=[partnership_a.slug])
    with CaptureQueriesContext(connection) as in_english:
        english = client.get(url).text
    with CaptureQueriesContext(connection) as in_welsh:
        welsh = client.get(url, **WELSH).text
    assert english_dimension in english and welsh_dimension not in english
    assert welsh_dimension in welsh
    if english_element in english:
        assert escape(welsh_element) in welsh
    assert "Ymyrraeth gynnar" in welsh
    assert len(in_welsh) == len(in_english)
