"""The backup and restore drill, end to end on the demo data: `backup` writes a dump and a
manifest, `restore` puts it into a fresh database and proves every table matches.

The source and the restored copy are databases of their own (SQLite files, or on PostgreSQL
throwaway databases beside the test database, dropped afterwards), because pg_dump and SQLite's
backup read committed data from outside the test's transaction.
"""

import io
import json
import os
import subprocess
import sys
import threading
import time

import dj_database_url
import psycopg2
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from operations.databases import Database

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


def server_config() -> dict:
    return dj_database_url.parse(os.environ["DATABASE_URL"])


def admin_connection():
    config = server_config()
    connection = psycopg2.connect(
        dbname="postgres", user=config["USER"], host=config["HOST"], port=config["PORT"] or 5432
    )
    connection.autocommit = True
    return connection


def drop(name: str) -> None:
    connection = admin_connection()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


def database_url(name: str, folder) -> str:
    if not ON_POSTGRES:
        return f"sqlite:///{folder / f'{name}.sqlite3'}"
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return f"{server}/{server_config()['NAME']}_{name}"


def manage(url: str, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]


def query(url: str, sql: str) -> list[tuple]:
    connection = Database.from_url(url).connect()
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        found = cursor.fetchall() if cursor.description else []
        connection.commit()
        return found
    finally:
        connection.close()


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A database holding the demo, as `make run` loads it."""
    url = database_url("ops_source", tmp_path_factory.mktemp("source"))
    if ON_POSTGRES:
        name = Database.from_url(url).name
        drop(name)
        connection = admin_connection()
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()
    manage(url, "migrate", "--no-input", "-v0")
    manage(url, "seed_demo")
    yield url
    if ON_POSTGRES:
        drop(Database.from_url(url).name)


@pytest.fixture
def target(tmp_path):
    """The address of a database that does not exist yet."""
    url = database_url("ops_restored", tmp_path)
    if ON_POSTGRES:
        drop(Database.from_url(url).name)
    yield url
    if ON_POSTGRES:
        drop(Database.from_url(url).name)


def back_up(source: str, folder) -> tuple[str, dict]:
    out = io.StringIO()
    call_command("backup", database_url=source, output_dir=folder, stdout=out)
    (manifest_path,) = folder.glob("*.json")
    manifest = json.loads(manifest_path.read_text())
    assert str(folder / manifest["file"]) in out.getvalue()
    return str(folder / manifest["file"]), manifest


def restore(backup: str, target: str, **options) -> str:
    out = io.StringIO()
    call_command("restore", backup, target=target, stdout=out, **options)
    return out.getvalue()


def restore_failing(backup: str, target: str, **options) -> tuple[str, str]:
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("restore", backup, target=target, stdout=out, **options)
    return str(raised.value), out.getvalue()


def test_backup_writes_the_dump_and_a_manifest_counting_every_table(source, tmp_path):
    dump, manifest = back_up(source, tmp_path)

    model_tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    assert model_tables <= set(manifest["tables"])
    assert "django_migrations" in manifest["tables"]
    for table in ["partnership_partnership", "assessments_response", "continuum_service"]:
        (count,) = query(source, f"SELECT count(*) FROM {table}")[0]  # noqa: S608
        assert count > 0
        assert manifest["tables"][table]["rows"] == count
        assert len(manifest["tables"][table]["checksum"]) == 32
    assert manifest["vendor"] == ("postgresql" if ON_POSTGRES else "sqlite")
    assert manifest["bytes"] == os.path.getsize(dump) > 0
    assert dump.endswith(".dump" if ON_POSTGRES else ".sqlite3")


def test_backup_goes_to_the_backup_dir_setting_by_default(source, tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "nightly"
    call_command("backup", database_url=source, stdout=io.StringIO())

    assert len(list((tmp_path / "nightly").glob("cradle-*.json"))) == 1


def test_restore_into_a_fresh_database_matches_every_table(source, target, tmp_path):
    dump, manifest = back_up(source, tmp_path)

    printed = restore(dump, target)

    assert f"All {len(manifest['tables'])} tables match the backup" in printed
    assert "partnership_partnership" in printed
    names = "SELECT name FROM partnership_partnership ORDER BY name"
    assert query(target, names) == query(source, names)
    responses = "SELECT count(*) FROM assessments_response"
    assert query(target, responses) == query(source, responses)


def test_restore_finds_a_row_changed_after_restoring(source, target, tmp_path):
    dump, _ = back_up(source, tmp_path)
    restore(dump, target)
    query(
        target,
        "UPDATE partnership_partnership SET name = 'Changed' WHERE id IN "
        "(SELECT min(id) FROM partnership_partnership)",
    )
    query(
        target,
        "DELETE FROM continuum_referralroute WHERE id IN "
        "(SELECT min(id) FROM continuum_referralroute)",
    )

    message, printed = restore_failing(dump, target, check_only=True)

    # The two changes, and the data version they moved (partnership migration 0009).
    assert "3 of" in message
    assert "partnership_dataversion (content differs)" in message
    assert "partnership_partnership (content differs)" in message
    assert "continuum_referralroute (row count differs)" in message
    assert [line for line in printed.splitlines() if "differs" in line] == [
        line
        for line in printed.splitlines()
        if line.startswith(
            ("continuum_referralroute ", "partnership_dataversion ", "partnership_partnership ")
        )
    ]


def test_restore_finds_a_table_missing_from_the_restored_copy(source, target, tmp_path):
    dump, _ = back_up(source, tmp_path)
    restore(dump, target)
    query(target, "DROP TABLE continuum_referralroute")

    message, _ = restore_failing(dump, target, check_only=True)

    assert "continuum_referralroute (missing)" in message


def test_restore_refuses_a_database_that_has_tables(source, target, tmp_path):
    dump, _ = back_up(source, tmp_path)
    names = "SELECT name FROM partnership_partnership ORDER BY name"
    before = query(source, names)

    message, _ = restore_failing(dump, source)

    assert "already has" in message and "--force" in message
    assert query(source, names) == before


def test_restore_overwrites_a_database_that_has_tables_when_forced(source, target, tmp_path):
    dump, manifest = back_up(source, tmp_path)
    restore(dump, target)
    query(target, "UPDATE partnership_partnership SET name = 'Changed'")
    message, _ = restore_failing(dump, target)
    assert "--force" in message

    printed = restore(dump, target, force=True)

    assert f"All {len(manifest['tables'])} tables match the backup" in printed
    assert query(target, "SELECT count(*) FROM partnership_partnership WHERE name = 'Changed'") == [
        (0,)
    ]


def test_restore_refuses_a_damaged_backup(source, target, tmp_path):
    dump, _ = back_up(source, tmp_path)
    with open(dump, "r+b") as file:
        file.seek(os.path.getsize(dump) // 2)
        file.write(b"damaged")

    message, _ = restore_failing(dump, target)

    assert "does not match its manifest's sha256" in message
    assert not Database.from_url(target).exists()


def test_restore_refuses_a_backup_without_its_manifest(source, target, tmp_path):
    dump, _ = back_up(source, tmp_path)
    next(tmp_path.glob("*.json")).unlink()

    message, _ = restore_failing(dump, target)

    assert "No manifest" in message and "incomplete" in message


def test_restore_asks_for_a_target(source, tmp_path):
    dump, _ = back_up(source, tmp_path)

    message, _ = restore_failing(dump, "")

    assert "TARGET_DATABASE_URL" in message


def test_a_mistyped_target_is_named_without_its_password(source, tmp_path):
    dump, _ = back_up(source, tmp_path)

    message, _ = restore_failing(dump, "postgress://cradle:s3cret-word@127.0.0.1/restored")

    assert "postgress://cradle:***@127.0.0.1/restored" in message
    assert "s3cret-word" not in message


def test_a_backup_taken_while_the_service_writes_matches_its_manifest(source, target, tmp_path):
    """The dump and the manifest describe one moment, although rows change throughout."""
    stop = threading.Event()
    written = []

    def keep_writing():
        connection = Database.from_url(source).connect()
        try:
            while not stop.is_set():
                cursor = connection.cursor()
                cursor.execute(
                    "UPDATE partnership_partnership SET name = CASE WHEN name LIKE '%.' "
                    "THEN substr(name, 1, length(name) - 1) ELSE name || '.' END "
                    "WHERE id IN (SELECT min(id) FROM partnership_partnership)"
                )
                cursor.execute(
                    "INSERT INTO django_migrations (app, name, applied) "
                    "VALUES ('drill', 'write', CURRENT_TIMESTAMP)"
                )
                connection.commit()
                written.append(1)
        finally:
            connection.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 20:
            time.sleep(0.01)
        before = len(written)
        dump, manifest = back_up(source, tmp_path)
        after = len(written)
    finally:
        stop.set()
        writer.join()

    printed = restore(dump, target)

    assert after > before, "no row changed while the backup ran"
    assert f"All {len(manifest['tables'])} tables match the backup" in printed
    (drill,) = query(target, "SELECT count(*) FROM django_migrations WHERE app = 'drill'")[0]
    assert before <= drill <= after
