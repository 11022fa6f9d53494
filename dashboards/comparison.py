"""Areas side by side: pure functions behind the cross-area dashboard, no ORM and no request.

`cross_area` turns grouped rows over every overseen partnership into one row per area;
`sort_rows` and `position` work on those rows only, so suppression decided there holds
everywhere after.
"""

from collections.abc import Iterable, Mapping, Sequence
from statistics import mean, median

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MEAN = "mean"


def median_or_none(values: Sequence[float]) -> float | None:
    return float(median(values)) if values else None


def cross_area(
    partnerships: Sequence[Mapping],
    coverage_counts: Iterable[tuple[int, str, int]],
    agreed: Iterable[tuple[int, str, int]],
    responses: Iterable[tuple[int, str, int]],
    *,
    levels: Sequence[str],
    dimensions: Sequence[str],
    min_responses: int,
) -> list[dict]:
    """One row per partnership: active services per level, median agreed level per dimension.

    `partnerships` carry `id` (and anything else, copied through). `coverage_counts` are
    (partnership id, level code, services); `agreed` (partnership id, dimension code, level)
    from each partnership's latest round; `responses` (partnership id, dimension code, count)
    from the same rounds. A dimension resting on fewer than `min_responses` responses is
    suppressed: its median is withheld so a handful of people cannot be singled out.
    """
    services = {(p, level): n for p, level, n in coverage_counts}
    levels_by: dict[tuple[int, str], list[int]] = {}
    for partnership, dimension, value in agreed:
        levels_by.setdefault((partnership, dimension), []).append(value)
    counted: dict[tuple[int, str], int] = {}
    for partnership, dimension, n in responses:
        counted[(partnership, dimension)] = counted.get((partnership, dimension), 0) + n
    rows = []
    for partnership in partnerships:
        pk = partnership["id"]
        maturity, suppressed, shown = {}, {}, []
        for dimension in dimensions:
            found = levels_by.get((pk, dimension), [])
            hidden = bool(found) and counted.get((pk, dimension), 0) < min_responses
            suppressed[dimension] = hidden
            maturity[dimension] = None if hidden else median_or_none(found)
            shown += [] if hidden else found
        rows.append(
            {
                **partnership,
                "coverage": {level: services.get((pk, level), 0) for level in levels},
                "maturity": maturity,
                "suppressed": suppressed,
                # Every agreed level outside suppressed dimensions: what an area is banded on.
                MEAN: float(mean(shown)) if shown else None,
                "cells": [(maturity[d], suppressed[d]) for d in dimensions],
            }
        )
    return rows


def sort_rows(rows: list[dict], key: str) -> list[dict]:
    """Rows sorted by `name`, `region`, `level-<code>` or `dim-<code>`; a leading '-' reverses.

    Missing values (no round, or suppressed) sort last either way.
    """
    descending = key.startswith("-")
    key = key.lstrip("-")

    def value(row: dict):
        if key.startswith(("level-", "dim-")):
            return measure(row, key)
        return (row.get(key) or "").lower() or None

    present = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]
    present.sort(key=lambda r: (value(r), r["name"].lower()), reverse=descending)
    return present + missing


# Fewer areas than this cannot be split into quarters honestly.
FEWEST_TO_PLACE = 4
TOO_FEW = gettext_lazy("Too few areas to place it")


def position(rows: Sequence[Mapping], chosen: Mapping, measures: Mapping[str, str]) -> list[dict]:
    """Which band the chosen area falls in among `rows` (itself included) on each measure.

    `measures` maps a key of `cross_area` rows (`MEAN` for the mean agreed level, "dim-<code>"
    for a dimension's median) to its label.
    Self-assessed levels are each partnership's own judgement, so an area is placed in a
    broad band, never given an ordinal rank. Suppressed and missing values take no part: the
    chosen area's own suppressed value gets no band, and others' do not count towards N.
    """
    found = []
    for key, label in measures.items():
        values = [v for v in (measure(r, key) for r in rows) if v is not None]
        mine = measure(chosen, key)
        found.append(
            {
                "key": key,
                "label": label,
                "value": mine,
                "suppressed": withheld(chosen, key),
                "band": band(mine, values),
                "of": len(values),
                "median": median_or_none(values),
                "values": values,
            }
        )
    return found


def band(value: float | None, values: Sequence[float]) -> str:
    """ "lower quarter", "middle half" or "upper quarter" of `values`; ties fall in the middle.

    An area is in the upper quarter when at least three quarters of the areas sit below it,
    in the lower quarter when at least three quarters sit above it.
    """
    if value is None:
        return ""
    if len(values) < FEWEST_TO_PLACE:
        return str(TOO_FEW)
    if sum(v < value for v in values) >= 0.75 * len(values):
        return _("upper quarter")
    if sum(v > value for v in values) >= 0.75 * len(values):
        return _("lower quarter")
    return _("middle half")


def withheld(row: Mapping, key: str) -> bool:
    if key == MEAN:
        return row[MEAN] is None and any(row["suppressed"].values())
    return key.startswith("dim-") and row["suppressed"][key[4:]]


def measure(row: Mapping, key: str) -> float | None:
    if key == MEAN:
        return row[MEAN]
    if key.startswith("level-"):
        return row["coverage"].get(key[6:])
    return row["maturity"].get(key[4:])
