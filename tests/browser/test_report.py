"""The board report in a real browser: accessible on screen, and only the report on paper."""

from tests.browser.axe import serious_violations
from tests.dashboards.conftest import dashboard_a, framework  # noqa: F401 (fixtures)

REPORT = "/partnerships/ashworth/dashboard/report/"


def test_the_report_page_is_accessible(page, sign_in, lead_a, dashboard_a):  # noqa: F811
    sign_in("lead@a.example")
    page.goto(REPORT)
    assert page.get_by_role("heading", name="Board report").is_visible()
    assert serious_violations(page) == []


def test_printing_shows_the_report_without_the_site_around_it(
    page,
    sign_in,
    lead_a,
    dashboard_a,  # noqa: F811
):
    sign_in("lead@a.example")
    page.goto(REPORT)
    pdf_button = page.get_by_role("link", name="Download as PDF")
    assert pdf_button.is_visible()
    assert page.locator("header.govuk-generic-header").is_visible()

    page.emulate_media(media="print")
    assert page.get_by_role("heading", name="Board report").is_visible()
    assert page.get_by_text(
        "No continuing care service for families getting more help"
    ).first.is_visible()
    assert page.get_by_role("heading", name="Action plan").is_visible()
    for hidden in ["header.govuk-generic-header", "footer.govuk-footer", ".govuk-breadcrumbs"]:
        assert not page.locator(hidden).is_visible(), hidden
    assert not pdf_button.is_visible()
