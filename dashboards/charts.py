"""Plotly figures as plain dicts, for `json_script` and static/js/charts.mjs to draw.

Pure functions: DataFrames or rows in, figure dicts out. Every label or hover text that can
hold user text goes through `escape`, because plotly renders a subset of HTML in them. Gaps are
marked with text in the cell as well as colour, so the chart does not rely on colour alone.
"""

import json
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from django.utils.html import escape

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
GAP_MARK = {"empty": " ✕ gap", "thin": " ◐ thin"}
HOVER_NAMES = 8  # service names listed in a cell's hover text before "and N more"


def as_dict(figure: go.Figure) -> dict:
    """JSON-ready dict: numpy arrays become plotly's base64 arrays, which plotly.js reads."""
    return json.loads(figure.to_json())


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


def names_hover(names: Sequence[str]) -> str:
    shown = [escape(n) for n in names[:HOVER_NAMES]]
    if len(names) > HOVER_NAMES:
        shown.append(f"and {len(names) - HOVER_NAMES} more")
    return "<br>".join(shown) or "No active service"


def heatmap(
    title: str,
    z: list[list[float | None]],
    rows: Sequence[str],
    cols: Sequence[str],
    text: list[list[str]],
    hover: list[list[str]] | None = None,
) -> dict:
    """A heatmap with each cell's value (and gap mark) printed in it.

    Built as a plain dict: plotly's graph objects validate every property path, which cost
    more than the rest of a dashboard, and plotly.js reads the same dict.
    """
    trace = {
        "type": "heatmap",
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
    """The coverage matrix: services per cell, empty and thin cells marked in text."""
    cells = {(c["row"], c["col"]): c for c in matrix.to_dict("records")}
    z, text, hover = [], [], []
    for row in row_names:
        z.append([cells[(row, col)]["services"] for col in col_names])
        text.append(
            [
                f"{cells[(row, col)]['services']}{GAP_MARK.get(cells[(row, col)]['gap'], '')}"
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
    marks = [
        f"{'' if lv is None else lv}{' ▼ below target' if below else ''}"
        for lv, below in zip(levels, frame["below_target"], strict=True)
    ]
    colours = [RED if below else BLUE for below in frame["below_target"]]
    bars = {
        "type": "bar",
        "name": "Agreed level",
        "x": levels,
        "y": labels,
        "orientation": "h",
        "marker": {"color": colours},
        "text": marks,
        "textposition": "outside",
        "hovertemplate": "%{y}<br>Agreed level %{x}<extra></extra>",
    }
    diamonds = {
        "type": "scatter",
        "name": "Target",
        "x": targets,
        "y": labels,
        "mode": "markers",
        "marker": {"symbol": "diamond", "size": 12, "color": BLACK},
        "hovertemplate": "%{y}<br>Target %{x}<extra></extra>",
    }
    return {
        "data": [bars, diamonds],
        "layout": layout(
            title,
            max(300, 40 * len(labels) + 170),
            margin={"l": 20, "r": 20, "t": 50},
            yaxis={"autorange": "reversed", "automargin": True},
            xaxis={"title": {"text": "Level"}, "dtick": 1, "rangemode": "tozero"},
            legend={"orientation": "h", "y": -0.15},
        ),
    }


def actions_figure(counts: Sequence[tuple[str, int]], title: str) -> dict:
    """Actions by status as bars with the count printed on each."""
    figure = go.Figure(
        go.Bar(
            x=[escape(label) for label, _ in counts],
            y=[n for _, n in counts],
            text=[str(n) for _, n in counts],
            textposition="outside",
            marker={"color": BLUE},
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    figure.update_layout(
        layout(title, 320, margin={"l": 50, "r": 20, "t": 50, "b": 50}),
        yaxis={"title": {"text": "Actions"}, "rangemode": "tozero"},
    )
    return as_dict(figure)
