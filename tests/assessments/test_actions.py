"""Barriers' answer: priority actions, their owners and status, carried into the next round."""

import datetime

import pytest
from django.utils import timezone

from assessments.models import Action, ActionStatus, AssessmentStatus, Change
from partnership.models import Role
from tests.assessments.factories import level, make_action, make_agreed, make_round
from tests.assessments.posting import round_url as url
from tests.factories import make_member, make_organisation


def days(n):
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def workforce(framework):
    return framework.elements.get(code="plan-workforce")


def action_data(organisation, **fields):
    data = {
        "title": "Train every health visitor in infant mental health",
        "owner_organisation": organisation.pk,
        "owner_name": "Sam Okafor",
        "due_date": days(90),
    }
    data.update(fields)
    return data


def test_a_lead_adds_an_action(client, lead_a, closed_round, workforce, council_a):
    client.force_login(lead_a)
    response = client.post(
        url("action-add", closed_round, code=workforce.code), action_data(council_a)
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.element, action.owner_organisation, action.status) == (
        workforce,
        council_a,
        ActionStatus.NOT_STARTED,
    )
    assert Change.objects.filter(subject="action", field="title").exists()
    listing = client.get(url("actions", closed_round)).content.decode()
    assert "Train every health visitor" in listing


def test_a_new_action_cannot_be_due_in_the_past(client, lead_a, closed_round, workforce, council_a):
    client.force_login(lead_a)
    response = client.post(
        url("action-add", closed_round, code=workforce.code),
        action_data(council_a, due_date=days(-1)),
    )
    assert response.status_code == 200
    assert "The due date must be today or in the future" in response.content.decode()
    assert not Action.objects.exists()


def test_an_action_needs_its_owner(client, lead_a, closed_round, workforce, council_a):
    client.force_login(lead_a)
    response = client.post(
        url("action-add", closed_round, code=workforce.code),
        action_data(council_a, owner_name="", owner_organisation=""),
    )
    page = response.content.decode()
    assert "Enter named owner" in page
    assert "Select owner organisation" in page
    assert not Action.objects.exists()


def test_an_organisation_of_another_partnership_cannot_own_an_action(
    client, lead_a, closed_round, workforce, partnership_b
):
    elsewhere = make_organisation(partnership_b, "Brookfield Council")
    client.force_login(lead_a)
    response = client.post(
        url("action-add", closed_round, code=workforce.code), action_data(elsewhere)
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Action.objects.exists()


def test_a_lead_updates_the_status(client, lead_a, closed_round, workforce, council_a):
    action = make_action(closed_round, workforce, council_a)
    client.force_login(lead_a)
    data = action_data(council_a, title=action.title, status="in-progress", version=1)
    response = client.post(url("action-edit", closed_round, action=action.pk), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.version) == (ActionStatus.IN_PROGRESS, 2)
    change = Change.objects.get(subject="action", field="status")
    assert (change.old, change.new) == ("Not started", "In progress")


def test_an_overdue_action_can_still_be_updated(client, lead_a, closed_round, workforce, council_a):
    action = make_action(
        closed_round, workforce, council_a, due_date=timezone.localdate() - datetime.timedelta(1)
    )
    client.force_login(lead_a)
    data = action_data(council_a, due_date=action.due_date.isoformat(), status="done", version=1)
    assert client.post(url("action-edit", closed_round, action=action.pk), data).status_code == 302


def test_a_stale_action_save_shows_the_other_value(
    client, lead_a, partnership_a, closed_round, workforce, council_a
):
    action = make_action(closed_round, workforce, council_a)
    other = make_member(partnership_a, Role.LEAD).user
    client.force_login(other)
    client.post(
        url("action-edit", closed_round, action=action.pk),
        action_data(council_a, owner_name="Tom Reilly", status="in-progress", version=1),
    )
    client.force_login(lead_a)
    data = action_data(council_a, status="dropped", version=1)
    response = client.post(url("action-edit", closed_round, action=action.pk), data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this action after you opened the page" in page
    assert "Tom Reilly" in page and "In progress" in page
    action.refresh_from_db()
    assert (action.status, action.owner_name, action.version) == ("in-progress", "Tom Reilly", 2)


def test_open_actions_carry_into_the_next_round_of_the_same_framework(
    client, lead_a, partnership_a, framework, frameworks, workforce, council_a
):
    baseline = make_round(partnership_a, framework, status="published", name="Baseline")
    make_action(baseline, workforce, council_a, title="Still to do")
    make_action(baseline, workforce, council_a, title="Finished", status="done")
    make_action(baseline, workforce, council_a, title="Abandoned", status="dropped")
    other_framework = frameworks.get(code="perinatal-pathway")
    other_round = make_round(partnership_a, other_framework, status="published", name="Other")
    make_action(other_round, other_framework.elements.first(), council_a, title="Elsewhere")
    follow_up = make_round(partnership_a, framework, status="open", name="Follow-up")
    client.force_login(lead_a)
    page = client.get(url("actions", follow_up)).content.decode()
    assert "Still to do" in page and "Carried from Baseline" in page
    for title in ("Finished", "Abandoned", "Elsewhere"):
        assert title not in page
    element_page = client.get(url("element", follow_up, code=workforce.code)).content.decode()
    assert "Still to do" in element_page


def test_a_carried_action_is_updated_through_the_new_round(
    client, lead_a, partnership_a, framework, workforce, council_a
):
    baseline = make_round(partnership_a, framework, status="published", name="Baseline")
    action = make_action(baseline, workforce, council_a, title="Still to do")
    follow_up = make_round(partnership_a, framework, status="open", name="Follow-up")
    client.force_login(lead_a)
    data = action_data(council_a, title="Still to do", status="done", version=1)
    response = client.post(url("action-edit", follow_up, action=action.pk), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    change = Change.objects.get(subject="action", field="status")
    assert change.assessment == follow_up


def test_actions_of_a_published_round_stay_open_to_follow_up(
    client, lead_a, partnership_a, framework, workforce, council_a, contributor_a
):
    published = make_round(partnership_a, framework, status=AssessmentStatus.PUBLISHED)
    action = make_action(published, workforce, council_a)
    client.force_login(lead_a)
    listing = client.get(url("actions", published)).content.decode()
    assert url("action-edit", published, action=action.pk) in listing
    form = client.get(url("action-edit", published, action=action.pk)).content.decode()
    assert "Save the action" in form and "its action plan stays open" in form
    data = action_data(
        council_a,
        title=action.title,
        owner_name="Tom Reilly",
        due_date=days(120),
        status="in-progress",
        progress_note="Two of five teams trained",
        version=1,
    )
    response = client.post(url("action-edit", published, action=action.pk), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.owner_name, action.progress_note, action.version) == (
        "in-progress",
        "Tom Reilly",
        "Two of five teams trained",
        2,
    )
    assert action.due_date.isoformat() == days(120)
    changes = dict(
        Change.objects.filter(subject="action", object_id=action.pk).values_list("field", "new")
    )
    assert changes == {
        "owner": "Tom Reilly",
        "due date": days(120),
        "status": "In progress",
        "progress": "Two of five teams trained",
    }
    page = client.get(url("action-edit", published, action=action.pk)).content.decode()
    assert "History of this action" in page and "Two of five teams trained" in page
    assert "Two of five teams trained" in client.get(url("actions", published)).content.decode()
    # Contributors still only read the plan.
    client.force_login(contributor_a)
    assert client.post(url("action-edit", published, action=action.pk), data).status_code == 403


def test_a_new_action_can_be_raised_in_a_published_round(
    client, lead_a, partnership_a, framework, workforce, council_a
):
    published = make_round(partnership_a, framework, status=AssessmentStatus.PUBLISHED)
    client.force_login(lead_a)
    element_page = client.get(url("element", published, code=workforce.code)).content.decode()
    assert f"Add an action for {workforce.title}" in element_page
    response = client.post(
        url("action-add", published, code=workforce.code), action_data(council_a)
    )
    assert response.status_code == 302
    assert Action.objects.get().assessment == published


def test_a_published_rounds_agreed_ratings_stay_fixed_while_its_actions_change(
    client, lead_a, partnership_a, framework, workforce, council_a
):
    published = make_round(partnership_a, framework, status=AssessmentStatus.PUBLISHED)
    agreed = make_agreed(published, workforce, 2)
    action = make_action(published, workforce, council_a)
    client.force_login(lead_a)
    refused = client.post(
        url("element", published, code=workforce.code),
        {"level": level(framework, 4).pk, "rationale": "Later view", "version": 1},
    )
    assert refused.status_code == 409
    one_page = client.post(
        url("agree-all", published),
        {
            f"e{workforce.pk}-level": "4",
            f"e{workforce.pk}-rationale": "Later view",
            f"e{workforce.pk}-version": "1",
        },
    )
    assert one_page.status_code == 409
    data = action_data(council_a, status="done", version=1)
    assert client.post(url("action-edit", published, action=action.pk), data).status_code == 302
    agreed.refresh_from_db()
    action.refresh_from_db()
    assert (agreed.level.value, agreed.rationale, agreed.version) == (
        2,
        "Most partners rated it here",
        1,
    )
    assert action.status == ActionStatus.DONE
    assert not Change.objects.filter(subject="agreed rating").exists()


def test_an_empty_action_on_a_published_round_names_the_missing_fields(
    client, lead_a, partnership_a, framework, workforce, council_a
):
    published = make_round(partnership_a, framework, status=AssessmentStatus.PUBLISHED)
    action = make_action(published, workforce, council_a)
    client.force_login(lead_a)
    response = client.post(url("action-edit", published, action=action.pk), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter action" in page and 'href="#id_title"' in page
    action.refresh_from_db()
    assert (action.status, action.version) == ("not-started", 1)


def test_the_action_form_posts_back_to_its_own_page(
    client, lead_a, closed_round, workforce, council_a
):
    """The edit page has the Action in its context: the form must not post to its title."""
    action = make_action(closed_round, workforce, council_a)
    client.force_login(lead_a)
    page = client.get(url("action-edit", closed_round, action=action.pk)).content.decode()
    form_tag = page[page.index('<form method="post" novalidate') :].split(">", 1)[0]
    assert "action=" not in form_tag
