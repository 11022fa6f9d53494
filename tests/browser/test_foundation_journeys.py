"""A lead's first visit, as a person with a browser would make it."""

from django.core import mail
from playwright.sync_api import expect

from partnership.models import Membership, Organisation
from tests.browser.steps import follow


def test_a_lead_adds_a_partner_organisation_and_a_member(page, sign_in, lead_a, partnership_a):
    sign_in("lead@a.example")
    page.get_by_role("link", name="Ashworth Best Start").click()
    page.get_by_role("link", name="Add a partner organisation").click()
    page.get_by_label("Organisation name").fill("Ashworth Family Friends")
    page.get_by_label("Voluntary and community").check()
    page.get_by_role("button", name="Add organisation").click()
    expect(page.get_by_text("Ashworth Family Friends added")).to_be_visible()

    page.get_by_role("link", name="Add a member").click()
    page.get_by_label("Email address").fill("volunteer.lead@example.org")
    page.get_by_label("Full name").fill("Val Volunteer")
    page.get_by_label("Organisation they speak for").select_option(label="Ashworth Family Friends")
    page.get_by_label("Contributor").check()
    page.get_by_role("button", name="Add member").click()
    expect(page.get_by_text("We have emailed them how to sign in")).to_be_visible()
    expect(page.get_by_role("row", name="Val Volunteer")).to_be_visible()

    organisation = Organisation.objects.get(name="Ashworth Family Friends")
    assert (
        Membership.objects.get(user__email="volunteer.lead@example.org").organisation
        == organisation
    )
    assert len(mail.outbox) == 1


def test_a_form_with_errors_moves_focus_to_the_summary_and_links_to_fields(
    page, sign_in, lead_a, partnership_a
):
    sign_in("lead@a.example")
    page.goto(f"/partnerships/{partnership_a.slug}/members/add/")
    page.get_by_role("button", name="Add member").click()
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    page.get_by_role("link", name="Select role").click()
    assert page.evaluate("document.activeElement.id") == "id_role_1"


def test_sign_in_works_with_the_keyboard_alone(page, contributor_a):
    page.goto("/accounts/login/")
    # The email field has focus when the page opens. (A contributor: a lead's second step
    # follows, in test_two_step_journey.py.)
    page.keyboard.type("contributor@a.example")
    page.keyboard.press("Tab")
    page.keyboard.type("correct-horse-battery-staple")
    page.keyboard.press("Enter")
    page.wait_for_url("**/partnerships/")
    expect(page.get_by_role("heading", name="Your partnerships")).to_be_visible()


def test_sign_out_ends_the_session(page, sign_in, lead_a):
    sign_in("lead@a.example")
    follow(page, page.get_by_role("button", name="Sign out"))
    page.goto("/partnerships/")
    assert "/accounts/login/" in page.url
