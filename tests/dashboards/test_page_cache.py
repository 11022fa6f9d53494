"""The dashboards are drawn once per version of the data they show and served from a shared cache
after that; any change to what they show is in the next request, whatever path wrote it.

The versions are moved by database triggers (partnership migration 0009), so these tests change
data the way an import, a bulk fix or the admin would: straight through the ORM, no view.
"""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import AssessmentStatus, Element, Response
from continuum.models import Service
from partnership.models import DataVersion, Partnership
from partnership.versions import SHARED, key, stamp
from tests.assessments.factories import make_response, make_round
from tests.dashboards.conftest import EVIL
from tests.factories import make_oversight, make_partnership

WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}


def area_page(client, partnership, **headers) -> str:
    response = client.get(reverse("dashboards:area", args=[partnership.slug]), **headers)
    assert response.status_code == 200
    return response.text


def oversight_page(client, **headers) -> str:
    response = client.get(reverse("oversight:index"), **headers)
    assert response.status_code == 200
    return response.text


def main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def tables_read(queries) -> set[str]:
    return {table for query in queries for table in TABLES if f'"{table}"' in query["sql"]}


TABLES = ["continuum_service", "assessments_response", "assessments_agreedrating"]


def test_a_repeat_visit_reads_only_the_versions(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    with CaptureQueriesContext(connection) as first:
        drawn = area_page(client, partnership_a)
    with CaptureQueriesContext(connection) as again:
        again_drawn = area_page(client, partnership_a)
    # The same content; the page around it (the sign-out form's token) is the visitor's own.
    assert main(again_drawn) == main(drawn)
    assert tables_read(first) == set(TABLES)
    assert tables_read(again) == set()
    assert len(again) < len(first)


def test_a_renamed_service_is_on_the_next_visit(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    assert "Service 0" in area_page(client, partnership_a)
    # Written straight to the database, as an import or a bulk fix would.
    Service.objects.filter(partnership=partnership_a, name="Service 0").update(
        name="Baby massage at the family hub"
    )
    page = area_page(client, partnership_a)
    assert "Baby massage at the family hub" in page
    assert "Service 0<" not in page


def test_a_change_to_the_shared_library_is_on_the_next_visit(
    client, lead_a, dashboard_a, partnership_a
):
    client.force_login(lead_a)
    element = Element.objects.filter(framework=dashboard_a.framework).order_by("pk").first()
    assert element.title in area_page(client, partnership_a)
    Element.objects.filter(pk=element.pk).update(title="Perinatal peer support in every area")
    assert "Perinatal peer support in every area" in area_page(client, partnership_a)


def test_what_a_lead_sees_is_never_served_to_a_viewer(
    client, lead_a, viewer_a, dashboard_a, partnership_a, framework
):
    """A lead reads a round's results once agreed; anyone else once the lead publishes."""
    make_round(
        partnership_a, framework, name="Agreed, not yet published", status=AssessmentStatus.AGREED
    )
    client.force_login(lead_a)
    assert "Agreed, not yet published" in area_page(client, partnership_a)
    client.force_login(viewer_a)
    assert "Agreed, not yet published" not in area_page(client, partnership_a)


def test_each_language_is_drawn_in_its_own_right(client, lead_a, dashboard_a, partnership_a):
    client.force_login(lead_a)
    assert '<h1 class="govuk-heading-l">Gap dashboard</h1>' in area_page(client, partnership_a)
    welsh = area_page(client, partnership_a, **WELSH)
    assert '<h1 class="govuk-heading-l">Dangosfwrdd bylchau</h1>' in welsh
    assert "Gap dashboard</h1>" not in welsh


def test_hostile_text_stays_escaped_when_served_from_memory(
    client, lead_a, dashboard_a, partnership_a
):
    client.force_login(lead_a)
    for _ in range(2):
        page = area_page(client, partnership_a)
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert EVIL.startswith("=HYPERLINK")


def test_the_cross_area_page_shows_a_renamed_partnership_next(
    client, commissioner, dashboard_a, partnership_a
):
    client.force_login(commissioner)
    assert partnership_a.name in oversight_page(client)
    Partnership.objects.filter(pk=partnership_a.pk).update(name="Ashworth Best Start")
    assert "Ashworth Best Start" in oversight_page(client)


def test_the_cross_area_page_shows_a_newly_overseen_partnership_next(
    client, commissioner, dashboard_a, partnership_a, areas
):
    client.force_login(commissioner)
    assert "Fellside Partnership" not in oversight_page(client)
    fellside = make_partnership("Fellside Partnership", areas["north_west"])
    make_oversight(commissioner, partnerships=[fellside])
    assert "Fellside Partnership" in oversight_page(client)


def test_a_rating_saved_in_an_open_round_moves_no_version(
    lead_a, contributor_a, dashboard_a, partnership_a, framework
):
    """Contributors saving ratings is the most frequent write of all; the dashboards show only
    settled rounds, so it waits on no counter and spends no cached page."""
    open_round = make_round(partnership_a, framework, status=AssessmentStatus.OPEN)
    element = framework.elements.order_by("pk").first()
    before = stamp([partnership_a.pk])
    make_response(open_round, element, contributor_a, 2)
    Response.objects.filter(assessment=open_round).update(evidence="Seen at the board")
    assert stamp([partnership_a.pk]) == before
    open_round.status = AssessmentStatus.CLOSED
    open_round.save()
    assert stamp([partnership_a.pk]) != before


def test_a_partnership_counter_moves_only_for_its_own_data(
    dashboard_a, partnership_a, partnership_b
):
    theirs = stamp([partnership_b.pk])
    Service.objects.filter(partnership=partnership_a).update(description="Updated")
    assert stamp([partnership_b.pk]) == theirs
    assert DataVersion.objects.filter(pk=partnership_a.pk).exists()


def test_a_sign_in_moves_no_version_but_a_new_name_does(lead_a, dashboard_a):
    before = stamp([])
    lead_a.last_login = None
    lead_a.save(update_fields=["last_login"])
    assert stamp([]) == before
    lead_a.full_name = "Ada Lead-Jones"
    lead_a.save(update_fields=["full_name"])
    assert stamp([]) != before
    assert stamp([]).startswith(f"{SHARED}.")


# Tables whose rows no dashboard or report reads. Every other table of Cradle's own apps must
# move a data version when it changes, or a cached page could outlive it.
NOT_SHOWN = {
    "partnership_dataversion",  # the counters themselves
    "partnership_user",  # watched on names only: see cradle_version_people
    "partnership_resetlimit",
    "partnership_oversight",  # who oversees what: the cross-area key lists the partnerships
    "partnership_oversight_partnerships",
    "partnership_areaproposal",
    "partnership_areaproposal_areas",
    "partnership_user_groups",
    "partnership_user_user_permissions",
    "continuum_importjob",
    "voice_submissionlimit",
    "api_apitoken",
}
APPS = ["partnership", "continuum", "assessments", "voice", "api"]


def triggered_tables() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT event_object_table FROM information_schema.triggers")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_every_table_a_page_reads_moves_a_version():
    tables = set()
    for app in APPS:
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            tables.add(model._meta.db_table)
    missing = sorted(tables - NOT_SHOWN - triggered_tables())
    assert missing == [], f"Tables with no data version trigger: {missing}"
    assert "partnership_user" in triggered_tables()


def test_another_database_never_reads_this_ones_pages(dashboard_a):
    """Two databases count versions alike, and their servers may share a cache folder."""
    versions = stamp([dashboard_a.pk])
    here = key("area", versions, dashboard_a.pk)
    name = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = "another"
    try:
        elsewhere = key("area", versions, dashboard_a.pk)
    finally:
        connection.settings_dict["NAME"] = name
    assert elsewhere != here
    assert key("area", versions, dashboard_a.pk) == here


def test_the_downloads_gather_once_and_show_a_change_next(
    client, lead_a, dashboard_a, partnership_a
):
    client.force_login(lead_a)
    csv_url = reverse("dashboards:services-csv", args=[partnership_a.slug])
    xlsx_url = reverse("dashboards:xlsx", args=[partnership_a.slug])
    with CaptureQueriesContext(connection) as first:
        assert "Service 0" in client.get(csv_url).content.decode()
    with CaptureQueriesContext(connection) as again:
        xlsx = client.get(xlsx_url)
        body = client.get(csv_url).content.decode()
    assert xlsx.status_code == 200
    assert "continuum_service" in " ".join(q["sql"] for q in first.captured_queries)
    assert tables_read(again) == set()
    Service.objects.filter(partnership=partnership_a, name="Service 0").update(
        name="Baby massage at the family hub"
    )
    body = client.get(csv_url).content.decode()
    assert "Baby massage at the family hub" in body
    assert "Service 0," not in body


def test_the_cross_area_downloads_show_a_renamed_partnership_next(
    client, commissioner, dashboard_a, partnership_a
):
    client.force_login(commissioner)
    csv_url = reverse("oversight:csv")
    assert partnership_a.name in client.get(csv_url).content.decode()
    with CaptureQueriesContext(connection) as again:
        client.get(reverse("oversight:xlsx"))
    assert len(again) == 4  # the session, the person, their oversight, the versions
    Partnership.objects.filter(pk=partnership_a.pk).update(name="Ashworth Best Start")
    assert "Ashworth Best Start" in client.get(csv_url).content.decode()
