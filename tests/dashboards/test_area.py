"""The area gap dashboard: who may see it, what it shows, and that hostile text stays text."""

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.dashboards.conftest import EVIL, fill


def url(partnership, **query) -> str:
    base = reverse("dashboards:area", args=[partnership.slug])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def csv_url(partnership, table: str) -> str:
    return reverse(f"dashboards:{table}-csv", args=[partnership.slug])


def chart(page: str, name: str) -> dict:
    found = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


@pytest.mark.parametrize("who", ["lead_a", "contributor_a", "viewer_a", "commissioner", "admin"])
def test_it_works_for_members_and_oversight(client, personas, dashboard_a, partnership_a, who):
    client.force_login(personas[who])
    response = client.get(url(partnership_a))
    assert response.status_code == 200
    assert "Gap dashboard" in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "lead_b"])
def test_it_hides_the_partnership_from_others(client, personas, dashboard_a, partnership_a, who):
    client.force_login(personas[who])
    assert client.get(url(partnership_a)).status_code == 404
    assert client.get(csv_url(partnership_a, "coverage")).status_code == 404


def test_it_hides_a_partnership_outside_the_commissioners_oversight(
    client, commissioner, partnership_b, lead_b
):
    client.force_login(commissioner)
    assert client.get(url(partnership_b)).status_code == 404
    assert client.get(csv_url(partnership_b, "gaps")).status_code == 404


def test_it_needs_sign_in(client, partnership_a):
    assert client.get(url(partnership_a)).status_code == 302


def test_it_rejects_post(client, lead_a, partnership_a):
    client.force_login(lead_a)
    assert client.post(url(partnership_a)).status_code == 405


def test_it_lists_the_gaps_in_plain_words(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(url(partnership_a)).content.decode()
    assert "No active service offers Getting More Help at early intervention" in page
    assert "Only one active service offers Getting Help at early intervention" in page


def test_it_shows_the_risk_factor_matrix(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(url(partnership_a, rows="risk-factor")).content.decode()
    assert "Risk factors addressed × Continuum levels" in page
    assert "No active service offers Promotion at prematurity" in page


@pytest.mark.parametrize("cols", ["nest", "age-band", "audience", "reach", "nonsense"])
def test_it_switches_the_columns(client, lead_a, dashboard_a, partnership_a, cols):
    client.force_login(lead_a)
    assert client.get(url(partnership_a, cols=cols)).status_code == 200


def test_it_shows_maturity_against_target(client, lead_a, dashboard_a, partnership_a):
    rating = dashboard_a.agreed_ratings.select_related("element").first()
    rating.target_level = dashboard_a.framework.scale.levels.get(value=5)
    rating.target_date = "2028-03-31"
    rating.save()
    client.force_login(lead_a)
    page = client.get(url(partnership_a)).content.decode()
    assert f"{rating.element.title} is at level 3 against a target of 5 by March 2028" in page
    assert "▼ Below target" in page


def test_it_lists_overdue_actions(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(url(partnership_a)).content.decode()
    assert "Action 0" in page
    assert "Overdue actions" in page


def test_hostile_text_is_shown_as_text(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(url(partnership_a)).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page


def test_hostile_text_is_escaped_in_the_chart(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(url(partnership_a)).content.decode()
    figure = json.dumps(chart(page, "chart-coverage"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in figure
    assert "<script>" not in figure and "<img" not in figure


@pytest.mark.parametrize("table", ["services", "actions"])
def test_csv_neutralises_formulas(client, lead_a, dashboard_a, partnership_a, table):
    client.force_login(lead_a)
    response = client.get(csv_url(partnership_a, table))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="ashworth-{table}.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    cells = [c for row in csv.reader(io.StringIO(body[1:])) for c in row]
    assert "'" + EVIL in cells
    assert EVIL not in cells


@pytest.mark.parametrize("table", ["coverage", "gaps", "maturity"])
def test_every_table_downloads(client, viewer_a, dashboard_a, partnership_a, table):
    client.force_login(viewer_a)
    response = client.get(csv_url(partnership_a, table))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_round_tables_are_not_found_without_a_round(client, lead_a, partnership_a, framework):
    client.force_login(lead_a)
    assert client.get(csv_url(partnership_a, "maturity")).status_code == 404
    assert client.get(csv_url(partnership_a, "gaps")).status_code == 200


def test_it_works_without_a_round(client, lead_a, partnership_a, framework):
    client.force_login(lead_a)
    page = client.get(url(partnership_a)).content.decode()
    assert "No closed or published round yet" in page


def test_it_has_no_inline_script_or_style(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    html = client.get(url(partnership_a)).content.decode()
    # json_script's data blocks are not run, so the CSP leaves them alone.
    assert not re.search(r'<script(?![^>]*\bsrc=)(?![^>]*type="application/json")[^>]*>', html)
    assert not re.search(r"\sstyle=", html)
    assert 'id="plotly.js-style-global"' in html
    assert 'data-chart="chart-coverage"' in html


def count_queries(client, target) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(target).status_code == 200
    return len(queries)


def test_it_runs_the_same_queries_at_two_sizes(
    client,
    commissioner,
    partnership_a,
    framework,
    lead_a,
    contributor_a,
    council_a,
    django_assert_max_num_queries,
):
    fill(partnership_a, framework, [lead_a], council_a, services=2, actions=1, lead=lead_a)
    client.force_login(commissioner)
    small = count_queries(client, url(partnership_a))
    fill(
        partnership_a,
        framework,
        [lead_a, contributor_a],
        council_a,
        services=30,
        actions=20,
        lead=lead_a,
    )
    with django_assert_max_num_queries(small):
        assert client.get(url(partnership_a)).status_code == 200
    assert small <= 16
