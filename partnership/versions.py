"""Data versions: what a cached dashboard or board report is keyed on.

The database moves a partnership's counter on whenever a row its dashboards and reports read
changes, and counter 0 whenever the shared library does (migration 0009 lists the tables and
installs the triggers). A cache key names the counters a page read, the release, and everything
else the page depends on (language, role, query, day), so an entry can never outlive the data
it was drawn from: the next request after any change misses and draws afresh.
"""

import hashlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import BigIntegerField, F, Func, OuterRef, QuerySet, Subquery, Value
from django.utils import timezone, translation

from partnership.models import DataVersion

SHARED = 0


def stamp(partnership_ids: Iterable[int]) -> str:
    """One query: the counters of these partnerships and of the shared library, as text."""
    ids = sorted(set(partnership_ids))
    found = dict(
        DataVersion.objects.filter(scope__in=[SHARED, *ids]).values_list("scope", "version")
    )
    return _joined(found, ids)


def stamp_as_read(shared: int, counters: dict[int, int]) -> str:
    """The stamp `stamp` gives, from counters read along with another query (`shared_counter`,
    `counter_of`): the counters and the rows they stamp then come from one snapshot."""
    return _joined({SHARED: shared, **counters}, sorted(counters))


def _joined(found: dict[int, int], ids: list[int]) -> str:
    return ",".join(f"{scope}.{found.get(scope) or 0}" for scope in [SHARED, *ids])


def shared_counter() -> "Counter":
    """The shared library's counter as an expression, to read along with another query."""
    return Counter(Value(SHARED))


def counter_of(partnership: str) -> "Counter":
    """The counter of the partnership whose id the query's field `partnership` holds, as an
    expression, to read along with that query."""
    return Counter(F(partnership))


class Counter(Func):
    """A scope's counter (0 where it has none) as a scalar subquery of the query it is read in.

    Written out once rather than built as a `Subquery` of a queryset: every page of a round
    reads two counters with its round, and the ORM's subquery cost more to build and compile
    than the rest of that query did.
    """

    output_field = BigIntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        quote = connection.ops.quote_name
        table, alias = quote(DataVersion._meta.db_table), quote("counter")
        version = quote(DataVersion._meta.get_field("version").column)
        scope = quote(DataVersion._meta.get_field("scope").column)
        # Names from the model, quoted; the scope is the expression's own parameter or column.
        template = (
            f"COALESCE((SELECT {alias}.{version} FROM {table} {alias} "  # noqa: S608
            f"WHERE {alias}.{scope} = %(expressions)s), 0)"
        )
        return super().as_sql(compiler, connection, template=template, **extra_context)


def shared_version() -> int:
    """One query: the shared library's counter."""
    found = DataVersion.objects.filter(scope=SHARED).values_list("version", flat=True).first()
    return found or 0


def stamp_of(partnerships: QuerySet) -> tuple[list[int], str]:
    """One query: the ids of `partnerships`, and their stamp as `stamp` gives it."""
    counter = DataVersion.objects.values("version")
    rows = list(
        partnerships.order_by("pk").values_list(
            "pk", Subquery(counter.filter(scope=OuterRef("pk"))), shared_counter()
        )
    )
    if not rows:
        return [], stamp([])
    shared = rows[0][2]
    versions = [f"{SHARED}.{shared}", *(f"{pk}.{version or 0}" for pk, version, _ in rows)]
    return [pk for pk, _, _ in rows], ",".join(versions)


@cache
def release() -> str:
    """A digest of the templates and stylesheets this process renders with, so an entry drawn
    by an earlier release (in a cache that outlives the process) is never served by this one."""
    hashed = hashlib.sha256()
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [Path(settings.BASE_DIR) / "static" / "css"]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                hashed.update(str(path.relative_to(folder)).encode())
                hashed.update(path.read_bytes())
    return hashed.hexdigest()[:16]


def database() -> tuple:
    """Which database the versions count in: two databases (a demo and a bench, say) hand out
    the same counters, and their caches may share a folder."""
    found = connection.settings_dict
    return (found["ENGINE"], found["HOST"], found["PORT"], str(found["NAME"]))


def key(kind: str, versions: str, *parts: object) -> str:
    """A cache key for `kind` drawn from data at `versions` (see `stamp`) in this database, in
    this language, today, by this release, and with whatever else the drawing depends on in
    `parts`."""
    described = repr(
        (
            database(),
            versions,
            translation.get_language(),
            timezone.localdate().isoformat(),
            release(),
            parts,
        )
    )
    return f"{kind}:{hashlib.sha256(described.encode()).hexdigest()}"


def query_parts(query) -> tuple:
    """A request's query string as a key part: the same parameters in any order match."""
    return tuple(sorted((name, tuple(query.getlist(name))) for name in query))


def remembered(cache_name: str, cache_key: str, draw: Callable[[], object]) -> object:
    """What `draw` returns, from the cache when drawn before under this key."""
    store = caches[cache_name]
    found = store.get(cache_key)
    if found is None:
        found = draw()
        store.set(cache_key, found)
    return found
