import logging
import signal
import time

from django.core.management.base import BaseCommand

from continuum.importers.jobs import STOP, Stopped, claim, report_of, run
from continuum.models import JobState

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Imports the feeds queued from the upload page (those too large to import during a "
        "request), one job at a time, saving a thousand services per transaction. Runs until "
        "stopped, looking for new jobs every few seconds; with --once, imports what is queued "
        "and exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Import what is queued, then exit")
        parser.add_argument(
            "--sleep", type=float, default=2.0, help="Seconds to wait when nothing is queued"
        )

    def handle(self, *args, once: bool, sleep: float, **options) -> None:
        # Stopped by systemd or `make run`, a job under way stops at its next step and is
        # marked failed with a message rather than left "Importing". The signal only raises a
        # flag: an exception raised from a handler can land anywhere, even where it is ignored.
        signal.signal(signal.SIGTERM, lambda signum, frame: STOP.set())
        try:
            while not STOP.is_set():
                job = claim()
                if job is None:
                    if once:
                        return
                    STOP.wait(sleep)
                    continue
                try:
                    self.import_one(job)
                except Stopped:
                    raise
                except Exception:  # one job's trouble must not stop the others' imports
                    logger.exception("Import job %s could not be finished", job.pk)
        except (Stopped, KeyboardInterrupt):
            pass
        self.stdout.write("Stopped")

    def import_one(self, job) -> None:
        self.stdout.write(f"Job {job.pk}: importing {job.source} for {job.partnership}")
        started = time.monotonic()
        job = run(job)
        elapsed = time.monotonic() - started
        if job.state == JobState.DONE:
            line = f"Job {job.pk}: {report_of(job).summary()} in {elapsed:.1f}s"
            self.stdout.write(self.style.SUCCESS(line))
        else:
            self.stdout.write(self.style.ERROR(f"Job {job.pk} failed: {job.error}"))
