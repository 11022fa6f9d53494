"""Coverage and pathway analysis: pure functions over plain rows, no ORM and no request.

Views feed them with rows from one or two queries, so the pages cost the same number of
queries however many services a partnership has.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from continuum.gap_rules import COVERED, GAP, THIN, Expectation, Rules, Threshold, status
from continuum.gap_wording import gap_sentence, with_adjustment

CARE_LEVELS = frozenset({"early-intervention", "treatment", "continuing-care"})
UPSTREAM_LEVELS = frozenset({"promotion", "prevention"})


def coverage_matrix(
    tags: Iterable[tuple[int, str, str, int | None]],
    *,
    row_taxonomy: str,
    col_taxonomy: str,
    row_terms: Sequence[str],
    col_terms: Sequence[str],
    rules: Rules | None = None,
) -> pd.DataFrame:
    """Active services and their capacity in every cell of two taxonomies, and its status.

    `tags` are (service id, taxonomy code, term code, capacity) rows, one per term a service
    carries. A service tagged with two levels and one THRIVE grouping counts in two cells.
    Returns one row per cell, every cell present (empty ones too), with `services`,
    `capacity` (families a year, from services that state one), `status` (see
    gap_rules.status), `thin_below` (the cell's threshold) and `local` (the reason of the
    local adjustment that decides the cell's status, or "").
    """
    rules = rules or Rules()
    # Plain Python for the grouping: a merge and a grouped aggregate in pandas cost several
    # times the rest of the page for a map of sixty services.
    row_set, col_set = set(row_terms), set(col_terms)
    service_rows: dict[int, set[str]] = {}
    service_cols: dict[int, set[str]] = {}
    capacities: dict[int, int | None] = {}
    for service, taxonomy, term, capacity in tags:
        if taxonomy == row_taxonomy and term in row_set:
            service_rows.setdefault(service, set()).add(term)
            capacities[service] = capacity
        if taxonomy == col_taxonomy and term in col_set:
            service_cols.setdefault(service, set()).add(term)
    cells: dict[tuple[str, str], set[int]] = {}
    for service, rows in service_rows.items():
        for row in rows:
            for col in service_cols.get(service, ()):
                cells.setdefault((row, col), set()).add(service)
    records = []
    for row in row_terms:
        for col in col_terms:
            services = cells.get((row, col), set())
            count = len(services)
            expectation = rules.expectation(row_taxonomy, col_taxonomy, row, col)
            threshold = rules.threshold(row_taxonomy, col_taxonomy, row, col)
            found = status(count, expectation.expected, threshold.thin_below)
            records.append(
                (
                    row,
                    col,
                    count,
                    int(sum(capacities[s] or 0 for s in services)),
                    found,
                    threshold.thin_below,
                    deciding_adjustment(found, expectation, threshold),
                )
            )
    return pd.DataFrame(records, columns=COLUMNS)


COLUMNS = ["row", "col", "services", "capacity", "status", "thin_below", "local"]


def deciding_adjustment(found: str, expectation: Expectation, threshold: Threshold) -> str:
    """The reason of the local adjustment that gives the cell its status, or "".

    An expectation changed locally always decides the status; a threshold changed locally
    decides it only for a cell that has services (a gap is a gap whatever the threshold).
    """
    if expectation.local is not None:
        return expectation.local.reason
    if threshold.local is not None and found in (THIN, COVERED):
        return threshold.local.reason
    return ""


def gap_sentences(
    matrix: pd.DataFrame,
    row_names: dict[str, str],
    col_names: dict[str, str],
    *,
    axes: tuple[str, str],
) -> list[str]:
    """The matrix's gaps, then its thin cells, as sentences a partnership board can read."""
    return [
        with_adjustment(
            gap_sentence(
                kind,
                cell.services,
                cell.thin_below,
                axes,
                (row_names[cell.row], col_names[cell.col]),
            ),
            cell.local,
        )
        for kind in (GAP, THIN)
        for cell in matrix[matrix["status"] == kind].itertuples()
    ]


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
