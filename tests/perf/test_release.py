"""The release step, run by two servers starting at once on a fresh database: both succeed,
migrations apply once and the library is loaded once (the second finds nothing to do).

Each run needs a database of its own that other processes can reach: a SQLite file, or on
PostgreSQL a throwaway database beside the test database, dropped afterwards.
"""

import io
import os
import sqlite3
import subprocess
import sys

import dj_database_url
import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command

from assessments.models import Framework

LIBRARY_TABLES = [
    "assessments_framework",
    "assessments_element",
    "assessments_descriptor",
    "continuum_taxonomy",
    "continuum_term",
    "django_migrations",
]
FRAMEWORK_FILES = len(list((settings.BASE_DIR / "fixtures" / "frameworks").glob("*.json")))


@pytest.fixture
def database(tmp_path):
    """A fresh, empty database: (its URL, a function that counts a table's rows)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        path = tmp_path / "release.sqlite3"

        def count_sqlite(table):
            with sqlite3.connect(path) as conn:
                return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608

        yield f"sqlite:///{path}", count_sqlite
        return
    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_release"
    server = {"user": config["USER"], "host": config["HOST"], "port": config["PORT"] or 5432}
    admin = psycopg2.connect(dbname="postgres", **server)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')

    def count_postgres(table):
        with psycopg2.connect(dbname=name, **server) as conn, conn.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
            return cursor.fetchone()[0]

    try:
        yield url.rsplit("/", 1)[0] + f"/{name}", count_postgres
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def start_release(database_url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "release"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen) -> str:
    try:
        output, _ = process.communicate(timeout=240)
    finally:
        process.kill()
    assert process.returncode == 0, output[-3000:]
    return output


def test_two_servers_releasing_at_once_both_succeed_and_load_the_library_once(database):
    url, count = database
    first, second = start_release(url), start_release(url)
    outputs = [finish(first), finish(second)]

    # One of them applied the migrations and loaded the library; the other, waiting its turn,
    # found it all done.
    loaded = [o for o in outputs if f"{FRAMEWORK_FILES} changed, 0 unchanged" in o]
    found_done = [o for o in outputs if f"0 changed, {FRAMEWORK_FILES} unchanged" in o]
    assert len(loaded) == 1 and len(found_done) == 1, outputs
    assert "No migrations to apply." in found_done[0]
    assert "Release done" in outputs[0] and "Release done" in outputs[1]
    counts = {table: count(table) for table in LIBRARY_TABLES}
    assert counts["assessments_framework"] == FRAMEWORK_FILES
    assert counts["assessments_descriptor"] > counts["assessments_element"] > 0

    # A third run, as a server restarting: nothing changes, not a row more.
    again = finish(start_release(url))
    assert "No migrations to apply." in again and " 0 changed" in again
    assert {table: count(table) for table in LIBRARY_TABLES} == counts


def test_a_dry_run_lists_what_it_would_load_and_loads_nothing(db):
    # Frameworks are checked against the taxonomies in the database, which a dry run never
    # writes: on an empty database it would report every term unknown.
    call_command("load_taxonomies", stdout=io.StringIO())
    out = io.StringIO()
    call_command("release", dry_run=True, stdout=out)
    printed = out.getvalue()
    assert "Planned operations:" in printed or "No planned migration operations." in printed
    assert f"{FRAMEWORK_FILES} would change" in printed and "nothing was written" in printed
    assert not Framework.objects.exists()


def test_it_migrates_and_loads_the_library_on_the_test_database(db):
    call_command("release", stdout=io.StringIO())
    assert Framework.objects.count() == FRAMEWORK_FILES
    out = io.StringIO()
    call_command("release", stdout=out)
    assert "No migrations to apply." in out.getvalue() and " 0 changed" in out.getvalue()
    assert Framework.objects.count() == FRAMEWORK_FILES
