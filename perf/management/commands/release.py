from django.core.management.base import BaseCommand

from perf.release import release


class Command(BaseCommand):
    help = (
        "The release step every app server runs before it starts: applies migrations, then "
        "loads the library (taxonomies, frameworks, gap rules), holding a lock so that servers "
        "starting at once take turns (a PostgreSQL advisory lock; on SQLite a file lock). "
        "Whoever comes second finds everything applied and loaded, and changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="list the migrations and library changes it would make, and make none",
        )

    def handle(self, *args, dry_run: bool, **options):
        release(stdout=self.stdout, progress=self.stdout.write, dry_run=dry_run)
