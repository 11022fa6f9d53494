import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partnership.indicators.store import import_indicators, too_big


class Command(BaseCommand):
    help = (
        "Loads indicator values for every area in a file: an OHID Fingertips 'all data' CSV, "
        "or a simple CSV of Area code, Period and Value for the indicator named by --indicator "
        "(live-births, under-fives, or any indicator Cradle has). Values for areas Cradle does "
        "not know are kept against their code. The file replaces the values it covers; every "
        "row is checked first and a file with any problem writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A CSV file on this machine")
        parser.add_argument(
            "--indicator", default="", help="The indicator a simple file's values are for"
        )
        parser.add_argument(
            "--synthetic",
            action="store_true",
            help="Mark the values as made up for a demonstration",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but save nothing"
        )

    def handle(self, *args, path: str, indicator: str, synthetic: bool, dry_run: bool, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"There is no file at {path}")
        limit = settings.INDICATOR_UPLOAD_MAX_BYTES
        if file.stat().st_size > limit:
            raise CommandError(too_big(file.stat().st_size, limit))
        started = time.monotonic()
        report = import_indicators(
            data=file.read_bytes(),
            name=file.name,
            max_bytes=limit,
            indicator=indicator,
            dry_run=dry_run,
            synthetic=synthetic,
        )
        if not report.ok:
            raise CommandError(f"Nothing loaded from {file.name}:\n" + "\n".join(report.problems))
        for line in report.lines():
            self.stdout.write(f"  - {line}")
        elapsed = time.monotonic() - started
        prefix = "Dry run, nothing saved: " if dry_run else "Loaded: "
        self.stdout.write(self.style.SUCCESS(f"{prefix}{file.name} in {elapsed:.1f}s"))
