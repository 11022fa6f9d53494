"""The task list costs the same number of queries however many rounds, members, services and
actions there are, and however many partnerships the person belongs to."""

import datetime
from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentStatus
from partnership.models import Role
from tests.assessments.factories import make_action, make_agreed, make_round
from tests.assessments.test_query_counts import add_raters
from tests.continuum.factories import make_service
from tests.factories import make_member, make_organisation, make_partnership, make_user

_serial = count(1)


def add_data(partnership, framework, lead, rounds: int) -> None:
    """`rounds` rounds in each state, with raters, agreed ratings, overdue actions, services,
    and members who have rated nothing."""
    owner = make_organisation(partnership, f"Owner {next(_serial)}")
    overdue = timezone.localdate() - datetime.timedelta(days=5)
    for n in range(rounds):
        for status in (AssessmentStatus.DRAFT, AssessmentStatus.CLOSED, AssessmentStatus.AGREED):
            make_round(partnership, framework, status=status, name=f"{status} {n}", by=lead)
        opened = make_round(partnership, framework, name=f"Open {n}", by=lead)
        add_raters(opened, 2)
        anonymous = make_round(partnership, framework, name=f"Anon {n}", anonymous=True)
        add_raters(anonymous, 2)
        closed = make_round(partnership, framework, status=AssessmentStatus.CLOSED, name=f"C{n}")
        make_agreed(closed, framework.elements.first())
        published = make_round(partnership, framework, status=AssessmentStatus.PUBLISHED)
        for _ in range(2):
            make_action(published, framework.elements.first(), owner, due_date=overdue)
        make_service(partnership, f"Unplaced {next(_serial)}")
        make_member(partnership, Role.CONTRIBUTOR)


def queries(client, url) -> int:
    """The queries of a request once the frameworks' structures are kept (as they are after
    the first request in a process: assessments.structure)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert b"govuk-task-list" in response.content
    return len(captured)


@pytest.mark.parametrize("url", ["list", "overview"])
def test_the_task_list_query_count_does_not_grow_with_the_data(
    client, lead_a, partnership_a, framework, url, capsys
):
    other = make_partnership("brook", "Brook Partnership")
    make_member(other, Role.LEAD, user=lead_a)
    address = (
        reverse("partnership:list")
        if url == "list"
        else reverse("partnership:overview", args=[partnership_a.slug])
    )
    client.force_login(lead_a)
    for partnership in (partnership_a, other):
        add_data(partnership, framework, lead_a, rounds=1)
    small = queries(client, address)
    for partnership in (partnership_a, other):
        add_data(partnership, framework, lead_a, rounds=6)
    # A third partnership, for the list page's sake.
    third = make_partnership("cove", "Cove Partnership")
    make_member(third, Role.LEAD, user=lead_a)
    add_data(third, framework, lead_a, rounds=2)
    large = queries(client, address)
    with capsys.disabled():
        print(f"\ntask list on {url}: {small} queries small, {large} with 7 times the data")
    assert large == small


def test_a_contributor_pays_no_query_for_what_only_leads_see(
    client, contributor_a, open_round, framework
):
    client.force_login(contributor_a)
    small = queries(client, reverse("partnership:list"))
    add_data(open_round.partnership, framework, make_user(), rounds=3)
    assert queries(client, reverse("partnership:list")) <= small
