"""The page of a queued import: axe and a phone's width while it runs, when it fails and when
it finishes, and it updates itself under the strict CSP until the report is there."""

from dataclasses import asdict

from playwright.sync_api import expect

from continuum.importers.store import import_services
from continuum.models import ImportJob, JobState
from tests.browser.axe import serious_violations
from tests.browser.screens import fits_a_phone
from tests.continuum.conftest import FEEDS


def test_the_job_page_passes_axe_and_updates_itself(
    page, sign_in, lead_a, partnership_a, partnership_b
):
    job = ImportJob.objects.create(
        partnership=partnership_a, uploaded_by=lead_a, source="council.json", state="running"
    )
    ImportJob.objects.filter(pk=job.pk).update(checked=4000, total=10000)
    sign_in("lead@a.example")

    # First without the module that refreshes the page, so axe sees one page.
    page.route("**/refresh.mjs", lambda route: route.abort())
    page.goto(job.get_absolute_url())
    assert "4000 of 10000" in page.inner_text("main")
    expect(page.get_by_role("link", name="Refresh")).to_be_visible()
    assert serious_violations(page) == []
    assert fits_a_phone(page)

    # With it, the page reloads itself and shows the report once the job is done.
    page.unroute("**/refresh.mjs")
    page.goto(job.get_absolute_url())
    report = import_services(
        partnership=partnership_b,
        data=(FEEDS / "v1-council.json").read_bytes(),
        source="council.json",
        max_bytes=10**7,
    )
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.DONE, report=asdict(report))
    page.get_by_text("Import finished").wait_for(timeout=15_000)
    assert "3 services were created, 0 updated and 5 skipped" in page.inner_text("main")
    assert serious_violations(page) == []
    assert fits_a_phone(page)

    ImportJob.objects.filter(pk=job.pk).update(
        state=JobState.FAILED, error="The file is not valid JSON (line 1, column 7)"
    )
    page.goto(job.get_absolute_url())
    assert "The import failed" in page.inner_text("main")
    assert serious_violations(page) == []
    assert fits_a_phone(page)
