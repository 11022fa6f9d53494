"""axe on the data download page and the erasure pages, their forms in the error state too,
and none of them scrolls sideways on a phone."""

from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.browser.screens import fits_a_phone


def test_the_data_page_as_a_lead(page, sign_in, lead_a, partnership_a):
    sign_in("lead@a.example")
    page.goto("/partnerships/ashworth/")
    page.get_by_role("link", name="Download everything the partnership holds").click()
    expect(page.get_by_role("heading", name="Your partnership's data")).to_be_visible()
    assert serious_violations(page) == []
    assert fits_a_phone(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the partnership's data (zip)").click()
    assert download.value.suggested_filename == "ashworth-data.zip"


def test_the_erasure_pages_as_an_admin(page, sign_in, admin_user, contributor_a, partnership_a):
    sign_in("admin@example.org")
    page.goto("/erasure/")
    assert serious_violations(page) == []
    assert fits_a_phone(page)
    page.get_by_role("button", name="Find the person").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Email address").fill("contributor@a.example")
    page.get_by_role("button", name="Find the person").click()
    expect(page.get_by_role("heading", name="Erase Cara Contributor")).to_be_visible()
    assert serious_violations(page) == [], page.url
    assert fits_a_phone(page)
    page.get_by_role("button", name="Erase the person").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert serious_violations(page) == [], page.url

    page.goto("/erasure/")
    page.get_by_role("link", name="Ashworth Best Start").click()
    expect(page.get_by_role("heading", name="Erase Ashworth Best Start")).to_be_visible()
    assert serious_violations(page) == [], page.url
    assert fits_a_phone(page)
    page.get_by_role("button", name="Erase the partnership").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert serious_violations(page) == [], page.url
    page.get_by_label("Type the partnership's name to confirm").fill("Ashworth Best Start")
    page.get_by_role("button", name="Erase the partnership").click()
    expect(
        page.get_by_text("Ashworth Best Start and everything it held are erased")
    ).to_be_visible()
    assert serious_violations(page) == []
