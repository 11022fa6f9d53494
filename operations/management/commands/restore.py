import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations import backups
from operations.databases import Database, DatabaseError


class Command(BaseCommand):
    help = (
        "Restores a backup into a fresh database (TARGET_DATABASE_URL, or --target), then "
        "checks that every table's row count and content checksum match the backup's "
        "manifest. Refuses a target that has tables unless --force. Exits non-zero on any "
        "mismatch."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", type=Path, help="the backup file, or its manifest")
        parser.add_argument(
            "--target",
            default=os.environ.get("TARGET_DATABASE_URL", ""),
            help="the database to restore into (default: TARGET_DATABASE_URL)",
        )
        parser.add_argument(
            "--force", action="store_true", help="overwrite a target that already has tables"
        )
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="restore nothing; only check the target against the manifest",
        )
        parser.add_argument(
            "--jobs", type=int, default=2, help="parallel pg_restore jobs (default 2)"
        )

    def handle(self, *args, backup, target, force, check_only, jobs, **options):
        if not target:
            raise CommandError(
                "Name the database to restore into: --target or TARGET_DATABASE_URL, e.g. "
                "postgres://cradle@127.0.0.1:5432/cradle_restored"
            )
        try:
            found = backups.read(backup)
            database = Database.from_url(target)
            if not check_only:
                started = time.perf_counter()
                backups.restore(found, database, force=force, jobs=jobs)
                self.stdout.write(
                    f"Restored {found.dump.name} into {database} "
                    f"in {time.perf_counter() - started:.1f}s"
                )
            started = time.perf_counter()
            checks = backups.check(found, database)
        except (backups.BackupError, DatabaseError) as error:
            raise CommandError(str(error)) from error
        self.print_checks(checks)
        failed = [check for check in checks if not check.ok]
        rows = sum(check.found_rows or 0 for check in checks)
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(checks)} tables do not match the backup: "
                + ", ".join(f"{check.table} ({check.result})" for check in failed)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"All {len(checks)} tables match the backup ({rows:,} rows), "
                f"checked in {time.perf_counter() - started:.1f}s"
            )
        )

    def print_checks(self, checks) -> None:
        width = max([len("table"), *(len(check.table) for check in checks)])
        self.stdout.write(f"{'table':<{width}}  {'in backup':>12}  {'restored':>12}  result")
        for check in checks:
            expected = "-" if check.expected_rows is None else f"{check.expected_rows:,}"
            found = "-" if check.found_rows is None else f"{check.found_rows:,}"
            self.stdout.write(
                f"{check.table:<{width}}  {expected:>12}  {found:>12}  {check.result}"
            )
