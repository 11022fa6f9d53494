"""The spread of ratings and the divergence flags, on plain rows: no database."""

from assessments.analysis import OTHER_SECTORS, pool_small_sectors, spread


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


def test_small_sectors_are_pooled_and_a_pool_still_too_small_is_hidden():
    people = [("Health visiting", 1), ("Health visiting", 2), ("Health visiting", 3)]
    people += [("Maternity", 4), ("Primary care", 5)]
    rows_in = [{"sector": sector, "respondent": who, "value": who} for sector, who in people]
    assert [row["sector"] for row in pool_small_sectors(rows_in, 3)] == [
        "Health visiting",
        "Health visiting",
        "Health visiting",
        None,
        None,
    ]
    more = [*rows_in, {"sector": "Voluntary", "respondent": 6, "value": 6}]
    pooled = pool_small_sectors(more, 3)
    assert [row["sector"] for row in pooled][3:] == [OTHER_SECTORS] * 3
    assert all("respondent" not in row for row in pooled)
    assert [row["value"] for row in pooled] == [1, 2, 3, 4, 5, 6]


def test_people_are_counted_within_each_element_when_asked():
    rows_in = [{"element": "a", "sector": "Maternity", "respondent": who} for who in (1, 2, 3)] + [
        {"element": "b", "sector": "Maternity", "respondent": 1}
    ]
    pooled = pool_small_sectors(rows_in, 3, within="element")
    assert [row["sector"] for row in pooled] == ["Maternity"] * 3 + [None]


def test_a_rating_with_no_sector_counts_in_the_median_but_not_by_sector():
    table = spread(
        [
            {"element": "a", "sector": "Maternity", "value": 1},
            {"element": "a", "sector": None, "value": 5},
        ]
    )
    assert table.loc["a", "median"] == 3
    assert table.loc["a", "sector_medians"] == {"Maternity": 1.0}
