"""axe finds no serious or critical WCAG 2.2 A/AA problem on the pages that exist."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.browser.steps import follow

PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accessibility/",
    "/privacy/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages(page, db, url):
    page.goto(url)
    assert serious_violations(page) == []


def test_sign_in_in_its_error_state(page, db):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert serious_violations(page) == []


@pytest.fixture
def library(db):
    call_command("load_taxonomies", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    call_command("load_gap_rules", verbosity=0)


LEAD_PAGES = [
    "/partnerships/",
    "/partnerships/ashworth/",
    "/partnerships/ashworth/edit/",
    "/partnerships/ashworth/organisations/add/",
    "/partnerships/ashworth/members/add/",
    "/accounts/password/change/",
    "/frameworks/",
    "/frameworks/maternity-early-years/1.0/",
]


def test_signed_in_pages_as_a_lead(page, sign_in, lead_a, contributor_a, library):
    sign_in("lead@a.example")
    for url in LEAD_PAGES:
        page.goto(url)
        assert serious_violations(page) == [], url


def test_forms_in_their_error_state(page, sign_in, lead_a, partnership_a):
    sign_in("lead@a.example")
    for url, button in [
        ("/partnerships/ashworth/members/add/", "Add member"),
        ("/partnerships/ashworth/organisations/add/", "Add organisation"),
    ]:
        page.goto(url)
        follow(page, page.get_by_role("button", name=button))
        expect(page.get_by_text("There is a problem")).to_be_visible()
        assert serious_violations(page) == [], url


def test_pages_as_a_viewer_and_a_commissioner(page, sign_in, viewer_a, commissioner):
    for email in ["viewer@a.example", "commissioner@nw.example"]:
        sign_in(email)
        for url in ["/partnerships/", "/partnerships/ashworth/"]:
            page.goto(url)
            assert serious_violations(page) == [], (email, url)
        page.context.clear_cookies()
