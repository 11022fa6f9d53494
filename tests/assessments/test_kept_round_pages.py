"""The workshop and results of a settled round are drawn once per data version and kept: the
next request after any change to what they show draws afresh, and nobody is shown what was
drawn for another role, language, address or round."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import AgreedRating, AssessmentStatus, Response
from partnership.models import Partnership
from tests.assessments.factories import level, make_agreed, make_response, make_round
from tests.assessments.posting import round_url as url


@pytest.fixture
def strategy(framework):
    return framework.elements.get(code="plan-strategy")


@pytest.fixture
def rated(closed_round, strategy, lead_a, contributor_a):
    make_response(closed_round, strategy, lead_a, 4, evidence="A signed strategy")
    make_response(closed_round, strategy, contributor_a, 1, evidence="Not seen on the ground")
    return closed_round


def queries(client, address) -> tuple[int, str]:
    """The queries a page took, and the page with its one-time CSRF token left out."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured), re.sub(r'value="[^"]{64}"', "", response.content.decode())


def test_a_settled_rounds_workshop_is_drawn_once_and_then_kept(client, lead_a, rated):
    client.force_login(lead_a)
    client.get(url("workshop", rated))  # the framework's structure is read once per process
    # Any change to the round's ratings moves its data version on: drawn afresh below.
    Response.objects.filter(assessment=rated, respondent=lead_a).update(evidence="Reread")
    drawn, first = queries(client, url("workshop", rated))
    kept, again = queries(client, url("workshop", rated))
    assert kept < drawn
    assert again == first
    assert "ratings span 4 levels (1 to 4)" in again


def test_a_changed_rating_shows_in_the_next_workshop(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    assert "ratings span 4 levels (1 to 4)" in client.get(url("workshop", rated)).content.decode()
    Response.objects.filter(assessment=rated, respondent=lead_a).update(
        level=level(rated.framework, 2)
    )
    page = client.get(url("workshop", rated)).content.decode()
    assert "ratings span 4 levels" not in page
    assert "1 to 2" in page


def test_an_agreed_rating_shows_in_the_next_workshop_and_results(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    unagreed = client.get(url("workshop", rated)).content.decode().count("Not agreed yet")
    client.get(url("results", rated))
    make_agreed(rated, strategy, 3, rationale="Signed but not yet lived")
    page = client.get(url("workshop", rated)).content.decode()
    assert page.count("Not agreed yet") == unagreed - 1
    assert "Signed but not yet lived" in client.get(url("results", rated)).content.decode()
    AgreedRating.objects.filter(assessment=rated).update(rationale="Agreed again in March")
    results = client.get(url("results", rated)).content.decode()
    assert "Agreed again in March" in results and "Signed but not yet lived" not in results


def test_closing_an_open_round_opens_its_workshop_at_once(client, lead_a, open_round, strategy):
    make_response(open_round, strategy, lead_a, 4)
    client.force_login(lead_a)
    assert "The workshop opens when the round closes" in (
        client.get(url("workshop", open_round)).content.decode()
    )
    open_round.status = AssessmentStatus.CLOSED
    open_round.save()
    page = client.get(url("workshop", open_round)).content.decode()
    assert "The workshop opens when the round closes" not in page
    assert strategy.title in page


def test_an_open_rounds_workshop_is_never_kept(client, lead_a, open_round):
    client.force_login(lead_a)
    client.get(url("workshop", open_round))  # the framework's structure is read once
    first, _ = queries(client, url("workshop", open_round))
    second, _ = queries(client, url("workshop", open_round))
    assert second == first


def test_a_viewer_is_not_shown_what_was_drawn_for_a_lead(client, lead_a, viewer_a, rated, strategy):
    make_agreed(rated, strategy, 3)
    rated.status = AssessmentStatus.PUBLISHED
    rated.save()
    element_link = url("element", rated, code=strategy.code)
    client.force_login(lead_a)
    assert element_link in client.get(url("results", rated)).content.decode()
    client.force_login(viewer_a)
    page = client.get(url("results", rated)).content.decode()
    assert strategy.title in page
    assert element_link not in page


def test_welsh_is_not_shown_what_was_drawn_in_english(client, lead_a, rated, strategy):
    make_agreed(rated, strategy, 3)
    client.force_login(lead_a)
    assert "Agreed ratings and targets" in client.get(url("results", rated)).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = client.get(url("results", rated)).content.decode()
    assert "Sgorau y cytunwyd arnynt a thargedau" in page
    assert "Agreed ratings and targets" not in page


def test_another_round_is_drawn_for_itself(client, lead_a, rated, framework, partnership_a):
    client.force_login(lead_a)
    client.get(url("workshop", rated))
    other = make_round(
        partnership_a, framework, status=AssessmentStatus.CLOSED, name="Spring review"
    )
    page = client.get(url("workshop", other)).content.decode()
    assert "Spring review" in page
    assert "ratings span 4 levels" not in page


def test_a_partnership_at_a_new_address_is_linked_there(client, lead_a, rated):
    client.force_login(lead_a)
    old = f"/partnerships/{rated.partnership.slug}/"
    assert old in client.get(url("workshop", rated)).content.decode()
    Partnership.objects.filter(pk=rated.partnership_id).update(slug="ashworth-renamed")
    rated.refresh_from_db()
    page = client.get(url("workshop", rated)).content.decode()
    assert "/partnerships/ashworth-renamed/" in page
    assert old not in page
