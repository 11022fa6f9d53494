"""Cradle on a phone, on the demo data: no page scrolls sideways even at 320 pixels, charts
redraw to the width they have (a heatmap gives way to its table), and the service list's
filters fold away. The axe crawl checks every page at 375 pixels on its own small data."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.steps import follow

PASSWORD = "cradle-demo-2027"
DASHBOARD = "/partnerships/ashworth/dashboard/"
HEATMAPS = ["chart-coverage", "chart-elements"]
# The widest pages at 375 pixels before tables scrolled in their own regions.
WIDEST = [
    "/partnerships/ashworth/",
    DASHBOARD,
    DASHBOARD + "report/",
    "/partnerships/ashworth/services/",
    "/partnerships/ashworth/services/matrix/",
    "/partnerships/ashworth/assessments/",
    "/frameworks/",
    "/oversight/?area=ashworth",
]


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def drawn(page, chart: str) -> bool:
    return page.locator(f"[data-chart={chart}] .main-svg").count() > 0


def test_the_widest_pages_fit_320_pixels(page, sign_in, demo):
    sign_in("commissioner@northwest.example", PASSWORD)
    page.set_viewport_size({"width": 320, "height": 700})
    widths = {}
    for url in WIDEST:
        page.goto(url)
        page.wait_for_load_state("load")
        widths[url] = page_width(page)
    assert {url: w for url, w in widths.items() if w > 320} == {}


def test_dashboard_charts_redraw_for_a_phone(page, sign_in, demo):
    sign_in("lead@ashworth.example", PASSWORD)
    page.goto(DASHBOARD)
    page.wait_for_function("() => document.querySelectorAll('[data-chart] .main-svg').length >= 5")
    page.set_viewport_size({"width": 375, "height": 800})
    page.wait_for_function("() => !document.querySelector('[data-chart=chart-coverage] .main-svg')")
    assert not any(drawn(page, chart) for chart in HEATMAPS)
    expect(page.get_by_role("table", name="Active services: Continuum levels")).to_be_visible()
    for chart in ["chart-maturity", "chart-trend", "chart-actions"]:
        assert drawn(page, chart), chart
        box = page.locator(f"[data-chart={chart}]").bounding_box()
        title = page.locator(f"[data-chart={chart}] .gtitle").bounding_box()
        assert box["x"] <= title["x"] and title["x"] + title["width"] <= box["x"] + box["width"]
    assert page_width(page) <= 375

    page.set_viewport_size({"width": 1200, "height": 800})
    page.wait_for_function(
        "() => !!document.querySelector('[data-chart=chart-coverage] .main-svg')"
    )
    assert all(drawn(page, chart) for chart in HEATMAPS)


def test_the_service_filters_fold_away_on_a_phone(page, sign_in, demo):
    sign_in("lead@ashworth.example", PASSWORD)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/partnerships/ashworth/services/")
    level = page.get_by_label("Continuum level")
    expect(level).to_be_hidden()
    expect(page.locator("tbody th a").first).to_be_visible()
    page.get_by_text("Filter services").click()
    level.select_option(label="Promotion")
    follow(page, page.get_by_role("button", name="Apply filters"))
    expect(page.get_by_label("Continuum level")).to_be_visible()  # still open: a filter is in use
    assert "match your filters" in page.locator("#service-count").inner_text()
