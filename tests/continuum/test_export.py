"""ORUK JSON and CSV exports: schema-valid, formula-safe, and a round trip through import."""

import csv
import io
import json

import jsonschema
import pytest
from django.core.management import call_command
from django.urls import reverse

from continuum.importers.store import import_services
from continuum.models import Location, Service
from tests.continuum.conftest import ORUK
from tests.continuum.factories import make_service
from tests.factories import make_organisation, make_partnership

SCHEMA = json.loads((ORUK / "service.schema.json").read_text())


@pytest.fixture
def mapped(partnership_a, service_a, other_a, council_a):
    """A map with every kind of field filled, including an awkward one."""
    risky = make_service(
        partnership_a,
        '=HYPERLINK("http://evil.example")',
        "continuum-level/early-intervention",
        "age-band/pregnancy",
        provider=make_organisation(partnership_a, "+Charity", sector="voluntary"),
        url="https://risky.example",
        email="team@risky.example",
        min_age_months=-9,
        max_age_months=12,
        minimum_age=-0.75,
        maximum_age=1,
        capacity=40,
    )
    hub = Location.objects.create(
        partnership=partnership_a, name="Northgate Hub", kind="family-hub", postcode="AW1 2NG"
    )
    hub.services.add(service_a)
    Location.objects.create(partnership=partnership_a, name="Video calls", kind="online")
    other_a.locations.add(Location.objects.get(name="Video calls"))
    return [service_a, other_a, risky]


def export(client, partnership, name="export-json", query=""):
    return client.get(reverse(f"continuum:{name}", args=[partnership.slug]) + query)


def test_the_json_export_validates_against_the_uk_profile(client, viewer_a, partnership_a, mapped):
    client.force_login(viewer_a)
    response = export(client, partnership_a)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="ashworth-services.json"'
    page = json.loads(response.content)
    assert page["total_items"] == 3 and len(page["contents"]) == 3
    checker = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for service in page["contents"]:
        errors = [e.message for e in checker.iter_errors(service)]
        assert errors == [], (service["name"], errors)


def test_the_json_carries_our_terms_as_hsds_attributes(client, viewer_a, partnership_a, mapped):
    client.force_login(viewer_a)
    contents = json.loads(export(client, partnership_a).content)["contents"]
    hub = next(s for s in contents if s["name"] == "Family hub stay-and-play")
    carried = {
        (a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["term"]) for a in hub["attributes"]
    }
    assert ("continuum-level", "promotion") in carried
    assert ("thrive", "thriving") in carried
    assert ("nest", "nurturing") in carried
    assert ("age-band", "1-2-years") in carried
    assert hub["service_at_locations"][0]["location"]["name"] == "Northgate Hub"


def test_export_ids_are_stable_between_exports(client, viewer_a, partnership_a, mapped):
    client.force_login(viewer_a)
    first = json.loads(export(client, partnership_a).content)
    second = json.loads(export(client, partnership_a).content)
    assert [s["id"] for s in first["contents"]] == [s["id"] for s in second["contents"]]


def test_archived_services_are_not_exported(client, viewer_a, partnership_a, mapped):
    mapped[1].archive()
    client.force_login(viewer_a)
    names = [s["name"] for s in json.loads(export(client, partnership_a).content)["contents"]]
    assert "Perinatal mental health team" not in names


def test_the_round_trip_keeps_services_and_terms(partnership_a, mapped, tmp_path):
    path = tmp_path / "out.json"
    call_command("export_services", "ashworth", "--output", str(path))
    empty = make_partnership("empty", "Empty Partnership")
    report = import_services(
        partnership=empty, data=path.read_bytes(), source="out.json", max_bytes=10**7
    )
    assert report.ok and len(report.created) == 3 and not report.skipped

    def snapshot(partnership):
        return {
            s.name: (
                s.provider.name,
                s.status,
                s.url,
                s.email,
                s.min_age_months,
                s.max_age_months,
                sorted(f"{t.taxonomy.code}/{t.code}" for t in s.terms.all()),
                sorted(s.locations.values_list("name", "kind")),
            )
            for s in Service.objects.for_partnership(partnership)
        }

    assert snapshot(empty) == snapshot(partnership_a)
    again = import_services(
        partnership=empty, data=path.read_bytes(), source="out.json", max_bytes=10**7
    )
    assert len(again.updated) == 3 and Service.objects.for_partnership(empty).count() == 3


def test_the_export_command_writes_to_standard_output(partnership_a, mapped):
    out = io.StringIO()
    call_command("export_services", "ashworth", stdout=out)
    assert json.loads(out.getvalue())["total_items"] == 3


def test_an_empty_partnership_exports_an_empty_page(client, viewer_a, partnership_a, taxonomies):
    client.force_login(viewer_a)
    page = json.loads(export(client, partnership_a).content)
    assert page["empty"] is True and page["contents"] == []


def rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_csv_lists_services_with_their_terms(client, viewer_a, partnership_a, mapped):
    client.force_login(viewer_a)
    response = export(client, partnership_a, "export-csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ashworth-services.csv"'
    table = rows(response)
    assert table[0][:5] == ["Name", "Provider", "Provider sector", "Status", "Continuum levels"]
    hub = next(r for r in table if r[0] == "Family hub stay-and-play")
    assert hub[4] == "Promotion" and hub[5] == "Thriving"


def test_the_csv_neutralises_formulas(client, viewer_a, partnership_a, mapped):
    client.force_login(viewer_a)
    table = rows(export(client, partnership_a, "export-csv"))
    risky = next(r for r in table if "HYPERLINK" in r[0])
    assert risky[0] == '\'=HYPERLINK("http://evil.example")'
    assert risky[1] == "'+Charity"
    assert risky[table[0].index("Minimum age in months")] == "-9"  # numbers stay numbers
    for row in table:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), cell


def test_the_csv_follows_the_list_filters(client, viewer_a, partnership_a, mapped):
    client.force_login(viewer_a)
    table = rows(export(client, partnership_a, "export-csv", "?level=treatment"))
    assert [r[0] for r in table[1:]] == ["Perinatal mental health team"]


@pytest.mark.parametrize("size", [3, 30])
def test_export_queries_do_not_grow(
    client, viewer_a, partnership_a, council_a, taxonomies, django_assert_max_num_queries, size
):
    for number in range(size):
        make_service(partnership_a, f"S{number}", "continuum-level/promotion", provider=council_a)
    client.force_login(viewer_a)
    with django_assert_max_num_queries(10):
        export(client, partnership_a)
    with django_assert_max_num_queries(10):
        export(client, partnership_a, "export-csv")


def test_the_export_command_fails_readably_for_an_unknown_partnership(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No partnership has the web address name 'nowhere'"):
        call_command("export_services", "nowhere", stdout=io.StringIO())
