"""XLSX downloads and the board report (page and PDF): who gets them, what they hold, and that
hostile text stays inert text in every one of them."""

import csv
import datetime
import io
import re
import socket
from decimal import Decimal

import numpy
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboards.pdf import StaticOnlyFetcher
from dashboards.tables import TABLES
from partnership.downloads import download_name, sheet_title, xlsx_value
from tests.assessments.factories import make_action
from tests.continuum.factories import make_service
from tests.dashboards.conftest import adjust, fill, fill_large
from tests.dashboards.test_oversight import add_areas
from tests.downloads import pdf_text, rows, xlsx_download

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    '=HYPERLINK("http://x","y")',
]
SHEETS = ["Coverage", "Services in each cell", "Gaps", "Maturity", "Actions"]


def xlsx_url(partnership, table: str) -> str:
    return reverse(f"dashboards:{table}-xlsx", args=[partnership.slug])


def page_url(name: str, partnership) -> str:
    return reverse(f"dashboards:{name}", args=[partnership.slug])


def all_cells(book) -> list:
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def text_of_pdf(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def hostile_a(dashboard_a, partnership_a, council_a):
    """Every payload as an active service's name and as an action's title."""
    for payload in PAYLOADS:
        make_service(
            partnership_a,
            payload,
            "continuum-level/treatment",
            "thrive/getting-more-help",
            provider=council_a,
        )
        make_action(dashboard_a, dashboard_a.framework.elements.first(), council_a, title=payload)
    return dashboard_a


# XLSX of the area dashboard


@pytest.mark.parametrize("table", TABLES)
def test_every_csv_table_has_an_xlsx_twin(client, viewer_a, dashboard_a, partnership_a, table):
    client.force_login(viewer_a)
    response = client.get(xlsx_url(partnership_a, table))
    book = xlsx_download(response)
    assert response["Content-Disposition"] == f'attachment; filename="ashworth-{table}.xlsx"'
    csv_body = client.get(reverse(f"dashboards:{table}-csv", args=[partnership_a.slug]))
    csv_header = next(csv.reader(io.StringIO(csv_body.content.decode("utf-8")[1:])))
    (sheet,) = book.worksheets
    assert list(rows(sheet)[0]) == csv_header
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"


def test_the_gaps_sheet_reads_like_the_page(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    sheet = xlsx_download(client.get(xlsx_url(partnership_a, "gaps"))).active
    assert sheet.title == "Gaps"
    assert rows(sheet)[0] == ("Rank", "Gap", "Kind", "Local adjustment")
    gaps = {text: kind for _, text, kind, _ in rows(sheet)[1:]}
    assert gaps["No continuing care service for families getting more help"] == (
        "Gap: expected, no service"
    )
    assert rows(sheet)[1][0] == 1  # the rank stays a number


def test_the_workbook_has_every_table_as_a_sheet(client, commissioner, dashboard_a, partnership_a):
    client.force_login(commissioner)
    response = client.get(page_url("xlsx", partnership_a))
    book = xlsx_download(response)
    assert response["Content-Disposition"] == 'attachment; filename="ashworth-dashboard.xlsx"'
    # Every table of the page, in its order: tables the dashboard adds later come along.
    assert [name for name in book.sheetnames if name in SHEETS] == SHEETS
    coverage = book["Coverage"]
    header = rows(coverage)[0]
    assert header[:5] == (
        "Continuum levels",
        "THRIVE groupings",
        "Active services",
        "Families a year",
        "Status",
    )
    cells = {(row[0], row[1]): row[2:] for row in rows(coverage)[1:]}
    # Two active services at promotion × thriving, as a number: thin below 3.
    assert cells[("Promotion", "Thriving")][:3] == (2, 0, "Thin")
    assert cells[("Continuing care", "Getting More Help")][2] == "Gap"
    assert cells[("Promotion", "Getting Risk Support")][2] == "Not expected"
    assert coverage["C2"].data_type == "n"
    # Column widths follow the text, within limits.
    assert 10 <= book["Gaps"].column_dimensions["B"].width <= 60


def test_the_workbook_follows_the_page_axes(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    book = xlsx_download(client.get(page_url("xlsx", partnership_a) + "?cols=nest"))
    assert rows(book["Coverage"])[0][:2] == ("Continuum levels", "NEST themes")
    assert [row[1] for row in rows(book["Coverage"])[1:5]] == [
        "Nurturing",
        "Empowering",
        "Safe",
        "Trusted",
    ]


def test_the_workbook_without_a_round_has_no_round_sheets(client, lead_a, partnership_a, framework):
    client.force_login(lead_a)
    book = xlsx_download(client.get(page_url("xlsx", partnership_a)))
    assert book.sheetnames == ["Coverage", "Services in each cell", "Gaps"]
    assert client.get(xlsx_url(partnership_a, "maturity")).status_code == 404


def test_hostile_text_is_inert_in_the_xlsx(client, lead_a, hostile_a, partnership_a):
    welsh = "Cylch Meithrin – Llanfair ♥ «café»"
    make_service(partnership_a, welsh, "continuum-level/promotion", "thrive/thriving")
    client.force_login(lead_a)
    cells = all_cells(xlsx_download(client.get(page_url("xlsx", partnership_a))))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = [c.value for c in cells if isinstance(c.value, str)]
    assert not [v for v in values if v.startswith(("=", "+", "-", "@"))]
    assert "'" + PAYLOADS[3] in values  # the formula, neutralised by a leading quote
    for payload in PAYLOADS[:3]:
        assert payload in values  # markup is only text in a spreadsheet: kept as typed
    assert welsh in values


@pytest.mark.parametrize("who", ["outsider", "lead_b"])
def test_another_partnerships_downloads_are_not_found(
    client, personas, dashboard_a, partnership_a, who
):
    client.force_login(personas[who])
    for target in [
        xlsx_url(partnership_a, "gaps"),
        page_url("xlsx", partnership_a),
        page_url("report", partnership_a),
        page_url("report-pdf", partnership_a),
    ]:
        assert client.get(target).status_code == 404, target


def test_a_commissioner_gets_nothing_outside_their_oversight(client, commissioner, partnership_b):
    client.force_login(commissioner)
    for name in ["xlsx", "report", "report-pdf"]:
        assert client.get(page_url(name, partnership_b)).status_code == 404
    assert client.get(xlsx_url(partnership_b, "coverage")).status_code == 404


def test_downloads_need_sign_in_and_reject_post(client, lead_a, partnership_a):
    assert client.get(page_url("xlsx", partnership_a)).status_code == 302
    client.force_login(lead_a)
    assert client.post(page_url("xlsx", partnership_a)).status_code == 405
    assert client.post(page_url("report-pdf", partnership_a)).status_code == 405


def test_the_dashboard_links_each_xlsx_beside_its_csv(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(page_url("area", partnership_a) + "?cols=nest").content.decode()
    tables = re.findall(r'href="/partnerships/ashworth/dashboard/export/([a-z-]+)\.csv\?', page)
    assert {"gaps", "coverage", "services", "maturity", "actions"} <= set(tables)
    for table in tables:
        assert f'href="{xlsx_url(partnership_a, table)}?cols=nest" download' in page
    assert f'href="{page_url("xlsx", partnership_a)}?cols=nest" download' in page
    assert f'href="{page_url("report", partnership_a)}?cols=nest"' in page


# XLSX of the cross-area dashboard


def test_the_oversight_xlsx_holds_only_overseen_areas(
    client, commissioner, dashboard_a, partnership_b
):
    make_service(partnership_b, "Brookfield baby group", "continuum-level/promotion")
    client.force_login(commissioner)
    response = client.get(reverse("oversight:xlsx"))
    book = xlsx_download(response)
    assert response["Content-Disposition"] == 'attachment; filename="oversight.xlsx"'
    assert book.sheetnames == ["Areas"]
    table = rows(book["Areas"])
    assert table[0][:3] == ("Partnership", "Region", "Integrated care board or health board")
    assert [row[0] for row in table[1:2]] == ["Ashworth Best Start"]
    assert table[2][0] is None
    assert "not comparable scores between areas" in table[3][0]
    assert "Areas differ in size" in table[4][0]
    assert len(table) == 5
    assert "Brookfield" not in " ".join(str(c.value) for c in all_cells(book))


@pytest.mark.parametrize("who", ["outsider", "lead_a", "viewer_a"])
def test_the_oversight_xlsx_is_not_found_without_oversight(client, personas, who):
    client.force_login(personas[who])
    assert client.get(reverse("oversight:xlsx")).status_code == 404


def test_the_oversight_page_links_its_xlsx(client, commissioner, dashboard_a):
    client.force_login(commissioner)
    page = client.get(reverse("oversight:index") + "?nation=england").content.decode()
    assert f'href="{reverse("oversight:xlsx")}?nation=england" download' in page


# The board report page


def test_the_report_shows_gaps_matrix_maturity_and_actions(
    client, viewer_a, dashboard_a, partnership_a
):
    element = dashboard_a.framework.elements.first()
    client.force_login(viewer_a)
    response = client.get(page_url("report", partnership_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Board report" in page
    assert "No continuing care service for families getting more help" in page
    # A cell where no service is expected is not a gap, in the list or the table.
    assert "promotion service for families getting risk support" not in page
    assert "Active services in each cell" in page
    assert "0, not expected" in page and "0, gap" in page
    assert "A cell with no service is a gap" not in page
    assert "level 3, Developing" in page  # levels show their labels
    assert "Agreed level and target by element" in page
    assert element.title in page
    assert "Action 0" in page
    assert dashboard_a.name in page


def test_the_report_prints_without_the_site_around_it(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(page_url("report", partnership_a)).content.decode()
    assert re.search(r'<link rel="stylesheet" href="/static/css/report\.css" media="print">', page)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert not re.search(r"\sstyle=", page)
    assert f'href="{page_url("report-pdf", partnership_a)}?"' in page


def test_the_report_without_a_round_says_so(client, lead_a, partnership_a, framework):
    client.force_login(lead_a)
    page = client.get(page_url("report", partnership_a)).content.decode()
    assert "no action plan to report" in page


def test_hostile_text_is_escaped_in_the_report(client, lead_a, hostile_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(page_url("report", partnership_a)).content.decode()
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page


# The board report as a PDF


def test_the_pdf_prints_gaps_matrix_maturity_and_actions(
    client, commissioner, dashboard_a, partnership_a
):
    element = dashboard_a.framework.elements.first()
    client.force_login(commissioner)
    response = client.get(page_url("report-pdf", partnership_a))
    text = text_of_pdf(response)
    assert response["Content-Disposition"] == 'attachment; filename="ashworth-board-report.pdf"'
    assert response.content.startswith(b"%PDF-")
    for expected in [
        "Ashworth Best Start",
        "Board report",
        "No continuing care service for families getting more help",
        "Active services in each cell",
        "0, not expected",
        "level 3, Developing",
        "Getting Advice and Signposting",
        "Agreed level and target by element",
        element.title,
        "Action plan",
        "Action 0",
    ]:
        assert squeezed(expected) in text, expected


def test_hostile_text_is_plain_text_in_the_pdf(client, lead_a, hostile_a, partnership_a):
    client.force_login(lead_a)
    text = text_of_pdf(client.get(page_url("report-pdf", partnership_a)))
    # Drawn as the characters typed, so never parsed as markup or run as a formula.
    for payload in PAYLOADS:
        assert squeezed(payload) in text, payload


def test_the_pdf_never_reaches_the_network(client, lead_a, dashboard_a, partnership_a, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the PDF tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    client.force_login(lead_a)
    assert "Boardreport" in text_of_pdf(client.get(page_url("report-pdf", partnership_a)))


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/static/css/report.css",
        "http://cradle.invalid/static/css/report.css",
        "file:///etc/passwd",
        "https://cradle.invalid/static/../config/settings.py",
        "https://cradle.invalid/static/%2e%2e/config/settings.py",
        "https://cradle.invalid/static/css/missing.css",
        "data:text/css,body{}",
    ],
)
def test_the_pdf_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(Exception, match="Only Cradle's static files"):
        StaticOnlyFetcher().fetch(url)


def test_the_pdf_fetcher_serves_the_report_stylesheet(settings):
    response = StaticOnlyFetcher().fetch("https://cradle.invalid/static/css/report.css")
    assert response.read() == (settings.BASE_DIR / "static/css/report.css").read_bytes()


# Query counts, at two sizes


def count_queries(client, target) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(target).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name", ["xlsx", "report", "report-pdf", *[f"{table}-xlsx" for table in TABLES]]
)
def test_area_downloads_run_the_same_queries_at_two_sizes(
    client, commissioner, partnership_a, framework, lead_a, contributor_a, council_a, name
):
    fill(partnership_a, framework, [lead_a], council_a, services=2, actions=1, lead=lead_a)
    adjust(partnership_a, lead_a)
    client.force_login(commissioner)
    target = page_url(name, partnership_a)
    small = count_queries(client, target)
    fill_large(partnership_a, framework, [lead_a, contributor_a], council_a, lead=lead_a)
    adjust(partnership_a, lead_a, count=10)
    assert count_queries(client, target) == small
    # Two of these read the gap rules and the partnership's local adjustments; where the
    # ranked gaps are shown, three more read need against capacity, whose shortfalls join them;
    # the report PDF reads the data versions it is kept under first.
    assert small <= 22


def test_the_oversight_xlsx_runs_the_same_queries_at_two_sizes(
    client, commissioner, areas, framework
):
    add_areas(1, areas, framework)
    client.force_login(commissioner)
    small = count_queries(client, reverse("oversight:xlsx"))
    add_areas(8, areas, framework, start=1)
    assert count_queries(client, reverse("oversight:xlsx")) == small
    assert small <= 14


# The shared download helpers


def test_file_names_keep_only_safe_characters():
    assert download_name("Ash worth/..", 'gaps"; x', suffix="xlsx") == "ashworth-gapsx.xlsx"
    assert download_name("", suffix="pdf") == "cradle.pdf"


def test_sheet_titles_are_legal_and_unique():
    taken: set[str] = set()
    assert sheet_title("What: [a]/b?*", taken) == "What   a  b"
    assert sheet_title("x" * 40, taken) == "x" * 31
    assert sheet_title("x" * 40, taken) == "x" * 29 + " 2"


def test_cells_keep_numbers_and_dates_and_drop_control_characters():
    today = timezone.localdate()
    assert xlsx_value(3) == 3 and xlsx_value(2.5) == 2.5 and xlsx_value(None) is None
    assert xlsx_value(today) == today
    assert xlsx_value("bell\x07 and\x00 null") == "bell and null"
    assert xlsx_value("-1") == "'-1" and xlsx_value("@cmd") == "'@cmd"
    assert xlsx_value(Decimal("-1.5")) == Decimal("-1.5")  # a negative number is no formula
    assert xlsx_value(numpy.int64(-2)) == -2 and xlsx_value(float("nan")) is None
    noon = timezone.make_aware(datetime.datetime(2027, 6, 1, 12, 0))
    assert xlsx_value(noon) == datetime.datetime(2027, 6, 1, 12, 0)
