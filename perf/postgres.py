"""A PostgreSQL cluster of the load test's own, and the outages it suffers.

The resilience phase terminates connections and restarts the server: never on the shared
server, always on a throwaway cluster started here on a free port and removed afterwards.
"""

import glob
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager, suppress
from pathlib import Path

import psycopg2
from django.conf import settings

from perf import serving


def postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not found:
        raise RuntimeError("PostgreSQL's server programs are not installed")
    return Path(found[-1])


def as_postgres(*command: str) -> None:
    """Runs a server program as the postgres user (initdb refuses to run as root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True)  # noqa: S603


def pg_ctl(cluster: Path, *args: str) -> None:
    control = [str(postgres_bin() / "pg_ctl"), "-D", str(cluster), "-l", str(cluster / "log")]
    as_postgres(*control, "-w", *args)


@contextmanager
def throwaway_cluster():
    """A PostgreSQL cluster of the load test's own, on a free port, removed afterwards."""
    cluster = Path(f"/tmp/cradle-loadtest-pg-{os.getpid()}")  # noqa: S108 (postgres writes it)
    port = serving.free_port()
    try:
        as_postgres(
            str(postgres_bin() / "initdb"), "-D", str(cluster), "-A", "trust", "-U", "postgres"
        )
        pg_ctl(cluster, "-o", f"-p {port} -k /tmp -c listen_addresses=127.0.0.1", "start")
        admin = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("CREATE ROLE cradle LOGIN CREATEDB")
            cursor.execute("CREATE DATABASE cradle_loadtest OWNER cradle")
        admin.close()
        yield cluster, f"postgres://cradle@127.0.0.1:{port}/cradle_loadtest"
    finally:
        with suppress(subprocess.CalledProcessError):  # not running: it never started
            pg_ctl(cluster, "-m", "immediate", "stop")
        shutil.rmtree(cluster, ignore_errors=True)


def manage(database_url: str, *args: str) -> None:
    done = subprocess.run(  # noqa: S603 (a fixed command line)
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(
            f"manage.py {args[0]} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
        )


def terminate_connections() -> int:
    """pg_terminate_backend for every connection to the load test's own database."""
    db = settings.DATABASES["default"]
    with (
        psycopg2.connect(
            dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"]
        ) as conn,
        conn.cursor() as cursor,
    ):
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [db["NAME"]],
        )
        return cursor.fetchone()[0]
