"""The spread of a round's ratings, for the workshop: plain rows in, a DataFrame out.

No ORM and no request here, so the rules are tested on plain data.
"""

from collections.abc import Iterable, Mapping

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
    """
    frame = pd.DataFrame(
        list(rows), columns=["element", "sector", "value", "not_applicable", "dont_know"]
    )
    for flag in ["not_applicable", "dont_know"]:
        # Missing flags mean "no"; `== True` keeps NaN out without a mixed-dtype fill.
        frame[flag] = frame[flag].astype(object).eq(True)
    order = list(dict.fromkeys([*elements, *frame["element"].tolist()]))
    rated = frame.dropna(subset=["value"]).astype({"value": "int64"})
    result = pd.DataFrame(index=pd.Index(order, name="element"), columns=COLUMNS, dtype=object)
    for element in order:
        mine = rated[rated["element"] == element]
        own = frame[frame["element"] == element]
        result.at[element, "rated"] = len(mine)
        result.at[element, "not_applicable"] = int(own["not_applicable"].sum())
        result.at[element, "dont_know"] = int(own["dont_know"].sum())
        result.at[element, "counts"] = {
            int(v): int(n) for v, n in mine["value"].value_counts().sort_index().items()
        }
        medians = {
            str(sector): float(m) for sector, m in mine.groupby("sector")["value"].median().items()
        }
        result.at[element, "sector_medians"] = medians
        reasons = []
        if mine.empty:
            result.loc[element, ["median", "low", "high"]] = [None, None, None]
        else:
            low, high = int(mine["value"].min()), int(mine["value"].max())
            result.at[element, "median"] = float(mine["value"].median())
            result.at[element, "low"], result.at[element, "high"] = low, high
            if high - low + 1 >= SPAN:
                reasons.append(f"ratings span {high - low + 1} levels ({low} to {high})")
            if medians and max(medians.values()) - min(medians.values()) >= SECTOR_GAP:
                top = max(medians, key=medians.get)
                bottom = min(medians, key=medians.get)
                reasons.append(
                    f"sector medians {medians[bottom]:g} ({bottom}) and "
                    f"{medians[top]:g} ({top}) are {medians[top] - medians[bottom]:g} apart"
                )
        result.at[element, "reasons"] = reasons
        result.at[element, "divergent"] = bool(reasons)
    return result
