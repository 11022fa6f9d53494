"""The demo gives the workshop and compare pages something real to show."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Action, Assessment, AssessmentStatus, Response
from partnership.models import User


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=None)
    return {a.name: a for a in Assessment.objects.filter(partnership__slug="ashworth")}


def url(name, assessment, **kwargs):
    return reverse(
        f"assessments:{name}", kwargs={"slug": "ashworth", "pk": assessment.pk, **kwargs}
    )


def test_it_makes_a_published_baseline_and_an_open_follow_up(demo):
    baseline, follow_up = demo["Baseline, spring 2026"], demo["Review, spring 2027"]
    assert baseline.status == AssessmentStatus.PUBLISHED
    assert follow_up.status == AssessmentStatus.OPEN
    sectors = set(Response.objects.filter(assessment=baseline).values_list("sector", flat=True))
    assert len(sectors) >= 4
    assert baseline.agreed_ratings.count() == 10
    assert baseline.agreed_ratings.exclude(target_level=None).count() == 10
    assert Action.objects.filter(assessment=baseline).count() == 3
    assert not Response.objects.filter(
        assessment=follow_up, respondent__email="contributor@ashworth.example"
    ).exists()


def test_the_demo_pages_show_spread_comparison_and_carried_actions(client, demo):
    baseline, follow_up = demo["Baseline, spring 2026"], demo["Review, spring 2027"]
    client.force_login(User.objects.get(email="lead@ashworth.example"))
    workshop = client.get(url("workshop", baseline)).content.decode()
    assert "Sectors disagree" in workshop
    actions = client.get(url("actions", follow_up)).content.decode()
    assert "Carried from Baseline, spring 2026" in actions
    assert "Infant mental health training" not in actions  # done, so not carried
    client.force_login(User.objects.get(email="viewer@ashworth.example"))
    compare = client.get(url("compare", baseline))
    assert compare.status_code == 200


def test_a_demo_contributor_can_rate_the_open_round(client, demo):
    follow_up = demo["Review, spring 2027"]
    client.force_login(User.objects.get(email="contributor@ashworth.example"))
    page = client.get(url("rate", follow_up, dimension="plan"))
    assert page.status_code == 200
    assert "0 of 10 rated" in page.content.decode()
