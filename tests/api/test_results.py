"""Published results as JSON: published rounds only, agreed and aggregate only."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import AssessmentStatus, Framework, StatusChange
from tests.api.conftest import bearer, issue, publish
from tests.assessments.factories import make_action, make_agreed, make_response, make_round


@pytest.fixture
def framework(db, settings):
    call_command("load_taxonomies", verbosity=0)
    path = settings.BASE_DIR / "fixtures" / "frameworks" / "maternity-early-years-1.0.json"
    call_command("load_frameworks", path, verbosity=0)
    return Framework.objects.get(code="maternity-early-years")


@pytest.fixture
def rounds(framework, partnership_a, lead_a, contributor_a, council_a):
    element, second = framework.elements.order_by("dimension__order", "order")[:2]
    published = make_round(partnership_a, framework, name="Baseline 2027", by=lead_a)
    make_response(published, element, contributor_a, 2, evidence="Only my own view, SECRET-EV")
    make_agreed(
        published,
        element,
        3,
        target_level=framework.scale.levels.get(value=4),
        target_date="2028-03-31",
        dissent="SECRET-DISSENT",
    )
    make_action(published, element, council_a, title="Map the perinatal pathway")
    published.status = AssessmentStatus.PUBLISHED
    published.save(update_fields=["status"])
    StatusChange.objects.create(
        assessment=published, from_status="agreed", to_status="published", by=lead_a
    )
    agreed = make_round(partnership_a, framework, name="Review 2028 SECRET-ROUND", by=lead_a)
    make_agreed(agreed, second, 4)
    agreed.status = AssessmentStatus.AGREED
    agreed.save(update_fields=["status"])
    return published, element


def get_results(client, partnership, token):
    return client.get(reverse("api:results", args=[partnership.slug]), **bearer(token))


def test_results_hold_published_rounds_only(client, partnership_a, rounds):
    published, element = rounds
    publish(partnership_a, oruk="off", results=True)
    response = get_results(client, partnership_a, issue(partnership_a))
    assert response.status_code == 200
    document = response.json()
    assert document["version"] == "1"
    assert [r["name"] for r in document["rounds"]] == ["Baseline 2027"]
    only = document["rounds"][0]
    assert only["framework"]["code"] == "maternity-early-years"
    assert only["published"] is not None
    assert only["elements"] == [
        {
            "code": element.code,
            "title": element.title,
            "dimension": element.dimension.code,
            "agreed_level": {
                "value": 3,
                "label": published.framework.scale.levels.get(value=3).label,
            },
            "target_level": {
                "value": 4,
                "label": published.framework.scale.levels.get(value=4).label,
            },
            "target_date": "2028-03-31",
        }
    ]
    assert [a["title"] for a in only["actions"]] == ["Map the perinatal pathway"]
    assert only["actions"][0]["owner_organisation"] == "Ashworth Council"


def test_results_name_no_rater_and_hold_no_individual_rating(
    client, partnership_a, rounds, contributor_a, lead_a
):
    publish(partnership_a, oruk="off", results=True)
    text = get_results(client, partnership_a, issue(partnership_a)).content.decode()
    for secret in [
        "SECRET-EV",
        "SECRET-DISSENT",
        "SECRET-ROUND",
        "Priya Shah",  # the action owner's name
        contributor_a.email,
        contributor_a.full_name,
        lead_a.full_name,
        "respondent",
    ]:
        assert secret not in text
    levels = [e["agreed_level"]["value"] for r in json.loads(text)["rounds"] for e in r["elements"]]
    assert levels == [3]  # the agreed level, never the contributor's 2


def test_results_are_scoped_to_the_tokens_partnership(client, partnership_a, partnership_b, rounds):
    publish(partnership_a, oruk="off", results=True)
    publish(partnership_b, oruk="off", results=True)
    theirs = issue(partnership_b)
    assert get_results(client, partnership_a, theirs).status_code == 404
    assert get_results(client, partnership_b, theirs).json()["rounds"] == []
