"""What a dashboard says: pure functions over plain rows, no ORM and no request.

Views fetch rows in a fixed number of queries and hand them here, so the rules (what counts
as a gap, how gaps rank) are tested on plain data.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from continuum.gap_rules import GAP, THIN
from continuum.gap_wording import gap_sentence, with_adjustment
from partnership.wording import in_sentence

NEED = "need"  # services that can see fewer families than are expected to need them

# Equal weights break ties by kind: a missing service, then capacity short of need, then a low
# rating, then overdue work, then partners disagreeing about a rating nobody has agreed yet,
# then a thin cell.
RANK = {GAP: 0, NEED: 1, "below-target": 2, "overdue": 3, "divergent": 4, THIN: 5}

# How much each gap matters to a board, in "levels short of target": a missing service where
# families are expected to need one is as serious as an element three levels below target.
GAP_WEIGHT = 3.0
THIN_WEIGHT = 1.0
OVERDUE_WEIGHT = 1.0


@dataclass(frozen=True)
class Gap:
    kind: str
    text: str
    size: float = 0  # how big the gap is within its kind: bigger ranks first
    weight: float = 0  # how much it matters across kinds: heavier ranks first
    local: str = ""  # the reason of the local adjustment that makes this cell a gap or thin


def level_text(level: int | None, labels: Mapping[int, str] | None = None) -> str:
    """ "level 2, Developing"; "level 2" when the scale has no label for it; "not agreed"."""
    if level is None or pd.isna(level):
        return _("not agreed")
    label = (labels or {}).get(int(level))
    if label:
        return _("level %(level)s, %(label)s") % {"level": int(level), "label": label}
    return _("level %(level)s") % {"level": int(level)}


def cell_members(
    tags: Iterable[tuple[object, str, str]], *, row_taxonomy: str, col_taxonomy: str
) -> dict[tuple[str, str], set]:
    """The things (services, elements) tagged with both the row term and the column term.

    `tags` are (thing, taxonomy code, term code) rows, one per term a thing carries.
    """
    rows: dict[object, set[str]] = {}
    cols: dict[object, set[str]] = {}
    for thing, taxonomy, term in tags:
        if taxonomy == row_taxonomy:
            rows.setdefault(thing, set()).add(term)
        if taxonomy == col_taxonomy:
            cols.setdefault(thing, set()).add(term)
    found: dict[tuple[str, str], set] = {}
    for thing, own_rows in rows.items():
        for row in own_rows:
            for col in cols.get(thing, ()):
                found.setdefault((row, col), set()).add(thing)
    return found


def cell_services(
    tags: Iterable[tuple[int, str, str, str]], *, row_taxonomy: str, col_taxonomy: str
) -> dict[tuple[str, str], list[str]]:
    """Names of the services in each (row term, column term) cell, sorted.

    `tags` are (service id, service name, taxonomy code, term code) rows.
    """
    tags = list(tags)
    names = {service: name for service, name, _, _ in tags}
    found = cell_members(
        [(service, taxonomy, term) for service, _, taxonomy, term in tags],
        row_taxonomy=row_taxonomy,
        col_taxonomy=col_taxonomy,
    )
    return {
        cell: sorted((names[s] for s in services), key=str.lower)
        for cell, services in found.items()
    }


def coverage_gaps(
    matrix: pd.DataFrame,
    row_names: Mapping[str, str],
    col_names: Mapping[str, str],
    *,
    axes: tuple[str, str],
) -> list[Gap]:
    """The gaps and thin cells of one coverage matrix, worded for a board."""
    gaps = []
    for cell in matrix.itertuples():
        if cell.status not in (GAP, THIN):
            continue
        sentence = gap_sentence(
            cell.status,
            cell.services,
            cell.thin_below,
            axes,
            (row_names[cell.row], col_names[cell.col]),
        )
        text = with_adjustment(sentence, cell.local)
        if cell.status == GAP:
            gaps.append(Gap(GAP, text, 0, GAP_WEIGHT, cell.local))
        else:
            gaps.append(Gap(THIN, text, -cell.services, THIN_WEIGHT, cell.local))
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


def maturity_gaps(
    frame: pd.DataFrame,
    sector_names: Mapping[str, str],
    overdue: Mapping[str, int] | None = None,
    labels: Mapping[int, str] | None = None,
) -> list[Gap]:
    """Below-target elements, elements with overdue actions, and sector disagreements that
    the workshop has not resolved.

    `overdue` counts the overdue actions by element code; `labels` names the scale's levels.
    A shortfall of n levels weighs n + 1, one more when its actions are overdue; a
    disagreement of n levels weighs n. Once an element has an agreed level, sectors that
    rated it differently are context on the element (see `divergence_note`), not a gap.
    """
    overdue = overdue or {}
    gaps = []
    for row in frame.itertuples():
        late = overdue.get(row.element, 0)
        if row.below_target:
            level = level_text(row.level, labels)
            target = level_text(row.target, labels)
            # A label in the middle of a sentence is set off by commas: "level 2, Early, against".
            values = {
                "element": row.title,
                "level": f"{level}{',' if ', ' in level else ''}",
                "target": target,
            }
            if row.target_date:
                values["target"] = f"{target}{',' if ', ' in target else ''}"
                values["month"] = date_format(row.target_date, "F Y")
                text = _("%(element)s is at %(level)s against a target of %(target)s by %(month)s")
            else:
                text = _("%(element)s is at %(level)s against a target of %(target)s")
            text = text % values
            if late:
                text = ngettext(
                    "%(gap)s; %(count)s action is overdue",
                    "%(gap)s; %(count)s actions are overdue",
                    late,
                ) % {"gap": text, "count": late}
            shortfall = row.target - row.level
            weight = shortfall + 1 + (OVERDUE_WEIGHT if late else 0)
            gaps.append(Gap("below-target", text, shortfall, weight))
        elif late:
            text = ngettext(
                "%(element)s: %(count)s action is overdue",
                "%(element)s: %(count)s actions are overdue",
                late,
            ) % {"element": row.title, "count": late}
            gaps.append(Gap("overdue", text, late, OVERDUE_WEIGHT))
        agreed = row.level is not None and not pd.isna(row.level)
        found = divergence(row, sector_names)
        if found is not None and not agreed:
            text, apart = found
            text = _("%(difference)s, and no level is agreed yet") % {"difference": text}
            gaps.append(Gap("divergent", text, apart, apart))
    return gaps


def divergence(row, sector_names: Mapping[str, str]) -> tuple[str, float] | None:
    """ "Local authority and maternity ratings of X differ by 3 levels", and by how much; None
    when the element's sectors do not diverge."""
    medians = row.sector_medians or {}
    if not row.divergent or len(medians) < 2:
        return None
    high = max(medians, key=medians.get)
    low = min(medians, key=medians.get)
    apart = medians[high] - medians[low]
    if apart <= 0:
        return None
    first = sector_names.get(high, high)
    second = sector_names.get(low, low)
    text = ngettext(
        "%(first)s and %(second)s ratings of %(element)s differ by %(apart)s level",
        "%(first)s and %(second)s ratings of %(element)s differ by %(apart)s levels",
        # A whole number of levels picks its plural form; half a level (medians of an even
        # number of ratings) reads as "levels" in English and in Welsh.
        int(apart) if float(apart).is_integer() else 0,
    ) % {
        "first": first,
        "second": in_sentence(second),
        "element": row.title,
        "apart": f"{apart:g}",
    }
    return text, apart


def divergence_note(row, sector_names: Mapping[str, str], labels: Mapping[int, str]) -> str:
    """Context on an element whose sectors diverged but whose level the workshop agreed."""
    found = divergence(row, sector_names)
    if found is None or row.level is None or pd.isna(row.level):
        return ""
    return _("%(difference)s; the workshop agreed %(level)s") % {
        "difference": found[0],
        "level": level_text(row.level, labels),
    }


def need_gaps(shortfalls: Iterable[tuple[float, float | None, str]]) -> list[Gap]:
    """Levels whose services can see fewer families than are expected to need them.

    `shortfalls` are (families a year short, capacity to need or None, sentence). A level with
    no capacity at all weighs as much as a missing service; a shortfall weighs by the share of
    need it leaves unmet, so seeing half the families expected weighs as a level and a half.
    """
    return [
        Gap(NEED, text, short, GAP_WEIGHT * (1 - min(ratio or 0, 1)))
        for short, ratio, text in shortfalls
        if short > 0
    ]


def ranked(gaps: Iterable[Gap]) -> list[Gap]:
    """Heaviest first, then by kind, then the biggest within a kind; the original order last."""
    return sorted(gaps, key=lambda gap: (-gap.weight, RANK[gap.kind], -gap.size))


def action_summary(
    actions: Sequence[Mapping], statuses: Sequence[tuple[str, str]], today: datetime.date
) -> tuple[list[tuple[str, int]], list[Mapping]]:
    """Counts by status (every status, in order) and the open actions past their due date.

    `actions` carry `status`, `due_date` and `is_open`.
    """
    counts = {code: 0 for code, _ in statuses}
    for action in actions:
        counts[action["status"]] = counts.get(action["status"], 0) + 1
    return [(label, counts[code]) for code, label in statuses], overdue_actions(actions, today)


def overdue_actions(actions: Sequence[Mapping], today: datetime.date) -> list[Mapping]:
    """The open actions past their due date, the longest overdue first."""
    overdue = [a for a in actions if a["is_open"] and a["due_date"] < today]
    return sorted(overdue, key=lambda a: a["due_date"])


def overdue_by_element(actions: Sequence[Mapping], today: datetime.date) -> dict[str, int]:
    """How many overdue actions each element has, by `element_code`."""
    counts: dict[str, int] = {}
    for action in overdue_actions(actions, today):
        counts[action["element_code"]] = counts.get(action["element_code"], 0) + 1
    return counts


def trend(
    rounds: Sequence[tuple[int, str]],
    dimensions: Sequence[tuple[str, str]],
    agreed: Iterable[tuple[int, str, int]],
) -> pd.DataFrame:
    """The mean agreed level of each dimension in each round, one row per round in order.

    `rounds` are (round id, name) in chronological order; `dimensions` (code, title) in the
    framework's order; `agreed` (round id, dimension code, agreed level) for every element.
    The mean, not the median, so one element moving up a level moves its dimension. Columns:
    `round`, `name`, then one per dimension code (None where nothing was agreed).
    """
    levels: dict[tuple[int, str], list[int]] = {}
    for round_id, dimension, value in agreed:
        levels.setdefault((round_id, dimension), []).append(value)
    rows = [
        {
            "round": round_id,
            "name": name,
            **{
                code: round(sum(found) / len(found), 1) if found else None
                for code, _ in dimensions
                for found in [levels.get((round_id, code), [])]
            },
        }
        for round_id, name in rounds
    ]
    return pd.DataFrame(rows, columns=["round", "name", *[code for code, _ in dimensions]])


def element_matrix(
    tags: Iterable[tuple[str, str, str]],
    levels: Mapping[str, int | None],
    titles: Mapping[str, str],
    *,
    row_taxonomy: str,
    col_taxonomy: str,
    row_terms: Sequence[str],
    col_terms: Sequence[str],
) -> pd.DataFrame:
    """Agreed maturity of the elements tagged with each cell's row term and column term.

    `tags` are (element code, taxonomy code, term code) rows; `levels` the agreed level per
    element code (None when not agreed). A cell's `lowest` is its weakest agreed element: a
    part of the system is only as ready as its least mature element. `elements` lists
    (title, level) pairs in title order; a cell with no tagged element has none.
    """
    members = cell_members(tags, row_taxonomy=row_taxonomy, col_taxonomy=col_taxonomy)
    rows = []
    for row in row_terms:
        for col in col_terms:
            codes = members.get((row, col), set())
            elements = sorted(((titles[c], levels.get(c)) for c in codes), key=lambda e: e[0])
            agreed = [level for _, level in elements if level is not None]
            rows.append(
                {
                    "row": row,
                    "col": col,
                    "elements": elements,
                    "lowest": min(agreed) if agreed else None,
                    "mean": round(sum(agreed) / len(agreed), 1) if agreed else None,
                }
            )
    # object columns: a missing level stays None rather than becoming a float NaN.
    return pd.DataFrame(rows, columns=["row", "col", "elements", "lowest", "mean"], dtype=object)
