import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from continuum.importers.oruk import too_big
from continuum.importers.store import import_services
from partnership.models import Partnership


class Command(BaseCommand):
    help = (
        "Imports an Open Referral UK feed (HSDS 3 JSON, or an older v1 list of services) into "
        "a partnership's service map. Services are matched on their feed id, so importing the "
        "same file again updates them in place. Everything is written in one transaction: a "
        "file that cannot be read writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The partnership's web address name")
        parser.add_argument("path", help="A JSON file on this machine")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but save nothing"
        )

    def handle(self, *args, slug: str, path: str, dry_run: bool, **options) -> None:
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is None:
            raise CommandError(f"No partnership has the web address name '{slug}'")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"There is no file at {path}")
        limit = settings.SERVICE_IMPORT_MAX_BYTES
        if file.stat().st_size > limit:
            raise CommandError(too_big(file.stat().st_size, limit))
        started = time.monotonic()
        report = import_services(
            partnership=partnership,
            data=file.read_bytes(),
            source=file.name,
            max_bytes=limit,
            dry_run=dry_run,
            progress=self.progress,
        )
        if report.error:
            raise CommandError(report.summary())
        for heading, lines in [
            ("Skipped", report.skipped),
            ("Warnings", report.warnings),
            ("Organisations added with sector 'other'", report.organisations),
        ]:
            if lines:
                self.stdout.write(f"{heading}:")
                for line in lines:
                    self.stdout.write(f"  - {line}")
        elapsed = time.monotonic() - started
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{report.summary()} in {elapsed:.1f}s"))

    def progress(self, done: int, total: int) -> None:
        self.stdout.write(f"{done} of {total} services read")
