"""The spread of a round's ratings, for the workshop: plain rows in, a DataFrame out.

No ORM and no request here, so the rules are tested on plain data.
"""

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

# Where sectors disagree enough for the workshop to talk it through first.
SECTOR_GAP = 2  # one sector's median this many levels or more from another's
SPAN = 3  # the ratings cover this many levels or more (for example 2, 3 and 4)

COLUMNS = [
    "rated",
    "not_applicable",
    "dont_know",
    "counts",
    "median",
    "low",
    "high",
    "sector_medians",
    "divergent",
    "reasons",
]


def spread(rows: Iterable[Mapping], elements: Iterable[str] = ()) -> pd.DataFrame:
    """One row per element: how the ratings fall, and whether sectors diverge.

    `rows` carry `element` (any key), `sector` and `value` (a level, or None), and
    optionally `not_applicable` and `dont_know`. Only levels count towards the median and range;
    "not applicable" and "don't know" are counted apart. `elements` lists elements to include
    even with no ratings, in order.

    The rows are grouped in one pass of plain Python and only the result becomes a DataFrame:
    filtering a DataFrame once per element cost more than everything else on the dashboard.
    """
    groups: dict = {element: _Group() for element in elements}
    for row in rows:
        group = groups.setdefault(row["element"], _Group())
        group.not_applicable += row.get("not_applicable") is True
        group.dont_know += row.get("dont_know") is True
        value = row.get("value")
        if value is not None and value == value:  # neither None nor NaN
            group.by_sector.setdefault(row["sector"], []).append(int(value))
    records = [_spread_row(group) for group in groups.values()]
    return pd.DataFrame(
        records, index=pd.Index(list(groups), name="element"), columns=COLUMNS, dtype=object
    )


@dataclass
class _Group:
    not_applicable: int = 0
    dont_know: int = 0
    by_sector: dict = field(default_factory=dict)


def _spread_row(group: _Group) -> list:
    values = sorted(v for sector_values in group.by_sector.values() for v in sector_values)
    medians = {
        str(sector): float(statistics.median(group.by_sector[sector]))
        for sector in sorted(group.by_sector)
    }
    reasons = []
    median = low = high = None
    if values:
        low, high, median = values[0], values[-1], float(statistics.median(values))
        if high - low + 1 >= SPAN:
            reasons.append(f"ratings span {high - low + 1} levels ({low} to {high})")
        if max(medians.values()) - min(medians.values()) >= SECTOR_GAP:
            top = max(medians, key=medians.get)
            bottom = min(medians, key=medians.get)
            reasons.append(
                f"sector medians {medians[bottom]:g} ({bottom}) and "
                f"{medians[top]:g} ({top}) are {medians[top] - medians[bottom]:g} apart"
            )
    counts = {v: values.count(v) for v in sorted(set(values))}
    return [
        len(values),
        group.not_applicable,
        group.dont_know,
        counts,
        median,
        low,
        high,
        medians,
        bool(reasons),
        reasons,
    ]
