"""The dashboard's rules on plain data: wording, ranking, overdue actions, suppression."""

import datetime

import pandas as pd
import pytest

from assessments.analysis import spread
from dashboards import analysis, charts, comparison


def matrix(cells: dict[tuple[str, str], int], unexpected=(), local=None) -> pd.DataFrame:
    """A coverage matrix as analysis.coverage_matrix returns it: cells with one service are
    thin (threshold 2), cells in `unexpected` not expected, `local` reasons by cell."""
    rows = []
    for (r, c), n in cells.items():
        status = "not-expected" if (r, c) in unexpected else "gap" if not n else "thin"
        if n > 1 and status != "not-expected":
            status = "covered"
        reason = (local or {}).get((r, c), "")
        rows.append(
            {
                "row": r,
                "col": c,
                "services": n,
                "capacity": 0,
                "status": status,
                "thin_below": 2,
                "local": reason,
            }
        )
    return pd.DataFrame(rows)


LEVELS = {"early-intervention": "Early intervention"}
THRIVE = {"getting-more-help": "Getting More Help", "getting-help": "Getting Help"}
AXES = ("continuum-level", "thrive")


def test_a_gap_reads_as_no_service():
    gaps = analysis.coverage_gaps(
        matrix({("early-intervention", "getting-more-help"): 0}), LEVELS, THRIVE, axes=AXES
    )
    assert [g.text for g in gaps] == [
        "No early intervention service for families getting more help"
    ]


def test_a_thin_cell_says_how_many_and_how_many_are_expected():
    gaps = analysis.coverage_gaps(
        matrix({("early-intervention", "getting-help"): 1}), LEVELS, THRIVE, axes=AXES
    )
    assert gaps[0].text == (
        "Only one early intervention service for families getting help; 2 or more expected"
    )
    assert gaps[0].kind == "thin"


def test_a_cell_not_expected_is_never_a_gap():
    cells = matrix(
        {("early-intervention", "getting-more-help"): 0},
        unexpected={("early-intervention", "getting-more-help")},
    )
    assert analysis.coverage_gaps(cells, LEVELS, THRIVE, axes=AXES) == []


def test_a_gap_made_by_a_local_adjustment_says_so():
    cells = matrix(
        {("early-intervention", "getting-more-help"): 0},
        local={("early-intervention", "getting-more-help"): "Our own MBU pathway"},
    )
    gap = analysis.coverage_gaps(cells, LEVELS, THRIVE, axes=AXES)[0]
    assert gap.text == (
        "No early intervention service for families getting more help "
        "(local adjustment: Our own MBU pathway)"
    )
    assert gap.local == "Our own MBU pathway"


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
    gaps = analysis.maturity_gaps(frame, {}, labels={2: "Early", 4: "Maturing"})
    assert [g.text for g in gaps] == [
        "Workforce is at level 2, Early, against a target of level 4, Maturing, by March 2028"
    ]
    unlabelled = analysis.maturity_gaps(frame, {})
    assert unlabelled[0].text == "Workforce is at level 2 against a target of level 4 by March 2028"


def test_level_text_gives_the_label():
    assert analysis.level_text(2, {2: "Developing"}) == "level 2, Developing"
    assert analysis.level_text(2, {}) == "level 2"
    assert analysis.level_text(None, {2: "Developing"}) == "not agreed"


def test_no_target_is_no_gap():
    frame = analysis.maturity(
        [{"dimension": "D", "element": "e", "title": "E", "level": 1, "target": None}]
    )
    assert analysis.maturity_gaps(frame, {}) == []


DIVERGENT = [
    {"element": "x", "sector": "health-visiting", "value": 4},
    {"element": "x", "sector": "health-visiting", "value": 4},
    {"element": "x", "sector": "voluntary", "value": 2},
]
SECTORS = {"health-visiting": "Health visiting", "voluntary": "Voluntary sector"}


def test_sector_divergence_nobody_has_agreed_is_a_gap_naming_both_sectors():
    frame = analysis.maturity(
        [{"dimension": "D", "element": "x", "title": "Partnership arrangements", "level": None}],
        spread(DIVERGENT, ["x"]),
    )
    gaps = analysis.maturity_gaps(frame, SECTORS)
    assert [g.text for g in gaps] == [
        "Health visiting and voluntary sector ratings of Partnership arrangements "
        "differ by 2 levels, and no level is agreed yet"
    ]


def test_sector_divergence_the_workshop_resolved_is_context_not_a_gap():
    frame = analysis.maturity(
        [{"dimension": "D", "element": "x", "title": "Partnership arrangements", "level": 3}],
        spread(DIVERGENT, ["x"]),
    )
    assert analysis.maturity_gaps(frame, SECTORS) == []
    row = next(frame.itertuples())
    assert analysis.divergence_note(row, SECTORS, {3: "Developing"}) == (
        "Health visiting and voluntary sector ratings of Partnership arrangements "
        "differ by 2 levels; the workshop agreed level 3, Developing"
    )


def test_gaps_rank_missing_services_first_then_the_biggest_shortfall():
    gaps = [
        analysis.Gap("thin", "thin"),
        analysis.Gap("below-target", "one short", 1),
        analysis.Gap("divergent", "apart", 2),
        analysis.Gap("below-target", "two short", 2),
        analysis.Gap("gap", "none"),
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


def test_a_gap_outranks_a_one_level_shortfall_and_a_cell_not_expected_is_left_out():
    cells = matrix(
        {
            ("promotion", "getting-risk-support"): 0,
            ("continuing-care", "getting-more-help"): 0,
            ("treatment", "getting-help"): 1,
        },
        unexpected={("promotion", "getting-risk-support")},
    )
    levels = {
        "promotion": "Promotion",
        "continuing-care": "Continuing care",
        "treatment": "Treatment",
    }
    thrive = {
        "getting-risk-support": "Getting Risk Support",
        "getting-more-help": "Getting More Help",
        "getting-help": "Getting Help",
    }
    gaps = analysis.coverage_gaps(cells, levels, thrive, axes=AXES)
    frame = analysis.maturity(
        [
            {
                "dimension": "D",
                "element": "w",
                "title": "Workforce",
                "level": 2,
                "target": 3,
                "target_date": None,
            }
        ]
    )
    gaps += analysis.maturity_gaps(frame, {})
    assert [g.text for g in analysis.ranked(gaps)] == [
        "No continuing care service for families getting more help",
        "Workforce is at level 2 against a target of level 3",
        "Only one treatment service for families getting help; 2 or more expected",
    ]


def test_overdue_actions_weigh_on_their_element():
    frame = analysis.maturity(
        [
            {
                "dimension": "D",
                "element": "a",
                "title": "Data",
                "level": 2,
                "target": 3,
                "target_date": None,
            },
            {
                "dimension": "D",
                "element": "b",
                "title": "Budget",
                "level": 2,
                "target": 3,
                "target_date": None,
            },
            {
                "dimension": "D",
                "element": "c",
                "title": "Comms",
                "level": 3,
                "target": 3,
                "target_date": None,
            },
        ]
    )
    gaps = analysis.ranked(analysis.maturity_gaps(frame, {}, {"b": 2, "c": 1}))
    assert [g.text for g in gaps] == [
        "Budget is at level 2 against a target of level 3; 2 actions are overdue",
        "Data is at level 2 against a target of level 3",
        "Comms: 1 action is overdue",
    ]


def test_a_wide_sector_split_outranks_a_one_level_shortfall():
    gaps = [
        analysis.Gap("below-target", "one short", 1, 2),
        analysis.Gap("divergent", "three apart", 3, 3),
        analysis.Gap("divergent", "one apart", 1, 1),
    ]
    assert [g.text for g in analysis.ranked(gaps)] == ["three apart", "one short", "one apart"]


def test_overdue_by_element_counts_only_open_late_actions():
    today = datetime.date(2027, 6, 1)
    late, soon = datetime.date(2027, 5, 1), datetime.date(2027, 7, 1)
    actions = [
        {"element_code": "a", "is_open": True, "due_date": late},
        {"element_code": "a", "is_open": True, "due_date": late},
        {"element_code": "b", "is_open": False, "due_date": late},
        {"element_code": "c", "is_open": True, "due_date": soon},
    ]
    assert analysis.overdue_by_element(actions, today) == {"a": 2}


def test_trend_takes_the_mean_per_dimension_in_round_order():
    frame = analysis.trend(
        [(7, "Baseline"), (3, "Review")],
        [("plan", "Plan"), ("lead", "Lead")],
        [(3, "plan", 4), (7, "plan", 1), (7, "plan", 2), (3, "plan", 3)],
    )
    assert list(frame["name"]) == ["Baseline", "Review"]
    assert list(frame["plan"]) == [1.5, 3.5]
    assert list(frame["lead"]) == [None, None]


def test_element_matrix_shows_the_weakest_element_of_each_cell():
    tags = [
        ("a", "continuum-level", "treatment"),
        ("a", "thrive", "getting-help"),
        ("b", "continuum-level", "treatment"),
        ("b", "thrive", "getting-help"),
        ("c", "continuum-level", "treatment"),  # no THRIVE grouping: in no cell
    ]
    frame = analysis.element_matrix(
        tags,
        {"a": 3, "b": 1, "c": 1},
        {"a": "Access", "b": "Budget", "c": "Comms"},
        row_taxonomy="continuum-level",
        col_taxonomy="thrive",
        row_terms=["treatment"],
        col_terms=["getting-help", "thriving"],
    )
    cells = frame.to_dict("records")
    assert cells[0]["lowest"] == 1
    assert cells[0]["mean"] == 2.0
    assert cells[0]["elements"] == [("Access", 3), ("Budget", 1)]
    assert cells[1]["elements"] == [] and cells[1]["lowest"] is None


def test_position_places_in_bands_and_leaves_out_suppressed_values():
    rows = comparison.cross_area(
        [{"id": i, "name": n} for i, n in enumerate("ABCDE")],
        [],
        [(0, "p", 3), (1, "p", 4), (2, "p", 3), (3, "p", 5), (4, "p", 1)],
        [(0, "p", 9), (1, "p", 9), (2, "p", 9), (3, "p", 1), (4, "p", 9)],
        levels=[],
        dimensions=["p"],
        min_responses=3,
    )
    overall, people = comparison.position(rows, rows[2], {"mean": "All", "dim-p": "People"})
    assert (people["band"], people["of"]) == ("middle half", 4)
    assert (overall["value"], overall["band"], overall["of"]) == (3.0, "middle half", 4)
    assert "rank" not in people
    assert comparison.position(rows, rows[1], {"dim-p": "People"})[0]["band"] == "upper quarter"
    assert comparison.position(rows, rows[4], {"dim-p": "People"})[0]["band"] == "lower quarter"
    hidden = comparison.position(rows, rows[3], {"dim-p": "People"})[0]
    assert hidden["suppressed"] and hidden["band"] == "" and hidden["of"] == 4
    assert comparison.position(rows, rows[3], {"mean": "All"})[0]["suppressed"]


@pytest.mark.parametrize(
    "value,values,expected",
    [
        (5, [1, 2, 3, 5], "upper quarter"),
        (1, [1, 2, 3, 5], "lower quarter"),
        (2, [1, 2, 3, 5], "middle half"),
        (3, [3, 3, 3, 3], "middle half"),
        (4, [1, 2, 3, 4, 5], "middle half"),
        (5, [1, 2, 3], "Too few areas to place it"),
        (None, [1, 2, 3, 4], ""),
    ],
)
def test_an_area_falls_in_a_quarter_or_the_middle_half(value, values, expected):
    assert comparison.band(value, values) == expected


def test_new_charts_escape_user_text():
    frame = analysis.trend([(1, "<b>Round</b>")], [("p", "<i>Plan</i>")], [(1, "p", 2)])
    trend = charts.trend_figure(frame, {"p": "<i>Plan</i>"}, "Trend")
    assert trend["data"][0]["x"] == ["&lt;b&gt;Round&lt;/b&gt;"]
    assert trend["data"][0]["name"] == "&lt;i&gt;Plan&lt;/i&gt;"
    cells = analysis.element_matrix(
        [("e", "r", "x"), ("e", "c", "y")],
        {"e": 2},
        {"e": "<script>x</script>"},
        row_taxonomy="r",
        col_taxonomy="c",
        row_terms=["x"],
        col_terms=["y"],
    )
    elements = charts.elements_figure(cells, {"x": "X"}, {"y": "Y"}, "Elements")
    assert elements["data"][0]["customdata"] == [["&lt;script&gt;x&lt;/script&gt;: level 2"]]
    assert elements["data"][0]["text"] == [["2 (1)"]]
    position = charts.position_figure([("D", "<img src=x>", 2.0, False)], "A", "Where")
    assert position["data"][0]["customdata"] == ["&lt;img src=x&gt;"]
    assert "template" not in position["layout"]
