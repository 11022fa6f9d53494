"""Queued imports: feeds too large to import during a web request.

The upload page stores the feed in an `ImportJob`; `manage.py run_import_jobs` claims jobs one
at a time and imports each in short transactions, recording its progress on the row so the
job's page can show it.
"""

import logging
import threading
from dataclasses import asdict
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from continuum.importers.store import ImportReport, import_services
from continuum.models import ImportJob, JobState
from partnership.language import language_of

logger = logging.getLogger(__name__)

# Services saved per transaction, and how often the row hears of the checks' progress.
BATCH_SIZE = 1000
CHECKED_EVERY = 1000
# Stored in English and shown in the reader's language (ImportJob.error_text).
FAILED = gettext_noop(
    "The import stopped because of a problem on our side. Services saved before it stopped "
    "are kept; importing the same file again completes it without making copies."
)
# A job still "running" this long after it started lost its worker (killed outright, or its
# machine went down): the largest feed allowed imports in a minute or two.
STALE_AFTER = timedelta(minutes=30)
GONE = gettext_noop("The partnership was erased while its import was under way; nothing was kept.")
STOPPED = gettext_noop(
    "The import was stopped before it finished (the server was restarted). Services saved "
    "before it stopped are kept; importing the same file again completes it without making "
    "copies."
)


# Set when the worker is asked to stop (SIGTERM): the job under way stops at its next step.
STOP = threading.Event()


class Stopped(Exception):
    """The worker was asked to stop while importing."""


def claim() -> ImportJob | None:
    """The oldest queued job, now marked running, or None. Two workers never get the same job.

    On PostgreSQL the row is locked and skipped by other workers; everywhere, the update only
    succeeds while the job is still queued, so a worker that loses the race moves on.
    """
    queued = ImportJob.objects.filter(state=JobState.QUEUED).order_by("created", "pk")
    skip_locked = connection.features.has_select_for_update_skip_locked
    release_stale()
    while True:
        # A read first: on SQLite every transaction takes the write lock, and a worker asking
        # every few seconds should not hold up anyone's saves when nothing is queued.
        if not queued.exists():
            return None
        with transaction.atomic():
            candidates = queued.select_for_update(skip_locked=True) if skip_locked else queued
            pk = candidates.values_list("pk", flat=True).first()
            if pk is None:
                return None
            taken = ImportJob.objects.filter(pk=pk, state=JobState.QUEUED).update(
                state=JobState.RUNNING, started=timezone.now()
            )
        if taken:
            return ImportJob.objects.get(pk=pk)


def release_stale() -> int:
    """Marks failed, with the stopped message, every job whose worker died under it, so its
    page stops saying "Importing" and its feed is dropped. Returns how many there were."""
    stale = ImportJob.objects.filter(
        state=JobState.RUNNING, started__lt=timezone.now() - STALE_AFTER
    )
    if not stale.exists():  # a read first, as in claim()
        return 0
    return stale.update(state=JobState.FAILED, error=STOPPED, data=b"", finished=timezone.now())


def run(job: ImportJob) -> ImportJob:
    """Imports the job's feed; a failure marks the job failed with a message, never raises.

    The report's sentences are written in the language of the person who uploaded the feed.
    """
    with translation.override(language_of(job.uploaded_by)):
        return import_job(job)


def import_job(job: ImportJob) -> ImportJob:

    def checked(done: int, total: int) -> None:
        if STOP.is_set():
            raise Stopped
        if done % CHECKED_EVERY == 0 or done == total:
            ImportJob.objects.filter(pk=job.pk).update(checked=done, total=total)

    def saved(done: int, total: int) -> None:
        if STOP.is_set():
            raise Stopped
        ImportJob.objects.filter(pk=job.pk).update(saved=done)

    try:
        report = import_services(
            partnership=job.partnership,
            data=bytes(job.data),
            source=job.source,
            max_bytes=settings.SERVICE_IMPORT_MAX_BYTES,
            dry_run=job.dry_run,
            progress=checked,
            batch=BATCH_SIZE,
            saved=saved,
        )
    except (Stopped, KeyboardInterrupt, SystemExit):
        finish(job, JobState.FAILED, error=STOPPED)
        raise
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        finish(job, JobState.FAILED, error=FAILED)
    else:
        if report.error:
            finish(job, JobState.FAILED, error=report.error)
        else:
            finish(job, JobState.DONE, report=asdict(report))
    try:
        job.refresh_from_db()
    except ImportJob.DoesNotExist:  # its partnership was erased meanwhile, the job with it
        job.state, job.error = JobState.FAILED, GONE
    return job


def finish(job: ImportJob, state: str, *, error: str = "", report: dict | None = None) -> None:
    # The feed itself is dropped: the report is what the lead needs from here on.
    ImportJob.objects.filter(pk=job.pk).update(
        state=state, error=error, report=report or {}, data=b"", finished=timezone.now()
    )


def report_of(job: ImportJob) -> ImportReport | None:
    """The finished job's report, as the upload page shows an import done there."""
    if job.state != JobState.DONE:
        return None
    fields = set(ImportReport.__dataclass_fields__)
    return ImportReport(**{k: v for k, v in job.report.items() if k in fields})
