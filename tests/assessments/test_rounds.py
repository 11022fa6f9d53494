"""A lead opens a round, sets its scope and moves it on, each move confirmed and recorded."""

import datetime

from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus, OutOfScope, StatusChange
from tests.assessments.factories import make_agreed, make_response, make_round
from tests.assessments.posting import round_url as url


def future(days=30):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_lead_opens_a_draft_round(client, lead_a, partnership_a, framework):
    client.force_login(lead_a)
    response = client.post(
        reverse("assessments:round-new", args=[partnership_a.slug]),
        {
            "framework": framework.pk,
            "name": "Baseline, spring 2027",
            "closing_date": future(),
            "anonymous": "1",
        },
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("round-scope", assessment)
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.anonymous
    assert assessment.created_by == lead_a
    assert StatusChange.objects.get().to_status == AssessmentStatus.DRAFT


def test_opening_a_round_needs_every_answer(client, lead_a, partnership_a, frameworks):
    client.force_login(lead_a)
    response = client.post(reverse("assessments:round-new", args=[partnership_a.slug]), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select framework" in page
    assert "Enter round name" in page
    assert "Select whether ratings are named or anonymous" in page
    assert not Assessment.objects.exists()


def test_the_closing_date_cannot_be_in_the_past(client, lead_a, partnership_a, framework):
    client.force_login(lead_a)
    response = client.post(
        reverse("assessments:round-new", args=[partnership_a.slug]),
        {"framework": framework.pk, "name": "Late", "closing_date": future(-1), "anonymous": "0"},
    )
    assert "The closing date must be today or in the future" in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_lead_leaves_an_element_out_of_scope_with_a_reason(
    client, lead_a, partnership_a, framework
):
    draft = make_round(partnership_a, framework, status=AssessmentStatus.DRAFT)
    element = framework.elements.get(code="plan-workforce")
    client.force_login(lead_a)
    response = client.post(
        url("round-scope", draft), {"element": element.pk, "reason": "Assessed by the region"}
    )
    assert response.status_code == 302
    assert OutOfScope.objects.get(assessment=draft).reason == "Assessed by the region"
    page = client.get(url("round", draft)).content.decode()
    assert "Elements in scope" in page and ">9 " in page.replace("</dd>", " ")

    response = client.post(url("scope-remove", draft, code=element.code))
    assert response.status_code == 302
    assert not OutOfScope.objects.exists()


def test_scope_is_fixed_once_the_round_opens(client, lead_a, open_round, framework):
    element = framework.elements.first()
    client.force_login(lead_a)
    response = client.post(url("round-scope", open_round), {"element": element.pk, "reason": "x"})
    assert response.status_code == 302
    assert not OutOfScope.objects.exists()
    follow = client.get(response["Location"]).content.decode()
    assert "You can only change the scope of a draft round" in follow


def test_a_move_is_confirmed_then_recorded(client, lead_a, partnership_a, framework):
    draft = make_round(partnership_a, framework, status=AssessmentStatus.DRAFT)
    client.force_login(lead_a)
    confirm = client.get(url("round-move", draft, to="open"))
    assert confirm.status_code == 200
    assert "Open the round for ratings?" in confirm.content.decode()
    draft.refresh_from_db()
    assert draft.status == AssessmentStatus.DRAFT  # a GET changes nothing

    response = client.post(url("round-move", draft, to="open"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == AssessmentStatus.OPEN
    change = StatusChange.objects.get(assessment=draft)
    assert (change.from_status, change.to_status, change.by) == ("draft", "open", lead_a)


def test_a_round_cannot_skip_a_step(client, lead_a, open_round):
    client.force_login(lead_a)
    response = client.post(url("round-move", open_round, to="published"))
    assert response.status_code == 409
    assert "The round is open and cannot move to published" in response.content.decode()
    open_round.refresh_from_db()
    assert open_round.status == AssessmentStatus.OPEN


def test_agreeing_needs_an_agreed_rating_for_every_element_in_scope(
    client, lead_a, closed_round, framework
):
    client.force_login(lead_a)
    response = client.post(url("round-move", closed_round, to="agreed"))
    assert response.status_code == 409
    assert "Agree a rating for every element in scope first" in response.content.decode()
    closed_round.refresh_from_db()
    assert closed_round.status == AssessmentStatus.CLOSED

    for element in framework.elements.all():
        make_agreed(closed_round, element)
    response = client.post(url("round-move", closed_round, to="agreed"))
    assert response.status_code == 302
    closed_round.refresh_from_db()
    assert closed_round.status == AssessmentStatus.AGREED


def test_an_unknown_status_is_not_found(client, lead_a, open_round):
    client.force_login(lead_a)
    assert client.get(url("round-move", open_round, to="deleted")).status_code == 404


def test_the_round_list_shows_each_role_what_it_may_see(
    client, lead_a, contributor_a, viewer_a, partnership_a, framework
):
    make_round(partnership_a, framework, status=AssessmentStatus.DRAFT, name="Draft round")
    make_round(partnership_a, framework, status=AssessmentStatus.OPEN, name="Open round")
    make_round(partnership_a, framework, status=AssessmentStatus.PUBLISHED, name="Published round")
    listing = reverse("assessments:rounds", args=[partnership_a.slug])
    seen = {}
    for user in (lead_a, contributor_a, viewer_a):
        client.force_login(user)
        page = client.get(listing).content.decode()
        seen[user.email] = {n for n in ("Draft", "Open", "Published") if f"{n} round" in page}
    assert seen[lead_a.email] == {"Draft", "Open", "Published"}
    assert seen[contributor_a.email] == {"Open", "Published"}
    assert seen[viewer_a.email] == {"Published"}


def test_the_overview_links_to_assessments(client, viewer_a, partnership_a):
    client.force_login(viewer_a)
    page = client.get(partnership_a.get_absolute_url()).content.decode()
    assert reverse("assessments:rounds", args=[partnership_a.slug]) in page


def test_the_round_page_shows_progress_by_dimension(client, contributor_a, open_round, framework):
    for element in framework.elements.filter(dimension__code="plan")[:2]:
        make_response(open_round, element, contributor_a, 3)
    client.force_login(contributor_a)
    page = client.get(url("round", open_round)).content.decode()
    assert "You have rated 2 of 10 elements" in page
    assert 'Rate Plan</a> <span class="govuk-body-s">(2 of 3 rated)' in page
    assert "(0 of 1 rated)" in page  # Evaluate has one element


def test_a_too_long_round_name_is_refused_not_cut_off(client, lead_a, partnership_a, framework):
    client.force_login(lead_a)
    response = client.post(
        reverse("assessments:round-new", args=[partnership_a.slug]),
        {
            "framework": framework.pk,
            "name": "A" * 3_000,
            "closing_date": future(),
            "anonymous": "0",
        },
    )
    page = response.content.decode()
    assert "Round name must be 200 characters or fewer" in page
    assert 'data-maxlength="200"' in page
    assert not Assessment.objects.exists()
