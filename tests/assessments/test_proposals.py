"""The one-page workshop's proposals, on plain data: median, rounding, spread, carried targets."""

import datetime

import pytest

from assessments.analysis import spread
from assessments.proposals import CarriedTarget, propose, proposed_level

TODAY = datetime.date(2027, 6, 1)
ONE_TO_FIVE = [1, 2, 3, 4, 5]


def spread_of(*values, sectors=None, not_applicable=0, dont_know=0):
    """The row of `analysis.spread` for one element rated `values`, as the page reads it."""
    sectors = sectors or ["Local authority"] * len(values)
    rows = [{"element": "e", "sector": s, "value": v} for v, s in zip(values, sectors, strict=True)]
    rows += [{"element": "e", "sector": "Other", "value": None, "not_applicable": True}] * (
        not_applicable
    )
    rows += [{"element": "e", "sector": "Other", "value": None, "dont_know": True}] * dont_know
    return spread(rows, elements=["e"]).loc["e"]


@pytest.mark.parametrize(
    "values,level",
    [
        ((3,), 3),
        ((2, 3, 4), 3),
        ((1, 1, 5), 1),
        ((2, 3), 2),  # median 2.5: the lower level
        ((2, 2, 3, 3), 2),
        ((1, 4), 2),  # median 2.5 again, though nobody said 2
        ((4, 5, 5, 5), 5),
    ],
)
def test_the_proposal_is_the_median_rounded_half_down(values, level):
    assert propose(spread_of(*values), ONE_TO_FIVE, today=TODAY).level == level


def test_a_median_between_two_levels_says_so_in_the_rationale():
    proposal = propose(spread_of(2, 3), ONE_TO_FIVE, today=TODAY)
    assert proposal.between_levels
    assert proposal.rationale == (
        "Median of 2 ratings: 2.5 (2 to 3). Between two levels, so the lower, 2."
    )
    whole = propose(spread_of(3, 3, 3), ONE_TO_FIVE, today=TODAY)
    assert not whole.between_levels
    assert whole.rationale == "Median of 3 ratings: 3 (all at 3)."


def test_the_median_rounds_down_to_a_level_the_scale_has():
    assert proposed_level(2.5, [0, 2, 4]) == 2
    assert proposed_level(3.5, [0, 2, 4]) == 2
    assert proposed_level(0.5, [1, 2, 3]) == 1  # below the scale: its lowest level


def test_nobody_rated_on_the_scale_proposes_nothing():
    proposal = propose(spread_of(not_applicable=2, dont_know=1), ONE_TO_FIVE, today=TODAY)
    assert (proposal.level, proposal.median, proposal.raters) == (None, None, 0)
    assert (proposal.not_applicable, proposal.dont_know) == (2, 1)
    assert proposal.rationale == ""


def test_the_spread_and_divergence_come_with_the_proposal():
    proposal = propose(
        spread_of(1, 1, 4, 4, sectors=["Maternity", "Maternity", "Council", "Council"]),
        ONE_TO_FIVE,
        today=TODAY,
    )
    assert (proposal.low, proposal.high, proposal.raters, proposal.median) == (1, 4, 4, 2.5)
    assert proposal.level == 2
    assert proposal.divergent
    assert "ratings span 4 levels (1 to 4)" in proposal.reasons
    calm = propose(spread_of(3, 3, 4), ONE_TO_FIVE, today=TODAY)
    assert not calm.divergent and calm.reasons == ()


def test_the_last_rounds_target_carries_forward():
    carried = CarriedTarget(4, datetime.date(2028, 3, 31))
    proposal = propose(spread_of(2, 3, 3), ONE_TO_FIVE, carried, today=TODAY)
    assert (proposal.level, proposal.target, proposal.target_date) == (
        3,
        4,
        datetime.date(2028, 3, 31),
    )


def test_a_target_at_the_proposed_level_still_carries():
    proposal = propose(spread_of(4, 4), ONE_TO_FIVE, CarriedTarget(4), today=TODAY)
    assert (proposal.target, proposal.target_date) == (4, None)


def test_a_reached_target_is_not_carried():
    proposal = propose(spread_of(4, 5, 5), ONE_TO_FIVE, CarriedTarget(3), today=TODAY)
    assert proposal.target is None


def test_a_passed_target_date_is_not_carried():
    carried = CarriedTarget(4, TODAY - datetime.timedelta(days=1))
    proposal = propose(spread_of(2), ONE_TO_FIVE, carried, today=TODAY)
    assert (proposal.target, proposal.target_date) == (4, None)
    on_the_day = propose(spread_of(2), ONE_TO_FIVE, CarriedTarget(4, TODAY), today=TODAY)
    assert on_the_day.target_date == TODAY


def test_a_target_off_this_scale_is_not_carried():
    proposal = propose(spread_of(1), [0, 1, 2, 3], CarriedTarget(5), today=TODAY)
    assert proposal.target is None


def test_a_target_carries_to_an_element_nobody_rated():
    proposal = propose(spread_of(dont_know=1), ONE_TO_FIVE, CarriedTarget(3), today=TODAY)
    assert (proposal.level, proposal.target) == (None, 3)
