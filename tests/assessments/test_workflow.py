"""The whole round through the client, role by role, then read-only once published."""

import datetime

from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    Action,
    AgreedRating,
    Assessment,
    AssessmentStatus,
    Barrier,
    Framework,
    OutOfScope,
    Response,
    Scale,
)
from tests.assessments.factories import level, make_agreed, make_round
from tests.assessments.posting import answer, rate_url
from tests.assessments.posting import round_url as url


def soon(days=30):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_round_from_opening_to_publishing(
    client, lead_a, contributor_a, viewer_a, commissioner, partnership_a, council_a, framework
):
    elements = list(framework.elements.all())
    # The lead opens a round, leaves one element out and opens it for ratings.
    client.force_login(lead_a)
    client.post(
        reverse("assessments:round-new", args=[partnership_a.slug]),
        {"framework": framework.pk, "name": "Baseline", "closing_date": soon(), "anonymous": "0"},
    )
    assessment = Assessment.objects.get()
    skipped = elements[-1]
    client.post(url("round-scope", assessment), {"element": skipped.pk, "reason": "Regional"})
    client.post(url("round-move", assessment, to="open"))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.OPEN
    assert OutOfScope.objects.get().element == skipped

    # The contributor and the lead rate every element in scope, dimension by dimension.
    for user, value in ((contributor_a, "2"), (lead_a, "4")):
        client.force_login(user)
        for dimension in framework.dimensions.all():
            data = {}
            for element in dimension.elements.exclude(pk=skipped.pk):
                data.update(answer(element, value, f"Evidence from {user.full_name}"))
            assert client.post(rate_url(assessment, dimension.code), data).status_code == 302
        page = client.get(url("round", assessment)).content.decode()
        assert "You have rated 9 of 9 elements" in page
    assert Response.objects.count() == 18

    # The viewer cannot rate; the lead's progress page lists both people.
    client.force_login(viewer_a)
    assert client.get(rate_url(assessment)).status_code == 403
    client.force_login(lead_a)
    progress = client.get(url("round", assessment)).content.decode()
    assert "Cara Contributor" in progress and "9 of 9" in progress

    # The lead closes the round, and the workshop flags the 2-to-4 spread.
    client.post(url("round-move", assessment, to="closed"))
    workshop = client.get(url("workshop", assessment)).content.decode()
    assert "ratings span 3 levels (2 to 4)" in workshop

    # The workshop agrees every element, a target, a barrier and an action.
    for element in elements[:-1]:
        data = {
            "level": level(framework, 3).pk,
            "rationale": "Between the two views",
            "target_level": level(framework, 4).pk,
            "target_date": "2028-03-31",
            "version": 0,
        }
        assert client.post(url("element", assessment, code=element.code), data).status_code == 302
    first = elements[0]
    client.post(url("barrier-add", assessment, code=first.code), {"text": "No shared data"})
    client.post(
        url("action-add", assessment, code=first.code),
        {
            "title": "Agree a data sharing protocol",
            "owner_organisation": council_a.pk,
            "owner_name": "Alice Lead",
            "due_date": soon(90),
        },
    )
    assert AgreedRating.objects.count() == 9
    assert Barrier.objects.count() == 1 and Action.objects.count() == 1

    # Contributors and viewers do not see results before publishing.
    client.force_login(contributor_a)
    assert client.get(url("results", assessment)).status_code == 403

    client.force_login(lead_a)
    assert client.post(url("round-move", assessment, to="agreed")).status_code == 302
    assert client.post(url("round-move", assessment, to="published")).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PUBLISHED
    assert [c.to_status for c in assessment.status_changes.all()] == [
        "draft",
        "open",
        "closed",
        "agreed",
        "published",
    ]

    # Every member and the commissioner read the results.
    for user in (contributor_a, viewer_a, commissioner):
        client.force_login(user)
        results = client.get(url("results", assessment))
        assert results.status_code == 200
        assert "Between the two views" in results.content.decode()
        actions = client.get(url("actions", assessment)).content.decode()
        assert "Agree a data sharing protocol" in actions


def test_nothing_but_the_action_plan_is_editable_after_publishing(
    client, lead_a, contributor_a, partnership_a, council_a, framework
):
    published = make_round(partnership_a, framework, status=AssessmentStatus.PUBLISHED)
    element = framework.elements.first()
    make_agreed(published, element, 3)
    client.force_login(lead_a)
    attempts = [
        client.post(url("round-move", published, to="agreed")),
        client.post(url("round-move", published, to="closed")),
        client.post(url("round-scope", published), {"element": element.pk, "reason": "x"}),
        client.post(url("scope-remove", published, code=element.code)),
        client.post(rate_url(published), answer(element, "5")),
        client.post(
            url("element", published, code=element.code),
            {"level": level(framework, 5).pk, "rationale": "Changed", "version": 1},
        ),
        client.post(
            url("agree-all", published),
            {
                f"e{element.pk}-level": "5",
                f"e{element.pk}-rationale": "x",
                f"e{element.pk}-version": 1,
            },
        ),
        client.post(url("barrier-add", published, code=element.code), {"text": "Late"}),
    ]
    assert all(r.status_code in (302, 409) for r in attempts)
    published.refresh_from_db()
    assert published.status == AssessmentStatus.PUBLISHED
    assert AgreedRating.objects.get().level.value == 3
    assert not (
        Response.objects.exists() or Barrier.objects.exists() or OutOfScope.objects.exists()
    )
    # The pages offer no form to change anything but the action plan.
    element_page = client.get(url("element", published, code=element.code)).content.decode()
    assert "Save the agreed rating" not in element_page
    assert "Add the barrier" not in element_page
    assert "Add an action" in element_page
    assert "Save all agreed ratings" not in client.get(url("agree-all", published)).content.decode()
    detail = client.get(url("round", published)).content.decode()
    assert "Move the round on" not in detail
    response = client.post(
        url("action-add", published, code=element.code),
        {
            "title": "Late",
            "owner_organisation": council_a.pk,
            "owner_name": "A",
            "due_date": soon(),
        },
    )
    assert response.status_code == 302
    assert Action.objects.get().title == "Late"


def copy_framework(framework: Framework, version: str, drop: str) -> Framework:
    """A new version of a framework with the same element codes, less one."""
    new = Framework.objects.create(
        code=framework.code,
        version=version,
        title=framework.title,
        basis=framework.basis,
        summary=framework.summary,
    )
    scale = Scale.objects.create(framework=new, name=framework.scale.name)
    for old in framework.scale.levels.all():
        scale.levels.create(value=old.value, label=old.label, meaning=old.meaning)
    dimension = new.dimensions.create(code="all", title="All")
    for element in framework.elements.exclude(code=drop):
        new.elements.create(
            dimension=dimension, code=element.code, title=element.title, good_practice="x"
        )
    return new


def test_compare_matches_elements_by_code_across_versions(
    client, lead_a, viewer_a, partnership_a, framework
):
    baseline = make_round(partnership_a, framework, status="published", name="Baseline 2027")
    for element in framework.elements.all():
        make_agreed(baseline, element, 2)
    version_two = copy_framework(framework, "2.0", drop="evaluate-outcomes")
    follow_up = make_round(partnership_a, version_two, status="published", name="Review 2028")
    for element in version_two.elements.all():
        value = 4 if element.code == "plan-strategy" else 2
        make_agreed(follow_up, element, value)
    client.force_login(viewer_a)
    response = client.get(url("compare", follow_up), {"with": baseline.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Baseline 2027" in page and "Review 2028" in page
    titles = dict(framework.elements.values_list("code", "title"))
    strategy = page.split(f"{titles['plan-strategy']}</th>")[1].split("</tr>")[0]
    assert ">2<" in strategy and ">4<" in strategy and "up 2" in strategy
    outcomes = page.split(f"{titles['evaluate-outcomes']}</th>")[1].split("</tr>")[0]
    assert "—" in outcomes
    assert "no change" in page


def test_compare_offers_only_rounds_the_person_may_see(
    client, viewer_a, partnership_a, partnership_b, framework
):
    published = make_round(partnership_a, framework, status="published", name="Seen")
    make_round(partnership_a, framework, status="agreed", name="Not yet published")
    make_round(partnership_b, framework, status="published", name="Another partnership")
    client.force_login(viewer_a)
    page = client.get(url("compare", published)).content.decode()
    assert "Not yet published" not in page and "Another partnership" not in page
