"""Rating a round: one page per dimension, only changed elements saved, stale saves refused."""

import pytest

from assessments import services
from assessments.models import AssessmentStatus, Change, OutOfScope, Response
from tests.assessments.factories import level, make_response, make_round
from tests.assessments.posting import answer, rate_url, unchanged


@pytest.fixture
def plan(framework):
    return list(framework.elements.filter(dimension__code="plan"))


def test_the_page_shows_each_element_with_its_descriptors_as_hints(
    client, contributor_a, open_round, plan
):
    client.force_login(contributor_a)
    response = client.get(rate_url(open_round))
    page = response.content.decode()
    assert response.status_code == 200
    for element in plan:
        assert element.title in page
        descriptor = element.descriptors.get(level__value=3).text
        assert descriptor.replace("'", "&#x27;") in page or descriptor in page
    assert "0 of 10 rated" in page
    assert "Don’t know" in page
    assert "Not applicable" not in page  # this scale does not allow it


def test_a_contributor_saves_a_rating_with_evidence(client, contributor_a, open_round, plan):
    client.force_login(contributor_a)
    data = answer(plan[0], "3", "Joint plan signed in May", "https://a.example/plan", "evidenced")
    response = client.post(rate_url(open_round), data)
    assert response.status_code == 302
    row = Response.objects.get()
    assert (row.element, row.level.value, row.evidence, row.strength) == (
        plan[0],
        3,
        "Joint plan signed in May",
        "evidenced",
    )
    assert row.respondent == contributor_a
    assert row.organisation.name == "Ashworth Health Visiting"
    assert row.sector == "health-visiting"
    assert row.version == 1
    # Plan still has elements to rate, but saving moves on to the next dimension, Lead.
    assert response["Location"] == rate_url(open_round, "lead")
    page = client.get(response["Location"]).content.decode()
    assert "Saved 1 answer for Plan" in page
    assert "1 of 10 rated" in page


def test_the_progress_line_counts_answers_across_the_round_and_shows_this_dimensions(
    client, contributor_a, open_round, plan, framework
):
    lead_element = framework.elements.filter(dimension__code="lead").first()
    make_response(open_round, plan[0], contributor_a, 4)
    make_response(open_round, lead_element, contributor_a, 2)
    make_response(open_round, plan[1], contributor_a, None, evidence="Notes so far")  # not rated
    client.force_login(contributor_a)
    page = client.get(rate_url(open_round)).content.decode()
    assert "2 of 10 rated" in page
    assert f'name="e{plan[0].pk}-level" type="radio" value="4" checked' in page
    assert "Notes so far" in page


def test_only_changed_elements_are_saved(client, contributor_a, open_round, plan):
    first = make_response(open_round, plan[0], contributor_a, 2)
    client.force_login(contributor_a)
    # The page was opened showing rating 2 for the first element; meanwhile another window
    # changed it to 4. Saving the page with a change to the second element only must not put
    # the 2 back.
    Response.objects.filter(pk=first.pk).update(
        level=first.level.scale.levels.get(value=4), version=2
    )
    data = {**unchanged(plan[0], shown=first), **answer(plan[1], "1")}
    response = client.post(rate_url(open_round), data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.level.value, first.version) == (4, 2)
    assert Response.objects.get(element=plan[1]).level.value == 1


def test_nothing_changed_saves_nothing(client, contributor_a, open_round, plan):
    client.force_login(contributor_a)
    response = client.post(rate_url(open_round), {**unchanged(plan[0]), **unchanged(plan[1])})
    assert response.status_code == 302
    assert not Response.objects.exists()
    assert "You had not changed anything" in client.get(response["Location"]).content.decode()


def test_a_stale_save_shows_both_answers_and_lets_the_person_choose(
    client, contributor_a, open_round, plan
):
    shown = make_response(open_round, plan[0], contributor_a, 2, evidence="First window")
    Response.objects.filter(pk=shown.pk).update(
        level=shown.level.scale.levels.get(value=5), evidence="Second window", version=2
    )
    client.force_login(contributor_a)
    response = client.post(
        rate_url(open_round),
        {**answer(plan[0], "1", "Mine", shown=shown), **answer(plan[1], "3")},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "was changed by someone else after you opened this page" in page
    assert "Second window" in page and "Mine" in page
    assert "5: Mature" in page
    assert "Your other 1 change was saved" in page
    row = Response.objects.get(element=plan[0])
    assert (row.level.value, row.evidence, row.version) == (5, "Second window", 2)
    assert Response.objects.get(element=plan[1]).level.value == 3

    # Saving again from the conflict page keeps the person's own answer.
    current = Response.objects.get(element=plan[0])
    keep_mine = answer(plan[0], "1", "Mine", shown=current)
    response = client.post(rate_url(open_round), keep_mine)
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.level.value, row.evidence, row.version) == (1, "Mine", 3)


def test_choosing_the_saved_answer_leaves_it(client, contributor_a, open_round, plan):
    saved = make_response(open_round, plan[0], contributor_a, 5, evidence="Theirs", version=2)
    client.force_login(contributor_a)
    data = answer(plan[0], "1", "Mine", shown=saved)
    data[f"e{plan[0].pk}-use_saved"] = "on"
    response = client.post(rate_url(open_round), data)
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.level.value, saved.evidence, saved.version) == (5, "Theirs", 2)


def test_a_rating_outside_the_scale_is_refused(client, contributor_a, open_round, plan):
    client.force_login(contributor_a)
    response = client.post(rate_url(open_round), answer(plan[0], "9"))
    assert response.status_code == 200
    assert f"Select a rating on the scale for {plan[0].title}" in response.content.decode()
    assert not Response.objects.exists()


def test_not_applicable_is_refused_where_the_scale_does_not_allow_it(
    client, contributor_a, open_round, plan
):
    client.force_login(contributor_a)
    response = client.post(rate_url(open_round), answer(plan[0], "na"))
    assert f"Select a rating on the scale for {plan[0].title}" in response.content.decode()
    assert not Response.objects.exists()


def test_not_applicable_is_saved_where_the_scale_allows_it(
    client, contributor_a, partnership_a, frameworks
):
    perinatal = frameworks.get(code="perinatal-pathway")
    assessment = make_round(partnership_a, perinatal)
    dimension = perinatal.dimensions.first()
    element = dimension.elements.first()
    client.force_login(contributor_a)
    page = client.get(rate_url(assessment, dimension.code)).content.decode()
    assert "Not applicable" in page and "0: " in page
    response = client.post(rate_url(assessment, dimension.code), answer(element, "na"))
    assert response.status_code == 302
    row = Response.objects.get()
    assert row.not_applicable and row.level is None


def test_evidence_without_a_rating_asks_for_the_rating(client, contributor_a, open_round, plan):
    client.force_login(contributor_a)
    response = client.post(rate_url(open_round), answer(plan[0], "", "Some evidence"))
    assert f"Select a rating for {plan[0].title}" in response.content.decode()
    assert not Response.objects.exists()


def test_evidence_over_ten_thousand_characters_is_refused_and_nothing_saved(
    client, contributor_a, open_round, plan
):
    client.force_login(contributor_a)
    data = {**answer(plan[0], "2", "x" * 100_000), **answer(plan[1], "3")}
    response = client.post(rate_url(open_round), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Evidence for {plan[0].title} must be 10,000 characters or fewer" in page
    assert not Response.objects.exists()


def test_an_out_of_scope_element_cannot_be_rated(client, contributor_a, open_round, plan):
    OutOfScope.objects.create(assessment=open_round, element=plan[0], reason="Regional")
    client.force_login(contributor_a)
    page = client.get(rate_url(open_round)).content.decode()
    assert "Out of scope for this round: Regional" in page
    assert "0 of 9 rated" in page
    response = client.post(rate_url(open_round), {**answer(plan[0], "3"), **answer(plan[1], "3")})
    assert f"{plan[0].title} is out of scope for this round" in response.content.decode()
    assert not Response.objects.exists()


def test_the_service_refuses_an_out_of_scope_answer_and_saves_none(contributor_a, open_round, plan):
    """The check under the round's lock, whatever page or script calls the service."""
    OutOfScope.objects.create(assessment=open_round, element=plan[0], reason="Regional")
    membership = contributor_a.memberships.get(partnership=open_round.partnership)
    rated = level(open_round.framework, 3)
    answers = [services.Answer(element=e, version=0, level=rated) for e in plan[:2]]
    with pytest.raises(services.RoundStateError, match=f"{plan[0].title} is out of scope"):
        services.save_answers(assessment=open_round, membership=membership, answers=answers)
    assert not Response.objects.exists()
    stale = services.save_answers(assessment=open_round, membership=membership, answers=answers[1:])
    assert stale == []
    assert Response.objects.get().element == plan[1]


@pytest.mark.parametrize("status", ["closed", "agreed", "published"])
def test_nothing_is_saved_once_the_round_closes(
    client, contributor_a, partnership_a, framework, status
):
    assessment = make_round(partnership_a, framework, status=status)
    element = framework.elements.get(code="plan-strategy")
    client.force_login(contributor_a)
    page = client.get(rate_url(assessment)).content.decode()
    assert "ratings cannot be changed" in page
    assert "Save Plan" not in page
    response = client.post(rate_url(assessment), answer(element, "3"))
    assert response.status_code == 409
    assert "This round is not open for ratings, so nothing was saved" in response.content.decode()
    assert not Response.objects.exists()


def test_a_round_closed_between_page_and_save_saves_nothing(
    client, contributor_a, open_round, plan
):
    client.force_login(contributor_a)
    client.get(rate_url(open_round))
    open_round.status = AssessmentStatus.CLOSED
    open_round.save()
    response = client.post(rate_url(open_round), answer(plan[0], "3"))
    assert response.status_code == 409
    assert not Response.objects.exists()


def test_every_change_to_a_response_is_kept(client, contributor_a, open_round, plan):
    client.force_login(contributor_a)
    client.post(rate_url(open_round), answer(plan[0], "2", "First"))
    row = Response.objects.get()
    client.post(rate_url(open_round), answer(plan[0], "4", "First", shown=row))
    changes = Change.objects.filter(subject="response", field="rating").order_by("at", "pk")
    assert [(c.old, c.new) for c in changes] == [("", "2: Early"), ("2: Early", "4: Maturing")]
    assert all(c.by == contributor_a and c.by_sector == "health-visiting" for c in changes)


def test_an_unknown_dimension_is_not_found(client, contributor_a, open_round):
    client.force_login(contributor_a)
    assert client.get(rate_url(open_round, "nonsense")).status_code == 404


def test_user_text_is_escaped(client, contributor_a, open_round, plan):
    client.force_login(contributor_a)
    client.post(rate_url(open_round), answer(plan[0], "2", "<script>alert(1)</script>"))
    page = client.get(rate_url(open_round)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_conflict_alone_is_announced_at_the_top_of_the_page(
    client, contributor_a, open_round, plan
):
    shown = make_response(open_round, plan[0], contributor_a, 2)
    Response.objects.filter(pk=shown.pk).update(version=2)
    client.force_login(contributor_a)
    response = client.post(rate_url(open_round), answer(plan[0], "1", shown=shown))
    page = response.content.decode()
    assert response.status_code == 409
    assert "There is a problem" in page
    assert f"{plan[0].title} was changed by someone else after you opened this page" in page


@pytest.mark.parametrize(
    "persona,status", [("commissioner", 403), ("admin", 403), ("viewer_a", 403), ("outsider", 404)]
)
def test_only_members_who_contribute_can_save_ratings(
    client, personas, open_round, plan, persona, status
):
    client.force_login(personas[persona])
    response = client.post(rate_url(open_round), answer(plan[0], "3"))
    assert response.status_code == status
    assert not Response.objects.exists()


def test_a_refused_save_on_a_closed_round_shows_what_was_saved(
    client, contributor_a, closed_round, plan
):
    saved = make_response(closed_round, plan[0], contributor_a, 2)
    client.force_login(contributor_a)
    response = client.post(rate_url(closed_round), answer(plan[0], "5", shown=saved))
    page = response.content.decode()
    assert response.status_code == 409
    assert "2: Early" in page and "5: Mature" not in page
    saved.refresh_from_db()
    assert saved.level.value == 2
