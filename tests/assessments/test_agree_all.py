"""The one-page workshop: every element proposed at its median, agreed in one save or not at all."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import AgreedRating, Change
from partnership.models import Role
from tests.assessments.factories import level, make_agreed, make_response, make_round
from tests.assessments.posting import round_url as url
from tests.assessments.test_query_counts import add_raters
from tests.factories import make_member, make_organisation, make_user
from tests.security.test_unchanged_resubmit import own_form


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
def rated(closed_round, lead_a, contributor_a, midwife):
    """Every element rated by three people: 4, 1, 1 for the strategy; 2, 3 and 4 elsewhere."""
    for element in closed_round.framework.elements.all():
        values = (4, 1, 1) if element.code == "plan-strategy" else (2, 3, 4)
        for who, value in zip((lead_a, contributor_a, midwife), values, strict=True):
            make_response(closed_round, element, who, value)
    return closed_round


@pytest.fixture
def other_lead(partnership_a):
    user = make_user("bob@a.example", full_name="Bob Second-Lead")
    return make_member(partnership_a, Role.LEAD, user=user).user


def shown(client, assessment) -> dict:
    """What the browser would submit from the page as shown."""
    target = url("agree-all", assessment)
    response = client.get(target)
    assert response.status_code == 200
    data = own_form(response.content.decode(), target)
    assert data is not None, "the page shows no form"
    return data


def field(element, name):
    return f"e{element.pk}-{name}"


def test_the_page_proposes_the_median_beside_the_spread(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    response = client.get(url("agree-all", rated))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Median 1 from 3 raters, ranging from 1 to 4" in page
    assert "Sectors disagree" in page and "ratings span 4 levels (1 to 4)" in page
    assert "Median 3 from 3 raters, ranging from 2 to 4" in page
    assert "the lower level is proposed" in page
    data = own_form(page, url("agree-all", rated))
    assert data[field(strategy, "level")] == ["1"]
    assert data[field(strategy, "version")] == ["0"]
    assert data[field(strategy, "rationale")] == ["Median of 3 ratings: 1 (1 to 4)."]
    assert f"Agreed level for {strategy.title}" in page
    assert "plan-strategy</" not in page and ">plan-strategy" not in page


def test_accepting_every_proposal_agrees_the_round_in_one_post(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    response = client.post(url("agree-all", rated), shown(client, rated))
    assert response.status_code == 302
    assert response["Location"] == url("workshop", rated)
    agreed = {row.element.code: row.level.value for row in AgreedRating.objects.all()}
    assert len(agreed) == 10
    assert agreed["plan-strategy"] == 1
    assert set(agreed.values()) == {1, 3}
    workshop = client.get(response["Location"]).content.decode()
    assert "Saved: 10 of 10 elements are agreed" in workshop
    assert "Not agreed yet" not in workshop
    assert Change.objects.filter(subject="agreed rating", field="agreed level").count() == 10


def test_a_lead_changes_one_level_and_explains_it(client, lead_a, rated, strategy, framework):
    client.force_login(lead_a)
    data = shown(client, rated)
    data[field(strategy, "level")] = ["2"]
    data[field(strategy, "rationale")] = ["Signed, not yet lived"]
    data[field(strategy, "target_level")] = [str(4)]
    data[field(strategy, "target_date")] = ["2028-03-31"]
    assert client.post(url("agree-all", rated), data).status_code == 302
    row = AgreedRating.objects.get(element=strategy)
    assert (row.level.value, row.rationale, row.target_level.value) == (
        2,
        "Signed, not yet lived",
        4,
    )
    assert row.target_date == datetime.date(2028, 3, 31)
    assert row.updated_by == lead_a
    assert AgreedRating.objects.count() == 10


def test_saving_the_page_unchanged_writes_nothing(client, lead_a, rated, strategy):
    make_agreed(rated, strategy, 2, dissent="Maternity would say 1")
    client.force_login(lead_a)
    client.post(url("agree-all", rated), shown(client, rated))
    versions = dict(AgreedRating.objects.values_list("element__code", "version"))
    history = Change.objects.count()
    response = client.post(url("agree-all", rated), shown(client, rated))
    assert response.status_code == 302
    assert dict(AgreedRating.objects.values_list("element__code", "version")) == versions
    assert Change.objects.count() == history
    kept = AgreedRating.objects.get(element=strategy)
    assert (kept.level.value, kept.dissent, kept.version) == (2, "Maternity would say 1", 1)


def test_an_agreement_saved_meanwhile_refuses_the_whole_save(
    client, lead_a, other_lead, rated, strategy, framework
):
    client.force_login(lead_a)
    data = shown(client, rated)
    # Meanwhile, another lead agrees the strategy on its own page.
    make_agreed(rated, strategy, 3, updated_by=other_lead, rationale="Bob's reading")
    response = client.post(url("agree-all", rated), data)
    page = response.content.decode()
    assert response.status_code == 409
    assert f"{strategy.title} was agreed by" in page and "Bob Second-Lead" in page
    assert f'href="#e{strategy.pk}-conflict"' in page and f'id="e{strategy.pk}-conflict"' in page
    assert "Bob&#x27;s reading" in page
    assert AgreedRating.objects.count() == 1  # theirs only: nothing of this save was written
    assert AgreedRating.objects.get().level.value == 3
    # This lead left the strategy at its proposal: the page now shows Bob's agreement in its
    # place, so saving again agrees the rest without overwriting his.
    again = own_form(page, url("agree-all", rated))
    assert again[field(strategy, "version")] == ["1"]
    assert again[field(strategy, "level")] == ["3"]
    assert "the form below now shows their agreement" in page
    assert client.post(url("agree-all", rated), again).status_code == 302
    assert AgreedRating.objects.count() == 10
    kept = AgreedRating.objects.get(element=strategy)
    assert (kept.level.value, kept.rationale, kept.version) == (3, "Bob's reading", 1)


def test_a_level_the_lead_chose_survives_a_conflict_when_saved_again(
    client, lead_a, other_lead, rated, strategy
):
    client.force_login(lead_a)
    data = shown(client, rated)
    data[field(strategy, "level")] = ["2"]
    data[field(strategy, "rationale")] = ["Heard the midwives"]
    make_agreed(rated, strategy, 3, updated_by=other_lead, rationale="Bob's reading")
    page = client.post(url("agree-all", rated), data).content.decode()
    again = own_form(page, url("agree-all", rated))
    # The lead's own choice stays on the form, now based on Bob's version: saving again is a
    # decision taken with his agreement shown beside it.
    assert again[field(strategy, "level")] == ["2"]
    assert again[field(strategy, "version")] == ["1"]
    assert client.post(url("agree-all", rated), again).status_code == 302
    assert AgreedRating.objects.get(element=strategy).level.value == 2


def test_the_same_agreement_saved_meanwhile_is_no_conflict(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    data = shown(client, rated)
    make_agreed(rated, strategy, 1, rationale="Median of 3 ratings: 1 (1 to 4).", updated_by=lead_a)
    assert client.post(url("agree-all", rated), data).status_code == 302
    assert AgreedRating.objects.get(element=strategy).version == 1
    assert AgreedRating.objects.count() == 10


def test_bad_input_names_the_element_and_saves_nothing(client, lead_a, rated, strategy, framework):
    workforce = framework.elements.get(code="plan-workforce")
    client.force_login(lead_a)
    data = shown(client, rated)
    data[field(strategy, "rationale")] = [""]
    data[field(workforce, "target_level")] = ["1"]
    response = client.post(url("agree-all", rated), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f"Enter why the partnership agreed this level for {strategy.title}" in page
    assert f'href="#e{strategy.pk}-rationale"' in page
    assert f"The target for {workforce.title} cannot be below its level" in page
    assert f'href="#e{workforce.pk}-target_level"' in page
    assert not AgreedRating.objects.exists()


def test_a_level_off_the_scale_is_refused(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    data = shown(client, rated)
    data[field(strategy, "level")] = ["9"]
    response = client.post(url("agree-all", rated), data)
    assert f"Select a level on the scale for {strategy.title}" in response.content.decode()
    assert f'href="#e{strategy.pk}-level-1"' in response.content.decode()
    assert not AgreedRating.objects.exists()


def test_an_element_nobody_rated_is_left_for_later(client, lead_a, closed_round, strategy):
    make_response(closed_round, strategy, lead_a, 3)
    client.force_login(lead_a)
    page = client.get(url("agree-all", closed_round)).content.decode()
    assert "No proposal: choose a level or leave it for later" in page
    response = client.post(url("agree-all", closed_round), shown(client, closed_round))
    assert response.status_code == 302
    assert list(AgreedRating.objects.values_list("element__code", flat=True)) == ["plan-strategy"]


def test_targets_of_the_last_published_round_carry_forward(
    client, lead_a, partnership_a, framework, strategy, rated
):
    baseline = make_round(partnership_a, framework, status="published", name="Spring")
    type(baseline).objects.filter(pk=baseline.pk).update(
        created=rated.created - datetime.timedelta(days=200)
    )
    future = timezone.localdate() + datetime.timedelta(days=300)
    make_agreed(baseline, strategy, 1, target_level=level(framework, 3), target_date=future)
    client.force_login(lead_a)
    page = client.get(url("agree-all", rated)).content.decode()
    assert "Targets carry forward from Spring" in page
    assert "carried from Spring" in page
    data = own_form(page, url("agree-all", rated))
    assert data[field(strategy, "target_level")] == ["3"]
    assert data[field(strategy, "target_date")] == [future.isoformat()]
    client.post(url("agree-all", rated), data)
    assert AgreedRating.objects.get(assessment=rated, element=strategy).target_level.value == 3


@pytest.mark.parametrize("status", ["open", "agreed", "published"])
def test_agreed_ratings_change_only_while_closed(
    client, lead_a, partnership_a, framework, strategy, status
):
    assessment = make_round(partnership_a, framework, status=status)
    client.force_login(lead_a)
    page = client.get(url("agree-all", assessment)).content.decode()
    assert "Save all agreed ratings" not in page
    data = {field(strategy, "level"): "3", field(strategy, "rationale"): "x"}
    response = client.post(url("agree-all", assessment), {**data, field(strategy, "version"): 0})
    assert response.status_code == 409
    assert "Agreed ratings can only change while the round is closed" in response.content.decode()
    assert not AgreedRating.objects.exists()


def test_only_a_lead_agrees(client, contributor_a, lead_b, rated):
    client.force_login(contributor_a)
    assert client.get(url("agree-all", rated)).status_code == 403
    assert client.post(url("agree-all", rated), {}).status_code == 403
    client.force_login(lead_b)
    assert client.get(url("agree-all", rated)).status_code == 404
    assert not AgreedRating.objects.exists()


def test_the_workshop_and_round_pages_link_to_it(client, lead_a, rated, strategy):
    client.force_login(lead_a)
    target = url("agree-all", rated)
    for name, kwargs in [("round", {}), ("workshop", {}), ("element", {"code": strategy.code})]:
        page = client.get(url(name, rated, **kwargs)).content.decode()
        assert f'href="{target}">Agree all elements on one page</a>' in page, name


def queries(client, target) -> int:
    """The queries of a request once the framework's structure is kept (assessments.structure)."""
    client.get(target)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(target).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_queries_at_any_size(client, lead_a, closed_round, framework):
    """Three elements and three raters, then ten elements and thirty-three raters."""
    client.force_login(lead_a)
    elements = list(framework.elements.all())
    for element in elements[3:]:
        closed_round.out_of_scope.create(element=element, reason="Later")
    add_raters(closed_round, 3)
    make_agreed(closed_round, elements[0], 3)
    small = queries(client, url("agree-all", closed_round))
    closed_round.out_of_scope.all().delete()
    add_raters(closed_round, 30)
    for element in elements[1:]:
        make_agreed(closed_round, element, 2)
    large = queries(client, url("agree-all", closed_round))
    print(f"\nagree-all: {small} queries for 3 elements and 3 raters, {large} for 10 and 33")
    assert large == small
    assert small <= 20
