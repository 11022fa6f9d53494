"""A Welsh-speaking contributor's journey, in Welsh from the sign-in page on: switch to
Cymraeg, sign in, rate a dimension, see the gap dashboard, download the board report as a PDF.
The switch keeps the page they were on, and their choice is kept on their account."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from assessments.models import Framework, Response
from partnership.models import User
from tests.assessments.factories import make_round
from tests.browser.conftest import PASSWORD
from tests.browser.steps import follow
from tests.downloads import pdf_text


@pytest.fixture
def library(db):
    call_command("load_taxonomies", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    call_command("load_gap_rules", verbosity=0)


def test_a_contributor_rates_and_reads_the_dashboard_and_report_in_welsh(
    page, lead_a, contributor_a, partnership_a, library
):
    framework = Framework.objects.get(code="maternity-early-years")
    assessment = make_round(partnership_a, framework, by=lead_a)
    plan = framework.dimensions.get(code="plan")
    elements = list(plan.elements.all())

    page.goto("/accounts/login/")
    page.get_by_role("button", name="Newid yr iaith i’r Gymraeg").click()
    page.wait_for_url("**/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "cy"
    page.get_by_label("Cyfeiriad e-bost").fill("contributor@a.example")
    page.get_by_label("Cyfrinair").fill(PASSWORD)
    page.get_by_role("button", name="Mewngofnodi").click()
    page.wait_for_url("**/partnerships/")
    expect(page.get_by_role("heading", name="Eich partneriaethau")).to_be_visible()
    assert User.objects.get(email="contributor@a.example").language == "cy"

    page.goto(f"/partnerships/{partnership_a.slug}/assessments/{assessment.pk}/rate/plan/")
    assert page.locator("html").get_attribute("lang") == "cy"
    for element in elements:
        group = page.get_by_role("group", name=f"Eich sgôr ar gyfer {element.title_cy}")
        group.get_by_label("3:", exact=False).first.check()
        page.get_by_label(f"Tystiolaeth ar gyfer {element.title_cy} (dewisol)").fill(
            "Cofnodion y bwrdd"
        )
    with page.expect_navigation():
        page.get_by_role("button", name=f"Cadw {plan.title_cy}").click()
    saved = Response.objects.filter(assessment=assessment, respondent=contributor_a)
    assert {r.level.value for r in saved} == {3}
    assert saved.count() == len(elements)

    page.goto(f"/partnerships/{partnership_a.slug}/dashboard/")
    expect(page.get_by_role("heading", name="Dangosfwrdd bylchau", exact=True)).to_be_visible()
    page.goto(f"/partnerships/{partnership_a.slug}/dashboard/report/")
    expect(page.get_by_role("heading", name="Adroddiad i’r bwrdd").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Lawrlwytho fel PDF").click()
    with open(download.value.path(), "rb") as pdf:
        text = pdf_text(pdf.read())
    assert "Adroddiadi’rbwrdd" in text
    assert "Cynllungweithredu" in text  # "Cynllun gweithredu", the action plan's heading

    # Back to English from any page, on the same page.
    page.get_by_role("button", name="Change the language to English").click()
    page.wait_for_url(f"**/partnerships/{partnership_a.slug}/dashboard/report/")
    expect(page.get_by_role("heading", name="Board report").first).to_be_visible()


def test_a_character_count_counts_in_welsh_as_a_lead_types(page, sign_in, lead_a, partnership_a):
    sign_in("lead@a.example")
    follow(page, page.get_by_role("button", name="Newid yr iaith i’r Gymraeg"))
    page.goto(f"/partnerships/{partnership_a.slug}/edit/")
    name = page.get_by_label("Enw’r bartneriaeth")
    name.fill("Partneriaeth Dechrau Gorau")
    status = page.locator(".govuk-character-count__status").first
    expect(status).to_have_text("Mae gennych 174 nod ar ôl")
    name.fill("x" * 201)
    expect(status).to_have_text("Mae gennych 1 nod yn ormod")
