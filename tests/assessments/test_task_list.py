"""The task list on "your partnerships" and the overview: what each person does next."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import ActionStatus, AssessmentStatus
from partnership.models import Role
from tests.assessments.factories import make_action, make_agreed, make_response, make_round
from tests.assessments.posting import rate_url, round_url
from tests.continuum.factories import make_service
from tests.factories import make_member, make_partnership, make_user

LIST = "/partnerships/"


def overview(partnership) -> str:
    return reverse("partnership:overview", args=[partnership.slug])


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def tasks(html: str) -> list[tuple[str, str, str, str]]:
    """(title, link, hint, status) of each task on the page, in order, as a person reads them."""
    found = []
    for item in re.findall(r'<li class="govuk-task-list__item.*?</li>', html, re.S):
        link = re.search(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', item, re.S)
        hint = re.search(r'class="govuk-task-list__hint">(.*?)</div>', item, re.S)
        status = re.search(r'class="govuk-task-list__status"[^>]*>(.*?)</div>', item, re.S)
        found.append(
            (
                _text(link.group(2)),
                link.group(1),
                _text(hint.group(1)) if hint else "",
                _text(status.group(1)),
            )
        )
    return found


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace("&#x27;", "'")


def rate(assessment, user, how_many, value=3):
    for element in assessment.framework.elements.order_by("dimension__order", "order")[:how_many]:
        make_response(assessment, element, user, value)


@pytest.mark.parametrize("url", [LIST, "overview"])
def test_a_contributor_goes_straight_to_the_next_dimension_to_rate(
    client, contributor_a, open_round, url
):
    rate(open_round, contributor_a, 3)  # all of Plan
    client.force_login(contributor_a)
    html = page(client, overview(open_round.partnership) if url == "overview" else url)
    closing = open_round.closing_date
    assert tasks(html) == [
        (
            "Rate Baseline, spring 2027",
            rate_url(open_round, "lead"),
            "Maternity and early years system maturity (version 1.0). "
            f"Ratings close on {closing.day} {closing:%B %Y}. "
            "You have rated 3 of 10 elements. Next: Lead",
            "In progress",
        )
    ]
    assert "What to do next" in html


def test_the_overview_puts_the_task_list_above_the_partnership_details(
    client, contributor_a, open_round
):
    client.force_login(contributor_a)
    html = page(client, overview(open_round.partnership))
    assert html.index("govuk-task-list") < html.index("Areas") < html.index("Members")


def test_a_contributor_who_has_rated_everything_is_sent_to_review(
    client, contributor_a, open_round
):
    rate(open_round, contributor_a, 10)
    client.force_login(contributor_a)
    [(title, link, _, status)] = tasks(page(client, LIST))
    assert (title, link, status) == (
        "Review your ratings for Baseline, spring 2027",
        round_url("round", open_round),
        "Completed",
    )


def test_a_contributor_sees_no_draft_and_no_lead_tasks(
    client, lead_a, contributor_a, partnership_a, framework
):
    make_round(partnership_a, framework, status=AssessmentStatus.DRAFT, name="Next year")
    make_round(partnership_a, framework, status=AssessmentStatus.CLOSED, name="Last year")
    make_service(partnership_a, "Unplaced baby group")
    client.force_login(contributor_a)
    html = page(client, LIST)
    assert tasks(html) == []
    assert "You have nothing to do here for now" in html


def test_a_lead_sees_who_has_not_rated_the_next_step_services_and_overdue_actions(
    client, lead_a, contributor_a, partnership_a, framework, council_a
):
    open_round = make_round(partnership_a, framework, name="Review, spring 2027")
    rate(open_round, lead_a, 10)
    newcomer = make_member(partnership_a, Role.CONTRIBUTOR, user=make_user(full_name="Nina New"))
    rate(open_round, newcomer.user, 4)
    published = make_round(
        partnership_a, framework, status=AssessmentStatus.PUBLISHED, name="Baseline, 2026"
    )
    element = framework.elements.first()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    make_action(published, element, council_a, due_date=yesterday - datetime.timedelta(days=9))
    make_action(published, element, council_a, due_date=yesterday)
    make_action(published, element, council_a, due_date=yesterday, status=ActionStatus.DONE)
    make_action(published, element, council_a)  # not due yet
    make_service(partnership_a, "Unplaced baby group")
    make_service(partnership_a, "Imported drop-in")
    make_service(partnership_a, "Placed hub", "continuum-level/promotion")
    make_service(partnership_a, "Archived unplaced", archived=True)
    client.force_login(lead_a)
    found = tasks(page(client, LIST))
    assert [(title, status) for title, _, _, status in found] == [
        ("Review your ratings for Review, spring 2027", "Completed"),
        ("See who has not finished rating Review, spring 2027", "In progress"),
        ("Close Review, spring 2027", "To do"),
        ("Place 2 services on the continuum", "To do"),
        ("Update 2 overdue actions from Baseline, 2026", "Overdue"),
    ]
    progress = found[1]
    assert progress[1] == round_url("round", open_round)
    assert progress[2] == (
        "1 of 3 people have finished; 1 has started; 1 has not started. "
        "Not finished: Cara Contributor and Nina New"
    )
    assert found[2][1] == round_url("round-move", open_round, to="closed")
    assert found[3][1] == reverse("continuum:service-list", args=["ashworth"]) + "?unplaced=on"
    assert found[4][1] == round_url("actions", published)
    earliest = yesterday - datetime.timedelta(days=9)
    assert found[4][2] == f"The first was due on {earliest.day} {earliest:%B %Y}"


def test_a_lead_never_sees_names_in_an_anonymous_round(
    client, lead_a, contributor_a, partnership_a, framework
):
    anonymous = make_round(partnership_a, framework, anonymous=True)
    rate(anonymous, lead_a, 10)
    client.force_login(lead_a)
    html = page(client, LIST)
    progress = [t for t in tasks(html) if t[0].startswith("See who")]
    assert progress[0][2] == "1 of 2 people have finished; 1 has not started"
    assert "Cara Contributor" not in html


def test_a_lead_is_told_each_rounds_next_step(client, lead_a, partnership_a, framework):
    make_round(partnership_a, framework, status=AssessmentStatus.DRAFT, name="Draft round")
    closed = make_round(partnership_a, framework, status=AssessmentStatus.CLOSED, name="Closed")
    make_agreed(closed, framework.elements.first())
    agreed = make_round(partnership_a, framework, status=AssessmentStatus.AGREED, name="Agreed")
    make_round(partnership_a, framework, status=AssessmentStatus.PUBLISHED, name="Published")
    client.force_login(lead_a)
    found = {title: (link, hint, status) for title, link, hint, status in tasks(page(client, LIST))}
    assert set(found) == {
        "Open Draft round for ratings",
        "Agree the ratings for Closed in the workshop",
        "Publish Agreed",
    }
    assert found["Agree the ratings for Closed in the workshop"] == (
        round_url("workshop", closed),
        "1 of 10 elements agreed",
        "In progress",
    )
    assert found["Publish Agreed"][0] == round_url("round-move", agreed, to="published")


def test_closing_an_open_round_past_its_date_is_overdue(client, lead_a, open_round):
    open_round.closing_date = timezone.localdate() - datetime.timedelta(days=2)
    open_round.save()
    client.force_login(lead_a)
    statuses = {title: status for title, _, _, status in tasks(page(client, LIST))}
    assert statuses["Close Baseline, spring 2027"] == "Overdue"
    assert statuses["Rate Baseline, spring 2027"] == "Overdue"


def test_viewers_and_commissioners_have_no_task_list(
    client, viewer_a, commissioner, open_round, lead_a
):
    for person in (viewer_a, commissioner):
        client.force_login(person)
        for url in (LIST, overview(open_round.partnership)):
            html = page(client, url)
            assert "What to do next" not in html
            assert "govuk-task-list" not in html


def test_another_partnerships_rounds_never_appear(client, lead_b, open_round, partnership_b):
    client.force_login(lead_b)
    html = page(client, LIST)
    assert tasks(html) == []
    assert "Baseline, spring 2027" not in html


def test_someone_in_two_partnerships_sees_each_list_under_its_name(
    client, contributor_a, open_round, framework
):
    other = make_partnership("brook", "Brook Partnership")
    make_member(other, Role.LEAD, user=contributor_a)
    make_round(other, framework, name="Brook baseline")
    client.force_login(contributor_a)
    html = page(client, LIST)
    titles = [title for title, *_ in tasks(html)]
    assert titles[0] == "Rate Baseline, spring 2027"
    assert "Rate Brook baseline" in titles and "Close Brook baseline" in titles
    assert html.index("Ashworth Best Start") < html.index("Baseline, spring 2027")
    assert html.index("Brook Partnership") < html.index("Brook baseline")
    assert len(set(re.findall(r'id="(tasks-[^"]+)"', html))) == len(
        re.findall(r'id="(tasks-[^"]+)"', html)
    )
