"""From the first page after signing in, one click to the task: a contributor's next dimension
to rate, and a lead's view of who has not rated and of the round's next step."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Framework, Response
from partnership.models import Role
from tests.assessments.factories import make_action, make_response, make_round
from tests.browser.axe import serious_violations
from tests.browser.steps import follow
from tests.continuum.factories import make_service
from tests.factories import make_member, make_user


@pytest.fixture
def library(db):
    call_command("load_taxonomies", verbosity=0)
    call_command("load_frameworks", verbosity=0)


@pytest.fixture
def assessment(library, partnership_a, lead_a):
    framework = Framework.objects.get(code="maternity-early-years")
    return make_round(partnership_a, framework, name="Review, spring 2027", by=lead_a)


def task(page, title):
    """A task in the list, found by its link as a person reads it."""
    return page.locator(".govuk-task-list__item").filter(
        has=page.get_by_role("link", name=title, exact=True)
    )


def test_a_contributor_reaches_the_next_dimension_in_one_click_and_moves_on_by_saving(
    page, sign_in, contributor_a, assessment
):
    for element in assessment.framework.elements.filter(dimension__code="plan"):
        make_response(assessment, element, contributor_a, 3)
    sign_in("contributor@a.example")
    assert serious_violations(page) == []
    rating = task(page, "Rate Review, spring 2027")
    assert "You have rated 3 of 10 elements" in rating.inner_text()
    assert rating.locator(".govuk-task-list__status").inner_text().strip() == "In progress"

    follow(page, page.get_by_role("link", name="Rate Review, spring 2027"))  # the one click
    assert page.url.endswith(f"/assessments/{assessment.pk}/rate/lead/")
    assert page.get_by_role("heading", level=1).inner_text() == "Lead"
    expect(page.get_by_text("3 of 10 rated", exact=True)).to_be_visible()

    for element in assessment.framework.elements.filter(dimension__code="lead"):
        group = page.get_by_role("group", name=f"Your rating for {element.title}")
        group.get_by_label("2:", exact=False).first.check()
    follow(page, page.get_by_role("button", name="Save Lead"))
    assert page.url.endswith(f"/assessments/{assessment.pk}/rate/deliver/")
    expect(page.get_by_text("Saved 2 answers for Lead")).to_be_visible()
    expect(page.get_by_text("5 of 10 rated", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    assert Response.objects.filter(assessment=assessment, respondent=contributor_a).count() == 5


def test_a_contributor_who_rates_the_last_dimension_is_sent_to_review(
    page, sign_in, contributor_a, assessment
):
    for element in assessment.framework.elements.exclude(dimension__code="evaluate"):
        make_response(assessment, element, contributor_a, 3)
    sign_in("contributor@a.example")
    follow(page, page.get_by_role("link", name="Rate Review, spring 2027"))
    assert page.url.endswith("/rate/evaluate/")
    element = assessment.framework.elements.get(dimension__code="evaluate")
    page.get_by_role("group", name=f"Your rating for {element.title}").get_by_label(
        "4:", exact=False
    ).first.check()
    follow(page, page.get_by_role("button", name="Save Evaluate"))
    assert page.url.endswith(f"/assessments/{assessment.pk}/")
    expect(page.get_by_text("You have rated every element in scope")).to_be_visible()
    expect(page.get_by_role("link", name="Rate Plan")).to_be_visible()  # to review

    page.goto("/partnerships/")
    done = task(page, "Review your ratings for Review, spring 2027")
    assert done.locator(".govuk-task-list__status").inner_text().strip() == "Completed"


def test_a_lead_sees_who_has_not_rated_and_reaches_the_rounds_next_step_in_one_click(
    page, sign_in, lead_a, contributor_a, partnership_a, council_a, assessment
):
    late = make_member(partnership_a, Role.CONTRIBUTOR, user=make_user(full_name="Nina New"))
    for element in assessment.framework.elements.all()[:4]:
        make_response(assessment, element, late.user, 2)
    make_service(partnership_a, "Imported baby massage group")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    make_action(assessment, assessment.framework.elements.first(), council_a, due_date=yesterday)
    sign_in("lead@a.example")
    assert serious_violations(page) == []

    waiting = task(page, "See who has not finished rating Review, spring 2027")
    assert "Not finished: Alice Lead, Cara Contributor and Nina New" in waiting.inner_text()
    assert "0 of 3 people have finished" in waiting.inner_text()
    expect(task(page, "Place 1 service on the continuum")).to_be_visible()
    overdue = task(page, "Update 1 overdue action from Review, spring 2027")
    assert overdue.locator(".govuk-tag").inner_text().strip() == "Overdue"

    follow(page, page.get_by_role("link", name="Close Review, spring 2027"))  # the one click
    assert page.url.endswith(f"/assessments/{assessment.pk}/move/closed/")
    expect(page.get_by_text("3 of 3 people have not finished rating")).to_be_visible()

    page.goto(f"/partnerships/{partnership_a.slug}/")  # the overview has the same list
    assert serious_violations(page) == []
    follow(page, page.get_by_role("link", name="Place 1 service on the continuum"))
    expect(page.get_by_role("link", name="Imported baby massage group")).to_be_visible()
