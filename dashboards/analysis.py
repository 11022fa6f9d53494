"""What a dashboard says: pure functions over plain rows, no ORM and no request.

Views fetch rows in a fixed number of queries and hand them here, so the rules (what counts
as a gap, how gaps rank) are tested on plain data.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import median

import pandas as pd

# Gaps rank by kind first: a missing service is worse than a low rating, which is worse than
# partners disagreeing about a rating, which is worse than a thin cell.
RANK = {"empty": 0, "below-target": 1, "divergent": 2, "thin": 3}


@dataclass(frozen=True)
class Gap:
    kind: str
    text: str
    size: float = 0  # how big the gap is within its kind: bigger ranks first


def cell_services(
    tags: Iterable[tuple[int, str, str, str]], *, row_taxonomy: str, col_taxonomy: str
) -> dict[tuple[str, str], list[str]]:
    """Names of the services in each (row term, column term) cell, sorted.

    `tags` are (service id, service name, taxonomy code, term code) rows.
    """
    rows: dict[int, set[str]] = {}
    cols: dict[int, set[str]] = {}
    names: dict[int, str] = {}
    for service, name, taxonomy, term in tags:
        names[service] = name
        if taxonomy == row_taxonomy:
            rows.setdefault(service, set()).add(term)
        if taxonomy == col_taxonomy:
            cols.setdefault(service, set()).add(term)
    found: dict[tuple[str, str], list[str]] = {}
    for service, own_rows in rows.items():
        for row in own_rows:
            for col in cols.get(service, ()):
                found.setdefault((row, col), []).append(names[service])
    return {cell: sorted(found_names, key=str.lower) for cell, found_names in found.items()}


def coverage_gaps(
    matrix: pd.DataFrame, row_names: Mapping[str, str], col_names: Mapping[str, str]
) -> list[Gap]:
    """Empty and thin cells of a coverage matrix, worded for a board."""
    gaps = []
    for cell in matrix.itertuples():
        what, where = col_names[cell.col], row_names[cell.row].lower()
        if cell.gap == "empty":
            gaps.append(Gap("empty", f"No active service offers {what} at {where}"))
        elif cell.gap == "thin":
            count = "Only one active service" if cell.services == 1 else f"Only {cell.services}"
            gaps.append(Gap("thin", f"{count} offers {what} at {where}", -cell.services))
    return gaps


def maturity(agreed: Iterable[Mapping], spread: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per element: agreed level against target, and whether sectors diverge.

    `agreed` rows carry `dimension`, `element` (code), `title`, `level` (or None when not yet
    agreed), `target` (or None) and `target_date` (or None). `spread` is
    assessments.analysis.spread() indexed by element code.
    """
    columns = ["dimension", "element", "title", "level", "target", "target_date"]
    frame = pd.DataFrame(list(agreed), columns=columns)
    for column in ["level", "target"]:
        # Levels are whole numbers; a missing one must not turn the column into floats.
        values = [None if pd.isna(v) else int(v) for v in frame[column]]
        frame[column] = pd.Series(values, index=frame.index, dtype=object)
    frame["below_target"] = [
        level is not None and target is not None and not pd.isna(level) and level < target
        for level, target in zip(frame["level"], frame["target"], strict=True)
    ]
    spread = spread if spread is not None else pd.DataFrame()
    for column, empty in [("median", None), ("low", None), ("high", None), ("divergent", False)]:
        frame[column] = [
            spread.at[code, column] if code in spread.index else empty for code in frame["element"]
        ]
    frame["sector_medians"] = [
        spread.at[code, "sector_medians"] if code in spread.index else {}
        for code in frame["element"]
    ]
    return frame


def maturity_gaps(frame: pd.DataFrame, sector_names: Mapping[str, str]) -> list[Gap]:
    """Below-target elements and the widest sector disagreement on each divergent element."""
    gaps = []
    for row in frame.itertuples():
        if row.below_target:
            by = f" by {row.target_date:%B %Y}" if row.target_date else ""
            text = f"{row.title} is at level {row.level} against a target of {row.target}{by}"
            gaps.append(Gap("below-target", text, row.target - row.level))
        medians = row.sector_medians or {}
        if row.divergent and len(medians) > 1:
            high = max(medians, key=medians.get)
            low = min(medians, key=medians.get)
            apart = medians[high] - medians[low]
            if apart > 0:
                first = sector_names.get(high, high)
                second = sector_names.get(low, low)
                text = (
                    f"{first} and {second[:1].lower()}{second[1:]} ratings of {row.title} "
                    f"differ by {apart:g} level{'s' if apart != 1 else ''}"
                )
                gaps.append(Gap("divergent", text, apart))
    return gaps


def ranked(gaps: Iterable[Gap]) -> list[Gap]:
    """Worst first: by kind, then by size; the original order breaks ties."""
    return sorted(gaps, key=lambda gap: (RANK[gap.kind], -gap.size))


def action_summary(
    actions: Sequence[Mapping], statuses: Sequence[tuple[str, str]], today: datetime.date
) -> tuple[list[tuple[str, int]], list[Mapping]]:
    """Counts by status (every status, in order) and the open actions past their due date.

    `actions` carry `status`, `due_date` and `is_open`.
    """
    counts = {code: 0 for code, _ in statuses}
    for action in actions:
        counts[action["status"]] = counts.get(action["status"], 0) + 1
    overdue = [a for a in actions if a["is_open"] and a["due_date"] < today]
    overdue.sort(key=lambda a: a["due_date"])
    return [(label, counts[code]) for code, label in statuses], overdue


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
        maturity, suppressed = {}, {}
        for dimension in dimensions:
            found = levels_by.get((pk, dimension), [])
            hidden = bool(found) and counted.get((pk, dimension), 0) < min_responses
            suppressed[dimension] = hidden
            maturity[dimension] = None if hidden else median_or_none(found)
        rows.append(
            {
                **partnership,
                "coverage": {level: services.get((pk, level), 0) for level in levels},
                "maturity": maturity,
                "suppressed": suppressed,
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
        if key.startswith("level-"):
            return row["coverage"].get(key[6:])
        if key.startswith("dim-"):
            return row["maturity"].get(key[4:])
        return (row.get(key) or "").lower() or None

    present = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]
    present.sort(key=lambda r: (value(r), r["name"].lower()), reverse=descending)
    return present + missing
