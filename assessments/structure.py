"""A framework's structure, and a round's scope, read once per process while they stand still.

The rating page, the workshop and the task list all need a framework's dimensions, its elements
(each with its dimension and its descriptors) and its scale's levels: four queries a request
that return the same rows until the library changes, which happens when an admin loads the
fixtures or edits a framework in the admin. Every page of a round takes the framework itself
(with its scale) from here too, so the query that finds the round joins nothing
(`finding.find_round`).

The database moves the shared data version whenever any library row changes (migration 0009,
`partnership.versions`), so a structure kept under that version is exact: a request reads the
version along with its round, in the query it makes anyway, and the first request after any
change misses and reads the structure afresh. The version is read before the structure, so a
structure is never kept under a version older than the rows it was read from.

A round's scope (the elements left out of it) is kept the same way, under the partnership's
data version, which any change to a scope moves.

Kept frameworks, structures and scopes are shared by every request in the process, and a kept
framework is the `framework` of every round found through it: read them, never change them (no
assignment, no `save`, no `prefetch_related_objects`).
"""

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from django.db.models import Prefetch, QuerySet

from assessments.models import Descriptor, Dimension, Element, Framework, ScaleLevel
from partnership import versions

# Frameworks times library versions kept per process: a handful of frameworks are in use, and
# an old version is never asked for again once the library moves on.
KEPT = 32
# Rounds' scopes kept per process: a few hundred rounds are open at once across England and Wales.
SCOPES = 512

_kept: OrderedDict[tuple, object] = OrderedDict()
_lock = Lock()


@dataclass(frozen=True)
class Structure:
    """One framework's dimensions, elements and levels, each list in the framework's order."""

    dimensions: list[Dimension]
    elements: list[Element]  # by dimension, then element; each with its dimension and descriptors
    levels: list[ScaleLevel]

    def elements_of(self, dimension: str) -> list[Element]:
        """The elements of the dimension with code `dimension`; none for an unknown code."""
        return [element for element in self.elements if element.dimension.code == dimension]

    def in_scope(self, out_of_scope) -> list[Element]:
        """The elements not in `out_of_scope` (element keys), in the framework's order."""
        return [element for element in self.elements if element.pk not in out_of_scope]


def with_library_version(rounds: QuerySet) -> QuerySet:
    """`rounds` each carrying the shared data version as `library_version`, in the same query."""
    return rounds.annotate(library_version=versions.shared_counter())


def structure_of(framework_id: int, library_version: int | None = None) -> Structure:
    """The structure of the framework with key `framework_id`, as of `library_version` (read
    now when not given)."""
    if library_version is None:
        library_version = versions.shared_version()
    key = ("structure", versions.database(), framework_id, library_version)
    return _kept_under(key, lambda: _read(framework_id), KEPT)


def framework_of(framework_id: int, library_version: int) -> Framework:
    """The framework with key `framework_id`, with its scale, as of `library_version`."""
    key = ("framework", versions.database(), framework_id, library_version)
    return _kept_under(key, lambda: _read_framework(framework_id), KEPT)


def scope_of(assessment) -> dict[int, str]:
    """The elements out of a round's scope, with the reasons, by element key.

    Kept like the structures, under the partnership's data version read with the round
    (`find_round(versioned=True)`): a change to a round's scope moves that version (migration
    0009), so the next request reads the scope afresh. It changes only while the round is a
    draft, so the rating page and every save read it once per process, not once a request.
    """
    key = ("scope", versions.database(), assessment.pk, assessment.data_version)
    return _kept_under(
        key, lambda: dict(assessment.out_of_scope.values_list("element_id", "reason")), SCOPES
    )


def _kept_under(key: tuple, read, limit: int):
    """What `read` gives, kept under `key`; the least recently used of its kind go past `limit`."""
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    found = read()
    with _lock:
        _kept[key] = found
        kind = [kept for kept in _kept if kept[0] == key[0]]
        for oldest in kind[: max(len(kind) - limit, 0)]:
            del _kept[oldest]
    return found


def of_round(assessment) -> Structure:
    """The structure of a round's framework, at the version the round was read with (see
    `with_library_version`), else at the version read now."""
    return structure_of(assessment.framework_id, getattr(assessment, "library_version", None))


def forget() -> None:
    """Drops every kept structure (for tests, whose rolled-back data reuses ids and versions)."""
    with _lock:
        _kept.clear()


def _read_framework(framework_id: int) -> Framework:
    return Framework.objects.select_related("scale").get(pk=framework_id)


def _read(framework_id: int) -> Structure:
    dimensions = list(Dimension.objects.filter(framework=framework_id).order_by("order", "pk"))
    by_pk = {dimension.pk: dimension for dimension in dimensions}
    elements = list(
        Element.objects.filter(framework=framework_id)
        .prefetch_related(
            Prefetch("descriptors", queryset=Descriptor.objects.select_related("level"))
        )
        .order_by("dimension__order", "order", "pk")
    )
    for element in elements:
        element.dimension = by_pk[element.dimension_id]
    levels = list(ScaleLevel.objects.filter(scale__framework=framework_id).order_by("value"))
    return Structure(dimensions=dimensions, elements=elements, levels=levels)
