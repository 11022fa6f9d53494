"""The dashboard's rules on plain data: wording, ranking, overdue actions, suppression."""

import datetime

import pandas as pd

from assessments.analysis import spread
from dashboards import analysis, charts, comparison


def matrix(cells: dict[tuple[str, str], int]) -> pd.DataFrame:
    rows = [
        {"row": r, "col": c, "services": n, "capacity": 0, "gap": "empty" if not n else ""}
        for (r, c), n in cells.items()
    ]
    frame = pd.DataFrame(rows)
    frame.loc[frame["services"] == 1, "gap"] = "thin"
    return frame


LEVELS = {"early-intervention": "Early intervention"}
THRIVE = {"getting-more-help": "Getting More Help", "getting-help": "Getting Help"}


def test_an_empty_cell_reads_as_no_service():
    gaps = analysis.coverage_gaps(
        matrix({("early-intervention", "getting-more-help"): 0}), LEVELS, THRIVE
    )
    assert [g.text for g in gaps] == [
        "No active service offers Getting More Help at early intervention"
    ]


def test_a_thin_cell_says_how_many():
    gaps = analysis.coverage_gaps(
        matrix({("early-intervention", "getting-help"): 1}), LEVELS, THRIVE
    )
    assert gaps[0].text == "Only one active service offers Getting Help at early intervention"
    assert gaps[0].kind == "thin"


def test_below_target_reads_with_its_date():
    frame = analysis.maturity(
        [
            {
                "dimension": "People",
                "element": "workforce",
                "title": "Workforce",
                "level": 2,
                "target": 4,
                "target_date": datetime.date(2028, 3, 31),
            }
        ]
    )
    gaps = analysis.maturity_gaps(frame, {})
    assert [g.text for g in gaps] == ["Workforce is at level 2 against a target of 4 by March 2028"]


def test_no_target_is_no_gap():
    frame = analysis.maturity(
        [{"dimension": "D", "element": "e", "title": "E", "level": 1, "target": None}]
    )
    assert analysis.maturity_gaps(frame, {}) == []


def test_sector_divergence_names_both_sectors():
    ratings = [
        {"element": "x", "sector": "health-visiting", "value": 4},
        {"element": "x", "sector": "health-visiting", "value": 4},
        {"element": "x", "sector": "voluntary", "value": 2},
    ]
    frame = analysis.maturity(
        [{"dimension": "D", "element": "x", "title": "Partnership arrangements", "level": 3}],
        spread(ratings, ["x"]),
    )
    names = {"health-visiting": "Health visiting", "voluntary": "Voluntary sector"}
    gaps = analysis.maturity_gaps(frame, names)
    assert [g.text for g in gaps] == [
        "Health visiting and voluntary sector ratings of Partnership arrangements "
        "differ by 2 levels"
    ]


def test_gaps_rank_missing_services_first_then_the_biggest_shortfall():
    gaps = [
        analysis.Gap("thin", "thin"),
        analysis.Gap("below-target", "one short", 1),
        analysis.Gap("divergent", "apart", 2),
        analysis.Gap("below-target", "two short", 2),
        analysis.Gap("empty", "none"),
    ]
    assert [g.text for g in analysis.ranked(gaps)] == [
        "none",
        "two short",
        "one short",
        "apart",
        "thin",
    ]


def test_overdue_actions_are_open_and_past_due():
    today = datetime.date(2027, 6, 1)
    actions = [
        {"status": "not-started", "due_date": datetime.date(2027, 5, 1), "is_open": True},
        {"status": "done", "due_date": datetime.date(2027, 5, 1), "is_open": False},
        {"status": "in-progress", "due_date": datetime.date(2027, 7, 1), "is_open": True},
    ]
    statuses = [("not-started", "Not started"), ("in-progress", "In progress"), ("done", "Done")]
    counts, overdue = analysis.action_summary(actions, statuses, today)
    assert counts == [("Not started", 1), ("In progress", 1), ("Done", 1)]
    assert overdue == [actions[0]]


def test_cell_services_lists_names_per_cell():
    tags = [
        (1, "Baby group", "continuum-level", "promotion"),
        (1, "Baby group", "thrive", "thriving"),
        (2, "Clinic", "continuum-level", "treatment"),
    ]
    found = analysis.cell_services(tags, row_taxonomy="continuum-level", col_taxonomy="thrive")
    assert found == {("promotion", "thriving"): ["Baby group"]}


def test_cross_area_suppresses_thin_evidence():
    rows = comparison.cross_area(
        [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}],
        [(1, "promotion", 3)],
        [(1, "people", 2), (1, "people", 4), (2, "people", 5)],
        [(1, "people", 6), (2, "people", 2)],
        levels=["promotion", "treatment"],
        dimensions=["people"],
        min_responses=3,
    )
    assert rows[0]["coverage"] == {"promotion": 3, "treatment": 0}
    assert rows[0]["maturity"] == {"people": 3.0}
    assert rows[1]["maturity"] == {"people": None}
    assert rows[1]["suppressed"] == {"people": True}


def test_sort_rows_puts_missing_values_last_either_way():
    rows = [
        {"name": "A", "coverage": {}, "maturity": {"p": None}},
        {"name": "B", "coverage": {}, "maturity": {"p": 2.0}},
        {"name": "C", "coverage": {}, "maturity": {"p": 4.0}},
    ]
    assert [r["name"] for r in comparison.sort_rows(rows, "dim-p")] == ["B", "C", "A"]
    assert [r["name"] for r in comparison.sort_rows(rows, "-dim-p")] == ["C", "B", "A"]


def test_chart_labels_are_escaped_and_gaps_marked_in_text():
    frame = matrix({("a", "b"): 0})
    figure = charts.coverage_figure(
        frame, {"a": "<b>Row</b>"}, {"b": "Col"}, {("a", "b"): []}, "Title <i>"
    )
    trace = figure["data"][0]
    assert trace["y"] == ["&lt;b&gt;Row&lt;/b&gt;"]
    assert trace["text"] == [["0 ✕ gap"]]
    assert figure["layout"]["title"]["text"] == "Title &lt;i&gt;"
