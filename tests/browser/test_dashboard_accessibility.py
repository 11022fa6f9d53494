"""The gap dashboards in a real browser on the demo data: axe finds no serious or critical
problem with the charts drawn, on every axis, and the numbers are there without JavaScript."""

import io

import pytest
from django.core.management import call_command

from tests.browser.axe import serious_violations

PASSWORD = "cradle-demo-2027"
DASHBOARD = "/partnerships/ashworth/dashboard/"
AXES = ["", "?cols=nest", "?cols=age-band", "?cols=audience", "?cols=reach", "?rows=risk-factor"]
OVERSIGHT = "/oversight/?framework=maternity-early-years&area=ashworth"


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


@pytest.mark.parametrize("email", ["lead@ashworth.example", "commissioner@northwest.example"])
def test_the_area_dashboard_on_every_axis(page, sign_in, demo, email):
    sign_in(email, PASSWORD)
    for axis in AXES:
        page.goto(DASHBOARD + axis)
        assert charts_drawn(page) >= 4, axis
        assert serious_violations(page) == [], (email, axis)


@pytest.mark.parametrize("email", ["commissioner@northwest.example", "admin@cradle.example"])
def test_oversight_with_a_chosen_area(page, sign_in, demo, email):
    sign_in(email, PASSWORD)
    page.goto(OVERSIGHT)
    assert page.get_by_role(
        "heading", name="Where Ashworth Best Start Partnership sits"
    ).is_visible()
    assert charts_drawn(page) == 3
    assert serious_violations(page) == []


def test_the_numbers_are_there_without_javascript(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("lead@ashworth.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(DASHBOARD)
    for caption in [
        "Active services: Continuum levels × THRIVE groupings",
        "Lowest agreed level of the elements in each cell",
        "Mean agreed level by dimension and round",
        "Actions by status",
    ]:
        assert page.get_by_role("table", name=caption).is_visible(), caption
    assert page.locator(".main-svg").count() == 0
    assert page.get_by_text(
        "No active service offers Getting More Help at continuing care"
    ).is_visible()
    context.close()
