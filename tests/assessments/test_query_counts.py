"""The rating and workshop pages cost the same number of queries however many ratings exist."""

from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import AssessmentStatus, Response
from partnership.models import Role
from tests.assessments.factories import level, make_response
from tests.factories import make_member, make_organisation

_serial = count(1)


def add_raters(assessment, how_many):
    """`count` people from rotating sectors, each rating every element."""
    sectors = ["maternity", "health-visiting", "voluntary", "early-years", "nhs-trust"]
    elements = list(assessment.framework.elements.all())
    rows = []
    for n in range(how_many):
        organisation = make_organisation(
            assessment.partnership, f"Org {next(_serial)}", sector=sectors[n % len(sectors)]
        )
        user = make_member(assessment.partnership, Role.CONTRIBUTOR, organisation=organisation).user
        for element in elements:
            rows.append(
                Response(
                    assessment=assessment,
                    element=element,
                    respondent=user,
                    organisation=organisation,
                    sector=organisation.sector,
                    level=level(assessment.framework, 1 + (n + element.pk) % 5),
                    evidence=f"Evidence {n}",
                )
            )
    Response.objects.bulk_create(rows)


def queries(client, url) -> int:
    """The queries of a request once the framework's structure is kept (as it is after the
    first request in a process: assessments.structure)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name,status,kwargs",
    [
        ("rate", AssessmentStatus.OPEN, {"dimension": "deliver"}),
        ("workshop", AssessmentStatus.CLOSED, {}),
        ("element", AssessmentStatus.CLOSED, {"code": "plan-strategy"}),
        ("round", AssessmentStatus.CLOSED, {}),
        ("results", AssessmentStatus.CLOSED, {}),
    ],
)
def test_query_count_does_not_grow_with_responses(
    client, lead_a, open_round, name, status, kwargs, capsys
):
    open_round.status = status
    open_round.save()
    url = reverse(
        f"assessments:{name}",
        kwargs={"slug": open_round.partnership.slug, "pk": open_round.pk, **kwargs},
    )
    client.force_login(lead_a)
    add_raters(open_round, 3)
    for element in open_round.framework.elements.all():
        make_response(open_round, element, lead_a, 3, evidence="The lead's own view")
    small = queries(client, url)
    add_raters(open_round, 30)
    large = queries(client, url)
    with capsys.disabled():
        print(f"\n{name}: {small} queries with 3 raters, {large} with 33")
    assert large == small
    assert small <= 25


def test_round_page_query_count_does_not_grow_with_members_who_have_not_rated(
    client, lead_a, open_round, django_assert_max_num_queries
):
    url = reverse("assessments:round", args=[open_round.partnership.slug, open_round.pk])
    client.force_login(lead_a)
    add_raters(open_round, 2)
    small = queries(client, url)
    for _ in range(20):
        make_member(open_round.partnership, Role.CONTRIBUTOR)
    with django_assert_max_num_queries(small):
        assert "2 of 23 people have finished" in client.get(url).content.decode()
