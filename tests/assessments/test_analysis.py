"""The spread of ratings and the divergence flags, on plain rows: no database."""

from assessments.analysis import spread


def rows(element, *pairs):
    return [{"element": element, "sector": sector, "value": value} for sector, value in pairs]


def test_it_counts_each_level_and_gives_median_and_range():
    table = spread(rows("a", ("NHS", 2), ("NHS", 3), ("Council", 3), ("Council", 3)))
    a = table.loc["a"]
    assert a["counts"] == {2: 1, 3: 3}
    assert a["median"] == 3.0
    assert (a["low"], a["high"]) == (2, 3)
    assert a["rated"] == 4
    assert not a["divergent"]


def test_it_flags_ratings_spanning_three_levels():
    table = spread(rows("a", ("NHS", 2), ("NHS", 3), ("NHS", 4)))
    assert table.loc["a"]["divergent"]
    assert table.loc["a"]["reasons"] == ["ratings span 3 levels (2 to 4)"]


def test_two_adjacent_levels_are_not_divergent():
    assert not spread(rows("a", ("NHS", 2), ("Council", 3))).loc["a"]["divergent"]


def test_it_flags_sector_medians_two_levels_apart():
    table = spread(rows("a", ("NHS", 1), ("NHS", 1), ("Council", 3), ("Council", 3)))
    a = table.loc["a"]
    assert a["sector_medians"] == {"NHS": 1.0, "Council": 3.0}
    assert a["divergent"]
    assert any("sector medians 1 (NHS) and 3 (Council) are 2 apart" in r for r in a["reasons"])


def test_a_sector_gap_below_two_is_not_flagged_by_medians():
    table = spread(rows("a", ("NHS", 2), ("NHS", 3), ("Council", 3), ("Council", 4)))
    assert table.loc["a"]["sector_medians"] == {"NHS": 2.5, "Council": 3.5}
    assert all("sector medians" not in r for r in table.loc["a"]["reasons"])


def test_not_applicable_and_dont_know_are_counted_apart_from_levels():
    data = rows("a", ("NHS", 4)) + [
        {"element": "a", "sector": "NHS", "value": None, "not_applicable": True},
        {"element": "a", "sector": "Council", "value": None, "dont_know": True},
    ]
    a = spread(data).loc["a"]
    assert (a["rated"], a["not_applicable"], a["dont_know"]) == (1, 1, 1)
    assert a["median"] == 4.0


def test_elements_without_ratings_are_listed_in_order():
    table = spread(rows("b", ("NHS", 2)), elements=["a", "b"])
    assert list(table.index) == ["a", "b"]
    assert table.loc["a"]["rated"] == 0
    assert table.loc["a"]["median"] is None
    assert table.loc["a"]["counts"] == {}
    assert not table.loc["a"]["divergent"]


def test_no_rows_at_all_gives_an_empty_table():
    assert spread([]).empty
