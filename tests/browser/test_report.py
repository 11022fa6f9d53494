"""The board report in a real browser: accessible on screen, and only the report on paper."""

import threading
import time

from playwright.sync_api import expect

from dashboards import pdf
from dashboards.pdf import draw
from tests.browser.axe import serious_violations
from tests.browser.screens import fits_a_phone
from tests.browser.steps import download, follow
from tests.dashboards.conftest import dashboard_a, framework  # noqa: F401 (fixtures)
from tests.downloads import pdf_text

REPORT = "/partnerships/ashworth/dashboard/report/"


def test_the_report_page_is_accessible(page, sign_in, lead_a, dashboard_a):  # noqa: F811
    sign_in("lead@a.example")
    page.goto(REPORT)
    expect(page.get_by_role("heading", name="Board report")).to_be_visible()
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
    expect(pdf_button).to_be_visible()
    expect(page.locator("header.govuk-generic-header")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="Board report")).to_be_visible()
    expect(
        page.get_by_text("No continuing care service for families getting more help").first
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Action plan")).to_be_visible()
    for hidden in ["header.govuk-generic-header", "footer.govuk-footer", ".govuk-breadcrumbs"]:
        expect(page.locator(hidden), hidden).to_be_hidden()
    expect(pdf_button).to_be_hidden()


def test_a_report_still_being_drawn_is_explained_then_downloads(
    page,
    sign_in,
    settings,
    monkeypatch,
    lead_a,
    dashboard_a,  # noqa: F811
):
    """A large report takes longer to draw than a download waits: the lead reads that it is
    being prepared, on a desktop or a phone, and downloads it with the page's button."""
    gate = threading.Event()

    def held(html: str) -> bytes:
        gate.wait(30)
        return draw(html)

    monkeypatch.setattr(pdf, "draw", held)
    settings.REPORT_DRAW_WAIT_SECONDS = 0
    sign_in("lead@a.example")
    page.goto(REPORT)
    follow(page, page.get_by_role("link", name="Download as PDF"))
    expect(page.get_by_role("heading", name="Your board report is being prepared")).to_be_visible()
    assert serious_violations(page) == []
    assert fits_a_phone(page)

    gate.set()
    button = page.get_by_role("link", name="Download the PDF")
    for _ in range(50):  # the drawing finishes beside the request; ask as a person would
        if pdf.DRAWING == {}:
            break
        time.sleep(0.2)
    saved = download(page, button)
    assert saved.startswith(b"%PDF")
    assert "Ashworth" in pdf_text(saved)
