"""Who may open each assessment page: every URL against every persona."""

import pytest
from django.urls import reverse

from assessments.models import AssessmentStatus
from tests.assessments.factories import make_action, make_round

PERSONAS = ["lead_a", "contributor_a", "viewer_a", "commissioner", "admin", "lead_b", "outsider"]
OUT = {"lead_b": 404, "outsider": 404}
READ = {"lead_a": 200, "contributor_a": 200, "viewer_a": 200, "commissioner": 200, "admin": 200}
CONTRIBUTE = {
    "lead_a": 200,
    "contributor_a": 200,
    "viewer_a": 403,
    "commissioner": 403,
    "admin": 403,
}
LEAD = {"lead_a": 200, "contributor_a": 403, "viewer_a": 403, "commissioner": 403, "admin": 403}
UNPUBLISHED_READ = {  # a closed round: members who rate see it, others wait for publishing
    "lead_a": 200,
    "contributor_a": 200,
    "viewer_a": 403,
    "commissioner": 403,
    "admin": 403,
}

# (url name, which round, extra kwargs, expected by persona)
PAGES = [
    ("rounds", None, {}, READ),
    ("round-new", None, {}, LEAD),
    ("round", "published", {}, READ),
    ("round", "closed", {}, UNPUBLISHED_READ),
    ("round-scope", "closed", {}, LEAD),
    ("round-move", "closed", {"to": "open"}, LEAD),
    ("rate", "open", {"dimension": "plan"}, CONTRIBUTE),
    ("workshop", "closed", {}, LEAD),
    ("element", "closed", {"code": "plan-strategy"}, LEAD),
    ("results", "published", {}, READ),
    ("results", "closed", {}, LEAD),
    ("compare", "published", {}, READ),
    ("compare", "closed", {}, LEAD),
    ("actions", "published", {}, READ),
    ("actions", "closed", {}, UNPUBLISHED_READ),
    ("action-add", "closed", {"code": "plan-strategy"}, LEAD),
    ("action-edit", "closed", {"action": None}, LEAD),
]
POST_ONLY = [
    ("scope-remove", "closed", {"code": "plan-strategy"}),
    ("barrier-add", "closed", {"code": "plan-strategy"}),
]


@pytest.fixture
def rounds(partnership_a, framework, council_a):
    made = {
        status: make_round(partnership_a, framework, status=status, name=f"{status} round")
        for status in ("open", "closed", "published")
    }
    make_action(made["closed"], framework.elements.get(code="plan-strategy"), council_a)
    return made


def build(name, rounds, which, kwargs, partnership):
    kwargs = dict(kwargs)
    if "action" in kwargs:
        kwargs["action"] = rounds[which].actions.get().pk
    if which:
        kwargs["pk"] = rounds[which].pk
    return reverse(f"assessments:{name}", kwargs={"slug": partnership.slug, **kwargs})


@pytest.mark.parametrize("name,which,kwargs,expected", PAGES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_answer_by_role(
    client, personas, partnership_a, rounds, name, which, kwargs, expected, persona
):
    client.force_login(personas[persona])
    response = client.get(build(name, rounds, which, kwargs, partnership_a))
    assert response.status_code == {**OUT, **expected}[persona]


@pytest.mark.parametrize("name,which,kwargs", POST_ONLY)
def test_post_only_views_reject_get(client, lead_a, partnership_a, rounds, name, which, kwargs):
    client.force_login(lead_a)
    assert client.get(build(name, rounds, which, kwargs, partnership_a)).status_code == 405


@pytest.mark.parametrize("name,which,kwargs", POST_ONLY)
@pytest.mark.parametrize("persona", PERSONAS)
def test_post_only_views_answer_by_role(
    client, personas, partnership_a, rounds, name, which, kwargs, persona
):
    client.force_login(personas[persona])
    response = client.post(build(name, rounds, which, kwargs, partnership_a), {"text": "x"})
    expected = {**OUT, **LEAD, "lead_a": 302}[persona]
    assert response.status_code == expected


@pytest.mark.parametrize("name,which,kwargs,expected", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(
    client, partnership_a, rounds, name, which, kwargs, expected
):
    response = client.get(build(name, rounds, which, kwargs, partnership_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_draft_is_hidden_from_everyone_but_leads(
    client, contributor_a, lead_a, partnership_a, framework
):
    draft = make_round(partnership_a, framework, status=AssessmentStatus.DRAFT)
    page = reverse("assessments:round", args=[partnership_a.slug, draft.pk])
    client.force_login(contributor_a)
    assert client.get(page).status_code == 404
    client.force_login(lead_a)
    assert client.get(page).status_code == 200


def test_another_partnerships_round_is_not_found_even_for_its_lead(
    client, lead_b, partnership_a, partnership_b, rounds
):
    client.force_login(lead_b)
    url = reverse("assessments:round", args=[partnership_b.slug, rounds["published"].pk])
    assert client.get(url).status_code == 404
