"""The demo gives the workshop and compare pages something real to show."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments.models import Action, Assessment, AssessmentStatus, Response
from partnership.models import User


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=None)
    rounds = Assessment.objects.filter(partnership__slug="ashworth")
    return {
        "baseline": rounds.get(status=AssessmentStatus.PUBLISHED),
        "follow_up": rounds.get(status=AssessmentStatus.OPEN),
    }


def url(name, assessment, **kwargs):
    return reverse(
        f"assessments:{name}", kwargs={"slug": "ashworth", "pk": assessment.pk, **kwargs}
    )


def test_it_makes_a_published_baseline_and_an_open_follow_up(demo):
    baseline, follow_up = demo["baseline"], demo["follow_up"]
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
    baseline, follow_up = demo["baseline"], demo["follow_up"]
    client.force_login(User.objects.get(email="lead@ashworth.example"))
    workshop = client.get(url("workshop", baseline)).content.decode()
    assert "Sectors disagree" in workshop
    actions = client.get(url("actions", follow_up)).content.decode()
    assert f"Carried from {baseline.name}" in actions
    assert "Infant mental health training" not in actions  # done, so not carried
    client.force_login(User.objects.get(email="viewer@ashworth.example"))
    compare = client.get(url("compare", baseline))
    assert compare.status_code == 200


def test_a_demo_contributor_can_rate_the_open_round(client, demo):
    follow_up = demo["follow_up"]
    client.force_login(User.objects.get(email="contributor@ashworth.example"))
    page = client.get(url("rate", follow_up, dimension="plan"))
    assert page.status_code == 200
    assert "0 of 10 rated" in page.content.decode()


def test_the_demo_dates_make_sense_against_the_day_it_is_seeded(demo):
    today = timezone.localdate()
    baseline, follow_up = demo["baseline"], demo["follow_up"]
    assert follow_up.closing_date > today
    assert follow_up.created.date() < today
    assert baseline.closing_date < follow_up.created.date()
    moves = list(baseline.status_changes.values_list("to_status", "at"))
    assert [status for status, _ in moves] == ["draft", "open", "closed", "agreed", "published"]
    assert all(at.date() < today for _, at in moves)
    assert [at for _, at in moves] == sorted(at for _, at in moves)
    assert Response.objects.filter(assessment=baseline, updated__date__gte=today).count() == 0
    # Each round is named after the month it closes.
    for assessment in (baseline, follow_up):
        assert assessment.name.endswith(f"{assessment.closing_date:%B %Y}")
    nest, nest_follow_up = Assessment.objects.filter(partnership__slug="glanmor").order_by(
        "created"
    )
    assert nest.status == AssessmentStatus.PUBLISHED and nest.closing_date < today
    assert nest.name == f"NEST self-review, {nest.closing_date:%B %Y}"
    # Wales has a round to rate too: open, closing in the future, the demo logins' part undone.
    assert nest_follow_up.status == AssessmentStatus.OPEN and nest_follow_up.closing_date > today
    assert nest_follow_up.name == f"NEST follow-up, {nest_follow_up.closing_date:%B %Y}"
    rated = set(nest_follow_up.responses.values_list("respondent__email", flat=True))
    assert rated and not rated & {"lead@glanmor.example", "contributor@glanmor.example"}


def test_seeding_again_keeps_the_rounds_and_reopens_a_lapsed_closing_date(demo):
    follow_up = demo["follow_up"]
    lapsed = timezone.localdate() - datetime.timedelta(days=3)
    Assessment.objects.filter(pk=follow_up.pk).update(closing_date=lapsed)
    responses = Response.objects.count()
    call_command("seed_demo", stdout=None)
    assert Assessment.objects.filter(partnership__slug="ashworth").count() == 2
    assert Response.objects.count() == responses
    follow_up.refresh_from_db()
    assert follow_up.closing_date > timezone.localdate()
    assert follow_up.name == demo["follow_up"].name


def test_seeding_again_leaves_a_round_the_lead_has_closed(demo):
    follow_up = demo["follow_up"]
    lapsed = timezone.localdate() - datetime.timedelta(days=3)
    Assessment.objects.filter(pk=follow_up.pk).update(
        closing_date=lapsed, status=AssessmentStatus.CLOSED
    )
    call_command("seed_demo", stdout=None)
    follow_up.refresh_from_db()
    assert follow_up.closing_date == lapsed
