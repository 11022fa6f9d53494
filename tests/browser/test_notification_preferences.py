"""A person turns off an optional email on the preferences page, in Chromium, with axe."""

from playwright.sync_api import expect

from notifications.models import Preferences
from tests.browser.axe import serious_violations


def test_a_contributor_turns_off_the_weekly_summary(page, sign_in, contributor_a):
    sign_in("contributor@a.example")
    page.get_by_role("link", name="Emails").click()
    page.wait_for_url("**/accounts/notifications/")
    assert serious_violations(page) == []
    summary = page.get_by_label("A weekly summary on Mondays of the partnerships I lead")
    assert summary.is_checked()
    summary.uncheck()
    page.get_by_role("button", name="Save email choices").click()
    expect(page.get_by_text("Your email choices are saved")).to_be_visible()
    assert not page.get_by_label(
        "A weekly summary on Mondays of the partnerships I lead"
    ).is_checked()
    assert serious_violations(page) == []
    saved = Preferences.objects.get(user=contributor_a)
    assert (saved.round_opened, saved.closing_soon, saved.weekly_digest) == (True, True, False)


def test_the_page_fits_a_phone(page, sign_in, contributor_a):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in("contributor@a.example")
    page.goto("/accounts/notifications/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(page) == []


def test_the_page_in_its_error_state(page, sign_in, contributor_a):
    sign_in("contributor@a.example")
    page.goto("/accounts/notifications/")
    # Only a tampered form can send a choice the page does not offer.
    box = page.get_by_label("When a round I rate opens")
    box.evaluate("box => { box.value = 'round-closing'; }")
    page.get_by_role("button", name="Save email choices").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    page.get_by_role("link", name="Select only the emails listed").click()
    assert serious_violations(page) == []
    assert not Preferences.objects.exists()
