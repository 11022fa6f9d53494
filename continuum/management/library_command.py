"""The shared shape of `load_taxonomies` and `load_frameworks`."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from continuum.library_files import Report
from continuum.loading import Source


class LibraryLoadCommand(BaseCommand):
    kind = "files"

    def loader(self, sources: list[Source], *, dry_run: bool) -> Report:
        raise NotImplementedError

    def shipped(self) -> list[Source]:
        raise NotImplementedError

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "paths", nargs="*", type=Path, help="files to load (default: all shipped)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, but write nothing"
        )
        parser.add_argument(
            "--quiet-unchanged", action="store_true", help="do not list unchanged items"
        )

    def handle(self, *args, paths: list[Path], dry_run: bool, quiet_unchanged: bool, **options):
        missing = [str(path) for path in paths if not path.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        sources = [Source.from_path(path) for path in paths] if paths else self.shipped()
        started = time.perf_counter()
        report = self.loader(sources, dry_run=dry_run)
        elapsed = time.perf_counter() - started

        if not report.ok:
            for problem in report.problems:
                self.stderr.write(str(problem))
            count = len(report.problems)
            raise CommandError(
                f"{count} problem{'s' if count != 1 else ''} found; nothing was loaded"
            )
        for line in report.lines():
            if not (quiet_unchanged and line.startswith("unchanged")):
                self.stdout.write(line)
        verb = "would change" if dry_run else "changed"
        summary = (
            f"{len(sources)} {self.kind} checked in {elapsed:.2f}s: "
            f"{report.change_count()} {verb}, {len(report.unchanged)} unchanged"
        )
        if dry_run:
            summary += " (dry run: nothing was written)"
        self.stdout.write(self.style.SUCCESS(summary))
