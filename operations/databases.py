"""The databases a backup reads and a restore writes, opened directly rather than through
Django's connections: the source and a restored copy are then read in exactly the same way,
and a restore never touches the database the running service uses."""

import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg2
from psycopg2 import sql

POSTGRESQL = "postgresql"
SQLITE = "sqlite"

# Every value's text form is fixed, whatever the server's or the role's defaults, so that the
# source and the restored copy print each row alike.
PG_SESSION = (
    "-c timezone=UTC -c datestyle=ISO,YMD -c intervalstyle=postgres "
    "-c extra_float_digits=1 -c bytea_output=hex"
)


class DatabaseError(Exception):
    """A database that cannot be used as asked; the message says which and why."""


@dataclass(frozen=True)
class Database:
    vendor: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, config: dict) -> "Database":
        engine = config["ENGINE"]
        if engine.endswith("sqlite3"):
            return cls(vendor=SQLITE, name=str(config["NAME"]))
        if engine.endswith(("postgresql", "postgis")):
            return cls(
                vendor=POSTGRESQL,
                name=config["NAME"],
                user=config.get("USER") or "",
                password=config.get("PASSWORD") or "",
                host=config.get("HOST") or "",
                port=str(config.get("PORT") or ""),
            )
        raise DatabaseError(f"Backups cover PostgreSQL and SQLite only, not {engine}")

    @classmethod
    def from_url(cls, url: str) -> "Database":
        try:
            config = dj_database_url.parse(url)
        except ValueError as error:
            shown = without_password(url)
            raise DatabaseError(f"Cannot read the database address {shown!r}: {error}") from None
        return cls.from_settings(config)

    def __str__(self) -> str:
        """The database's address, without its password."""
        if self.vendor == SQLITE:
            return f"sqlite:///{self.name}"
        user = f"{self.user}@" if self.user else ""
        port = f":{self.port}" if self.port else ""
        return f"postgres://{user}{self.host}{port}/{self.name}"

    def libpq_env(self) -> dict:
        """The environment pg_dump and pg_restore read; the password never goes on a command
        line, where other users of the machine could see it."""
        env = {**os.environ, "PGDATABASE": self.name, "PGOPTIONS": PG_SESSION}
        for variable, value in [
            ("PGUSER", self.user),
            ("PGPASSWORD", self.password),
            ("PGHOST", self.host),
            ("PGPORT", self.port),
        ]:
            if value:
                env[variable] = value
        return env

    def connect(self, *, name: str | None = None):
        """A DB-API connection; for PostgreSQL, optionally to another database on the same
        server (the maintenance database `postgres`, to create or look for this one)."""
        if self.vendor == SQLITE:
            if not Path(self.name).exists():
                raise DatabaseError(f"There is no SQLite database at {self.name}")
            return sqlite3.connect(self.name)
        try:
            return psycopg2.connect(
                dbname=name or self.name,
                user=self.user or None,
                password=self.password or None,
                host=self.host or None,
                port=self.port or None,
                options=PG_SESSION,
            )
        except psycopg2.OperationalError as error:
            raise DatabaseError(f"Cannot connect to {self}: {error}".strip()) from error

    def exists(self) -> bool:
        if self.vendor == SQLITE:
            return Path(self.name).exists()
        admin = self.connect(name="postgres")
        try:
            with admin.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name])
                return cursor.fetchone() is not None
        finally:
            admin.close()

    def create(self) -> None:
        """Creates the (PostgreSQL) database, owned by the connecting role."""
        admin = self.connect(name="postgres")
        admin.autocommit = True
        try:
            with admin.cursor() as cursor:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
        except psycopg2.Error as error:
            raise DatabaseError(f"Cannot create {self}: {error}".strip()) from error
        finally:
            admin.close()


def without_password(url: str) -> str:
    """A database address fit for a message or a log: any password is replaced by stars."""
    return re.sub(r"^([^:/]*://[^:/@]*):[^@/]*@", r"\1:***@", url)
