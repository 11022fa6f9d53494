"""An import leaves the SQLite database free for everyone else's saves while it checks a feed.

SQLite has one write lock per file, and Cradle's transactions take it at once (IMMEDIATE), so
an import that worked inside a transaction made every other save in every partnership wait,
then fail with "database is locked". These tests run the real command in another process
against a database file of their own and save to that file meanwhile.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETUP = (
    "import django; django.setup();"
    "from django.core.management import call_command;"
    "from partnership.models import Partnership;"
    "call_command('migrate', verbosity=0);"
    "Partnership.objects.create(slug='ashworth', name='Ashworth')"
)


@pytest.fixture(scope="module")
def database_file(tmp_path_factory):
    """A migrated SQLite file with one partnership, shared by this module's tests."""
    path = tmp_path_factory.mktemp("lock") / "cradle.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "PYTHONUNBUFFERED": "1"}
    subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True, timeout=120)
    return path, env


def feed(tmp_path, count: int) -> Path:
    path = tmp_path / "feed.json"
    services = [
        {
            "id": f"s{i}",
            "name": f"Service {i}",
            "organization": {"id": f"o{i % 20}", "name": f"Provider {i % 20}"},
            "service_at_locations": [{"location": {"name": f"Hub {i % 50}"}}],
        }
        for i in range(count)
    ]
    path.write_text(json.dumps(services))
    return path


def save_elsewhere(path: Path) -> None:
    """Another user's save: a write that waits at most two seconds for the lock."""
    with sqlite3.connect(path, timeout=2, isolation_level=None) as other:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE partnership_partnership SET name = 'Ashworth (renamed)'")
        other.execute("COMMIT")
    other.close()


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "import"])
def test_other_saves_succeed_while_a_large_import_runs(database_file, tmp_path, dry_run):
    path, env = database_file
    command = [sys.executable, "manage.py", "import_services", "ashworth"]
    command += [str(feed(tmp_path, 5000))] + (["--dry-run"] if dry_run else [])
    with subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) as run:
        output = []
        try:
            # Under way: it reports progress every hundred services.
            while not (line := run.stdout.readline()).startswith("200 of 5000"):
                assert line, "the import ended before it reported progress"
                output.append(line)
            save_elsewhere(path)
        finally:
            output.append(run.communicate(timeout=120)[0])
    assert run.returncode == 0, "".join(output)
    saved = "would be created" if dry_run else "were created"
    assert f"5000 services {saved}" in "".join(output)
