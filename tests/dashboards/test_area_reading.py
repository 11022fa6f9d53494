"""What a reader sees around the dashboard's charts: one named set of downloads per table, and
a trend of a single round explained rather than drawn as an empty-looking line."""

import re
from collections import Counter

from django.urls import reverse

from assessments.models import AssessmentStatus
from tests.assessments.factories import make_agreed, make_round

ONE_ROUND = "Only one round so far: a trend needs two."


def dashboard(client, partnership) -> str:
    return client.get(reverse("dashboards:area", args=[partnership.slug])).content.decode()


def download_links(page: str) -> list[tuple[str, str]]:
    """(href, text a sighted reader sees) of every download link on the page."""
    found = re.findall(r'<a class="govuk-link" href="([^"]+)" download>(.*?)</a>', page, re.S)
    return [
        (href, re.sub(r"<span class=\"govuk-visually-hidden\">.*?</span>", "", text))
        for href, text in found
    ]


def test_each_download_appears_once_and_says_which_table_it_is(
    client, lead_a, dashboard_a, partnership_a
):
    client.force_login(lead_a)
    links = download_links(dashboard(client, partnership_a))
    assert [href for href, n in Counter(href for href, _ in links).items() if n > 1] == []
    csv_texts = [" ".join(text.split()) for href, text in links if ".csv" in href]
    assert len(csv_texts) == 7
    assert len(set(csv_texts)) == len(csv_texts), csv_texts
    assert "Download the coverage matrix as CSV" in csv_texts
    assert "Download the services in each cell as CSV" in csv_texts


def test_a_single_round_trend_says_a_trend_needs_two(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    assert ONE_ROUND in dashboard(client, partnership_a)


def test_a_second_settled_round_makes_it_a_trend(
    client, lead_a, dashboard_a, partnership_a, framework
):
    later = make_round(partnership_a, framework, status=AssessmentStatus.CLOSED, name="Review")
    for element in framework.elements.all():
        make_agreed(later, element, 3)
    client.force_login(lead_a)
    assert ONE_ROUND not in dashboard(client, partnership_a)
