"""Coverage matrix and pathway gaps on plain data: no database, no request."""

from continuum.analysis import (
    PathwayService,
    Route,
    coverage_matrix,
    gap_sentences,
    pathway_gaps,
    pivot,
    routes_by_level,
)

LEVELS = ["promotion", "prevention", "treatment"]
THRIVE = ["thriving", "getting-help"]


def matrix(tags, thin=1):
    return coverage_matrix(
        tags,
        row_taxonomy="continuum-level",
        col_taxonomy="thrive",
        row_terms=LEVELS,
        col_terms=THRIVE,
        thin=thin,
    )


def cell(frame, row, col):
    return frame[(frame["row"] == row) & (frame["col"] == col)].iloc[0]


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
    assert set(frame["gap"]) == {"empty"}


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


def test_it_marks_empty_and_thin_cells_by_threshold():
    tags = [(i, "continuum-level", "promotion", 1) for i in range(3)]
    tags += [(i, "thrive", "thriving", 1) for i in range(3)]
    tags += [(9, "continuum-level", "prevention", 1), (9, "thrive", "thriving", 1)]
    frame = matrix(tags, thin=1)
    assert cell(frame, "promotion", "thriving")["gap"] == ""
    assert cell(frame, "prevention", "thriving")["gap"] == "thin"
    assert cell(frame, "treatment", "thriving")["gap"] == "empty"
    assert cell(matrix(tags, thin=3), "promotion", "thriving")["gap"] == "thin"
    assert cell(matrix(tags, thin=0), "prevention", "thriving")["gap"] == ""


def test_gap_sentences_are_plain_language_with_empty_cells_first():
    tags = [(9, "continuum-level", "prevention", 1), (9, "thrive", "thriving", 1)]
    sentences = gap_sentences(
        matrix(tags),
        {"promotion": "Promotion", "prevention": "Prevention", "treatment": "Treatment"},
        {"thriving": "Thriving", "getting-help": "Getting Help"},
    )
    assert sentences[0] == "Promotion × Thriving: no active service"
    assert sentences[-1] == "Prevention × Thriving: only 1 active service"
    assert len(sentences) == 6


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
