from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations import backups
from operations.databases import Database, DatabaseError


class Command(BaseCommand):
    help = (
        "Backs up the database while the service runs: pg_dump's custom format for PostgreSQL "
        "(one snapshot), SQLite's online backup for SQLite. Writes the backup and, beside it, "
        "a manifest of every table's row count and content checksum into BACKUP_DIR."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output-dir", type=Path, help="where to write it (default: the BACKUP_DIR setting)"
        )
        parser.add_argument(
            "--database-url", help="back up this database instead of the service's own"
        )

    def handle(self, *args, output_dir, database_url, **options):
        try:
            source = (
                Database.from_url(database_url)
                if database_url
                else Database.from_settings(settings.DATABASES["default"])
            )
            backup = backups.back_up(source, output_dir or Path(settings.BACKUP_DIR))
        except (backups.BackupError, DatabaseError) as error:
            raise CommandError(str(error)) from error
        manifest = backup.manifest
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(f"Backup: {backup.dump}")
        self.stdout.write(f"Manifest: {backup.manifest_path}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {len(manifest['tables'])} tables, {rows:,} rows, "
                f"{manifest['bytes']:,} bytes in {manifest['seconds']:.1f}s"
            )
        )
