"""The area gap dashboard: who may see it, what it shows, and that hostile text stays text."""

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import AssessmentStatus
from partnership.models import User
from tests.assessments.factories import make_agreed, make_round
from tests.dashboards.conftest import EVIL, adjust, fill, fill_large


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
    gaps = gaps_of(page)
    assert "No early intervention service for families getting advice and signposting" in gaps
    assert (
        "Only one early intervention service for families getting help; 2 or more expected" in gaps
    )
    assert "Only 2 promotion services for thriving families; 3 or more expected" in gaps
    # A cell no service is expected to fill is never listed as a gap.
    assert not any("promotion service for families getting more help" in g for g in gaps)


def test_it_shows_the_risk_factor_matrix(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(url(partnership_a, rows="risk-factor")).content.decode()
    assert "Risk factors addressed × Continuum levels" in page
    on_matrix = page.split('id="matrix-gaps"')[1]
    assert "No prevention service addresses prematurity and neonatal care" in on_matrix
    assert "promotion service addresses prematurity" not in page


@pytest.mark.parametrize("axes", [{"cols": "age"}, {"cols": "age-band"}])
def test_it_names_the_columns_as_the_matrix_page_does_and_still_reads_old_names(
    client, lead_a, dashboard_a, partnership_a, axes
):
    client.force_login(lead_a)
    page = client.get(url(partnership_a, **axes)).content.decode()
    assert "Active services: Continuum levels × Age bands." in page
    assert '<option value="age" selected>Age bands</option>' in page


def test_its_risk_factor_link_uses_the_short_name(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(url(partnership_a, rows="risk")).content.decode()
    assert "Risk factors addressed × Continuum levels" in page


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
    assert (
        f"{rating.element.title} is at level 3, Developing, against a target of level 5, "
        "Mature, by March 2028"
    ) in page
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
    adjust(partnership_a, lead_a)
    client.force_login(commissioner)
    small = count_queries(client, url(partnership_a))
    for _ in range(4):  # five settled rounds in all: the trend must not query per round
        fill_large(partnership_a, framework, [lead_a, contributor_a], council_a, lead=lead_a)
        adjust(partnership_a, lead_a, count=5)
    with django_assert_max_num_queries(small):
        page = client.get(url(partnership_a)).content.decode()
    assert len(table_rows(page, "Mean agreed level by dimension and round")[0]) == 6
    assert "(local adjustment: Our hubs run help groups (4))" in page
    # The gap rules and the partnership's adjustments read two queries; need against
    # capacity up to four more: areas, key indicators, their values, services.
    assert small <= 24


def table_rows(page: str, caption: str) -> list[list[str]]:
    """The text of each row of the table with this caption, header cells included."""
    table = re.search(rf"<caption[^>]*>{re.escape(caption)}.*?</caption>(.*?)</table>", page, re.S)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)]
        for r in rows
    ]


def test_trend_shows_each_settled_round_of_the_framework_oldest_first(
    client, lead_a, dashboard_a, partnership_a, framework
):
    later = make_round(partnership_a, framework, status=AssessmentStatus.CLOSED, name="Review")
    elements = list(framework.elements.select_related("dimension").order_by("pk"))
    for element in elements:
        make_agreed(later, element, 4 if element.dimension.code == "plan" else 2)
    make_round(partnership_a, framework, status=AssessmentStatus.OPEN, name="Still open")
    client.force_login(lead_a)
    page = client.get(url(partnership_a)).content.decode()
    rows = table_rows(page, "Mean agreed level by dimension and round")
    assert rows[0] == ["Dimension", "Baseline, spring 2027", "Review"]
    assert rows[1] == ["Plan", "3.0", "4.0"]
    assert rows[2] == ["Lead", "3.0", "2.0"]
    assert "Still open" not in str(rows)
    body = client.get(csv_url(partnership_a, "trend")).content.decode("utf-8")
    assert list(csv.reader(io.StringIO(body[1:])))[1] == ["Plan", "3.0", "4.0"]


def test_trend_escapes_round_names_in_the_chart(client, lead_a, dashboard_a, partnership_a):
    dashboard_a.name = EVIL
    dashboard_a.save()
    client.force_login(lead_a)
    page = client.get(url(partnership_a)).content.decode()
    figure = json.dumps(chart(page, "chart-trend"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in figure
    assert "<script>" not in figure and "<img" not in figure


def test_element_maturity_sits_on_the_coverage_matrix(
    client, lead_a, dashboard_a, partnership_a, framework
):
    multi = framework.elements.get(code="deliver-multi-agency")
    dashboard_a.agreed_ratings.filter(element=multi).update(
        level=framework.scale.levels.get(value=1)
    )
    client.force_login(lead_a)
    page = client.get(url(partnership_a)).content.decode()
    caption = (
        "Lowest agreed level of the elements in each cell: Continuum levels × THRIVE groupings"
    )
    rows = {row[0]: row[1:] for row in table_rows(page, caption)}
    # Columns: Thriving, Getting Advice, Getting Help, Getting More Help, Getting Risk Support.
    assert rows["Continuing care"][4] == "1 (1 element)"
    assert rows["Treatment or therapeutic support"][2] == "1 (2 elements)"
    assert rows["Promotion"][0] == "3 (2 elements)"
    assert rows["Promotion"][4] == "– no element"
    # Colours span the framework's whole scale, so level 1 is not drawn as the best there is.
    trace = chart(page, "chart-elements")["data"][0]
    assert (trace["zmin"], trace["zmax"]) == (1, 5)
    body = client.get(csv_url(partnership_a, "elements")).content.decode("utf-8")
    assert (
        "Continuing care,Getting Risk Support,1,1.0,"
        '"Multi-agency working and pathways (level 1, Basic)"' in body
    )


def test_element_maturity_says_when_no_element_sits_on_the_axes(
    client, lead_a, dashboard_a, partnership_a
):
    client.force_login(lead_a)
    page = client.get(url(partnership_a, cols="nest")).content.decode()
    assert "is tagged on both axes of this matrix (Continuum levels × NEST themes)" in page
    assert 'data-chart="chart-elements"' not in page
    page = client.get(url(partnership_a, cols="reach")).content.decode()
    assert 'data-chart="chart-elements"' in page


def test_hostile_element_titles_are_text_in_the_element_matrix(
    client, lead_a, dashboard_a, partnership_a, framework
):
    framework.elements.filter(code="deliver-multi-agency").update(title=EVIL)
    client.force_login(lead_a)
    page = client.get(url(partnership_a)).content.decode()
    figure = json.dumps(chart(page, "chart-elements"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in figure
    assert "<script>" not in figure and "<img" not in figure
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    body = client.get(csv_url(partnership_a, "elements")).content.decode("utf-8")
    assert f"'{EVIL} (level 3, Developing)" in body.replace('""', '"')


def gaps_of(page: str) -> list[str]:
    found = re.search(
        r'<ol class="govuk-list govuk-list--number report-gaps">(.*?)</ol>', page, re.S
    )
    return re.findall(r"<li>(.*?)</li>", found.group(1))


def test_the_demo_gap_list_puts_real_gaps_first(client, db, settings):
    """The Ashworth demo: missing services where families need one come first, thin cells
    last; cells where no service is expected are not gaps; a disagreement the workshop
    resolved is context on its element."""
    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(User.objects.get(email="lead@ashworth.example"))
    page = client.get("/partnerships/ashworth/dashboard/").content.decode()
    gaps = gaps_of(page)
    assert gaps[:2] == [
        "No continuing care service for families getting advice and signposting",
        "No continuing care service for families getting more help",
    ]
    shortfalls = [i for i, g in enumerate(gaps) if "against a target of" in g]
    assert len(shortfalls) == 10
    assert "Outcomes, experience and evaluation is at level 1, Basic, against" in page
    thin = [i for i, g in enumerate(gaps) if g.startswith("Only ")]
    assert thin == [len(gaps) - 2, len(gaps) - 1] and max(shortfalls) < min(thin)
    assert not any("differ by" in g for g in gaps)
    assert not any("promotion service for families getting risk support" in g for g in gaps)
    assert (
        "Local authority and maternity ratings of Sharing data and information differ by 3 "
        "levels; the workshop agreed level 2, Early"
    ) in page
    body = client.get("/partnerships/ashworth/dashboard/export/gaps.csv").content.decode()
    assert [row[1] for row in csv.reader(io.StringIO(body[1:]))][1:] == gaps


def test_a_closed_round_with_nothing_agreed_yet_still_shows(
    client, lead_a, partnership_a, framework
):
    make_round(partnership_a, framework, status=AssessmentStatus.CLOSED, name="Workshop next week")
    client.force_login(lead_a)
    response = client.get(url(partnership_a))
    assert response.status_code == 200
    assert table_rows(response.content.decode(), "Mean agreed level by dimension and round") == [
        ["Dimension", "Workshop next week"]
    ]
    assert client.get(csv_url(partnership_a, "elements")).status_code == 200


AXIS_CHOICES = [{}, *[{"cols": c} for c in ["thrive", "nest", "age", "audience", "reach"]]]
AXIS_CHOICES.append({"rows": "risk"})


def test_the_ranked_gap_list_is_the_same_whatever_axis_is_chosen(
    client, lead_a, dashboard_a, partnership_a
):
    client.force_login(lead_a)
    lists, reports, downloads = [], [], []
    for axes in AXIS_CHOICES:
        lists.append(gaps_of(client.get(url(partnership_a, **axes)).content.decode()))
        report = reverse("dashboards:report", args=[partnership_a.slug])
        query = "?" + "&".join(f"{k}={v}" for k, v in axes.items())
        reports.append(gaps_of(client.get(report + query).content.decode()))
        body = client.get(csv_url(partnership_a, "gaps") + query).content.decode("utf-8")
        downloads.append([row[1] for row in csv.reader(io.StringIO(body[1:]))][1:])
    assert lists[0]
    assert all(found == lists[0] for found in lists + reports + downloads)
