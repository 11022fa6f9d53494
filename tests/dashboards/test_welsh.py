"""The dashboards in Welsh: headings, chart titles and download headers a Welsh reader sees.

These read the merged Welsh catalogue (locale/parts compiled into django.mo)."""

import json
import re

from django.urls import reverse

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
