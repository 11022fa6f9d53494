"""Round progress: every member expected to rate (contributors and leads), finished or not.

A lead sees it on the round page and again, as a warning, before closing the round. In an
anonymous round both give counts of people, never names.
"""

from django.urls import reverse

from assessments.models import AssessmentStatus, OutOfScope
from partnership.models import Role
from tests.assessments.factories import make_response, make_round
from tests.factories import make_member, make_user


def round_page(client, assessment) -> str:
    url = reverse("assessments:round", args=[assessment.partnership.slug, assessment.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def closing_page(client, assessment) -> str:
    slug, pk = assessment.partnership.slug, assessment.pk
    response = client.get(reverse("assessments:round-move", args=[slug, pk, "closed"]))
    assert response.status_code == 200
    return response.content.decode()


def rate(assessment, user, how_many: int, value: int | None = 3, **fields):
    for element in assessment.framework.elements.order_by("pk")[:how_many]:
        make_response(assessment, element, user, value, **fields)


def test_progress_lists_a_member_who_has_rated_nothing(client, lead_a, contributor_a, open_round):
    rate(open_round, lead_a, 10)
    client.force_login(lead_a)
    page = round_page(client, open_round)
    assert "Cara Contributor" in page
    assert "0 of 10" in page
    assert "1 of 2 people have finished" in page


def test_progress_leaves_out_viewers_who_do_not_rate(client, lead_a, viewer_a, open_round):
    client.force_login(lead_a)
    page = round_page(client, open_round)
    assert "Alice Lead" in page.split("Progress")[1]
    assert "Vic Viewer" not in page


def test_progress_counts_not_applicable_and_dont_know_as_rated(
    client, lead_a, contributor_a, open_round
):
    rate(open_round, lead_a, 10)
    rate(open_round, contributor_a, 10, None, dont_know=True)
    client.force_login(lead_a)
    assert "2 of 2 people have finished" in round_page(client, open_round)


def test_an_element_out_of_scope_is_not_needed_to_finish(client, lead_a, open_round):
    last = open_round.framework.elements.order_by("pk").last()
    OutOfScope.objects.create(assessment=open_round, element=last, reason="Done regionally")
    rate(open_round, lead_a, 9)
    client.force_login(lead_a)
    page = round_page(client, open_round)
    assert "9 of 9" in page
    assert "1 of 1 people have finished" in page


def test_closing_warns_by_name_who_has_not_finished(client, lead_a, contributor_a, open_round):
    rate(open_round, lead_a, 10)
    rate(open_round, contributor_a, 3)
    newcomer = make_user("nina@a.example", full_name="Nina Newcomer")
    make_member(open_round.partnership, Role.CONTRIBUTOR, user=newcomer)
    client.force_login(lead_a)
    page = closing_page(client, open_round)
    assert "2 of 3 people have not finished rating" in page
    assert "Cara Contributor (rated 3 of 10)" in page
    assert "Nina Newcomer (rated 0 of 10)" in page
    assert "Alice Lead (rated" not in page


def test_closing_gives_no_warning_when_everyone_has_finished(client, lead_a, open_round):
    rate(open_round, lead_a, 10)
    client.force_login(lead_a)
    assert "have not finished" not in closing_page(client, open_round)


def test_an_anonymous_round_warns_with_counts_only(
    client, lead_a, contributor_a, viewer_a, partnership_a, framework
):
    assessment = make_round(
        partnership_a, framework, status=AssessmentStatus.OPEN, anonymous=True, by=lead_a
    )
    newcomer = make_user("nina@a.example", full_name="Nina Newcomer")
    make_member(partnership_a, Role.CONTRIBUTOR, user=newcomer)
    rate(assessment, lead_a, 10)
    rate(assessment, contributor_a, 3)
    client.force_login(lead_a)
    for page in [closing_page(client, assessment), round_page(client, assessment)]:
        assert "1 of 3 people have finished; 1 has started; 1 has not started" in page
        assert "Cara Contributor" not in page
        assert "Nina Newcomer" not in page
        assert "rated 3 of 10" not in page
