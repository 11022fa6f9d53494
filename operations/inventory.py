"""Every table's row count and content checksum, computed the same way on a database and on
its restored copy.

The checksum is the md5 of each row's md5, in primary-key order. PostgreSQL computes it
itself, over each row's text form (`md5(string_agg(md5(t::text), '' ORDER BY pk))`), so only
32 characters a row are ever held at once; for SQLite, Python streams the rows in primary-key
order and hashes each row's repr. The two vendors' checksums are not comparable with each
other, and never need to be: a backup is restored into a database of its own kind.
"""

import hashlib
from dataclasses import dataclass

from psycopg2 import sql

from operations.databases import POSTGRESQL

METHOD = "md5 of each row's md5, in primary-key order"

PG_TABLES = """
SELECT n.nspname, c.relname,
       coalesce((SELECT array_agg(a.attname::text ORDER BY k.position)
                 FROM pg_index i
                 CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                 WHERE i.indrelid = c.oid AND i.indisprimary), '{}')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_%'
ORDER BY 1, 2
"""


@dataclass(frozen=True)
class TableCheck:
    """One table of a backup's manifest beside the same table of a restored database."""

    table: str
    expected_rows: int | None
    found_rows: int | None
    expected_checksum: str | None
    found_checksum: str | None

    @property
    def result(self) -> str:
        if self.found_rows is None:
            return "missing"
        if self.expected_rows is None:
            return "not in the backup"
        if self.found_rows != self.expected_rows:
            return "row count differs"
        if self.found_checksum != self.expected_checksum:
            return "content differs"
        return "match"

    @property
    def ok(self) -> bool:
        return self.result == "match"


def table_names(connection, vendor: str) -> list[str]:
    return [name for name, _ in _tables(connection, vendor)]


def take(connection, vendor: str) -> dict[str, dict]:
    """{table: {"rows": n, "checksum": hex}} for every table, in name order."""
    found = {}
    for name, counting in _tables(connection, vendor):
        rows, checksum = counting()
        found[name] = {"rows": rows, "checksum": checksum}
    return found


def compare(expected: dict[str, dict], found: dict[str, dict]) -> list[TableCheck]:
    checks = []
    for table in sorted(expected.keys() | found.keys()):
        want, got = expected.get(table, {}), found.get(table, {})
        checks.append(
            TableCheck(
                table=table,
                expected_rows=want.get("rows"),
                found_rows=got.get("rows"),
                expected_checksum=want.get("checksum"),
                found_checksum=got.get("checksum"),
            )
        )
    return checks


def _tables(connection, vendor: str):
    """(name, a function giving its row count and checksum) for each table."""
    if vendor == POSTGRESQL:
        with connection.cursor() as cursor:
            cursor.execute(PG_TABLES)
            listed = cursor.fetchall()
        for schema, table, key in listed:
            name = table if schema == "public" else f"{schema}.{table}"
            yield name, _pg_counter(connection, schema, table, key)
    else:
        listed = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        ).fetchall()
        for (table,) in listed:
            yield table, _sqlite_counter(connection, table)


def _pg_counter(connection, schema: str, table: str, key: list[str]):
    order = (
        sql.SQL(", ").join(sql.SQL("t.") + sql.Identifier(column) for column in key)
        if key
        else sql.SQL("t::text")
    )
    query = sql.SQL(
        "SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' ORDER BY {order}), '')) "
        "FROM {table} AS t"
    ).format(order=order, table=sql.Identifier(schema, table))

    def count():
        with connection.cursor() as cursor:
            cursor.execute(query)
            return cursor.fetchone()

    return count


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_counter(connection, table: str):
    columns = connection.execute(f"PRAGMA table_info({_sqlite_quote(table)})").fetchall()
    key = [column[1] for column in sorted(columns, key=lambda column: column[5]) if column[5]]
    order = ", ".join(_sqlite_quote(column) for column in key) or "rowid"

    def count():
        digest = hashlib.md5(usedforsecurity=False)
        rows = 0
        query = f"SELECT * FROM {_sqlite_quote(table)} ORDER BY {order}"  # noqa: S608 (quoted)
        for row in connection.execute(query):
            digest.update(
                hashlib.md5(repr(row).encode(), usedforsecurity=False).hexdigest().encode()
            )
            rows += 1
        return rows, digest.hexdigest()

    return count
