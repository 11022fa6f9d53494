"""A lead takes a rated round through its workshop to publication, all in the browser."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments import services
from assessments.models import Action, AgreedRating, AssessmentStatus, Framework, OutOfScope
from tests.assessments.factories import level, make_response, make_round
from tests.browser.steps import follow


@pytest.fixture
def library(db):
    call_command("load_taxonomies", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    call_command("load_gap_rules", verbosity=0)


@pytest.fixture
def rated_round(library, partnership_a, lead_a, contributor_a):
    """An open round scoped to one element, which the contributor and the lead have rated.

    One element keeps the journey short: every element in scope needs an agreed rating before
    the round can be marked agreed.
    """
    framework = Framework.objects.get(code="maternity-early-years")
    assessment = make_round(partnership_a, framework, status=AssessmentStatus.DRAFT, by=lead_a)
    element, *others = framework.elements.order_by("pk")
    OutOfScope.objects.bulk_create(
        OutOfScope(assessment=assessment, element=other, reason="Next year's round")
        for other in others
    )
    services.move_round(assessment=assessment, to_status=AssessmentStatus.OPEN, by=lead_a)
    make_response(assessment, element, contributor_a, 2, evidence="Health visitors share a plan")
    make_response(assessment, element, lead_a, 3, evidence="The council funds the plan")
    return assessment, element


def move(page, link: str) -> None:
    """Follows a move link on the round page and confirms it."""
    follow(page, page.get_by_role("link", name=link))
    assert page.get_by_role("heading", name=f"{link}?").is_visible()
    follow(page, page.get_by_role("button", name=f"Yes, {link.lower()}"))


def test_the_lead_closes_the_round_agrees_ratings_adds_an_action_and_publishes(
    page, sign_in, lead_a, partnership_a, council_a, rated_round
):
    assessment, element = rated_round
    today = timezone.localdate()
    target_date = today + datetime.timedelta(days=365)
    due_date = today + datetime.timedelta(days=90)
    sign_in("lead@a.example")
    page.goto(assessment.get_absolute_url())
    assert page.get_by_role("row", name="Cara Contributor").is_visible()

    move(page, "Close the round")
    assert page.get_by_text(f"{assessment.name} is now closed").is_visible()

    follow(page, page.get_by_role("link", name="Workshop: spread of ratings and agreement"))
    row = page.get_by_role("row", name=element.title)
    assert "Not agreed yet" in row.inner_text()
    follow(page, row.get_by_role("link", name=element.title))
    assert page.get_by_role("heading", name=element.title, exact=True).is_visible()
    assert page.get_by_text("Health visitors share a plan").is_visible()

    page.get_by_role("group", name="Agreed level").get_by_label("3:", exact=False).check()
    page.get_by_label("Why the partnership agreed this level").fill(
        "Both partners have seen the plan; it is not yet reviewed"
    )
    page.get_by_label("Target level (optional)").select_option(
        label=str(level(assessment.framework, 4))
    )
    page.get_by_label("Target date (optional)").fill(target_date.isoformat())
    follow(page, page.get_by_role("button", name="Save the agreed rating"))
    assert page.get_by_text(f"Agreed rating for {element.title} saved").is_visible()

    follow(page, page.get_by_role("link", name=f"Add an action for {element.title}"))
    page.get_by_label("Action", exact=True).fill("Review the plan with parents")
    page.get_by_label("Owner organisation").select_option(label="Ashworth Council")
    page.get_by_label("Named owner").fill("Priya Shah")
    page.get_by_label("Due date").fill(due_date.isoformat())
    follow(page, page.get_by_role("button", name="Save the action"))
    assert page.get_by_text("Action added").is_visible()
    actions = page.get_by_role("table", name="Actions", exact=True)
    action_row = actions.get_by_role("row", name="Review the plan with parents")
    assert "Priya Shah, Ashworth Council" in action_row.inner_text()

    follow(page, page.get_by_role("link", name=assessment.name))
    move(page, "Mark the ratings as agreed")
    assert page.get_by_text(f"{assessment.name} is now agreed").is_visible()
    move(page, "Publish the round")
    assert page.get_by_text(f"{assessment.name} is now published").is_visible()
    assert page.get_by_text("Published", exact=True).is_visible()
    assert page.get_by_role("link", name="Publish the round").count() == 0

    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PUBLISHED
    agreed = AgreedRating.objects.get(assessment=assessment, element=element)
    assert agreed.level.value == 3
    assert agreed.target_level.value == 4
    assert agreed.target_date == target_date
    action = Action.objects.get(assessment=assessment, element=element)
    assert (action.title, action.owner_name) == ("Review the plan with parents", "Priya Shah")
    assert action.owner_organisation == council_a
    assert action.due_date == due_date
