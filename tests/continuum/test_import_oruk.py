"""Open Referral UK import: shipped examples, v1 and v3 feeds we wrote, messy and bad input."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from continuum.importers.oruk import FeedError, clean_text, read_feed
from continuum.importers.store import UNKNOWN_PROVIDER, import_services
from continuum.models import Location, Service
from partnership.models import Organisation
from tests.continuum.conftest import FEEDS, ORUK

LIMIT = 10 * 1024 * 1024


def run(partnership, path, **options):
    return import_services(
        partnership=partnership,
        data=path.read_bytes(),
        source=path.name,
        max_bytes=LIMIT,
        **options,
    )


def term_keys(service):
    return {f"{t.taxonomy.code}/{t.code}" for t in service.terms.all()}


# The shipped ORUK 3 examples


@pytest.mark.parametrize("name", ["service_full.json", "service_list.json"])
def test_it_imports_the_shipped_oruk_examples(partnership_a, taxonomies, name):
    report = run(partnership_a, ORUK / name)
    assert report.ok
    assert report.created == ["Community Counselling"]
    service = Service.objects.get(source_id="ac148810-d857-441c-9679-408f346de14b")
    assert service.provider.name == "Example Organization Inc."
    assert service.provider.sector == "other"
    assert service.status == "active"
    assert (service.minimum_age, service.min_age_months) == (12, 144)
    assert service.source == name
    assert not service.terms.exists()  # its example terms match none of ours: unplaced
    assert Service.objects.needs_placing().count() == 1


@pytest.mark.parametrize("batch", [None, 1])
def test_an_imported_service_is_stored_as_a_saved_one_is(partnership_a, taxonomies, batch):
    run(partnership_a, ORUK / "service_list.json", batch=batch)
    imported = Service.objects.get()
    # Its timestamp is written as the ORM writes one, so lookups on it find the row.
    assert Service.objects.filter(modified=imported.modified).get() == imported
    assert Service.objects.filter(modified__lte=imported.modified).get() == imported
    imported.save()
    resaved = Service.objects.get()
    assert (resaved.delivery_modes, resaved.feed_description) == (
        imported.delivery_modes,
        imported.feed_description,
    )


def test_it_keeps_the_examples_location(partnership_a, taxonomies):
    run(partnership_a, ORUK / "service_full.json")
    place = Location.objects.get()
    assert place.name == "MyCity Civic Center"
    assert place.postcode == "ABC 1234"
    assert list(place.services.values_list("name", flat=True)) == ["Community Counselling"]


# A v1 council feed, with the mess real feeds carry


@pytest.fixture
def v1_report(partnership_a, taxonomies):
    return run(partnership_a, FEEDS / "v1-council.json")


def test_v1_services_are_created(v1_report, partnership_a):
    assert v1_report.created == [
        "Bumps and Babies group",
        "Perinatal peer support",
        "Stay and play at the library",
    ]
    assert Service.objects.for_partnership(partnership_a).count() == 3


def test_v1_html_descriptions_become_clean_text(v1_report):
    service = Service.objects.get(source_id="1001")
    assert service.description == (
        "A friendly weekly group for parents-to-be & new parents.\n"
        "Drop in, no need to book.\nTea provided."
    )


def test_v1_embedded_organisations_and_eligibility_are_read(v1_report, partnership_a):
    service = Service.objects.get(source_id="1001")
    assert service.provider.name == "Ashworth Family Friends"
    assert service.eligibility_description == "Parents and carers of babies under one"
    assert (service.min_age_months, service.max_age_months) == (0, 12)
    assert service.url == "https://www.ashworth.example/bumps"
    assert "Ashworth Family Friends" in v1_report.organisations


def test_v1_taxonomy_terms_that_match_ours_place_the_service(v1_report):
    assert term_keys(Service.objects.get(source_id="1001")) == {"thrive/getting-advice"}
    assert term_keys(Service.objects.get(source_id="1003")) == {"continuum-level/prevention"}


@pytest.mark.parametrize(
    "reason",
    [
        "Service 1002 skipped: it has no name",
        "Bumps and Babies group (copy) (1001) skipped: its id appears more than once",
        "Closed toy library (1004) skipped: its status 'open' is not one of active, inactive, "
        "defunct, temporarily closed",
        "Item 7 skipped: it is not a service",
        "Item 8 (Service with no id) skipped: it has no id",
    ],
)
def test_v1_bad_records_are_skipped_with_a_reason(v1_report, reason):
    assert any(line.startswith(reason) for line in v1_report.skipped), v1_report.skipped


def test_v1_bad_fields_are_left_out_with_a_warning(v1_report):
    service = Service.objects.get(source_id="1005")
    assert service.status == "temporarily closed"
    assert service.url == ""
    assert service.min_age_months is None and service.max_age_months == 60
    assert service.provider.name == "Ashworth Libraries"
    warnings = " ".join(v1_report.warnings)
    assert "its web address 'not a web address' is not valid" in warnings
    assert "its minimum age 'five' is not a number" in warnings


def test_a_service_with_no_provider_goes_under_a_named_placeholder(v1_report, partnership_a):
    service = Service.objects.get(source_id="1003")
    assert service.provider.name == UNKNOWN_PROVIDER
    assert service.provider.partnership == partnership_a
    assert any("names no provider" in line for line in v1_report.warnings)


def test_an_existing_organisation_is_reused_by_name(partnership_a, taxonomies):
    existing = Organisation.objects.create(
        partnership=partnership_a, name="ashworth family friends", sector="voluntary"
    )
    run(partnership_a, FEEDS / "v1-council.json")
    assert Service.objects.get(source_id="1001").provider == existing


# A v3 page of services


def test_v3_pages_are_read_with_terms_and_organisation_ids(partnership_a, taxonomies):
    report = run(partnership_a, FEEDS / "v3-page.json")
    assert len(report.created) == 3
    team = Service.objects.get(name="Community perinatal mental health team")
    assert term_keys(team) == {"continuum-level/treatment", "thrive/getting-more-help"}
    assert (team.min_age_months, team.max_age_months) == (-9, 12)
    later = Service.objects.get(name="Mother and baby unit referrals")
    assert later.provider.name == "Ashworth and Vale NHS Trust"  # from the earlier record
    assert later.status == "inactive"


def test_a_dangling_organisation_id_is_reported(partnership_a, taxonomies):
    report = run(partnership_a, FEEDS / "v3-page.json")
    orphan = Service.objects.get(name="Orphan service")
    assert orphan.provider.name == UNKNOWN_PROVIDER
    assert any(
        "organisation id 99999999-0000-4000-8000-000000000000 is not in the file" in line
        for line in report.warnings
    )


# Importing again


def test_reimporting_updates_in_place_and_never_duplicates(partnership_a, taxonomies):
    run(partnership_a, FEEDS / "v1-council.json")
    service = Service.objects.get(source_id="1001")
    service.name = "Renamed locally"
    service.save()
    report = run(partnership_a, FEEDS / "v1-council.json")
    assert report.created == []
    assert len(report.updated) == 3
    assert Service.objects.count() == 3
    assert Location.objects.count() == 1
    assert Organisation.objects.filter(name="Ashworth Family Friends").count() == 1
    service.refresh_from_db()
    assert service.name == "Bumps and Babies group"


def test_reimporting_keeps_the_leads_placement(partnership_a, taxonomies):
    from tests.continuum.factories import terms

    run(partnership_a, ORUK / "service_full.json")
    service = Service.objects.get()
    service.terms.set(terms("continuum-level/early-intervention"))
    run(partnership_a, ORUK / "service_full.json")
    assert term_keys(service) == {"continuum-level/early-intervention"}


def test_the_same_feed_in_two_partnerships_stays_apart(partnership_a, partnership_b, taxonomies):
    run(partnership_a, FEEDS / "v1-council.json")
    run(partnership_b, FEEDS / "v1-council.json")
    assert Service.objects.for_partnership(partnership_a).count() == 3
    assert Service.objects.for_partnership(partnership_b).count() == 3


def test_a_dry_run_reports_but_writes_nothing(partnership_a, taxonomies):
    report = run(partnership_a, FEEDS / "v1-council.json", dry_run=True)
    assert len(report.created) == 3
    assert "would be created" in report.summary()
    assert not Service.objects.exists()
    assert not Organisation.objects.filter(name="Ashworth Libraries").exists()


# Bad files: nothing written, a readable line


@pytest.mark.parametrize(
    "content,message",
    [
        (b'{"services": [1, 2', "The file is not valid JSON: Expecting"),
        (b'{"services": []}', "The file is JSON but not an Open Referral UK feed"),
        (b"42", "The file is JSON but not an Open Referral UK feed"),
        (b"\xff\xfe\x00", "The file is not text in UTF-8"),
    ],
)
def test_unusable_files_are_refused_whole(partnership_a, taxonomies, content, message):
    report = import_services(partnership=partnership_a, data=content, source="x", max_bytes=LIMIT)
    assert not report.ok
    assert report.error.startswith(message)
    assert not Service.objects.exists()


def test_a_file_over_the_limit_is_refused_before_parsing():
    with pytest.raises(FeedError, match="The file is 0.0 MB: it must be smaller than"):
        read_feed(b"not even json" * 10, max_bytes=100, name="x.json")


def test_a_failure_midway_writes_nothing(partnership_a, taxonomies, monkeypatch):
    from continuum.importers import store

    def broken(plan):
        # Services and organisations are written by now; their links are not.
        assert Service.objects.exists()
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "link", broken)
    with pytest.raises(RuntimeError):
        run(partnership_a, FEEDS / "v1-council.json")
    assert not Service.objects.exists()
    assert not Organisation.objects.filter(name="Ashworth Family Friends").exists()


def test_clean_text_keeps_paragraphs_and_drops_markup():
    html = "<h2>Title</h2><ul><li>One</li><li>Two &amp; three</li></ul><script>x()</script>"
    assert clean_text(html) == "Title\nOne\nTwo & three\nx()"
    assert clean_text(None) == ""


# The command


def test_the_command_imports_and_reports(partnership_a, taxonomies):
    out = io.StringIO()
    call_command("import_services", "ashworth", str(FEEDS / "v1-council.json"), stdout=out)
    text = out.getvalue()
    assert "3 of 3 services read" in text
    assert "3 services were created, 0 updated and 5 skipped" in text
    assert "Service 1002 skipped: it has no name" in text
    assert Service.objects.count() == 3


def test_the_command_dry_run_saves_nothing(partnership_a, taxonomies):
    out = io.StringIO()
    call_command(
        "import_services", "ashworth", str(FEEDS / "v1-council.json"), "--dry-run", stdout=out
    )
    assert "Dry run, nothing saved: 3 services would be created" in out.getvalue()
    assert not Service.objects.exists()


def test_the_command_shows_progress_on_large_feeds(partnership_a, taxonomies, tmp_path):
    feed = tmp_path / "big.json"
    feed.write_text(json.dumps([{"id": str(i), "name": f"Service {i}"} for i in range(250)]))
    out = io.StringIO()
    call_command("import_services", "ashworth", str(feed), stdout=out)
    assert "100 of 250 services read" in out.getvalue()
    assert "200 of 250 services read" in out.getvalue()
    assert Service.objects.count() == 250


@pytest.mark.parametrize(
    "args,message",
    [
        (["nowhere", "x.json"], "No partnership has the web address name 'nowhere'"),
        (["ashworth", "/no/such/file.json"], "There is no file at /no/such/file.json"),
        (["ashworth", str(FEEDS / "not-json.json")], "Nothing imported. The file is not valid"),
        (["ashworth", str(FEEDS / "wrong-shape.json")], "Nothing imported. The file is JSON but"),
    ],
)
def test_the_command_fails_readably(partnership_a, taxonomies, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_services", *args, stdout=io.StringIO())


def test_the_command_refuses_a_file_over_the_limit(partnership_a, taxonomies, settings):
    settings.SERVICE_IMPORT_MAX_BYTES = 100
    with pytest.raises(CommandError, match="must be smaller than"):
        call_command(
            "import_services", "ashworth", str(FEEDS / "v1-council.json"), stdout=io.StringIO()
        )


# A file nested so deeply that Python's parser gives up; another just deep enough to pass it.
TOO_DEEP = [b"[" * 100_000 + b"]" * 100_000, b'{"a": ' * 200 + b"1" + b"}" * 200]


@pytest.mark.parametrize("content", TOO_DEEP)
def test_the_command_refuses_a_deeply_nested_file_by_name(
    partnership_a, taxonomies, tmp_path, content
):
    feed = tmp_path / "deep.json"
    feed.write_bytes(content)
    with pytest.raises(CommandError, match="deep.json: the file is nested too deeply"):
        call_command("import_services", "ashworth", str(feed), stdout=io.StringIO())
    assert not Service.objects.exists()
