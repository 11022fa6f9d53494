"""What the one-page workshop proposes for each element before the partnership agrees it.

The level proposed is the median of the contributors' ratings. A median that falls between two
levels (an even number of ratings, say 2 and 3) proposes the lower one, so a proposal never
claims more than the ratings show. The target proposed is the one the
partnership set for the element in its last published round of the framework, while it is
still above the level proposed.

Plain values in, proposals out: no ORM and no request, so the rules are tested on plain data.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

ROUNDING_NOTE = gettext_lazy(
    "Where the median falls between two levels (an even number of ratings, split), the lower "
    "level is proposed, so a proposal never claims more than the ratings show."
)


@dataclass(frozen=True)
class CarriedTarget:
    """A target agreed for an element in an earlier round: a level, and perhaps a date."""

    level: int
    date: datetime.date | None = None


@dataclass(frozen=True)
class Proposal:
    """One element's proposal, with the spread of ratings it comes from."""

    level: int | None
    median: float | None
    low: int | None
    high: int | None
    raters: int
    not_applicable: int
    dont_know: int
    divergent: bool
    reasons: tuple[str, ...]
    target: int | None = None
    target_date: datetime.date | None = None

    @property
    def between_levels(self) -> bool:
        return self.median is not None and self.median != int(self.median)

    @property
    def rationale(self) -> str:
        """A first rationale for the lead to keep or rewrite: where the proposal comes from."""
        if self.level is None:
            return ""
        values = {
            "count": self.raters,
            "median": f"{self.median:g}",
            "low": self.low,
            "high": self.high,
        }
        if self.low == self.high:
            text = ngettext(
                "Median of %(count)s rating: %(median)s (all at %(low)s).",
                "Median of %(count)s ratings: %(median)s (all at %(low)s).",
                self.raters,
            )
        else:
            text = ngettext(
                "Median of %(count)s rating: %(median)s (%(low)s to %(high)s).",
                "Median of %(count)s ratings: %(median)s (%(low)s to %(high)s).",
                self.raters,
            )
        text = text % values
        if self.between_levels:
            text += " " + _("Between two levels, so the lower, %(level)s.") % {"level": self.level}
        return text


def proposed_level(median: float | None, levels: Sequence[int]) -> int | None:
    """The highest level of the scale at or below the median: a median between two levels
    rounds down. None when nobody gave a level."""
    if median is None or not levels:
        return None
    at_or_below = [value for value in levels if value <= median]
    return max(at_or_below) if at_or_below else min(levels)


def propose(
    spread: Mapping,
    levels: Sequence[int],
    carried: CarriedTarget | None = None,
    *,
    today: datetime.date,
) -> Proposal:
    """The proposal for one element.

    `spread` is the element's row of `analysis.spread` (`rated`, `median`, `low`, `high`,
    `not_applicable`, `dont_know`, `divergent`, `reasons`); `levels` the values of the
    round's scale; `carried` the target of the last published round. A carried target is
    dropped when it is not on this scale or is below the level proposed (it has been reached),
    and its date when it has passed.
    """
    median = spread["median"]
    level = proposed_level(median, levels)
    target = target_date = None
    reached = carried is not None and level is not None and carried.level < level
    if carried is not None and carried.level in levels and not reached:
        target = carried.level
        if carried.date is not None and carried.date >= today:
            target_date = carried.date
    return Proposal(
        level=level,
        median=float(median) if median is not None else None,
        low=spread["low"],
        high=spread["high"],
        raters=int(spread["rated"]),
        not_applicable=int(spread["not_applicable"]),
        dont_know=int(spread["dont_know"]),
        divergent=bool(spread["divergent"]),
        reasons=tuple(spread["reasons"]),
        target=target,
        target_date=target_date,
    )
