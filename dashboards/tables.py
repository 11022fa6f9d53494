"""What the area gap dashboard shows: its tables, charts and page sections.

Every table is (header, rows): the page, the CSV and XLSX downloads and the board report read
the same numbers from `tables`.
"""

from typing import NamedTuple

import pandas as pd
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import ActionStatus
from continuum.gap_rules import COVERED, GAP, STATUS_LABELS, THIN
from continuum.matrix import CoverageMatrix
from continuum.taxonomies import LABEL, SHORT
from dashboards import analysis, charts
from dashboards.queries import COLUMN_CHOICES, Dashboard
from partnership.access import Access
from partnership.downloads import Sheet
from partnership.models import Sector


class Table(NamedTuple):
    header: list[str]
    rows: list[list]


KINDS = {
    GAP: gettext_lazy("Gap: expected, no service"),
    THIN: gettext_lazy("Thin: expected, fewer services than the threshold"),
    analysis.NEED: gettext_lazy(
        "Short of need: services see fewer families than expected to need them"
    ),
    "below-target": gettext_lazy("Below target"),
    "overdue": gettext_lazy("Overdue actions"),
    "divergent": gettext_lazy("Sectors differ, not agreed"),
}
TABLES = ["gaps", "coverage", "services", "maturity", "elements", "trend", "actions"]
SHEET_TITLES = {
    "gaps": gettext_lazy("Gaps"),
    "coverage": gettext_lazy("Coverage"),
    "services": gettext_lazy("Services in each cell"),
    "maturity": gettext_lazy("Maturity"),
    "actions": gettext_lazy("Actions"),
    "elements": gettext_lazy("Elements"),
    "trend": gettext_lazy("Trend"),
}


def tables(dashboard: Dashboard) -> dict[str, Table]:
    """Every dashboard table as (header, rows): the CSV downloads, and the same numbers."""
    found = {
        "coverage": coverage_table(dashboard.coverage),
        "services": Table(
            [LABEL[dashboard.rows], LABEL[dashboard.cols], _("Service")],
            [
                [dashboard.row_names[row], dashboard.col_names[col], name]
                for row in dashboard.row_names
                for col in dashboard.col_names
                for name in dashboard.names.get((row, col), [])
            ],
        ),
        "gaps": Table(
            [_("Rank"), _("Gap"), _("Kind"), _("Local adjustment")],
            [[i, g.text, str(KINDS[g.kind]), g.local] for i, g in enumerate(dashboard.gaps, 1)],
        ),
    }
    if dashboard.maturity is not None:
        found["maturity"] = maturity_table(dashboard)
        found["actions"] = Table(
            [_("Action"), _("Element"), _("Owner"), _("Due"), _("Status")],
            [
                [a["title"], a["element"], a["owner"], a["due_date"], a["status_label"]]
                for a in dashboard.actions
            ],
        )
        found["elements"] = elements_table(dashboard)
        found["trend"] = trend_table(dashboard)
    return found


def coverage_table(coverage: CoverageMatrix) -> Table:
    """One row per cell: its services, capacity and status, as the matrix and report show."""
    return Table(
        [
            LABEL[coverage.rows],
            LABEL[coverage.cols],
            _("Active services"),
            _("Families a year"),
            _("Status"),
            _("Thin below"),
            _("Local adjustment"),
        ],
        [
            [
                coverage.row_names[c.row],
                coverage.col_names[c.col],
                c.services,
                c.capacity,
                STATUS_LABELS[c.status],
                c.thin_below,
                c.local,
            ]
            for c in coverage.frame.itertuples()
        ],
    )


def maturity_table(dashboard: Dashboard) -> Table:
    labels = dashboard.labels
    sectors = dict(Sector.choices)
    return Table(
        [
            _("Dimension"),
            _("Element"),
            _("Agreed level"),
            _("Target"),
            _("Target date"),
            _("Below target"),
            _("Sector ratings"),
        ],
        [
            [
                r.dimension,
                r.title,
                analysis.level_text(r.level, labels),
                None if pd.isna(r.target) else analysis.level_text(r.target, labels),
                r.target_date,
                _("yes") if r.below_target else _("no"),
                analysis.divergence_note(r, sectors, labels),
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
            _("Lowest agreed level"),
            _("Mean agreed level"),
            _("Elements"),
        ],
        [
            [
                dashboard.row_names[cell.row],
                dashboard.col_names[cell.col],
                cell.lowest,
                cell.mean,
                elements_text(cell.elements, dashboard.labels),
            ]
            for cell in dashboard.elements.itertuples()
        ],
    )


def elements_text(elements: list[tuple[str, int | None]], labels: dict[int, str]) -> str:
    """A cell's elements and their agreed levels: "Strategy (level 2, Developing); Workforce
    (not agreed)"."""
    return "; ".join(f"{title} ({analysis.level_text(level, labels)})" for title, level in elements)


def trend_table(dashboard: Dashboard) -> Table:
    """Dimensions down, settled rounds across, oldest first: the mean agreed level in each."""
    frame = dashboard.trend
    return Table(
        [_("Dimension"), *frame["name"]],
        [
            [title, *[None if pd.isna(v) else v for v in frame[code]]]
            for code, title in dashboard.dimensions.items()
        ],
    )


def row_services(names: dict, row: str, cols: list[str]) -> list[str]:
    found = {name for col in cols for name in names.get((row, col), [])}
    return sorted(found, key=str.lower)


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
            _("Lowest agreed level: %(axis)s") % {"axis": axis},
            dashboard.scale,
        ),
        "elements_caption": _(
            "Lowest agreed level of the elements in each cell: %(axis)s. "
            "– marks a cell no element covers."
        )
        % {"axis": axis},
        "elements_rows": [
            (
                name,
                [
                    {
                        **by_cell[(row, col)],
                        "col_name": col_name,
                        "elements_text": elements_text(
                            by_cell[(row, col)]["elements"], dashboard.labels
                        ),
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
        "coverage_caption": _(
            "Active services: %(axis)s. ✕ marks a gap (a service is expected and there is "
            "none), ◐ a thin cell (fewer services than expected)."
        )
        % {"axis": axis},
        "row_services": [
            (name, row_services(dashboard.names, code, cols))
            for code, name in dashboard.row_names.items()
        ],
        "coverage_chart": charts.coverage_figure(
            dashboard.matrix,
            dashboard.row_names,
            dashboard.col_names,
            dashboard.names,
            _("Active services: %(axis)s") % {"axis": axis},
        ),
        "gaps": dashboard.gaps,
        "ranked_axes": ranked_axes(dashboard),
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
    sectors = dict(Sector.choices)
    return {
        "maturity_groups": [
            (
                dimension,
                [
                    {
                        "row": row,
                        "level": analysis.level_text(row.level, dashboard.labels),
                        "target": None
                        if pd.isna(row.target)
                        else analysis.level_text(row.target, dashboard.labels),
                        "divergence": analysis.divergence_note(row, sectors, dashboard.labels),
                    }
                    for row in rows.itertuples()
                ],
            )
            for dimension, rows in frame.groupby("dimension", sort=False)
        ],
        "maturity_chart": charts.maturity_figure(frame, _("Agreed level against target")),
        "action_counts": counts,
        "overdue": overdue,
        "actions_chart": charts.actions_figure(counts, _("Actions by status")),
        "trend_chart": charts.trend_figure(
            dashboard.trend,
            dashboard.dimensions,
            _("Mean agreed level by dimension"),
            dashboard.scale,
        ),
        "trend_table": trend_table(dashboard),
        **elements_context(dashboard, axis),
    }


def ranked_axes(dashboard: Dashboard) -> str:
    """The axis pairs the ranked list reads, in words: "Continuum levels × THRIVE groupings
    and Continuum levels × Reach"."""
    names = [coverage.axis for coverage in dashboard.ranked_coverage]
    if len(names) > 1:
        return _("%(axes)s and %(last)s") % {"axes": ", ".join(names[:-1]), "last": names[-1]}
    return "".join(names)


def status_grid(coverage: CoverageMatrix) -> Table:
    """The matrix as the board report prints it: each cell's count and status in words."""
    return Table(
        [LABEL[coverage.rows], *coverage.col_names.values()],
        [[name, *[cell_words(cell) for cell in cells]] for name, cells in coverage.table()],
    )


def cell_words(cell: dict) -> str:
    """ "0, gap"; "1, thin (fewer than 3)"; "0, not expected"; "4"; local adjustments named."""
    words = str(cell["services"])
    if cell["status"] == THIN:
        words = _("%(count)s, thin (fewer than %(below)s)") % {
            "count": words,
            "below": cell["thin_below"],
        }
    elif cell["status"] != COVERED:
        words = _("%(count)s, %(status)s") % {
            "count": words,
            "status": str(STATUS_LABELS[cell["status"]]).lower(),
        }
    if cell["local"]:
        words = _("%(cell)s, by local adjustment") % {"cell": words}
    return words


def report_context(access: Access, dashboard: Dashboard) -> dict:
    found = tables(dashboard)
    return {
        "access": access,
        "partnership": access.partnership,
        "dashboard": dashboard,
        "gaps": dashboard.gaps,
        "ranked_axes": ranked_axes(dashboard),
        "coverage": status_grid(dashboard.coverage),
        "adjusted": dashboard.coverage.adjusted(),
        "maturity": found.get("maturity"),
        "actions": found.get("actions"),
        "axis": dashboard.coverage.axis,
        "today": timezone.localdate(),
    }


def sheets_of(found: dict[str, Table]) -> list[Sheet]:
    return [
        Sheet(str(SHEET_TITLES.get(name, name.replace("-", " ").capitalize())), header, rows)
        for name, (header, rows) in found.items()
    ]
