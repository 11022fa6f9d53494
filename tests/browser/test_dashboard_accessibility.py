"""The gap dashboards in a real browser on the demo data, for the English and the Welsh demo
partnership alike: axe finds no serious or critical problem with the charts drawn, on every
axis, and the numbers are there without JavaScript."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.browser.conftest import sign_in_through_the_form

PASSWORD = "cradle-demo-2027"
DASHBOARD = "/partnerships/{slug}/dashboard/"
AXES = ["", "?cols=nest", "?cols=age-band", "?cols=audience", "?cols=reach", "?rows=risk-factor"]
OVERSIGHT = "/oversight/?framework={framework}&area={slug}"
# (partnership slug, name, the framework of its rounds, who may see it)
ASHWORTH = ("ashworth", "Ashworth Best Start Partnership", "maternity-early-years")
GLANMOR = ("glanmor", "Glanmor Early Years Partnership", "nest")


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def charts_drawn(page) -> int:
    """Waits for every chart to be drawn by plotly, and says how many there are."""
    expected = page.locator("[data-chart]").count()
    page.wait_for_function(
        "n => document.querySelectorAll('[data-chart] .main-svg').length >= n", arg=expected
    )
    return expected


@pytest.mark.parametrize(
    "partnership,email",
    [
        (ASHWORTH, "lead@ashworth.example"),
        (ASHWORTH, "commissioner@northwest.example"),
        (GLANMOR, "lead@glanmor.example"),
        (GLANMOR, "commissioner@hyweldda.example"),
    ],
)
def test_the_area_dashboard_on_every_axis(page, sign_in, demo, partnership, email):
    sign_in(email, PASSWORD)
    for axis in AXES:
        page.goto(DASHBOARD.format(slug=partnership[0]) + axis)
        assert charts_drawn(page) >= 4, axis
        assert serious_violations(page) == [], (email, axis)


@pytest.mark.parametrize(
    "partnership,email",
    [
        (ASHWORTH, "commissioner@northwest.example"),
        (ASHWORTH, "admin@cradle.example"),
        (GLANMOR, "commissioner@hyweldda.example"),
        (GLANMOR, "admin@cradle.example"),
    ],
)
def test_oversight_with_a_chosen_area(page, sign_in, demo, partnership, email):
    slug, name, framework = partnership
    sign_in(email, PASSWORD)
    page.goto(OVERSIGHT.format(framework=framework, slug=slug))
    expect(page.get_by_role("heading", name=f"Where {name} sits")).to_be_visible()
    assert charts_drawn(page) == 3
    assert serious_violations(page) == []


@pytest.mark.parametrize(
    "slug,email", [("ashworth", "lead@ashworth.example"), ("glanmor", "lead@glanmor.example")]
)
def test_the_numbers_are_there_without_javascript(browser, live_server, demo, slug, email):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in_through_the_form(page, email, PASSWORD)
    page.goto(DASHBOARD.format(slug=slug))
    for caption in [
        "Active services: Continuum levels × THRIVE groupings",
        "Lowest agreed level of the elements in each cell",
        "Mean agreed level by dimension and round",
        "Actions by status",
    ]:
        expect(page.get_by_role("table", name=caption), caption).to_be_visible()
    assert page.locator(".main-svg").count() == 0
    expect(
        page.get_by_text("No continuing care service for families getting more help").first
    ).to_be_visible()
    context.close()
