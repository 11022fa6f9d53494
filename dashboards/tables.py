"""What the area gap dashboard shows: its tables, charts and page sections.

Every table is (header, rows): the page, the CSV and XLSX downloads and the board report read
the same numbers from `tables`.
"""

from typing import NamedTuple

import pandas as pd
from django.utils import timezone

from assessments.models import ActionStatus
from continuum.taxonomies import LABEL, SHORT
from dashboards import analysis, charts
from dashboards.queries import COLUMN_CHOICES, Dashboard
from partnership.access import Access
from partnership.downloads import Sheet


class Table(NamedTuple):
    header: list[str]
    rows: list[list]


TABLES = ["gaps", "coverage", "services", "maturity", "elements", "trend", "actions"]
SHEET_TITLES = {
    "gaps": "Gaps",
    "coverage": "Coverage",
    "services": "Services in each cell",
    "maturity": "Maturity",
    "actions": "Actions",
}


def tables(dashboard: Dashboard) -> dict[str, Table]:
    """Every dashboard table as (header, rows): the CSV downloads, and the same numbers."""
    found = {
        "coverage": Table(
            [LABEL[dashboard.rows], *dashboard.col_names.values()],
            [[name, *[c["services"] for c in cells]] for name, cells in dashboard.coverage.table()],
        ),
        "services": Table(
            [LABEL[dashboard.rows], LABEL[dashboard.cols], "Service"],
            [
                [dashboard.row_names[row], dashboard.col_names[col], name]
                for row in dashboard.row_names
                for col in dashboard.col_names
                for name in dashboard.names.get((row, col), [])
            ],
        ),
        "gaps": Table(["Rank", "Gap"], [[i, g.text] for i, g in enumerate(dashboard.gaps, 1)]),
    }
    if dashboard.maturity is not None:
        found["maturity"] = maturity_table(dashboard)
        found["actions"] = Table(
            ["Action", "Element", "Owner", "Due", "Status"],
            [
                [a["title"], a["element"], a["owner"], a["due_date"], a["status_label"]]
                for a in dashboard.actions
            ],
        )
        found["elements"] = elements_table(dashboard)
        found["trend"] = trend_table(dashboard)
    return found


def maturity_table(dashboard: Dashboard) -> Table:
    return Table(
        ["Dimension", "Element", "Agreed level", "Target", "Target date", "Below target"],
        [
            [
                r.dimension,
                r.title,
                None if pd.isna(r.level) else r.level,
                None if pd.isna(r.target) else r.target,
                r.target_date,
                "yes" if r.below_target else "no",
            ]
            for r in dashboard.maturity.itertuples()
        ],
    )


def elements_table(dashboard: Dashboard) -> Table:
    """One row per matrix cell: its weakest and mean agreed level, and the elements behind."""
    return Table(
        [
            LABEL[dashboard.rows],
            LABEL[dashboard.cols],
            "Lowest agreed level",
            "Mean agreed level",
            "Elements",
        ],
        [
            [
                dashboard.row_names[cell.row],
                dashboard.col_names[cell.col],
                cell.lowest,
                cell.mean,
                elements_text(cell.elements),
            ]
            for cell in dashboard.elements.itertuples()
        ],
    )


def elements_text(elements: list[tuple[str, int | None]]) -> str:
    """A cell's elements and their agreed levels: "Strategy (level 2); Workforce (not agreed)"."""
    return "; ".join(f"{title} ({level_text(level)})" for title, level in elements)


def level_text(level: int | None) -> str:
    return "not agreed" if level is None else f"level {level}"


def trend_table(dashboard: Dashboard) -> Table:
    """Dimensions down, settled rounds across, oldest first: the mean agreed level in each."""
    frame = dashboard.trend
    return Table(
        ["Dimension", *frame["name"]],
        [
            [title, *[None if pd.isna(v) else v for v in frame[code]]]
            for code, title in dashboard.dimensions.items()
        ],
    )


def row_services(names: dict, row: str, cols: list[str]) -> list[str]:
    found = {name for col in cols for name in names.get((row, col), [])}
    return sorted(found, key=str.lower)


def gap_context(gaps: list[analysis.Gap]) -> dict:
    """The gaps a board should read, and apart from them the cells nobody expects filled."""
    return {
        "gaps": [gap for gap in gaps if gap.expected],
        "unexpected_gaps": [gap for gap in gaps if not gap.expected],
    }


def elements_context(dashboard: Dashboard, axis: str) -> dict:
    """The element matrix's chart and table, or nothing when no element sits on these axes."""
    cells = dashboard.elements
    if not any(len(elements) for elements in cells["elements"]):
        return {}
    by_cell = {(c["row"], c["col"]): c for c in cells.to_dict("records")}
    return {
        "elements_chart": charts.elements_figure(
            cells,
            dashboard.row_names,
            dashboard.col_names,
            f"Lowest agreed level: {axis}",
            dashboard.scale,
        ),
        "elements_caption": (
            f"Lowest agreed level of the elements in each cell: {axis}. "
            "– marks a cell no element covers."
        ),
        "elements_rows": [
            (
                name,
                [
                    {
                        **by_cell[(row, col)],
                        "col_name": col_name,
                        "elements_text": elements_text(by_cell[(row, col)]["elements"]),
                    }
                    for col, col_name in dashboard.col_names.items()
                ],
            )
            for row, name in dashboard.row_names.items()
        ],
    }


def area_context(dashboard: Dashboard) -> dict:
    """The gap dashboard's charts and tables for the chosen axes and round."""
    axis = dashboard.coverage.axis
    cols = list(dashboard.col_names)
    context = {
        "dashboard": dashboard,
        "axis": axis,
        "column_choices": [(SHORT[code], LABEL[code]) for code in COLUMN_CHOICES],
        "col_names": list(dashboard.col_names.values()),
        "coverage_table": dashboard.coverage.table(),
        "coverage_caption": (
            f"Active services: {axis}. ✕ marks a gap with no service, ◐ a cell with one."
        ),
        "row_services": [
            (name, row_services(dashboard.names, code, cols))
            for code, name in dashboard.row_names.items()
        ],
        "coverage_chart": charts.coverage_figure(
            dashboard.matrix,
            dashboard.row_names,
            dashboard.col_names,
            dashboard.names,
            f"Active services: {axis}",
        ),
        **gap_context(dashboard.gaps),
        "col_axis": dashboard.coverage.col_axis,
    }
    if dashboard.chosen is not None:
        context.update(round_context(dashboard, axis))
    return context


def round_context(dashboard: Dashboard, axis: str) -> dict:
    """Maturity, trend and actions of the chosen round."""
    counts, overdue = analysis.action_summary(
        dashboard.actions, ActionStatus.choices, timezone.localdate()
    )
    frame = dashboard.maturity
    return {
        "maturity_groups": [
            (dimension, list(rows.itertuples()))
            for dimension, rows in frame.groupby("dimension", sort=False)
        ],
        "maturity_chart": charts.maturity_figure(frame, "Agreed level against target"),
        "action_counts": counts,
        "overdue": overdue,
        "actions_chart": charts.actions_figure(counts, "Actions by status"),
        "trend_chart": charts.trend_figure(
            dashboard.trend,
            dashboard.dimensions,
            "Mean agreed level by dimension",
            dashboard.scale,
        ),
        "trend_table": trend_table(dashboard),
        **elements_context(dashboard, axis),
    }


def report_context(access: Access, dashboard: Dashboard) -> dict:
    found = tables(dashboard)
    return {
        "access": access,
        "partnership": access.partnership,
        "dashboard": dashboard,
        # The ranked gaps a board should read; cells where no service is expected stay out.
        "gaps": gap_context(dashboard.gaps)["gaps"],
        "coverage": found["coverage"],
        "maturity": found.get("maturity"),
        "actions": found.get("actions"),
        "axis": dashboard.coverage.axis,
        "today": timezone.localdate(),
    }


def sheets_of(found: dict[str, Table]) -> list[Sheet]:
    return [
        Sheet(SHEET_TITLES.get(name, name.replace("-", " ").capitalize()), header, rows)
        for name, (header, rows) in found.items()
    ]
