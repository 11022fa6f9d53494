"""Plotly figures as plain dicts, for `json_script` and static/js/charts.mjs to draw.

Plain dicts rather than plotly's graph objects: those validate every property path, which cost
more than the rest of a dashboard; plotly.js reads the same dict.

Pure functions: DataFrames or rows in, figure dicts out. Every label or hover text that can
hold user text goes through `escape`, because plotly renders a subset of HTML in them. Gaps are
marked with text in the cell as well as colour, so the chart does not rely on colour alone.

Each figure also says how it reads on a phone (`narrow`, drawn below GOV.UK's tablet width):
the layout and trace properties that change there, or None where the chart gives way to the
table beside it (a heatmap's cells cannot be read at that width; the table scrolls instead).
"""

import math
import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# GOV.UK Frontend colours.
BLACK = "#0b0c0c"
BLUE = "#1d70b8"
DARK_BLUE = "#003078"
LIGHT_BLUE = "#5694ca"
LIGHT_GREY = "#f3f2f1"
MID_GREY = "#b1b4b6"
RED = "#d4351c"
GREEN = "#00703c"
FONT = {"family": "arial, sans-serif", "size": 14, "color": BLACK}
SCALE = [[0, LIGHT_GREY], [0.5, LIGHT_BLUE], [1, DARK_BLUE]]
GAP_MARK = {
    "gap": gettext_lazy(" ✕ gap"),
    "thin": gettext_lazy(" ◐ thin"),
    "not-expected": gettext_lazy(" not expected"),
}
HOVER_NAMES = 8  # service names listed in a cell's hover text before "and N more"
# Characters per line on a phone: a title at 17 px and a label at 12 px fit a 340 px chart.
TITLE_LINE = 32
LABEL_LINE = 22


def layout(title: str, height: int, **extra) -> dict:
    return {
        "title": {"text": escape(title)},
        "font": FONT,
        "height": height,
        "margin": {"l": 220, "r": 20, "t": 50, "b": 120},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        **extra,
    }


def wrap(text: str, width: int) -> str:
    """Escaped text broken into lines of about `width` characters with plotly's `<br>`."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines) or text


def narrow_layout(title: str, room_above: int = 0, **extra) -> dict:
    """The layout properties a chart replaces on a phone: a smaller font, a title that wraps
    rather than being cut at both ends, and margins left to the labels (`automargin`).
    `room_above` is what a legend above the plot needs between it and the title."""
    lines = wrap(escape(title), TITLE_LINE)
    top = 30 + 20 * (lines.count("<br>") + 1)
    return {
        "title": {"text": lines},
        "font": {**FONT, "size": 12},
        "margin": {"l": 10, "r": 10, "t": top + room_above, "b": 40},
        **extra,
    }


def count_axis(title: str, counts: Sequence[int]) -> dict:
    """An axis of counts: whole-number ticks, however small the counts."""
    most = max(counts, default=0)
    step = max(1, math.ceil(most / 5))  # about five ticks, never a fraction
    return {
        "title": {"text": title},
        "automargin": True,
        "rangemode": "tozero",
        "tickformat": "d",
        "dtick": step,
    }


def names_hover(names: Sequence[str]) -> str:
    shown = [escape(n) for n in names[:HOVER_NAMES]]
    if len(names) > HOVER_NAMES:
        shown.append(_("and %(count)s more") % {"count": len(names) - HOVER_NAMES})
    return "<br>".join(shown) or _("No active service")


def heatmap(
    title: str,
    z: list[list[float | None]],
    rows: Sequence[str],
    cols: Sequence[str],
    text: list[list[str]],
    hover: list[list[str]] | None = None,
    scale: tuple[int, int] | None = None,
) -> dict:
    """A heatmap with each cell's value (and gap mark) printed in it.

    `scale` fixes the colours to a rating scale's lowest and highest level, so a middling
    level does not look like the worst just because nothing here is lower.
    """
    bounds = {"zmin": scale[0], "zmax": scale[1]} if scale else {}
    trace = {
        "type": "heatmap",
        **bounds,
        "z": [[number(v) for v in line] for line in z],
        "x": [escape(c) for c in cols],
        "y": [escape(r) for r in rows],
        "text": text,
        "texttemplate": "%{text}",
        "colorscale": SCALE,
        "showscale": False,
        "xgap": 2,
        "ygap": 2,
        "customdata": hover if hover is not None else text,
        "hovertemplate": "%{y} × %{x}<br>%{customdata}<extra></extra>",
    }
    return {
        "data": [trace],
        "layout": layout(
            title,
            max(300, 60 * len(rows) + 170),
            yaxis={"autorange": "reversed", "automargin": True},
            xaxis={"side": "bottom", "automargin": True, "tickangle": -30},
        ),
        "narrow": None,
    }


def number(value) -> float | int | None:
    """A JSON number, or None for a missing one (NaN is not JSON)."""
    if value is None or pd.isna(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def coverage_figure(
    matrix: pd.DataFrame,
    row_names: Mapping[str, str],
    col_names: Mapping[str, str],
    names: Mapping[tuple[str, str], list[str]],
    title: str,
) -> dict:
    """The coverage matrix: services per cell, gaps, thin and not expected cells marked in text."""
    cells = {(c["row"], c["col"]): c for c in matrix.to_dict("records")}
    z, text, hover = [], [], []
    for row in row_names:
        z.append([cells[(row, col)]["services"] for col in col_names])
        text.append(
            [
                f"{cells[(row, col)]['services']}{GAP_MARK.get(cells[(row, col)]['status'], '')}"
                for col in col_names
            ]
        )
        hover.append([names_hover(names.get((row, col), [])) for col in col_names])
    return heatmap(
        title,
        z,
        list(row_names.values()),
        list(col_names.values()),
        text,
        hover,
    )


def maturity_figure(frame: pd.DataFrame, title: str) -> dict:
    """Agreed level per element as bars, the target as a diamond; below target says so."""
    labels = [escape(f"{d}: {t}") for d, t in zip(frame["dimension"], frame["title"], strict=True)]
    levels = [number(v) for v in frame["level"]]
    targets = [number(v) for v in frame["target"]]
    below_target = _(" ▼ below target")
    shown_levels = ["" if lv is None else str(lv) for lv in levels]
    marks = [
        f"{lv}{below_target if below else ''}"
        for lv, below in zip(shown_levels, frame["below_target"], strict=True)
    ]
    narrow_marks = [
        f"{lv}{' ▼' if below else ''}"
        for lv, below in zip(shown_levels, frame["below_target"], strict=True)
    ]
    colours = [RED if below else BLUE for below in frame["below_target"]]
    bars = {
        "type": "bar",
        "name": _("Agreed level"),
        "x": levels,
        "y": labels,
        "orientation": "h",
        "marker": {"color": colours},
        "text": marks,
        "textposition": "outside",
        "hovertemplate": "%{y}<br>"
        + _("Agreed level %(level)s") % {"level": "%{x}"}
        + "<extra></extra>",
    }
    diamonds = {
        "type": "scatter",
        "name": _("Target"),
        "x": targets,
        "y": labels,
        "mode": "markers",
        "marker": {"symbol": "diamond", "size": 12, "color": BLACK},
        "hovertemplate": "%{y}<br>" + _("Target %(level)s") % {"level": "%{x}"} + "<extra></extra>",
    }
    # On a phone the labels wrap and the bar's text keeps only the level and ▼ (red bars and
    # the table say "below target" in words), so neither is cut at the chart's edges.
    wrapped = [wrap(label, LABEL_LINE) for label in labels]
    return {
        "data": [bars, diamonds],
        "layout": layout(
            title,
            max(300, 40 * len(labels) + 170),
            margin={"l": 20, "r": 20, "t": 50},
            yaxis={"autorange": "reversed", "automargin": True},
            xaxis={"title": {"text": _("Level")}, "dtick": 1, "rangemode": "tozero"},
            legend={"orientation": "h", "y": -0.15},
        ),
        "narrow": {
            "layout": narrow_layout(title, height=max(300, 56 * len(labels) + 150)),
            "data": [
                {"y": wrapped, "text": narrow_marks},
                {"y": wrapped},
            ],
        },
    }


def actions_figure(counts: Sequence[tuple[str, int]], title: str) -> dict:
    """Actions by status as bars with the count printed on each."""
    bars = {
        "type": "bar",
        "x": [escape(label) for label, _n in counts],
        "y": [n for _label, n in counts],
        "text": [str(n) for _label, n in counts],
        "textposition": "outside",
        "marker": {"color": BLUE},
        "hovertemplate": "%{x}: %{y}<extra></extra>",
    }
    return {
        "data": [bars],
        "layout": layout(
            title,
            320,
            margin={"l": 50, "r": 20, "t": 50, "b": 50},
            yaxis=count_axis(_("Actions"), [n for _label, n in counts]),
        ),
        "narrow": {"layout": narrow_layout(title, xaxis={"automargin": True})},
    }


# Each dimension's line differs in colour, marker and dash, so it does not rely on colour.
LINE_COLOURS = [BLUE, GREEN, "#4c2c92", "#f47738", DARK_BLUE, "#28a197", "#d53880", BLACK]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star", "cross", "hexagon"]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]


def trend_figure(
    frame: pd.DataFrame,
    dimensions: Mapping[str, str],
    title: str,
    scale: tuple[int, int] = (1, 5),
) -> dict:
    """Mean agreed level per dimension across rounds, oldest first, one line per dimension.

    `frame` is analysis.trend(): a `name` column for the rounds, one column per dimension code.
    """
    rounds = [escape(name) for name in frame["name"]]
    # One round is a point per dimension, not a line: no line is drawn, and the page says why.
    mode = "lines+markers" if len(rounds) > 1 else "markers"
    traces = []
    for i, (code, label) in enumerate(dimensions.items()):
        traces.append(
            {
                "type": "scatter",
                "name": escape(label),
                "x": rounds,
                "y": [number(v) for v in frame[code]],
                "mode": mode,
                "line": {"color": LINE_COLOURS[i % len(LINE_COLOURS)], "dash": DASHES[i % 6]},
                "marker": {"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 11},
                "hovertemplate": escape(label)
                + "<br>"
                + _("%(round)s: mean level %(level)s") % {"round": "%{x}", "level": "%{y}"}
                + "<extra></extra>",
            }
        )
    return {
        "data": traces,
        "layout": layout(
            title,
            420,
            margin={"l": 60, "r": 20, "t": 50, "b": 60},
            xaxis={"type": "category", "automargin": True},
            yaxis={
                "title": {"text": _("Mean agreed level")},
                "automargin": True,
                "dtick": 1,
                "range": [scale[0] - 0.5, scale[1] + 0.5],
            },
            legend={"orientation": "h", "y": -0.2},
        ),
        "narrow": {
            "layout": narrow_layout(
                title,
                xaxis={"type": "category", "automargin": True},
                legend={"orientation": "h", "y": -0.3},
            ),
            "data": [{"x": [wrap(name, LABEL_LINE) for name in rounds]} for _trace in traces],
        },
    }


def elements_figure(
    cells: pd.DataFrame,
    row_names: Mapping[str, str],
    col_names: Mapping[str, str],
    title: str,
    scale: tuple[int, int] = (1, 5),
) -> dict:
    """The lowest agreed level of the elements in each cell, with the elements on hover.

    `cells` is analysis.element_matrix(). A cell with no element says so in words.
    """
    by_cell = {(c["row"], c["col"]): c for c in cells.to_dict("records")}
    z, text, hover = [], [], []
    for row in row_names:
        found = [by_cell[(row, col)] for col in col_names]
        z.append([cell["lowest"] for cell in found])
        text.append([element_mark(cell) for cell in found])
        hover.append([elements_hover(cell["elements"]) for cell in found])
    return heatmap(title, z, list(row_names.values()), list(col_names.values()), text, hover, scale)


def element_mark(cell: Mapping) -> str:
    if not cell["elements"]:
        return "–"
    if cell["lowest"] is None:
        return _("not agreed")
    return f"{cell['lowest']} ({len(cell['elements'])})"


def elements_hover(elements: Sequence[tuple[str, int | None]]) -> str:
    lines = [
        _("%(element)s: not agreed") % {"element": escape(title)}
        if level is None
        else _("%(element)s: level %(level)s") % {"element": escape(title), "level": level}
        for title, level in elements[:HOVER_NAMES]
    ]
    if len(elements) > HOVER_NAMES:
        lines.append(_("and %(count)s more") % {"count": len(elements) - HOVER_NAMES})
    return "<br>".join(lines) or _("No element tagged here")


def position_figure(
    points: Sequence[tuple[str, str, float, bool]], chosen: str, title: str
) -> dict:
    """Every area's value on each measure as a dot, the chosen area as a large red diamond.

    `points` are (measure label, area name, value, is the chosen area).
    """
    traces = []
    for is_chosen, name, marker in [
        (False, _("Other areas"), {"symbol": "circle", "size": 10, "color": MID_GREY}),
        (True, chosen, {"symbol": "diamond", "size": 16, "color": RED, "line": {"width": 1}}),
    ]:
        mine = [p for p in points if p[3] == is_chosen]
        traces.append(
            {
                "type": "scatter",
                "name": escape(name),
                "x": [escape(p[0]) for p in mine],
                "y": [number(p[2]) for p in mine],
                "customdata": [escape(p[1]) for p in mine],
                "mode": "markers",
                "marker": marker,
                "hovertemplate": "%{customdata}<br>%{x}: %{y}<extra></extra>",
            }
        )
    return {
        "data": traces,
        "layout": layout(
            title,
            420,
            margin={"l": 60, "r": 20, "t": 50, "b": 120},
            xaxis={"type": "category", "automargin": True, "tickangle": -30},
            yaxis={
                "title": {"text": _("Median agreed level")},
                "automargin": True,
                "dtick": 1,
                "rangemode": "tozero",
            },
            legend={"orientation": "h", "y": -0.35},
        ),
        "narrow": {
            "layout": narrow_layout(
                title,
                room_above=30,
                height=480,
                xaxis={"type": "category", "automargin": True},
                # Above the plot: below it, the legend would meet the measures' labels.
                legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
            ),
            "data": [{"x": [wrap(x, LABEL_LINE // 2) for x in trace["x"]]} for trace in traces],
        },
    }
