"""Saving a dimension moves on to the next one with something left to rate, in the round's order.

Maternity and early years 1.0 has four dimensions in this order: Plan (3 elements), Lead (2),
Deliver (4) and Evaluate (1).
"""

from assessments.models import OutOfScope, Response
from tests.assessments.factories import make_response
from tests.assessments.posting import answer, rate_url, round_url


def rate_all(assessment, user, *dimensions):
    for element in assessment.framework.elements.filter(dimension__code__in=dimensions):
        make_response(assessment, element, user, 3)


def save(client, assessment, dimension, how_many=None):
    """Posts a rating of 2 for the dimension's elements (the first `how_many`)."""
    elements = list(assessment.framework.elements.filter(dimension__code=dimension))
    data = {}
    for element in elements[:how_many]:
        data.update(answer(element, "2"))
    return client.post(rate_url(assessment, dimension), data)


def test_saving_skips_dimensions_already_rated(client, contributor_a, open_round):
    rate_all(open_round, contributor_a, "lead")
    client.force_login(contributor_a)
    response = save(client, open_round, "plan")
    assert response["Location"] == rate_url(open_round, "deliver")
    page = client.get(response["Location"]).content.decode()
    assert "Saved 3 answers for Plan" in page
    assert "5 of 10 rated" in page


def test_saving_the_last_dimension_goes_back_to_the_first_left_to_rate(
    client, contributor_a, open_round
):
    rate_all(open_round, contributor_a, "lead", "deliver")
    client.force_login(contributor_a)
    response = save(client, open_round, "evaluate")
    assert response["Location"] == rate_url(open_round, "plan")


def test_a_dimension_left_half_done_comes_back_when_nothing_else_is_left(
    client, contributor_a, open_round
):
    rate_all(open_round, contributor_a, "lead", "deliver", "evaluate")
    client.force_login(contributor_a)
    response = save(client, open_round, "plan", how_many=1)
    assert response["Location"] == rate_url(open_round, "plan")
    assert "8 of 10 rated" in client.get(response["Location"]).content.decode()


def test_rating_everything_leads_to_the_round_page_to_review(client, contributor_a, open_round):
    rate_all(open_round, contributor_a, "plan", "lead", "deliver")
    client.force_login(contributor_a)
    response = save(client, open_round, "evaluate")
    assert response["Location"] == round_url("round", open_round)
    page = client.get(response["Location"]).content.decode()
    assert "Saved 1 answer for Evaluate. You have rated every element in scope" in page
    assert "You have rated 10 of 10 elements" in page
    assert rate_url(open_round, "plan") in page  # each dimension can be reviewed from here


def test_out_of_scope_elements_are_not_left_to_rate(client, contributor_a, open_round):
    evaluate = open_round.framework.elements.get(dimension__code="evaluate")
    OutOfScope.objects.create(assessment=open_round, element=evaluate, reason="Regional")
    rate_all(open_round, contributor_a, "lead", "deliver")
    client.force_login(contributor_a)
    response = save(client, open_round, "plan")
    assert response["Location"] == round_url("round", open_round)


def test_dont_know_counts_as_rated(client, contributor_a, open_round):
    for element in open_round.framework.elements.exclude(dimension__code="plan"):
        make_response(open_round, element, contributor_a, None, dont_know=True)
    client.force_login(contributor_a)
    response = save(client, open_round, "plan")
    assert response["Location"] == round_url("round", open_round)


def test_someone_elses_ratings_do_not_count_as_mine(client, lead_a, contributor_a, open_round):
    rate_all(open_round, lead_a, "lead", "deliver", "evaluate")
    client.force_login(contributor_a)
    response = save(client, open_round, "plan")
    assert response["Location"] == rate_url(open_round, "lead")


def test_saving_nothing_new_stays_on_the_page(client, contributor_a, open_round):
    client.force_login(contributor_a)
    response = client.post(rate_url(open_round, "lead"), {})
    assert response["Location"] == rate_url(open_round, "lead")
    assert not Response.objects.exists()
    assert "You had not changed anything" in client.get(response["Location"]).content.decode()
