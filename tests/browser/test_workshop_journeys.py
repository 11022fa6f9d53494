"""A lead takes a rated round through its workshop to publication, all in the browser."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from assessments import services
from assessments.models import Action, AgreedRating, AssessmentStatus, Framework, OutOfScope
from partnership.models import Role
from tests.assessments.factories import level, make_response, make_round
from tests.assessments.posting import round_url as url
from tests.browser.conftest import sign_in_through_the_form
from tests.browser.steps import follow
from tests.factories import PASSWORD, make_member, make_user


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
    expect(page.get_by_role("heading", name=f"{link}?")).to_be_visible()
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
    expect(page.get_by_role("row", name="Cara Contributor")).to_be_visible()

    move(page, "Close the round")
    expect(page.get_by_text(f"{assessment.name} is now closed")).to_be_visible()

    follow(page, page.get_by_role("link", name="Workshop: spread of ratings and agreement"))
    row = page.get_by_role("row", name=element.title)
    assert "Not agreed yet" in row.inner_text()
    follow(page, row.get_by_role("link", name=element.title))
    expect(page.get_by_role("heading", name=element.title, exact=True)).to_be_visible()
    expect(page.get_by_text("Health visitors share a plan")).to_be_visible()

    page.get_by_role("group", name="Agreed level").get_by_label("3:", exact=False).check()
    page.get_by_label("Why the partnership agreed this level").fill(
        "Both partners have seen the plan; it is not yet reviewed"
    )
    page.get_by_label("Target level (optional)").select_option(
        label=str(level(assessment.framework, 4))
    )
    page.get_by_label("Target date (optional)").fill(target_date.isoformat())
    follow(page, page.get_by_role("button", name="Save the agreed rating"))
    expect(page.get_by_text(f"Agreed rating for {element.title} saved")).to_be_visible()

    follow(page, page.get_by_role("link", name=f"Add an action for {element.title}"))
    page.get_by_label("Action", exact=True).fill("Review the plan with parents")
    page.get_by_label("Owner organisation").select_option(label="Ashworth Council")
    page.get_by_label("Named owner").fill("Priya Shah")
    page.get_by_label("Due date").fill(due_date.isoformat())
    follow(page, page.get_by_role("button", name="Save the action"))
    expect(page.get_by_text("Action added")).to_be_visible()
    actions = page.get_by_role("table", name="Actions", exact=True)
    action_row = actions.get_by_role("row", name="Review the plan with parents")
    assert "Priya Shah, Ashworth Council" in action_row.inner_text()

    follow(page, page.get_by_role("link", name=assessment.name))
    move(page, "Mark the ratings as agreed")
    expect(page.get_by_text(f"{assessment.name} is now agreed")).to_be_visible()
    move(page, "Publish the round")
    expect(page.get_by_text(f"{assessment.name} is now published")).to_be_visible()
    expect(page.get_by_text("Published", exact=True)).to_be_visible()
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

    # Ratings froze at publication; the action plan did not. The lead records progress.
    follow(page, page.get_by_role("link", name="Action plan"))
    follow(page, page.get_by_role("link", name="Review the plan with parents").first)
    page.get_by_role("group", name="Status").get_by_label("In progress").check()
    page.get_by_label("Progress (optional)").fill("Met the parents' panel in March")
    follow(page, page.get_by_role("button", name="Save the action"))
    action.refresh_from_db()
    assert action.status == "in-progress"
    assert action.progress_note == "Met the parents' panel in March"
    page.goto(url("action-edit", assessment, action=action.pk))
    history = page.get_by_role("table", name="Changes to this action")
    assert "Met the parents' panel in March" in history.inner_text()


@pytest.fixture
def fully_rated(library, partnership_a, lead_a, contributor_a):
    """A closed round of all ten elements, each rated 2 by the contributor and 3 by the lead:
    every median is 2.5, so every proposal is level 2."""
    framework = Framework.objects.get(code="maternity-early-years")
    assessment = make_round(partnership_a, framework, status=AssessmentStatus.OPEN, by=lead_a)
    for element in framework.elements.all():
        make_response(assessment, element, contributor_a, 2)
        make_response(assessment, element, lead_a, 3)
    services.move_round(assessment=assessment, to_status=AssessmentStatus.CLOSED, by=lead_a)
    return assessment


class Traffic:
    """The pages the browser loads and the forms it posts, as a person would count them."""

    def __init__(self, page):
        self.pages = self.posts = 0
        page.on("request", self.seen)

    def seen(self, request) -> None:
        if request.resource_type == "document":
            self.pages += request.method == "GET"
            self.posts += request.method == "POST"


def test_the_lead_agrees_every_element_on_one_page(page, sign_in, lead_a, fully_rated):
    assessment = fully_rated
    strategy = assessment.framework.elements.get(code="plan-strategy")
    sign_in("lead@a.example")
    page.goto(assessment.get_absolute_url())
    traffic = Traffic(page)
    follow(page, page.get_by_role("link", name="Agree all elements on one page"))
    expect(page.get_by_role("heading", name="Agree all elements on one page")).to_be_visible()
    expect(page.get_by_text("the lower level is proposed", exact=False)).to_be_visible()
    group = page.get_by_role("group", name=f"Agreed level for {strategy.title}")
    assert group.get_by_label("2: Early (proposed)").is_checked()

    group.get_by_label("3:", exact=False).check()
    page.get_by_label(f"Why the partnership agreed this level for {strategy.title}").fill(
        "The lead's evidence of a signed strategy settles it"
    )
    follow(page, page.get_by_role("button", name="Save all agreed ratings"))
    expect(page.get_by_text("Saved: 10 of 10 elements are agreed")).to_be_visible()
    expect(page.get_by_role("heading", name="Workshop")).to_be_visible()
    assert page.get_by_text("Not agreed yet").count() == 0

    agreed = {row.element.code: row for row in AgreedRating.objects.select_related("element")}
    assert len(agreed) == 10
    assert agreed["plan-strategy"].level.value == 3
    assert agreed["plan-strategy"].rationale.startswith("The lead's evidence of a signed")
    assert {row.level.value for code, row in agreed.items() if code != "plan-strategy"} == {2}
    assert (traffic.pages, traffic.posts) == (2, 1)  # the page, the save, the workshop after it
    print(f"\none page: {traffic.pages} page loads and {traffic.posts} POST for 10 elements")


def test_an_element_agreed_meanwhile_stops_the_one_page_save(
    page, browser, live_server, sign_in, lead_a, partnership_a, fully_rated
):
    assessment = fully_rated
    strategy = assessment.framework.elements.get(code="plan-strategy")
    second_lead = make_user("bob@a.example", full_name="Bob Second-Lead")
    make_member(partnership_a, Role.LEAD, user=second_lead)
    sign_in("lead@a.example")
    page.goto(url("agree-all", assessment))

    # A second lead, in their own browser, agrees the strategy on its own page meanwhile.
    other = browser.new_context(base_url=live_server.url).new_page()
    sign_in_through_the_form(other, "bob@a.example", PASSWORD)
    other.goto(url("element", assessment, code=strategy.code))
    other.get_by_role("group", name="Agreed level").get_by_label("4:", exact=False).check()
    other.get_by_label("Why the partnership agreed this level").fill("Bob's reading")
    follow(other, other.get_by_role("button", name="Save the agreed rating"))
    other.context.close()

    follow(page, page.get_by_role("button", name="Save all agreed ratings"))
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert f"{strategy.title} was agreed by Bob Second-Lead" in summary.inner_text()
    summary.get_by_role("link", name=strategy.title, exact=False).click()
    expect(page.locator(f"#e{strategy.pk}-conflict")).to_be_visible()
    assert AgreedRating.objects.count() == 1
    assert AgreedRating.objects.get().rationale == "Bob's reading"


def test_element_pages_take_a_visit_and_a_post_per_element(page, sign_in, lead_a, fully_rated):
    """The figure the one-page workshop is measured against: each element on its own page."""
    assessment = fully_rated
    sign_in("lead@a.example")
    page.goto(assessment.get_absolute_url())
    traffic = Traffic(page)
    follow(page, page.get_by_role("link", name="Workshop: spread of ratings and agreement"))
    for element in assessment.framework.elements.all():
        follow(page, page.get_by_role("link", name=element.title, exact=True))
        page.get_by_role("group", name="Agreed level").get_by_label("2:", exact=False).check()
        page.get_by_label("Why the partnership agreed this level").fill("Median 2.5")
        follow(page, page.get_by_role("button", name="Save the agreed rating"))
        follow(page, page.get_by_role("link", name="Back to the workshop"))
    assert AgreedRating.objects.count() == 10
    assert (traffic.pages, traffic.posts) == (31, 10)
    print(f"\nelement pages: {traffic.pages} page loads and {traffic.posts} POSTs for 10 elements")
