"""The workshop: spread by sector, agreed ratings and targets, barriers, history, anonymity."""

import pytest

from assessments.models import AgreedRating, AssessmentStatus, Barrier, Change
from partnership.models import Role
from tests.assessments.factories import level, make_agreed, make_response, make_round
from tests.assessments.posting import answer, rate_url
from tests.assessments.posting import round_url as url
from tests.factories import make_member, make_organisation, make_user


@pytest.fixture
def strategy(framework):
    return framework.elements.get(code="plan-strategy")


@pytest.fixture
def midwife(partnership_a):
    maternity = make_organisation(partnership_a, "Ashworth Maternity", sector="maternity")
    user = make_user("midwife@a.example", full_name="Mia Midwife")
    make_member(partnership_a, Role.CONTRIBUTOR, user=user, organisation=maternity)
    return user


@pytest.fixture
def rated(closed_round, strategy, lead_a, contributor_a, midwife):
    """Sectors disagree on the strategy: the council says 4, health visiting and maternity 1."""
    make_response(closed_round, strategy, lead_a, 4, evidence="A signed strategy")
    make_response(closed_round, strategy, contributor_a, 1, evidence="Not seen on the ground")
    make_response(closed_round, strategy, midwife, 1, evidence="Maternity was not involved")
    return closed_round


def agree(strategy, value=3, version=0, **fields):
    data = {
        "level": level(strategy.framework, value).pk,
        "rationale": "Strategy signed but not yet lived",
        "dissent": "",
        "target_level": "",
        "target_date": "",
        "version": version,
    }
    data.update(fields)
    return data


def test_the_workshop_shows_the_spread_and_flags_disagreement(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    response = client.get(url("workshop", rated))
    page = response.content.decode()
    assert response.status_code == 200
    assert strategy.title in page
    assert "Sectors disagree" in page
    assert "ratings span 4 levels (1 to 4)" in page
    assert "Local authority: 4" in page and "Maternity: 1" in page


def test_the_workshop_waits_for_the_round_to_close(client, lead_a, open_round):
    client.force_login(lead_a)
    page = client.get(url("workshop", open_round)).content.decode()
    assert "The workshop opens when the round closes" in page


def test_a_named_round_shows_who_gave_each_rating(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    page = client.get(url("element", rated, code=strategy.code)).content.decode()
    assert "Cara Contributor" in page and "Mia Midwife" in page
    assert "Not seen on the ground" in page


def test_a_lead_of_an_anonymous_round_never_sees_names(
    client, lead_a, contributor_a, midwife, partnership_a, framework, strategy, settings
):
    # One person a sector is enough to show it here: pooling small sectors is tested apart.
    settings.ANONYMOUS_MIN_GROUP_SIZE = 1
    anonymous = make_round(partnership_a, framework, status="open", anonymous=True)
    client.force_login(contributor_a)
    client.post(rate_url(anonymous), answer(strategy, "2", "Evidence from health visiting"))
    make_response(anonymous, strategy, midwife, 1)
    anonymous.status = AssessmentStatus.CLOSED
    anonymous.save()
    client.force_login(lead_a)
    pages = [
        client.get(url("round", anonymous)),
        client.get(url("workshop", anonymous)),
        client.get(url("element", anonymous, code=strategy.code)),
        client.get(url("results", anonymous)),
    ]
    assert all(p.status_code == 200 for p in pages)
    text = "".join(p.content.decode() for p in pages)
    for name in ("Cara Contributor", "contributor@a.example", "Mia Midwife", "midwife@a.example"):
        assert name not in text
    assert "Evidence from health visiting" in text
    assert "A respondent from health visiting" in text
    assert "Health visiting" in text  # the progress table by sector


def test_a_lead_records_the_agreed_rating_and_target(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    data = agree(
        strategy, 2, target_level=level(strategy.framework, 4).pk, target_date="2028-03-31"
    )
    data["dissent"] = "Maternity would say 1"
    response = client.post(url("element", rated, code=strategy.code), data)
    assert response.status_code == 302
    agreed = AgreedRating.objects.get()
    assert (agreed.level.value, agreed.target_level.value, str(agreed.target_date)) == (
        2,
        4,
        "2028-03-31",
    )
    assert agreed.dissent == "Maternity would say 1"
    assert agreed.updated_by == lead_a
    page = client.get(url("element", rated, code=strategy.code)).content.decode()
    assert f"Agreed rating for {strategy.title} saved" in page
    assert "Maternity would say 1" in page
    assert Change.objects.filter(subject="agreed rating", field="agreed level").count() == 1


def test_the_target_cannot_be_below_the_agreed_level(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    data = agree(strategy, 3, target_level=level(strategy.framework, 2).pk)
    response = client.post(url("element", rated, code=strategy.code), data)
    assert response.status_code == 200
    assert "The target cannot be below the agreed level" in response.content.decode()
    assert not AgreedRating.objects.exists()


def test_a_lead_must_give_the_level_and_rationale(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    response = client.post(url("element", rated, code=strategy.code), {"version": 0})
    page = response.content.decode()
    assert "Select the agreed level" in page
    assert "Enter why the partnership agreed it" in page
    assert not AgreedRating.objects.exists()


def test_two_leads_editing_one_agreed_rating_see_each_other(
    client, lead_a, partnership_a, rated, strategy
):
    other_lead = make_member(partnership_a, Role.LEAD).user
    make_agreed(rated, strategy, 2)  # version 1, on both leads' screens
    client.force_login(other_lead)
    first = client.post(url("element", rated, code=strategy.code), agree(strategy, 3, version=1))
    assert first.status_code == 302

    client.force_login(lead_a)
    data = agree(strategy, 4, version=1, rationale="Lead A's view")
    second = client.post(url("element", rated, code=strategy.code), data)
    page = second.content.decode()
    assert second.status_code == 409
    assert "Another lead saved this agreed rating after you opened the page" in page
    assert "3: Developing" in page and "Lead A&#x27;s view" in page
    agreed = AgreedRating.objects.get()
    assert (agreed.level.value, agreed.version) == (3, 2)

    again = client.post(url("element", rated, code=strategy.code), {**data, "version": 2})
    assert again.status_code == 302
    agreed.refresh_from_db()
    assert (agreed.level.value, agreed.rationale, agreed.version) == (4, "Lead A's view", 3)


@pytest.mark.parametrize("status", ["open", "agreed", "published"])
def test_agreed_ratings_change_only_while_closed(
    client, lead_a, partnership_a, framework, strategy, status
):
    assessment = make_round(partnership_a, framework, status=status)
    client.force_login(lead_a)
    response = client.post(url("element", assessment, code=strategy.code), agree(strategy))
    assert response.status_code == 409
    assert "Agreed ratings can only change while the round is closed" in response.content.decode()
    assert not AgreedRating.objects.exists()


@pytest.mark.parametrize("status", ["open", "agreed", "published"])
def test_an_empty_agreement_outside_the_workshop_says_only_why(
    client, lead_a, partnership_a, framework, strategy, status
):
    """The form is not on the page then: no errors for its fields, no link to a missing field."""
    assessment = make_round(partnership_a, framework, status=status)
    client.force_login(lead_a)
    response = client.post(url("element", assessment, code=strategy.code), {})
    page = response.content.decode()
    assert response.status_code == 409
    assert "There is a problem" in page
    assert "Agreed ratings can only change while the round is closed" in page
    assert "Select the agreed level" not in page
    assert "Enter why the partnership agreed it" not in page
    assert 'href="#agreed"' in page and 'id="agreed"' in page
    assert 'href="#id_level_1"' not in page
    assert not AgreedRating.objects.exists()


def test_a_lead_records_a_barrier(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    response = client.post(
        url("barrier-add", rated, code=strategy.code), {"text": "No shared data"}
    )
    assert response.status_code == 302
    assert Barrier.objects.get().text == "No shared data"
    assert "No shared data" in client.get(response["Location"]).content.decode()


def test_an_empty_barrier_is_refused(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    response = client.post(url("barrier-add", rated, code=strategy.code), {"text": ""}, follow=True)
    assert "Enter barrier" in response.content.decode()
    assert not Barrier.objects.exists()


def test_the_element_page_shows_its_history(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    client.post(url("element", rated, code=strategy.code), agree(strategy, 2))
    client.post(url("element", rated, code=strategy.code), agree(strategy, 3, version=1))
    page = client.get(url("element", rated, code=strategy.code)).content.decode()
    assert "Agreed rating: agreed level" in page
    assert "2: Early" in page and "3: Developing" in page
    assert "Alice Lead" in page


def test_an_out_of_scope_element_gets_no_agreed_rating(client, lead_a, closed_round, strategy):
    closed_round.out_of_scope.create(element=strategy, reason="Regional")
    client.force_login(lead_a)
    page = client.get(url("element", closed_round, code=strategy.code)).content.decode()
    assert "Out of scope for this round: Regional" in page
    assert "Save the agreed rating" not in page
    response = client.post(url("element", closed_round, code=strategy.code), agree(strategy))
    assert response.status_code == 409
    assert f"{strategy.title} is out of scope for this round" in response.content.decode()
    assert not AgreedRating.objects.exists()
