"""The spread of a round's ratings, for the workshop: plain rows in, a DataFrame out.

No ORM and no request here, so the rules are tested on plain data.
"""

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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


# In English here; pooled rows carry it in the language of the request.
OTHER_SECTORS = gettext_noop("Other sectors")


def pool_small_sectors(
    rows: Iterable[Mapping], min_size: int, *, within: str | None = None
) -> list[dict]:
    """The rows with every sector of fewer than `min_size` people renamed "Other sectors".

    `rows` carry `sector` and `respondent`; people are counted as distinct respondents, per
    value of `within` when given (say per element, each element being its own breakdown).
    Where the pooled group itself has fewer than `min_size` people its rows keep no sector at
    all (None), so that nobody can be identified. Rows come out in order, one for each row in,
    without `respondent`.
    """
    rows = list(rows)
    people: dict[tuple, set] = {}
    for row in rows:
        people.setdefault((row.get(within), row["sector"]), set()).add(row["respondent"])
    pooled: dict = {}
    for (group, _sector), who in people.items():
        if len(who) < min_size:
            pooled.setdefault(group, set()).update(who)
    out = []
    other = _(OTHER_SECTORS)
    for row in rows:
        group, sector = row.get(within), row["sector"]
        if len(people[(group, sector)]) < min_size:
            sector = other if len(pooled[group]) >= min_size else None
        out.append({**{k: v for k, v in row.items() if k != "respondent"}, "sector": sector})
    return out


def spread(rows: Iterable[Mapping], elements: Iterable[str] = ()) -> pd.DataFrame:
    """One row per element: how the ratings fall, and whether sectors diverge.

    `rows` carry `element` (any key), `sector` (None keeps a rating out of the sector
    medians only) and `value` (a level, or None), and optionally `not_applicable` and
    `dont_know`. Only levels count towards the median and range;
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
            group.values.append(int(value))
            if row["sector"] is not None:
                group.by_sector.setdefault(row["sector"], []).append(int(value))
    records = [_spread_row(group) for group in groups.values()]
    return pd.DataFrame(
        records, index=pd.Index(list(groups), name="element"), columns=COLUMNS, dtype=object
    )


@dataclass
class _Group:
    not_applicable: int = 0
    dont_know: int = 0
    values: list = field(default_factory=list)
    by_sector: dict = field(default_factory=dict)


def _spread_row(group: _Group) -> list:
    values = sorted(group.values)
    medians = {
        str(sector): float(statistics.median(group.by_sector[sector]))
        for sector in sorted(group.by_sector)
    }
    reasons = []
    median = low = high = None
    if values:
        low, high, median = values[0], values[-1], float(statistics.median(values))
        if high - low + 1 >= SPAN:
            reasons.append(
                _("ratings span %(count)s levels (%(low)s to %(high)s)")
                % {"count": high - low + 1, "low": low, "high": high}
            )
        if medians and max(medians.values()) - min(medians.values()) >= SECTOR_GAP:
            top = max(medians, key=medians.get)
            bottom = min(medians, key=medians.get)
            reasons.append(
                _(
                    "sector medians %(low_median)s (%(low_sector)s) and "
                    "%(high_median)s (%(high_sector)s) are %(gap)s apart"
                )
                % {
                    "low_median": f"{medians[bottom]:g}",
                    "low_sector": bottom,
                    "high_median": f"{medians[top]:g}",
                    "high_sector": top,
                    "gap": f"{medians[top] - medians[bottom]:g}",
                }
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
