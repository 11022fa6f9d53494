"""A commissioner on the demo data: compares areas, opens one, and takes its files away."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.steps import download, follow
from tests.downloads import pdf_text, rows, xlsx_book

PASSWORD = "cradle-demo-2027"
# Two of the gaps the demo data leaves in Ashworth: one of coverage, one of maturity.
COVERAGE_GAP = "No continuing care service for families getting more help"
MATURITY_GAP = (
    "Outcomes, experience and evaluation is at level 1, Basic, against a target of level 2"
)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def squeezed(text: str) -> str:
    """Text without whitespace, to compare with `pdf_text`."""
    return "".join(text.split())


def test_a_commissioner_compares_areas_opens_one_and_downloads_its_files(
    page, sign_in, demo, settings
):
    # The PDF downloads at once however slow its first drawing here; the page shown while a
    # report is being prepared has tests of its own (tests/dashboards/test_report_cache.py).
    settings.REPORT_DRAW_WAIT_SECONDS = 60
    sign_in("commissioner@northwest.example", PASSWORD)
    follow(page, page.get_by_role("navigation").get_by_role("link", name="Oversight"))
    expect(page.get_by_role("heading", name="Oversight: areas side by side")).to_be_visible()
    page.get_by_label("Region").select_option(label="North West")
    follow(page, page.get_by_role("button", name="Show areas"))
    assert "region=" in page.url
    areas = page.get_by_role("table", name="Areas side by side", exact=False)
    region = page.get_by_label("Region")
    assert region.evaluate("select => select.selectedOptions[0].text") == "North West"
    assert areas.get_by_role("row").count() == 2  # the header and one area
    ashworth = areas.get_by_role("row", name="Ashworth Best Start Partnership")
    assert ashworth.get_by_role("cell").first.inner_text() == "North West"

    follow(page, areas.get_by_role("link", name="Ashworth Best Start Partnership"))
    expect(page.get_by_role("heading", name="Gap dashboard")).to_be_visible()
    expect(page.get_by_text("Ashworth Best Start Partnership", exact=True).first).to_be_visible()
    gaps_shown = page.locator("#gaps ~ ol.report-gaps > li").all_inner_texts()
    assert COVERAGE_GAP in gaps_shown[:2]
    assert any(gap.startswith(MATURITY_GAP) for gap in gaps_shown)

    book = xlsx_book(download(page, page.get_by_role("link", name="Download every table as XLSX")))
    assert {"Gaps", "Coverage", "Services in each cell", "Maturity", "Actions"} <= set(
        book.sheetnames
    )
    gaps_sheet = rows(book["Gaps"])
    assert gaps_sheet[0] == ("Rank", "Gap", "Kind", "Local adjustment")
    assert set(gaps_shown) <= {row[1] for row in gaps_sheet[1:]}

    follow(page, page.get_by_role("link", name="Board report"))
    expect(page.get_by_role("heading", name="Board report")).to_be_visible()
    pdf = pdf_text(download(page, page.get_by_role("link", name="Download as PDF")))
    assert squeezed("Board report") in pdf
    assert squeezed("Ashworth Best Start Partnership") in pdf
    assert squeezed(COVERAGE_GAP) in pdf
    assert squeezed(MATURITY_GAP) in pdf


def test_a_welsh_commissioner_oversees_through_the_health_board(page, sign_in, demo):
    sign_in("commissioner@hyweldda.example", PASSWORD)
    follow(page, page.get_by_role("navigation").get_by_role("link", name="Oversight"))
    expect(page.get_by_role("heading", name="Oversight: areas side by side")).to_be_visible()
    framework = page.get_by_label("Framework")
    # Glanmor has published a NEST review, so the page opens on NEST, not on "no round".
    assert framework.evaluate("select => select.selectedOptions[0].text") == (
        "NEST/NYTH: a whole-system approach in Wales"
    )
    # The full name is on the page too, where a narrow picker cannot show it all.
    expect(
        page.get_by_role(
            "heading", name="Maturity by dimension: NEST/NYTH: a whole-system approach in Wales"
        )
    ).to_be_visible()
    areas = page.get_by_role("table", name="Areas side by side", exact=False)
    assert areas.get_by_role("row").count() == 2  # the header and Glanmor only
    glanmor = areas.get_by_role("row", name="Glanmor Early Years Partnership")
    assert glanmor.get_by_role("cell").all_inner_texts()[:2] == [
        "West Wales Regional Partnership Board",
        "Hywel Dda University Health Board",
    ]
    medians = page.get_by_role("table", name="Median agreed level", exact=False)
    row = medians.get_by_role("row", name="Glanmor Early Years Partnership")
    assert all(text[0].isdigit() for text in row.get_by_role("cell").all_inner_texts())
    assert "Ashworth" not in page.content()

    # The framework can be switched to one Glanmor has not published.
    framework.select_option(label="Continuum of support")
    follow(page, page.get_by_role("button", name="Show areas"))
    assert "framework=continuum-of-support" in page.url
    row = medians.get_by_role("row", name="Glanmor Early Years Partnership")
    assert row.get_by_role("cell").first.inner_text().startswith("–")

    follow(page, areas.get_by_role("link", name="Glanmor Early Years Partnership"))
    expect(page.get_by_role("heading", name="Gap dashboard")).to_be_visible()
    expect(page.get_by_text("Glanmor Early Years Partnership", exact=True).first).to_be_visible()


def test_the_oversight_tables_fit_a_desktop_page(page, sign_in, demo):
    """With the framework of most dimensions, no table reaches past the page's content column."""
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in("admin@cradle.example", PASSWORD)
    page.goto("/oversight/?framework=perinatal-pathway&area=ashworth")
    column = page.locator("main").evaluate("main => main.getBoundingClientRect().right")
    tables = page.locator("main table")
    # Where the area sits, areas side by side, medians by dimension, and need against capacity
    # in two: births, services and capacity, then capacity to need at each level.
    assert tables.count() == 5
    for right in tables.evaluate_all("ts => ts.map(t => t.getBoundingClientRect().right)"):
        assert right <= column + 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Every framework's title fits the picker: the text measured in the picker's own font.
    assert page.get_by_label("Framework").evaluate(FITS) == []


# The options of a select whose text is wider than the select can show.
FITS = """select => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const room = select.clientWidth - parseFloat(style.paddingLeft) - 24;
  return [...select.options].map(o => o.text).filter(t => context.measureText(t).width > room);
}"""
