"""The cross-area dashboard reads published rounds' summaries: the same figures as counting
every rating, current from the request after a round is published, a few queries at any size."""

import importlib
import json
import re

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services, summaries
from assessments.models import Assessment, AssessmentStatus, DimensionSummary
from rights.erasure import erase_person
from tests.assessments.factories import make_agreed, make_response, make_round
from tests.factories import make_member, make_organisation, make_partnership, make_user

URL = "/oversight/"


def publish_area(i: int, areas, framework, *, summarised: bool = True):
    """Area `i` with a published round whose levels and rated answers vary with `i`, so some
    dimensions fall below the suppression threshold and medians differ between areas."""
    partnership = make_partnership(f"area-{i}", f"Area {i}")
    partnership.areas.add(areas["a"])
    organisation = make_organisation(partnership, f"Council {i}", sector="local-authority")
    raters = [make_user(f"rater{i}-{n}@example.org") for n in range(2)]
    for rater in raters:
        make_member(partnership, "lead", user=rater, organisation=organisation)
    assessment = make_round(partnership, framework, status=AssessmentStatus.AGREED, by=raters[0])
    for k, element in enumerate(framework.elements.order_by("pk")):
        make_agreed(assessment, element, 1 + (i * 3 + k * 2) % 5)
        for n, rater in enumerate(raters):
            make_response(assessment, element, rater, None if (i + k + n) % 3 == 0 else 3)
    if summarised:
        services.move_round(assessment=assessment, to_status="published", by=raters[0])
    else:
        assessment.status = AssessmentStatus.PUBLISHED
        assessment.save(update_fields=["status"])
    return assessment, raters


def shown(client) -> str:
    """The page without what changes on every request (the CSP nonce, the CSRF token)."""
    page = client.get(URL).content.decode()
    page = re.sub(r'nonce="[^"]*"', "", page)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_the_summaries_show_the_same_figures_as_counting_every_rating(
    client, admin_user, areas, framework, settings
):
    settings.DASHBOARD_MIN_RESPONSES = 4
    for i in range(6):
        publish_area(i, areas, framework, summarised=False)
    client.force_login(admin_user)
    counted = shown(client)
    assert "Suppressed" in counted and "Area 5" in counted
    assert not DimensionSummary.objects.exists()
    summaries.summarise(Assessment.objects.all())
    assert DimensionSummary.objects.exists()
    assert shown(client) == counted


def test_publishing_shows_the_round_in_the_next_request(
    client, admin_user, areas, framework, settings
):
    settings.DASHBOARD_MIN_RESPONSES = 1
    assessment, raters = publish_area(0, areas, framework)
    client.force_login(admin_user)
    before = shown(client)
    later = make_round(assessment.partnership, framework, status=AssessmentStatus.AGREED)
    for element in framework.elements.all():
        make_agreed(later, element, 5)
        for rater in raters:
            make_response(later, element, rater, 5)
    assert shown(client) == before
    services.move_round(assessment=later, to_status="published", by=raters[0])
    after = shown(client)
    assert after != before
    medians = re.findall(r'<td class="govuk-table__cell[^"]*"[^>]*>\s*5\s*</td>', after)
    assert len(medians) == framework.dimensions.count()


def test_the_migration_fills_summaries_for_rounds_published_before(areas, framework):
    published = [publish_area(i, areas, framework)[0] for i in range(3)]
    expected = sorted(
        DimensionSummary.objects.values_list(
            "assessment", "dimension", "agreed_levels", "rated_responses"
        )
    )
    DimensionSummary.objects.all().delete()
    migration = importlib.import_module("assessments.migrations.0006_fill_dimension_summaries")
    migration.fill(apps, connection.schema_editor())
    filled = DimensionSummary.objects.values_list(
        "assessment", "dimension", "agreed_levels", "rated_responses"
    )
    assert sorted(filled) == expected
    assert {row[0] for row in expected} == {a.pk for a in published}


def test_erasing_a_person_leaves_the_published_figures(client, admin_user, areas, framework):
    _, raters = publish_area(0, areas, framework)
    client.force_login(admin_user)
    before = shown(client)
    erase_person(user=raters[1])
    assert shown(client) == before


def test_a_framework_file_moving_an_element_recounts_its_dimensions(
    client, admin_user, areas, framework, settings, tmp_path
):
    publish_area(0, areas, framework)
    client.force_login(admin_user)
    before = shown(client)
    path = settings.BASE_DIR / "fixtures" / "frameworks" / "maternity-early-years-1.0.json"
    data = json.loads(path.read_text())
    moved = data["dimensions"][0]["elements"].pop()
    data["dimensions"][1]["elements"].append(moved)
    changed = tmp_path / "framework.json"
    changed.write_text(json.dumps(data))
    call_command("load_frameworks", changed, verbosity=0)
    counted = sorted(
        DimensionSummary.objects.values_list("dimension__code", "rated_responses", "agreed_levels")
    )
    DimensionSummary.objects.all().delete()
    assert shown(client) != before
    live = shown(client)
    summaries.summarise(framework.assessments.all())
    assert (
        sorted(
            DimensionSummary.objects.values_list(
                "dimension__code", "rated_responses", "agreed_levels"
            )
        )
        == counted
    )
    assert shown(client) == live


def test_its_queries_stay_the_same_whatever_the_number_of_areas(
    client, admin_user, areas, framework, django_assert_max_num_queries
):
    publish_area(0, areas, framework)
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    for i in range(1, 13):
        publish_area(i, areas, framework)
    with django_assert_max_num_queries(len(small)):
        page = client.get(URL).content.decode()
    assert "Area 12" in page
