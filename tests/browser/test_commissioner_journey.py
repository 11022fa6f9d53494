"""A commissioner on the demo data: compares areas, opens one, and takes its files away."""

import io

import pytest
from django.core.management import call_command

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


def test_a_commissioner_compares_areas_opens_one_and_downloads_its_files(page, sign_in, demo):
    sign_in("commissioner@northwest.example", PASSWORD)
    follow(page, page.get_by_role("navigation").get_by_role("link", name="Oversight"))
    assert page.get_by_role("heading", name="Oversight: areas side by side").is_visible()
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
    assert page.get_by_role("heading", name="Gap dashboard").is_visible()
    assert page.get_by_text("Ashworth Best Start Partnership", exact=True).first.is_visible()
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
    assert page.get_by_role("heading", name="Board report").is_visible()
    pdf = pdf_text(download(page, page.get_by_role("link", name="Download as PDF")))
    assert squeezed("Board report") in pdf
    assert squeezed("Ashworth Best Start Partnership") in pdf
    assert squeezed(COVERAGE_GAP) in pdf
    assert squeezed(MATURITY_GAP) in pdf
