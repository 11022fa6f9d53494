"""The release step every app server runs before it serves: migrations, then the library.

Several servers may start at once. One lock makes them take turns: a PostgreSQL advisory lock
(held by a connection of its own, so nothing the migrations do can drop it), or on SQLite a
file lock beside the database file. Whoever comes second finds the work done and changes
nothing.
"""

import fcntl
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.db import connections

# One number for the whole service: pg_advisory_lock takes a bigint key.
LOCK_KEY = zlib.crc32(b"cradle release")
# The library, in the order its parts depend on one another.
LIBRARY_COMMANDS = ["load_taxonomies", "load_frameworks", "load_gap_rules"]


@contextmanager
def release_lock(alias: str = "default") -> Iterator[None]:
    """Held by one process at a time across every server sharing the database."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        # A connection apart from the one migrations use: it lives exactly as long as the lock.
        holder = connections.create_connection(alias)
        try:
            with holder.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
            try:
                yield
            finally:
                with holder.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        finally:
            holder.close()
    elif connection.vendor == "sqlite" and not connection.is_in_memory_db():
        lock_file = Path(f"{connection.settings_dict['NAME']}.release-lock")
        with lock_file.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    else:
        yield


def release(*, stdout, progress: Callable[[str], None], dry_run: bool = False) -> None:
    """Migrates and loads the library, under the lock; with `dry_run`, says what it would do."""
    progress("Waiting for the release lock")
    with release_lock():
        progress("Release lock held: migrating")
        call_command("migrate", interactive=False, plan=dry_run, verbosity=1, stdout=stdout)
        for name in LIBRARY_COMMANDS:
            call_command(name, quiet_unchanged=True, dry_run=dry_run, stdout=stdout)
    progress("Release done; lock released")
