"""What a page draws of a settled round, kept under the partnership's data version.

Every row a closed, agreed or published round's pages read moves the partnership's counter
(migration 0009): its responses, agreed ratings, scope, barriers and actions, and the round
itself. So what a page drew of such a round is exact for as long as the counter stands still,
and the first request after any change draws afresh. An open round's ratings move no counter,
so what a page draws of a draft or open round is never kept.
"""

from collections.abc import Callable
from typing import TypeVar

from assessments.models import SETTLED, Assessment
from partnership.versions import key, remembered, stamp_as_read

Drawn = TypeVar("Drawn")


def settled(
    cache: str, kind: str, assessment: Assessment, draw: Callable[[], Drawn], *parts: object
) -> Drawn:
    """What `draw` gives for `assessment`, from `cache` when the round is settled and drawn
    before at its data version (read with the round: `find_round(versioned=True)`), with
    whatever else the drawing depends on in `parts`."""
    if assessment.status not in SETTLED:
        return draw()
    drawn_from = stamp_as_read(
        assessment.library_version, {assessment.partnership_id: assessment.data_version}
    )
    return remembered(cache, key(kind, drawn_from, assessment.pk, *parts), draw)
