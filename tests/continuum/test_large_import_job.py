"""A 100,000-service feed (about 10 MB) goes in through the upload page as a queued job.

SLOW: about a minute and a half for this module. The page, the worker and another
partnership's lead each run in a process of their own against one SQLite file, as they would
in production: the upload is answered at once with the job's page, the job's page shows
progress while the worker imports, the other lead's save succeeds meanwhile, and the page ends
with the report. A worker stopped mid-import marks the job failed.
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB = Path(__file__).with_name("large_import_web.py")
COUNT = 100_000

pytestmark = pytest.mark.slow


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "cradle.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "PYTHONUNBUFFERED": "1"}
    return path, env


def web(env, *arguments) -> str:
    done = subprocess.run(
        [sys.executable, str(WEB), *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def job_row(path: Path) -> tuple:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
        return db.execute("SELECT state, checked, total, saved FROM continuum_importjob").fetchone()


def wait_for(path: Path, ready, worker: subprocess.Popen) -> tuple:
    while not ready(row := job_row(path)):
        assert worker.poll() is None, "the worker ended before the job got there"
        time.sleep(0.2)
    return row


def minimal_feed(path: Path, count: int = COUNT) -> Path:
    services = [
        {
            "id": f"s{i}",
            "name": f"Service {i}",
            "organization": {"id": f"o{i % 20}", "name": f"Provider {i % 20}"},
        }
        for i in range(count)
    ]
    path.write_text(json.dumps(services))
    return path


def test_a_feed_of_100000_services_is_imported_as_a_job_while_others_save(database, tmp_path):
    path, env = database
    web(env, "setup")
    feed = minimal_feed(tmp_path / "feed.json")
    assert feed.stat().st_size > 9_000_000

    status, location = web(env, "upload", str(feed)).split()
    assert status == "302"
    assert re.fullmatch(r"/partnerships/ashworth/services/import/jobs/\d+/", location)
    assert job_row(path) == ("queued", 0, 0, 0)

    command = [sys.executable, "manage.py", "run_import_jobs", "--once"]
    with subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) as worker:
        try:
            wait_for(path, lambda row: row[1] > 0, worker)
            page = web(env, "page", location)
            assert page.startswith("200")
            assert "Importing" in page
            assert re.search(r"\d+ of 100000", page)
            assert "js/refresh.mjs" in page

            # Another lead saves while the services are checked, and while they are written:
            # the second save waits, ready, for the writes to begin, as they may take a moment.
            saver = subprocess.Popen(
                [sys.executable, str(WEB), "save-while-saving", "Bramley while saving"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert (
                web(env, "save", "Bramley while checking").strip() == "302 Bramley while checking"
            )
            assert job_row(path)[0] == "running", "the first save was not made during the import"
            saved_during = saver.communicate(timeout=120)[0].split()
            assert saved_during == ["302", "Bramley", "while", "saving", "running"]
        finally:
            output = worker.communicate(timeout=300)[0]
    print(output)
    assert worker.returncode == 0, output
    assert f"{COUNT} services were created, 0 updated and 0 skipped in" in output

    assert job_row(path) == ("done", COUNT, COUNT, COUNT)
    page = web(env, "page", location)
    assert "Import finished" in page
    assert f"{COUNT} services were created, 0 updated and 0 skipped" in page
    assert "js/refresh.mjs" not in page
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM continuum_service").fetchone() == (COUNT,)


def test_a_worker_stopped_mid_import_marks_the_job_failed(database, tmp_path):
    path, env = database
    web(env, "setup")
    location = web(env, "upload", str(minimal_feed(tmp_path / "feed.json", 20_000))).split()[1]
    command = [sys.executable, "manage.py", "run_import_jobs"]
    with subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) as worker:
        try:
            wait_for(path, lambda row: row[1] > 0, worker)
        finally:
            worker.terminate()
            worker.communicate(timeout=60)
    assert job_row(path)[0] == "failed"
    page = web(env, "page", location)
    assert "The import failed" in page
    assert "The import was stopped before it finished" in page
