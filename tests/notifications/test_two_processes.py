"""Two servers running the daily command at the same moment send each email once.

Both runs are real processes of `manage.py send_reminders` on one database. The test holds the
notification table's write lock until both have started reading, so that their claims meet at
the database at the same moment; then it counts the emails both wrote (each to its own folder,
through Django's file email backend) and the rows recorded.
"""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from notifications.models import Notification
from tests.notifications.world import OPENED, build_world

ROOT = Path(__file__).resolve().parents[2]
RATERS = 12
# On OPENED, a Monday: the round opened, to every contributor and the lead; the lead's digest.
EXPECTED = RATERS + 2
SETUP = (
    "import django; django.setup();"
    "from django.core.management import call_command;"
    "call_command('migrate', verbosity=0);"
    "from tests.notifications.world import build_world;"
    f"build_world({RATERS})"
)


def start_two(env: dict, tmp_path: Path) -> list[subprocess.Popen]:
    command = [sys.executable, "manage.py", "send_reminders", "--today", OPENED.isoformat()]
    runs = []
    for n in range(2):
        folder = tmp_path / f"mail-{n}"
        folder.mkdir()
        run_env = {
            **env,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(folder),
        }
        runs.append(
            subprocess.Popen(
                command,
                cwd=ROOT,
                env=run_env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
    return runs


def finish(runs: list[subprocess.Popen]) -> list[str]:
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    for run, output in zip(runs, outputs, strict=True):
        assert run.returncode == 0, output
    return outputs


def emails_written(tmp_path: Path) -> list[str]:
    """The recipient of every email both runs wrote."""
    return [
        line.removeprefix("To: ").strip()
        for path in sorted(tmp_path.glob("mail-*/*.log"))
        for line in path.read_text().splitlines()
        if line.startswith("To: ")
    ]


def wait_until(condition, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def has_open(pid: int, path: Path) -> bool:
    try:
        return any(
            os.readlink(f"/proc/{pid}/fd/{fd}") == str(path) for fd in os.listdir(f"/proc/{pid}/fd")
        )
    except OSError:
        return False


def assert_each_sent_once(tmp_path: Path, outputs: list[str], recipients: list[str]) -> None:
    written = emails_written(tmp_path)
    assert sorted(written) == sorted(recipients), outputs
    sent = [int(out.split("sent ")[1].split(" ")[0]) for out in outputs]
    assert sum(sent) == EXPECTED, outputs
    print(f"two runs at once: {sent[0]} and {sent[1]} emails sent, {len(written)} written")


def test_two_processes_on_sqlite_send_each_email_once(tmp_path):
    path = tmp_path / "cradle.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "PYTHONUNBUFFERED": "1"}
    subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True, timeout=300)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the write lock: neither run can claim yet
    try:
        runs = start_two(env, tmp_path)
        # Both are reading the rules once they hold the database file open; a moment later
        # both wait on the lock to insert their claims.
        wait_until(lambda: all(has_open(run.pid, path) for run in runs), "both runs to start")
        time.sleep(1)
    finally:
        holder.execute("COMMIT")
        holder.close()
    outputs = finish(runs)
    with sqlite3.connect(path) as db:
        recipients = [
            row[0]
            for row in db.execute(
                "SELECT email FROM partnership_user u JOIN notifications_notification n "
                "ON n.recipient_id = u.id WHERE n.sent IS NOT NULL"
            )
        ]
        rows = db.execute("SELECT count(*) FROM notifications_notification").fetchone()[0]
    db.close()
    assert rows == EXPECTED
    assert_each_sent_once(tmp_path, outputs, recipients)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL only: run with DATABASE_URL=postgres://...",
)
def test_two_processes_on_postgresql_send_each_email_once(transactional_db, tmp_path):
    import psycopg2

    build_world(RATERS)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    holder = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432
    )
    try:
        with holder.cursor() as cursor:
            # Inserts wait behind this lock; reads do not.
            cursor.execute("LOCK TABLE notifications_notification IN SHARE ROW EXCLUSIVE MODE")
            runs = start_two(env, tmp_path)

            def both_waiting() -> bool:
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted"
                    " AND relation = 'notifications_notification'::regclass"
                )
                return cursor.fetchone()[0] == 2

            wait_until(both_waiting, "both runs to wait on their claims")
    finally:
        holder.commit()
        holder.close()
    outputs = finish(runs)
    sent = Notification.objects.filter(sent__isnull=False).select_related("recipient")
    assert Notification.objects.count() == EXPECTED
    assert_each_sent_once(tmp_path, outputs, [n.recipient.email for n in sent])
