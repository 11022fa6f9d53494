"""An admin loads published figures; a commissioner then sees need against capacity by area."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.steps import follow

PASSWORD = "cradle-demo-2027"
FILES = Path(__file__).parent.parent / "partnership" / "indicator_files"


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_an_admin_loads_figures_and_a_commissioner_sees_need_against_capacity(page, sign_in, demo):
    sign_in("admin@cradle.example", PASSWORD)
    follow(page, page.get_by_role("navigation").get_by_role("link", name="Indicators"))
    expect(page.get_by_role("heading", name="Indicators by area")).to_be_visible()
    page.get_by_label("Indicator file (CSV)").set_input_files(FILES / "fingertips_all_data.csv")
    follow(page, page.get_by_role("button", name="Load file"))
    expect(page.get_by_role("heading", name="File loaded")).to_be_visible()
    expect(page.get_by_text("11 values stored, of which 5 for a region or nation")).to_be_visible()
    expect(page.get_by_text("3 values kept for 2 areas Cradle does not know")).to_be_visible()

    page.get_by_label("Indicator file (CSV)").set_input_files(FILES / "births.csv")
    page.get_by_label("Indicator the figures are for").select_option(label="Live births")
    follow(page, page.get_by_role("button", name="Load file"))
    expect(page.get_by_text("3 values stored, of which 1 for a region or nation")).to_be_visible()
    follow(page, page.get_by_role("button", name="Sign out"))

    sign_in("commissioner@northwest.example", PASSWORD)
    follow(page, page.get_by_role("navigation").get_by_role("link", name="Oversight"))
    need = page.get_by_role("table", name="Births, services and capacity by area")
    ashworth = need.get_by_role("row", name="Ashworth Best Start Partnership", exact=False)
    cells = ashworth.get_by_role("cell").all_inner_texts()
    # Births now the published figure; under-fives still the demo's synthetic one.
    assert cells[0] == "3,120"
    assert cells[1].endswith("(synthetic)")
    assert all(cell != "0" for cell in cells)
    ratios = page.get_by_role("table", name="Capacity to need at each continuum level")
    ashworth_ratios = ratios.get_by_role("row", name="Ashworth Best Start Partnership", exact=False)
    assert len(ashworth_ratios.get_by_role("cell").all_inner_texts()) == 5
    page.get_by_label("Add an indicator").select_option(label="Smoking status at time of delivery")
    follow(page, page.get_by_role("button", name="Show indicator"))
    ashworth = need.get_by_role("row", name="Ashworth Best Start Partnership", exact=False)
    assert ashworth.get_by_role("cell").last.inner_text() == "11.9 (2022/23)"

    follow(page, page.get_by_role("link", name="Ashworth Best Start Partnership").first)
    expect(page.get_by_role("heading", name="Need against capacity")).to_be_visible()
    expect(page.get_by_text("About 3,120 births a year")).to_be_visible()
    table = page.get_by_role("table", name="Expected need and capacity by continuum level")
    treatment = table.get_by_role("row", name="Treatment or therapeutic support", exact=False)
    assert treatment.get_by_role("cell").first.inner_text() == "190"  # 3,120 × 62 per 1,000
