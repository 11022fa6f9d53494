"""A consistent online backup with a manifest beside it, and its restore into a fresh database.

PostgreSQL: the manifest is counted inside a repeatable-read transaction whose snapshot
pg_dump is told to use (`--snapshot`), so the dump and the manifest describe the same moment
while the service carries on writing. SQLite: the online backup API copies the database in one
step (a consistent snapshot, writers carry on), and the manifest is counted on that copy.

A backup is complete when its manifest exists: the dump is written under a temporary name and
renamed, and the manifest, written last, records the dump's size and sha256.
"""

import hashlib
import json
import shutil
import sqlite3
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from psycopg2.extensions import ISOLATION_LEVEL_REPEATABLE_READ

from operations import inventory
from operations.databases import POSTGRESQL, SQLITE, Database, DatabaseError

FORMAT = 1
SUFFIXES = {POSTGRESQL: ".dump", SQLITE: ".sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Backup:
    dump: Path
    manifest_path: Path
    manifest: dict


def back_up(source: Database, directory: Path) -> Backup:
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"cradle-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    dump = directory / f"{stem}{SUFFIXES[source.vendor]}"
    manifest_path = directory / f"{stem}.json"
    if dump.exists() or manifest_path.exists():
        raise BackupError(f"{dump} exists already; wait a second and run the backup again")
    partial = dump.with_name(dump.name + ".partial")
    started = time.perf_counter()
    try:
        if source.vendor == POSTGRESQL:
            tables = _dump_postgresql(source, partial)
        else:
            tables = _copy_sqlite(source, partial)
        partial.rename(dump)
    finally:
        partial.unlink(missing_ok=True)
    manifest = {
        "cradle_backup": FORMAT,
        "vendor": source.vendor,
        "source": str(source),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "file": dump.name,
        "bytes": dump.stat().st_size,
        "sha256": _sha256(dump),
        "seconds": round(time.perf_counter() - started, 1),
        "checksum_method": inventory.METHOD,
        "tables": tables,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return Backup(dump=dump, manifest_path=manifest_path, manifest=manifest)


def read(path: Path) -> Backup:
    """A backup named by its dump or its manifest."""
    manifest_path = path if path.suffix == ".json" else path.with_suffix(".json")
    try:
        manifest = json.loads(manifest_path.read_text())
    except FileNotFoundError as error:
        raise BackupError(
            f"No manifest at {manifest_path}: a backup without one is incomplete"
        ) from error
    except json.JSONDecodeError as error:
        raise BackupError(f"{manifest_path} is not a backup manifest: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("cradle_backup") != FORMAT:
        raise BackupError(f"{manifest_path} is not a Cradle backup manifest")
    return Backup(
        dump=manifest_path.with_name(manifest["file"]),
        manifest_path=manifest_path,
        manifest=manifest,
    )


def restore(backup: Backup, target: Database, *, force: bool = False, jobs: int = 2) -> None:
    """Restores the backup into the target database, which must be new or empty unless force.

    A PostgreSQL target that does not exist yet is created (the role needs CREATEDB)."""
    manifest = backup.manifest
    if manifest["vendor"] != target.vendor:
        raise BackupError(
            f"{backup.dump.name} is a {manifest['vendor']} backup; "
            f"{target} is a {target.vendor} database"
        )
    if not backup.dump.exists():
        raise BackupError(f"The backup file {backup.dump} is missing")
    if _sha256(backup.dump) != manifest["sha256"]:
        raise BackupError(
            f"{backup.dump} does not match its manifest's sha256: the file is damaged or "
            "is not the one the manifest describes"
        )
    if target.exists():
        tables = table_count(target)
        if tables and not force:
            raise BackupError(
                f"{target} already has {tables} tables. Restore into a fresh database, or "
                "run again with --force to overwrite it"
            )
    elif target.vendor == POSTGRESQL:
        target.create()
    if target.vendor == POSTGRESQL:
        _restore_postgresql(backup.dump, target, clean=force, jobs=jobs)
    else:
        _restore_sqlite(backup.dump, target)


def check(backup: Backup, target: Database) -> list[inventory.TableCheck]:
    """Every table of the target beside the manifest: row counts and checksums."""
    connection = target.connect()
    try:
        return inventory.compare(
            backup.manifest["tables"], inventory.take(connection, target.vendor)
        )
    finally:
        connection.close()


def table_count(database: Database) -> int:
    connection = database.connect()
    try:
        return len(inventory.table_names(connection, database.vendor))
    finally:
        connection.close()


def _dump_postgresql(source: Database, dump: Path) -> dict:
    connection = source.connect()
    connection.set_session(isolation_level=ISOLATION_LEVEL_REPEATABLE_READ, readonly=True)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        with tempfile.TemporaryFile() as errors:
            # The transaction stays open until pg_dump has finished: its snapshot lives as long.
            dumping = subprocess.Popen(  # noqa: S603 (a fixed command line)
                [
                    _program("pg_dump"),
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    "--no-password",
                    f"--file={dump}",
                ],
                env=source.libpq_env(),
                stderr=errors,
            )
            try:
                tables = inventory.take(connection, POSTGRESQL)
            finally:
                dumping.wait()
            if dumping.returncode:
                errors.seek(0)
                raise BackupError(f"pg_dump failed: {errors.read().decode()[-2000:]}")
        return tables
    finally:
        connection.rollback()
        connection.close()


def _copy_sqlite(source: Database, copy_path: Path) -> dict:
    original = source.connect()
    copy = sqlite3.connect(copy_path)
    try:
        original.backup(copy)
        # One self-contained file: no write-ahead log beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        return inventory.take(copy, SQLITE)
    finally:
        copy.close()
        original.close()


def _restore_postgresql(dump: Path, target: Database, *, clean: bool, jobs: int) -> None:
    command = [
        _program("pg_restore"),
        "--no-owner",
        "--no-acl",
        "--no-password",
        "--exit-on-error",
        f"--jobs={max(jobs, 1)}",
        f"--dbname={target.name}",
    ]
    if clean:
        command += ["--clean", "--if-exists"]
    done = subprocess.run(  # noqa: S603 (a fixed command line)
        [*command, str(dump)], env=target.libpq_env(), capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise BackupError(f"pg_restore failed: {done.stderr[-2000:]}")
    # pg_restore leaves the planner without statistics; gather them before anyone uses it.
    connection = target.connect()
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    finally:
        connection.close()


def _restore_sqlite(dump: Path, target: Database) -> None:
    Path(target.name).parent.mkdir(parents=True, exist_ok=True)
    copy = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    restored = sqlite3.connect(target.name)
    try:
        copy.backup(restored)
    finally:
        restored.close()
        copy.close()


def _program(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


__all__ = ["Backup", "BackupError", "DatabaseError", "back_up", "check", "read", "restore"]
