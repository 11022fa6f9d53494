"""Coverage and pathway analysis: pure functions over plain rows, no ORM and no request.

Views feed them with rows from one or two queries, so the pages cost the same number of
queries however many services a partnership has.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

CARE_LEVELS = frozenset({"early-intervention", "treatment", "continuing-care"})
UPSTREAM_LEVELS = frozenset({"promotion", "prevention"})


def coverage_matrix(
    tags: Iterable[tuple[int, str, str, int | None]],
    *,
    row_taxonomy: str,
    col_taxonomy: str,
    row_terms: Sequence[str],
    col_terms: Sequence[str],
    thin: int = 1,
) -> pd.DataFrame:
    """Active services and their capacity in every cell of two taxonomies.

    `tags` are (service id, taxonomy code, term code, capacity) rows, one per term a service
    carries. A service tagged with two levels and one THRIVE grouping counts in two cells.
    Returns one row per cell, every cell present (empty ones too), with `services`,
    `capacity` (families a year, from services that state one) and `gap`: "empty" for no
    service, "thin" for `thin` services or fewer, else "".
    """
    frame = pd.DataFrame(list(tags), columns=["service", "taxonomy", "term", "capacity"])
    rows = frame[frame["taxonomy"] == row_taxonomy][["service", "term", "capacity"]]
    cols = frame[frame["taxonomy"] == col_taxonomy][["service", "term"]]
    pairs = rows.rename(columns={"term": "row"}).merge(
        cols.rename(columns={"term": "col"}), on="service"
    )
    # Only the axis terms count: a service tagged with a tier as well as a level is not
    # counted twice in a row that does not exist.
    pairs = pairs[pairs["row"].isin(row_terms) & pairs["col"].isin(col_terms)]
    pairs = pairs.drop_duplicates(["service", "row", "col"])
    counted = pairs.groupby(["row", "col"]).agg(
        services=("service", "nunique"),
        capacity=("capacity", lambda values: pd.to_numeric(values).sum(min_count=1)),
    )
    cells = pd.MultiIndex.from_product([list(row_terms), list(col_terms)], names=["row", "col"])
    matrix = counted.reindex(cells).reset_index()
    matrix["services"] = matrix["services"].fillna(0).astype(int)
    matrix["capacity"] = matrix["capacity"].fillna(0).astype(int)
    matrix["gap"] = ""
    matrix.loc[(matrix["services"] > 0) & (matrix["services"] <= thin), "gap"] = "thin"
    matrix.loc[matrix["services"] == 0, "gap"] = "empty"
    return matrix


def gap_sentences(
    matrix: pd.DataFrame, row_names: dict[str, str], col_names: dict[str, str]
) -> list[str]:
    """The matrix's gaps as sentences a partnership board can read, empty cells first."""
    sentences = []
    for kind in ("empty", "thin"):
        for cell in matrix[matrix["gap"] == kind].itertuples():
            where = f"{row_names[cell.row]} × {col_names[cell.col]}"
            if kind == "empty":
                sentences.append(f"{where}: no active service")
            else:
                count = f"only {cell.services} active service{'s' if cell.services != 1 else ''}"
                sentences.append(f"{where}: {count}")
    return sentences


def pivot(matrix: pd.DataFrame, row_terms: Sequence[str], col_terms: Sequence[str]) -> list:
    """The long matrix as table rows: [(row code, [cell dicts in column order])]."""
    by_cell = {(c["row"], c["col"]): c for c in matrix.to_dict("records")}
    return [(row, [by_cell[(row, col)] for col in col_terms]) for row in row_terms]


@dataclass
class PathwayService:
    id: int
    name: str
    levels: frozenset[str] = field(default_factory=frozenset)


@dataclass
class Route:
    from_id: int
    to_id: int
    kind: str


@dataclass
class PathwayGaps:
    care_without_step_down: list[PathwayService]
    upstream_without_care_route: list[PathwayService]
    not_referred_to: list[PathwayService]


def pathway_gaps(services: Sequence[PathwayService], routes: Sequence[Route]) -> PathwayGaps:
    """What the referral routes leave out.

    - care-level services with no step-down route out: families have nowhere to go next;
    - promotion or prevention services with no route to any care-level service: no way up
      when a need is found;
    - services no route leads to.
    """
    care_ids = {s.id for s in services if s.levels & CARE_LEVELS}
    steps_down = {r.from_id for r in routes if r.kind == "step-down"}
    reaches_care = {r.from_id for r in routes if r.to_id in care_ids}
    referred_to = {r.to_id for r in routes}
    return PathwayGaps(
        care_without_step_down=[s for s in services if s.id in care_ids and s.id not in steps_down],
        upstream_without_care_route=[
            s
            for s in services
            if s.levels & UPSTREAM_LEVELS and s.id not in care_ids and s.id not in reaches_care
        ],
        not_referred_to=[s for s in services if s.id not in referred_to],
    )


def routes_by_level(
    services: Sequence[PathwayService], routes: Sequence[Route], level_order: Sequence[str]
) -> list[tuple[str | None, list[Route]]]:
    """Routes grouped by the lowest continuum level of the service they start from.

    Groups follow `level_order`; routes from services not yet placed come last, under None.
    """
    rank = {code: i for i, code in enumerate(level_order)}
    first_level = {
        s.id: min(s.levels & rank.keys(), key=rank.__getitem__, default=None) for s in services
    }
    groups: dict[str | None, list[Route]] = {code: [] for code in level_order}
    groups[None] = []
    for route in routes:
        groups[first_level.get(route.from_id)].append(route)
    return [(code, found) for code, found in groups.items() if found]
