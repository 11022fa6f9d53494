"""A lead maps a service and imports a feed; a contributor rates and comes back to find it kept."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from assessments.models import Framework, Response
from continuum.models import Service
from tests.assessments.factories import make_round
from tests.browser.steps import follow

FEEDS = Path(__file__).resolve().parents[1] / "continuum" / "feeds"


@pytest.fixture
def library(db):
    call_command("load_taxonomies", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    call_command("load_gap_rules", verbosity=0)


def test_a_lead_adds_a_service_imports_a_feed_and_sees_the_matrix(
    page, sign_in, lead_a, partnership_a, council_a, library
):
    sign_in("lead@a.example")
    page.goto(f"/partnerships/{partnership_a.slug}/services/add/")
    page.get_by_label("Service name").fill("Baby massage at the family hub")
    page.get_by_label("Provider organisation").select_option(label="Ashworth Council")
    levels = page.get_by_role("group", name="Continuum levels (optional)")
    levels.get_by_label("Promotion", exact=True).check()
    page.get_by_role("group", name="THRIVE groupings (optional)").get_by_label("Thriving").check()
    page.get_by_role("button", name="Add service").click()
    expect(page.get_by_role("heading", name="Baby massage at the family hub")).to_be_visible()

    page.goto(f"/partnerships/{partnership_a.slug}/services/import/")
    page.get_by_label("Open Referral UK file").set_input_files(FEEDS / "v1-council.json")
    follow(page, page.get_by_role("button", name="Import"))
    expect(page.get_by_text("created", exact=False).first).to_be_visible()
    imported = Service.objects.filter(partnership=partnership_a).exclude(source_id="").count()
    assert imported > 0

    page.goto(f"/partnerships/{partnership_a.slug}/services/matrix/")
    table = page.get_by_role("table").first
    row = table.get_by_role("row", name="Promotion")
    assert "1 service" in row.inner_text()


def test_a_contributor_rates_a_dimension_leaves_and_finds_the_ratings_kept(
    page, sign_in, lead_a, contributor_a, partnership_a, library
):
    framework = Framework.objects.get(code="maternity-early-years")
    assessment = make_round(partnership_a, framework, by=lead_a)
    plan = framework.dimensions.get(code="plan")
    elements = list(plan.elements.all())
    sign_in("contributor@a.example")
    page.goto(f"/partnerships/{partnership_a.slug}/assessments/{assessment.pk}/rate/plan/")
    for element in elements:
        group = page.get_by_role("group", name=f"Your rating for {element.title}")
        group.get_by_label("3:", exact=False).first.check()
        page.get_by_label(f"Evidence for {element.title} (optional)").fill(
            f"Minutes of the board that agreed {element.title}"
        )
    with page.expect_navigation():
        page.get_by_role("button", name="Save Plan").click()

    page.goto("/partnerships/")
    page.goto(f"/partnerships/{partnership_a.slug}/assessments/{assessment.pk}/rate/plan/")
    for element in elements:
        group = page.get_by_role("group", name=f"Your rating for {element.title}")
        assert group.get_by_label("3:", exact=False).first.is_checked()
        evidence = page.get_by_label(f"Evidence for {element.title} (optional)")
        assert evidence.input_value() == f"Minutes of the board that agreed {element.title}"
    saved = Response.objects.filter(assessment=assessment, respondent=contributor_a)
    assert saved.count() == len(elements)
    assert {r.level.value for r in saved} == {3}


def test_the_rating_form_can_be_completed_with_the_keyboard_alone(
    page, sign_in, lead_a, contributor_a, partnership_a, library
):
    framework = Framework.objects.get(code="maternity-early-years")
    assessment = make_round(partnership_a, framework, by=lead_a)
    element = framework.dimensions.get(code="evaluate").elements.first()
    sign_in("contributor@a.example")
    page.goto(f"/partnerships/{partnership_a.slug}/assessments/{assessment.pk}/rate/evaluate/")
    first_radio = (
        page.get_by_role("group", name=f"Your rating for {element.title}")
        .get_by_role("radio")
        .first
    )
    first_radio.focus()
    page.keyboard.press("ArrowDown")  # moves to, and selects, level 2
    page.keyboard.press("Tab")
    page.keyboard.type("Keyboard-only evidence")
    # Tab on until the save button has focus, then press Enter.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Save Evaluate":
            break
    else:
        pytest.fail("the save button cannot be reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    response = Response.objects.get(assessment=assessment, element=element)
    assert response.level.value == 2
    assert response.evidence == "Keyboard-only evidence"


def test_a_lead_places_an_imported_service_then_changes_it(
    page, sign_in, lead_a, partnership_a, council_a, library
):
    sign_in("lead@a.example")
    page.goto(f"/partnerships/{partnership_a.slug}/services/import/")
    page.get_by_label("Open Referral UK file").set_input_files(FEEDS / "v1-council.json")
    follow(page, page.get_by_role("button", name="Import"))
    service = Service.objects.get(partnership=partnership_a, source_id="1001")

    page.goto(f"/partnerships/{partnership_a.slug}/services/{service.pk}/edit/")
    feed = page.locator("#feed-description")
    assert "Parenting support (esdServiceTypes)" in feed.inner_text()
    # The placement is the first thing the form asks.
    first = page.locator("form[method=post] fieldset legend").first
    assert first.inner_text().strip() == "Continuum levels (optional)"
    page.get_by_role("group", name="Continuum levels (optional)").get_by_label("Prevention").check()
    page.get_by_role("group", name="THRIVE groupings (optional)").get_by_label(
        "Getting Advice and Signposting"
    ).check()
    page.get_by_role("group", name="Who it is for (optional)").get_by_label("Whole family").check()
    page.get_by_label("Website (optional)").fill("https://www.ashworth.example/bumps-and-babies")
    page.get_by_label("Last reviewed (optional)").fill("2026-01-15")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", name="Bumps and Babies group")).to_be_visible()
    service.refresh_from_db()
    assert {t.code for t in service.terms.all()} >= {"prevention", "getting-advice", "whole-family"}
    assert service.url == "https://www.ashworth.example/bumps-and-babies"
    assert str(service.last_reviewed) == "2026-01-15"

    # Changing it again from its page keeps the placement and saves the new name.
    follow(page, page.get_by_role("link", name="Change Bumps and Babies group"))
    assert page.get_by_label("Prevention").is_checked()
    page.get_by_label("Service name").fill("Bumps and babies drop-in")
    follow(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", name="Bumps and babies drop-in")).to_be_visible()
    service.refresh_from_db()
    assert service.name == "Bumps and babies drop-in"
    assert service.terms.filter(code="prevention").exists()

    follow(page, page.get_by_role("link", name="Services").first)
    current = page.get_by_role("navigation", name="Service map").locator("[aria-current=page]")
    assert current.inner_text().strip() == "Services"
