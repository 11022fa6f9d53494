"""Real concurrent requests on PostgreSQL: saves of different rows all land; saves of one row
from the same version give exactly one success, and every other person is shown the conflict.

Each thread drives its own test client and closes its own database connection.
"""

import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessments.models import AgreedRating, AssessmentStatus, Framework, Response
from partnership.models import Role
from tests.assessments.factories import level, make_agreed, make_response, make_round
from tests.assessments.posting import answer, rate_url, unchanged
from tests.factories import make_member, make_organisation, make_partnership

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL"
    ),
]

THREADS = 50


def run_together(jobs):
    """Runs every job in its own thread, released at the same moment; returns their results."""
    start = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            start.wait()
            results[index] = job()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def setting(transactional_db):
    call_command("load_taxonomies", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    framework = Framework.objects.get(code="maternity-early-years", version="1.0")
    partnership = make_partnership("ashworth", "Ashworth")
    return partnership, framework


def test_fifty_simultaneous_saves_of_different_elements_all_land(setting):
    partnership, framework = setting
    assessment = make_round(partnership, framework, status=AssessmentStatus.OPEN)
    elements = list(framework.elements.select_related("dimension"))
    people = [
        make_member(
            partnership,
            Role.CONTRIBUTOR,
            organisation=make_organisation(partnership, f"Org {n}", sector="voluntary"),
        ).user
        for n in range(THREADS // len(elements))
    ]
    jobs = []
    for person in people:
        for element in elements:
            # Each request posts the whole dimension as the page showed it, changing one element:
            # the unchanged ones must not overwrite the neighbours saved at the same moment.
            page = {}
            for neighbour in element.dimension.elements.all():
                page.update(unchanged(neighbour))
            page.update(answer(element, "4", f"{person.email} on {element.code}"))
            client = signed_in(person)
            target = rate_url(assessment, element.dimension.code)
            jobs.append(lambda c=client, t=target, d=page: c.post(t, d).status_code)
    assert len(jobs) == THREADS

    statuses = run_together(jobs)

    assert statuses == [302] * THREADS
    assert Response.objects.count() == THREADS
    assert set(Response.objects.values_list("version", flat=True)) == {1}
    assert all(
        row.evidence == f"{row.respondent.email} on {row.element.code}"
        for row in Response.objects.select_related("respondent", "element")
    )
    print(f"\nDifferent elements: {statuses.count(302)} of {THREADS} saved")


def test_fifty_simultaneous_saves_of_one_response_give_one_success(setting):
    partnership, framework = setting
    assessment = make_round(partnership, framework, status=AssessmentStatus.OPEN)
    person = make_member(partnership, Role.CONTRIBUTOR).user
    element = framework.elements.get(code="plan-strategy")
    shown = make_response(assessment, element, person, 1, evidence="Before")
    jobs = []
    for n in range(THREADS):
        client = signed_in(person)
        data = answer(element, str(1 + n % 5), f"Window {n}", shown=shown)
        jobs.append(lambda c=client, d=data: c.post(rate_url(assessment), d))

    responses = run_together(jobs)

    statuses = [r.status_code for r in responses]
    assert statuses.count(302) == 1
    assert statuses.count(409) == THREADS - 1
    conflict_pages = [r.content.decode() for r in responses if r.status_code == 409]
    assert all(
        "was changed by someone else after you opened this page" in p for p in conflict_pages
    )
    row = Response.objects.get()
    assert row.version == 2
    winner = next(i for i, r in enumerate(responses) if r.status_code == 302)
    assert row.evidence == f"Window {winner}"
    print(f"\nOne response: {statuses.count(302)} saved, {statuses.count(409)} conflicts shown")


def test_fifty_leads_agreeing_one_element_at_once_give_one_success(setting):
    partnership, framework = setting
    assessment = make_round(partnership, framework, status=AssessmentStatus.CLOSED)
    element = framework.elements.get(code="plan-strategy")
    make_agreed(assessment, element, 2)
    url = reverse("assessments:element", args=[partnership.slug, assessment.pk, element.code])
    jobs = []
    for n in range(THREADS):
        lead = make_member(partnership, Role.LEAD).user
        client = signed_in(lead)
        data = {
            "level": level(framework, 3).pk,
            "rationale": f"Lead {n}",
            "version": 1,
        }
        jobs.append(lambda c=client, d=data: c.post(url, d))

    responses = run_together(jobs)

    statuses = [r.status_code for r in responses]
    assert statuses.count(302) == 1
    assert statuses.count(409) == THREADS - 1
    assert all(
        "Another lead saved this agreed rating" in r.content.decode()
        for r in responses
        if r.status_code == 409
    )
    assert AgreedRating.objects.get().version == 2
    print(f"\nAgreed rating: {statuses.count(302)} saved, {statuses.count(409)} conflicts shown")
