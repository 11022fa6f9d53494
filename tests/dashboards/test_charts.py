"""How the charts read: whole-number counts, a trend of one round, and the phone versions
(titles and labels that wrap, heatmaps that give way to their tables)."""

import pandas as pd
import pytest

from dashboards import charts


def phone(figure: dict) -> dict:
    """The figure as static/js/charts.mjs draws it below tablet width."""
    changes = figure["narrow"]
    layout = {**figure["layout"], **changes.get("layout", {})}
    extras = changes.get("data", [])
    data = [
        {**trace, **(extras[i] if i < len(extras) else {})}
        for i, trace in enumerate(figure["data"])
    ]
    return {"data": data, "layout": layout}


def maturity_frame(titles: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "dimension": ["Deliver"] * len(titles),
            "title": titles,
            "level": [2] * len(titles),
            "target": [3] * len(titles),
            "below_target": [True] * len(titles),
        }
    )


@pytest.mark.parametrize("most,step", [(0, 1), (1, 1), (3, 1), (5, 1), (12, 3), (40, 8)])
def test_count_charts_tick_in_whole_numbers(most, step):
    figure = charts.actions_figure([("Not started", most), ("Done", 0)], "Actions by status")
    axis = figure["layout"]["yaxis"]
    assert axis["tickformat"] == "d"
    assert axis["dtick"] == step


def test_a_trend_of_one_round_is_points_and_of_two_a_line():
    one = pd.DataFrame({"name": ["Baseline"], "p": [2.0]})
    two = pd.DataFrame({"name": ["Baseline", "Review"], "p": [2.0, 3.0]})
    assert charts.trend_figure(one, {"p": "Plan"}, "Trend")["data"][0]["mode"] == "markers"
    assert charts.trend_figure(two, {"p": "Plan"}, "Trend")["data"][0]["mode"] == "lines+markers"


def test_heatmaps_give_way_to_their_table_on_a_phone():
    figure = charts.heatmap("Active services", [[1, 0]], ["Promotion"], ["A", "B"], [["1", "0"]])
    assert figure["narrow"] is None


def test_on_a_phone_a_long_title_wraps_instead_of_being_cut():
    title = "Active services: Continuum levels × THRIVE groupings, <all> of them"
    drawn = phone(charts.maturity_figure(maturity_frame(["Leadership"]), title))
    lines = drawn["layout"]["title"]["text"].split("<br>")
    assert len(lines) > 1
    assert all(len(line) <= charts.TITLE_LINE + len("&lt;&gt;") for line in lines)
    assert (
        " ".join(lines)
        == "Active services: Continuum levels × THRIVE groupings, &lt;all&gt; of them"
    )
    assert drawn["layout"]["font"]["size"] < charts.FONT["size"]


def test_on_a_phone_element_labels_wrap_and_bars_keep_their_mark():
    title = "Multi-agency working and pathways <b>across the whole local system</b>"
    drawn = phone(charts.maturity_figure(maturity_frame([title]), "Agreed level"))
    bars, targets = drawn["data"]
    assert bars["y"] == targets["y"]
    assert all(len(line) <= charts.LABEL_LINE for line in bars["y"][0].split("<br>"))
    assert "&lt;b&gt;" in bars["y"][0] and "<b>" not in bars["y"][0]
    assert bars["text"] == ["2 ▼"]  # red bar, ▼ and the table say it; the words did not fit


def test_on_a_phone_the_trend_and_position_charts_keep_every_point():
    frame = pd.DataFrame({"name": ["Baseline, spring 2027 with a long name"], "p": [2.0]})
    trend = phone(charts.trend_figure(frame, {"p": "Plan"}, "Mean agreed level by dimension"))
    assert trend["data"][0]["y"] == [2]
    assert "<br>" in trend["data"][0]["x"][0]
    points = [("Support across the continuum", "Alpha", 2.0, True), ("Lead", "Beta", 3.0, False)]
    position = phone(charts.position_figure(points, "Alpha", "Where Alpha sits"))
    assert [trace["y"] for trace in position["data"]] == [[3], [2]]
    label = position["data"][1]["x"][0]
    assert "<br>" in label and label.replace("<br>", " ") == "Support across the continuum"
