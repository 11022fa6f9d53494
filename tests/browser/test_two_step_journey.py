"""A lead sets up an authenticator app at first sign-in and uses it at the next, in Chromium,
with codes computed from the key the page shows, and axe on every page of the journey."""

from base64 import b32decode

from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.browser.steps import follow
from tests.twostep.authenticator import code_now, wrong_code

PASSWORD = "correct-horse-battery-staple"


def sign_in_with_password(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_lead_sets_up_an_app_then_signs_in_with_it(page, lead_a, partnership_a):
    sign_in_with_password(page, "lead@a.example")
    page.wait_for_url("**/accounts/two-step/set-up/?next=*")
    assert page.get_by_role("img", name="QR code to add Cradle to your authenticator app")
    assert page.evaluate("document.querySelector('.app-qr-code').naturalWidth") > 0
    page.get_by_text("I cannot scan the QR code").click()
    key = b32decode(page.locator("#manual-key").inner_text().replace(" ", "")).hex()
    assert serious_violations(page) == []

    page.get_by_label("Code from your authenticator app").fill(code_now(key))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Two-step verification is set up")).to_be_visible()
    assert page.locator("#recovery-codes li").count() == 10
    assert serious_violations(page) == []
    page.get_by_role("link", name="I have saved my codes: continue").click()
    page.wait_for_url("**/partnerships/")

    page.goto("/accounts/two-step/")
    expect(page.get_by_text("10 of 10")).to_be_visible()
    assert serious_violations(page) == []
    follow(page, page.get_by_role("button", name="Sign out"))

    sign_in_with_password(page, "lead@a.example")
    page.wait_for_url("**/accounts/two-step/code/?next=*")
    assert serious_violations(page) == []
    page.get_by_label("Code from your authenticator app").fill(wrong_code(key))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_role("link", name="I do not have my phone: use a recovery code").click()
    page.wait_for_url("**/accounts/two-step/recovery-code/*")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Use a code from your authenticator app instead").click()

    # The code set-up took is spent: the app's next one is accepted.
    page.get_by_label("Code from your authenticator app").fill(code_now(key, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/partnerships/")
    expect(page.get_by_role("link", name=partnership_a.name)).to_be_visible()
