"""Feeds too large to import during a request are queued, imported by `run_import_jobs`, and
followed on the job's page: progress first, then the same report the upload page gives."""

import json
from dataclasses import asdict
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from continuum.importers import jobs
from continuum.importers.jobs import claim
from continuum.importers.store import import_services
from continuum.models import ImportJob, JobState, Service
from rights.erasure import erase_partnership
from tests.continuum.conftest import FEEDS
from tests.continuum.test_import_page import upload

COUNCIL = (FEEDS / "v1-council.json").read_bytes()


@pytest.fixture
def queue_everything(settings):
    """Every feed counts as large."""
    settings.SERVICE_IMPORT_INLINE_MAX_BYTES = 0


def services(partnership) -> list[tuple]:
    rows = Service.objects.for_partnership(partnership).order_by("source_id")
    return [
        (s.source_id, s.name, s.description, s.url, s.email, s.provider.name, s.feed_description)
        + (tuple(sorted(t.code for t in s.terms.all())),)
        + (tuple(sorted(loc.name for loc in s.locations.all())),)
        for s in rows
    ]


def test_a_large_feed_is_queued_and_the_lead_sent_to_its_page(
    client, lead_a, partnership_a, taxonomies, queue_everything
):
    client.force_login(lead_a)
    response = upload(client, partnership_a, "feed.json", COUNCIL)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert (
        response["Location"] == f"/partnerships/{partnership_a.slug}/services/import/jobs/{job.pk}/"
    )
    assert (job.state, job.source, bytes(job.data)) == (JobState.QUEUED, "feed.json", COUNCIL)
    assert not Service.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Waiting to start" in page
    assert "js/refresh.mjs" in page
    assert f'href="{response["Location"]}">Refresh</a>' in page


def test_a_queued_job_gives_the_same_services_and_report_as_an_inline_import(
    client, lead_a, partnership_a, partnership_b, taxonomies, queue_everything
):
    client.force_login(lead_a)
    location = upload(client, partnership_a, "feed.json", COUNCIL)["Location"]
    call_command("run_import_jobs", "--once")
    job = ImportJob.objects.get()
    inline = import_services(
        partnership=partnership_b, data=COUNCIL, source="feed.json", max_bytes=10**7
    )
    assert job.state == JobState.DONE
    assert job.report == asdict(inline)
    assert services(partnership_a) == services(partnership_b)
    assert len(services(partnership_a)) == 3
    assert bytes(job.data) == b"", "the feed is dropped once imported"
    page = client.get(location).content.decode()
    assert "Import finished" in page
    assert "3 services were created, 0 updated and 5 skipped" in page
    assert "Service 1002 skipped: it has no name" in page
    assert "js/refresh.mjs" not in page


def test_importing_the_same_feed_again_as_a_job_changes_nothing(
    client, lead_a, partnership_a, taxonomies, queue_everything
):
    client.force_login(lead_a)
    upload(client, partnership_a, "feed.json", COUNCIL)
    call_command("run_import_jobs", "--once")
    before = services(partnership_a)
    location = upload(client, partnership_a, "feed.json", COUNCIL)["Location"]
    call_command("run_import_jobs", "--once")
    assert services(partnership_a) == before
    assert (
        "0 services were created, 3 updated and 5 skipped" in client.get(location).content.decode()
    )


def test_the_page_shows_progress_while_the_job_runs(
    client, lead_a, partnership_a, taxonomies, queue_everything
):
    client.force_login(lead_a)
    location = upload(client, partnership_a, "feed.json", COUNCIL)["Location"]
    job = claim()
    ImportJob.objects.filter(pk=job.pk).update(checked=1000, total=2500, saved=0)
    page = client.get(location).content.decode()
    assert "Importing" in page
    assert "1000 of 2500" in page
    assert "Import finished" not in page


def test_two_workers_never_take_the_same_job(lead_a, partnership_a):
    first = ImportJob.objects.create(partnership=partnership_a, source="a.json", data=b"[]")
    second = ImportJob.objects.create(partnership=partnership_a, source="b.json", data=b"[]")
    assert [claim().pk, claim().pk, claim()] == [first.pk, second.pk, None]
    assert set(ImportJob.objects.values_list("state", flat=True)) == {JobState.RUNNING}


@pytest.mark.parametrize(
    "content,message",
    [
        (b'{"a": ', "The file is not valid JSON"),
        (b'{"services": []}', "The file is JSON but not an Open Referral UK feed"),
    ],
)
def test_a_failing_feed_marks_the_job_failed_with_a_message(
    client, lead_a, partnership_a, taxonomies, queue_everything, content, message
):
    client.force_login(lead_a)
    location = upload(client, partnership_a, "bad.json", content)["Location"]
    call_command("run_import_jobs", "--once")
    job = ImportJob.objects.get()
    assert job.state == JobState.FAILED
    assert message in job.error
    response = client.get(location)
    assert response.status_code == 200
    assert "The import failed" in response.content.decode()
    assert message in response.content.decode()
    assert not Service.objects.exists()


def test_another_partnerships_job_is_not_found(
    client, lead_a, lead_b, partnership_a, partnership_b, taxonomies, queue_everything
):
    client.force_login(lead_b)
    upload(client, partnership_b, "feed.json", COUNCIL)
    job = ImportJob.objects.get()
    client.force_login(lead_a)
    # Through partnership A's address, and through B's, which lead A cannot open.
    for slug in (partnership_a.slug, partnership_b.slug):
        response = client.get(reverse("continuum:import-job", args=[slug, job.pk]))
        assert response.status_code == 404


def test_small_feeds_are_still_imported_on_the_page(client, lead_a, partnership_a, taxonomies):
    client.force_login(lead_a)
    response = upload(client, partnership_a, "feed.json", COUNCIL)
    assert response.status_code == 200
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("size", [10, 5000])
def test_the_job_page_queries_do_not_grow_with_the_report(
    client, lead_a, partnership_a, django_assert_max_num_queries, size
):
    names = [f"Service {n}" for n in range(size)]
    job = ImportJob.objects.create(
        partnership=partnership_a,
        source="feed.json",
        state=JobState.DONE,
        report={"created": names, "skipped": names, "warnings": names},
    )
    client.force_login(lead_a)
    with django_assert_max_num_queries(10):
        page = client.get(job.get_absolute_url()).content.decode()
    assert f"{size} services were created, 0 updated and {size} skipped" in page


def test_the_upload_page_says_large_files_are_imported_in_the_background(
    client, lead_a, partnership_a
):
    client.force_login(lead_a)
    page = client.get(reverse("continuum:import", args=[partnership_a.slug])).content.decode()
    assert "A file over 1.0\xa0MB is imported in the background" in page


def test_batches_across_created_and_updated_services_match_an_inline_import(
    client, lead_a, partnership_a, partnership_b, taxonomies, queue_everything, monkeypatch
):
    """Three services to a transaction, so batches hold new services, updated ones, or both."""
    monkeypatch.setattr(jobs, "BATCH_SIZE", 3)

    def feed(count: int, name: str) -> bytes:
        return json.dumps(
            [
                {
                    "id": f"s{i}",
                    "name": f"{name} {i}",
                    "organization": {"name": f"Provider {i % 2}"},
                    "service_at_locations": [{"location": {"name": f"Hub {i % 3}"}}],
                }
                for i in range(count)
            ]
        ).encode()

    client.force_login(lead_a)
    for content in (feed(5, "Service"), feed(8, "Renamed")):
        upload(client, partnership_a, "feed.json", content)
        call_command("run_import_jobs", "--once")
        inline = import_services(
            partnership=partnership_b, data=content, source="feed.json", max_bytes=10**7
        )
        assert ImportJob.objects.order_by("pk").last().report == asdict(inline)
    assert services(partnership_a) == services(partnership_b)
    assert [row[1] for row in services(partnership_a)] == [f"Renamed {i}" for i in range(8)]
    assert ImportJob.objects.order_by("pk").last().saved == 8


def test_a_job_whose_worker_died_is_marked_stopped_by_the_next_worker(
    client, lead_a, partnership_a, taxonomies, queue_everything
):
    """A worker killed outright leaves its job running; the next claim frees the page from
    "Importing" for good, and leaves a job another worker is still on alone."""
    client.force_login(lead_a)
    upload(client, partnership_a, "old.json", COUNCIL)
    upload(client, partnership_a, "new.json", COUNCIL)
    dead, alive = ImportJob.objects.order_by("pk")
    long_ago = timezone.now() - jobs.STALE_AFTER - timedelta(minutes=1)
    ImportJob.objects.filter(pk=dead.pk).update(state=JobState.RUNNING, started=long_ago)
    ImportJob.objects.filter(pk=alive.pk).update(state=JobState.RUNNING, started=timezone.now())
    assert claim() is None
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.state, dead.error, bytes(dead.data)) == (JobState.FAILED, jobs.STOPPED, b"")
    assert alive.state == JobState.RUNNING
    page = client.get(
        reverse("continuum:import-job", args=[partnership_a.slug, dead.pk])
    ).content.decode()
    assert "js/refresh.mjs" not in page
    assert "importing the same file again completes it" in page


def test_a_partnership_erased_during_its_import_does_not_stop_the_worker(
    client, lead_a, partnership_a, partnership_b, lead_b, taxonomies, queue_everything
):
    client.force_login(lead_a)
    upload(client, partnership_a, "a.json", COUNCIL)
    client.force_login(lead_b)
    upload(client, partnership_b, "b.json", COUNCIL)
    first = claim()
    erase_partnership(partnership=partnership_a)  # an admin erases it while its job runs
    assert jobs.run(first).state == JobState.FAILED
    call_command("run_import_jobs", "--once")
    assert ImportJob.objects.get().state == JobState.DONE
    assert len(services(partnership_b)) == 3
