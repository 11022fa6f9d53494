"""Expected need against capacity, worked out on plain data."""

import json

import pytest

from dashboards import analysis, need
from dashboards.need import ServiceAtLevel as S
from dashboards.prevalence import LIBRARY, continuum_levels, library, problems_in

LEVELS = {
    "promotion": "Promotion",
    "prevention": "Prevention",
    "early-intervention": "Early intervention",
    "treatment": "Treatment or therapeutic support",
    "continuing-care": "Continuing care",
}


def rows(births, services):
    return {r.code: r for r in need.need_by_level(LEVELS, births, library(), services)}


def test_the_shipped_library_is_sound_and_credited():
    data = json.loads(LIBRARY.read_text())
    assert problems_in(data, continuum_levels()) == []
    assert "Joint Commissioning Panel for Mental Health (2012)" in library().source
    assert "assumption" in library().level_assumption
    assert "under five" in library().under_fives


def test_expected_families_are_births_times_the_levels_rate():
    found = rows(3000, [])
    # Severe depression 30, PTSD 30 and postpartum psychosis 2 per 1,000 births.
    assert found["treatment"].expected == pytest.approx(186)
    assert found["continuing-care"].expected == pytest.approx(6)
    assert found["early-intervention"].expected == pytest.approx(300)
    assert found["prevention"].expected == pytest.approx(450)
    assert found["promotion"].expected == pytest.approx(3000)


def test_capacity_sums_active_services_and_names_those_without_one():
    found = rows(
        3000,
        [
            S("Perinatal team", "treatment", 100, 6),
            S("Parent-infant team", "treatment", 40, 10),
            S("Talking therapy", "treatment", None, 18),
            S("Health visiting", "prevention", 2000, None),
        ],
    )
    treatment = found["treatment"]
    assert (treatment.capacity, treatment.services) == (140, 3)
    assert treatment.without_capacity == ["Talking therapy"]
    assert treatment.waiting_weeks == 10
    assert treatment.ratio == pytest.approx(140 / 186)
    assert treatment.status == need.SHORTFALL
    assert found["prevention"].status == need.ENOUGH
    assert found["prevention"].waiting_weeks is None


def test_the_sentence_for_a_shortfall():
    row = rows(15000, [S("Perinatal team", "treatment", 320, 8)])["treatment"]
    assert need.sentence(row) == (
        "Treatment or therapeutic support services can see about 320 families a year; "
        "about 930 are expected to need them."
    )


def test_the_sentence_for_enough_capacity_says_what_is_missing():
    row = rows(
        3000, [S("Hub groups", "prevention", 900, 0), S("Peer support", "prevention", None, 2)]
    )["prevention"]
    assert need.sentence(row) == (
        "Prevention services can see about 900 families a year (1 service records no "
        "capacity), enough for the roughly 450 expected to need them."
    )


def test_no_births_means_need_is_unknown_not_zero():
    row = rows(None, [S("Perinatal team", "treatment", 320, 8)])["treatment"]
    assert row.expected is None and row.ratio is None and row.status == need.UNKNOWN
    assert need.sentence(row) == (
        "Treatment or therapeutic support: births are not loaded, so need cannot be estimated."
    )
    assert need.gaps([row]) == []


def test_services_without_any_capacity_are_unknown_not_zero():
    row = rows(3000, [S("Perinatal team", "treatment", None, 8)])["treatment"]
    assert row.status == need.UNKNOWN and row.ratio is None
    assert "no capacity recorded for any of the 1" in need.sentence(row)
    assert need.table([row])[1][0][2] == "Not recorded"


def test_gaps_rank_the_biggest_shortfall_first():
    found = list(
        rows(3000, [S("A", "treatment", 100, 1), S("B", "early-intervention", 290, 1)]).values()
    )
    ranked = need.gaps(found)
    assert [round(size) for size, _, _ in ranked][:2] == [3000, 450]
    assert ranked[0][2].startswith("No active promotion service")
    assert all("enough" not in text for _, _, text in ranked)


def test_need_gaps_join_the_ranked_list_weighed_by_the_share_of_need_unmet():
    found = list(
        rows(3000, [S("A", "treatment", 100, 1), S("B", "early-intervention", 290, 1)]).values()
    )
    gaps = analysis.need_gaps(need.gaps(found))
    promotion = next(gap for gap in gaps if gap.text.startswith("No active promotion"))
    treatment = next(gap for gap in gaps if gap.text.startswith("Treatment"))
    # No promotion service at all weighs as a missing service; a level seeing a fraction of
    # the families expected weighs less, by the share it leaves unmet.
    assert promotion.weight == analysis.GAP_WEIGHT
    assert 0 < treatment.weight < analysis.GAP_WEIGHT
    assert all(gap.kind == analysis.NEED and 0 < gap.weight <= 3 for gap in gaps)
    missing_service = analysis.Gap(analysis.GAP, "No treatment service", 0, analysis.GAP_WEIGHT)
    below = analysis.Gap("below-target", "Plan: level 1, two short of target", 2, 2 + 1)
    order = analysis.ranked([below, *gaps, missing_service])
    # A missing service and a level with no capacity tie on weight: the missing service first,
    # then the biggest shortfall.
    assert order[0] is missing_service and order[1] is promotion


def test_about_rounds_as_a_board_reads():
    assert [need.about(n) for n in (6.4, 186, 3120, 12345)] == ["6", "190", "3,100", "12,300"]


def test_a_broken_library_file_is_reported_line_by_line():
    data = json.loads(LIBRARY.read_text())
    data["conditions"][1]["level"] = "tier-care"
    data["conditions"][2]["rate"] = 500
    data["source"] = " "
    problems = problems_in(data, continuum_levels())
    assert "$.source: enter the source" in problems
    assert any(
        p.startswith("$.conditions[1].level: “tier-care” is not a continuum level")
        for p in problems
    )
    assert "$.conditions[2].rate: 500 must lie between low 100 and high 150" in problems
