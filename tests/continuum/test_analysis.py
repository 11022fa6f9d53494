"""Coverage matrix and pathway gaps on plain data: no database, no request."""

from dataclasses import replace

from continuum.analysis import (
    PathwayService,
    Route,
    coverage_matrix,
    gap_sentences,
    pathway_gaps,
    pivot,
    routes_by_level,
)
from continuum.gap_rules import Adjustment, Rules, current_adjustments

LEVELS = ["promotion", "prevention", "treatment"]
THRIVE = ["thriving", "getting-help"]
LEVEL_NAMES = {"promotion": "Promotion", "prevention": "Prevention", "treatment": "Treatment"}
THRIVE_NAMES = {"thriving": "Thriving", "getting-help": "Getting Help"}

# Plain rules: promotion and prevention expect Thriving only, treatment expects Getting Help;
# promotion is thin below 3, prevention below 2, treatment never.
RULES = Rules(
    version="test",
    axes=[
        {
            "rows": "continuum-level",
            "cols": "thrive",
            "ranked": True,
            "default_expected": "all",
            "source": "tests",
            "confidence": "tests",
            "cells": [
                {"row": "promotion", "expected": ["thriving"]},
                {"row": "prevention", "expected": ["thriving"]},
                {"row": "treatment", "expected": ["getting-help"]},
            ],
        }
    ],
    thresholds={"promotion": 3, "prevention": 2, "treatment": 1},
)


def matrix(tags, rules=RULES, rows="continuum-level", cols="thrive"):
    return coverage_matrix(
        tags,
        row_taxonomy=rows,
        col_taxonomy=cols,
        row_terms=LEVELS if rows == "continuum-level" else THRIVE,
        col_terms=THRIVE if cols == "thrive" else LEVELS,
        rules=rules,
    )


def cell(frame, row, col):
    return frame[(frame["row"] == row) & (frame["col"] == col)].iloc[0]


def serve(*cells):
    """Tags for one service per (level, grouping) given."""
    tags = []
    for i, (level, grouping) in enumerate(cells):
        tags += [(i, "continuum-level", level, 10), (i, "thrive", grouping, 10)]
    return tags


def test_it_counts_services_and_capacity_per_cell():
    tags = [
        (1, "continuum-level", "promotion", 100),
        (1, "thrive", "thriving", 100),
        (2, "continuum-level", "promotion", 50),
        (2, "thrive", "thriving", 50),
        (3, "continuum-level", "treatment", None),
        (3, "thrive", "getting-help", None),
    ]
    frame = matrix(tags)
    assert cell(frame, "promotion", "thriving")["services"] == 2
    assert cell(frame, "promotion", "thriving")["capacity"] == 150
    assert cell(frame, "treatment", "getting-help")["capacity"] == 0


def test_it_lists_every_cell_even_with_no_services():
    frame = matrix([])
    assert len(frame) == len(LEVELS) * len(THRIVE)
    assert set(frame["status"]) == {"gap", "not-expected"}


def test_a_service_with_two_levels_counts_in_both_rows():
    tags = [
        (1, "continuum-level", "promotion", 10),
        (1, "continuum-level", "prevention", 10),
        (1, "thrive", "thriving", 10),
    ]
    frame = matrix(tags)
    assert cell(frame, "promotion", "thriving")["services"] == 1
    assert cell(frame, "prevention", "thriving")["services"] == 1


def test_terms_off_the_axes_are_ignored():
    tags = [
        (1, "continuum-level", "tier-care", 10),
        (1, "thrive", "thriving", 10),
        (1, "nest", "safe", 10),
    ]
    assert matrix(tags)["services"].sum() == 0


def test_an_expected_empty_cell_is_a_gap_and_an_unexpected_one_is_not():
    frame = matrix([])
    assert cell(frame, "treatment", "getting-help")["status"] == "gap"
    assert cell(frame, "treatment", "thriving")["status"] == "not-expected"


def test_an_unexpected_cell_with_services_is_still_not_expected():
    frame = matrix(serve(("treatment", "thriving")))
    assert cell(frame, "treatment", "thriving")["status"] == "not-expected"


def test_thin_is_fewer_services_than_the_levels_threshold():
    tags = serve(
        ("promotion", "thriving"),
        ("promotion", "thriving"),
        ("prevention", "thriving"),
        ("treatment", "getting-help"),
    )
    frame = matrix(tags)
    assert cell(frame, "promotion", "thriving")["status"] == "thin"  # 2, thin below 3
    assert cell(frame, "promotion", "thriving")["thin_below"] == 3
    assert cell(frame, "prevention", "thriving")["status"] == "thin"  # 1, thin below 2
    assert cell(frame, "treatment", "getting-help")["status"] == "covered"  # never thin
    third = [(7, "continuum-level", "promotion", 1), (7, "thrive", "thriving", 1)]
    assert cell(matrix(tags + third), "promotion", "thriving")["status"] == "covered"


def test_the_rules_apply_with_the_axes_swapped():
    frame = matrix([], rows="thrive", cols="continuum-level")
    assert cell(frame, "getting-help", "treatment")["status"] == "gap"
    assert cell(frame, "thriving", "treatment")["status"] == "not-expected"


def test_a_pair_the_rules_do_not_list_expects_every_cell():
    frame = coverage_matrix(
        [],
        row_taxonomy="nest",
        col_taxonomy="age-band",
        row_terms=["safe"],
        col_terms=["pregnancy"],
        rules=RULES,
    )
    assert frame.iloc[0]["status"] == "gap"
    assert frame.iloc[0]["thin_below"] == RULES.default_thin_below


def test_a_local_adjustment_decides_the_cell_and_says_why():
    rules = replace(
        RULES,
        cells={
            ("continuum-level", "thrive", "treatment", "getting-help"): Adjustment(
                "The regional unit covers it", expected=False
            ),
            ("continuum-level", "thrive", "promotion", "getting-help"): Adjustment(
                "Our hubs run help groups", expected=True
            ),
        },
    )
    frame = matrix([], rules)
    assert cell(frame, "treatment", "getting-help")["status"] == "not-expected"
    assert cell(frame, "treatment", "getting-help")["local"] == "The regional unit covers it"
    assert cell(frame, "promotion", "getting-help")["status"] == "gap"
    assert cell(frame, "promotion", "thriving")["local"] == ""


def test_a_local_threshold_makes_a_cell_thin_and_says_why():
    rules = replace(RULES, levels={"treatment": Adjustment("Large area", thin_below=2)})
    frame = matrix(serve(("treatment", "getting-help")), rules)
    found = cell(frame, "treatment", "getting-help")
    assert (found["status"], found["thin_below"], found["local"]) == ("thin", 2, "Large area")


def test_a_local_threshold_applies_on_a_pair_with_its_own_threshold_too():
    # Risk factors × levels carry their own threshold in the library; a lead's threshold for
    # the level still decides there, as the gap rules page says it is in force.
    rules = replace(RULES, levels={"prevention": Adjustment("Large area", thin_below=3)})
    own = rules.threshold("risk-factor", "continuum-level", "prematurity", "prevention")
    assert (own.thin_below, own.local.reason) == (3, "Large area")
    library = RULES.threshold("risk-factor", "continuum-level", "prematurity", "prevention")
    assert library.thin_below != 3 and library.local is None


def test_the_newest_adjustment_wins_and_a_withdrawn_one_hands_back_to_the_library():
    def entry(expected, withdrawn=False, reason="r"):
        return {
            "rows": "continuum-level",
            "cols": "thrive",
            "row": "treatment",
            "col": "thriving",
            "level": "",
            "expected": expected,
            "thin_below": None,
            "withdrawn": withdrawn,
            "reason": reason,
            "by": "Lead",
            "at": None,
        }

    cells, levels = current_adjustments([entry(True), entry(False, reason="second")])
    assert cells[("continuum-level", "thrive", "treatment", "thriving")].reason == "second"
    cells, _ = current_adjustments([entry(True), entry(None, withdrawn=True)])
    assert cells == {} and levels == {}


def test_gap_sentences_read_naturally_gaps_before_thin_cells():
    sentences = gap_sentences(
        matrix(serve(("prevention", "thriving"))),
        LEVEL_NAMES,
        THRIVE_NAMES,
        axes=("continuum-level", "thrive"),
    )
    assert sentences == [
        "No promotion service for thriving families",
        "No treatment service for families getting help",
        "Only one prevention service for thriving families; 2 or more expected",
    ]


def test_pivot_gives_rows_in_axis_order():
    rows = pivot(matrix([]), LEVELS, THRIVE)
    assert [code for code, _ in rows] == LEVELS
    assert [c["col"] for c in rows[0][1]] == THRIVE


HUB = PathwayService(1, "Family hub", frozenset({"promotion"}))
GROUP = PathwayService(2, "Parenting group", frozenset({"prevention"}))
PIMHS = PathwayService(3, "Perinatal mental health", frozenset({"treatment"}))
UNPLACED = PathwayService(4, "Imported thing")


def test_care_services_without_a_step_down_route_are_gaps():
    gaps = pathway_gaps([HUB, PIMHS], [Route(1, 3, "step-up")])
    assert gaps.care_without_step_down == [PIMHS]
    gaps = pathway_gaps([HUB, PIMHS], [Route(1, 3, "step-up"), Route(3, 1, "step-down")])
    assert gaps.care_without_step_down == []


def test_upstream_services_with_no_route_to_care_are_gaps():
    gaps = pathway_gaps([HUB, GROUP, PIMHS], [Route(1, 3, "refer"), Route(2, 1, "signpost")])
    assert gaps.upstream_without_care_route == [GROUP]


def test_services_nobody_refers_to_are_gaps():
    gaps = pathway_gaps([HUB, GROUP, UNPLACED], [Route(1, 2, "refer")])
    assert gaps.not_referred_to == [HUB, UNPLACED]


def test_routes_are_grouped_by_the_lowest_level_of_where_they_start():
    both = PathwayService(5, "Both", frozenset({"prevention", "treatment"}))
    routes = [Route(5, 1, "step-down"), Route(1, 3, "refer"), Route(4, 1, "signpost")]
    groups = routes_by_level(
        [HUB, PIMHS, UNPLACED, both], routes, ["promotion", "prevention", "treatment"]
    )
    assert [(level, [r.from_id for r in found]) for level, found in groups] == [
        ("promotion", [1]),
        ("prevention", [5]),
        (None, [4]),
    ]
