"""Per-dimension summaries of published rounds (`DimensionSummary`), written where a round is
published and read by the cross-area dashboard.

Only published rounds have summaries, and their figures cannot change after publishing (see
`assessments.models.summaries`); the one other thing that moves them is a framework file that
moves an element to another dimension, and the loader rewrites them then. Every writer calls
`summarise` inside its own transaction, so the summaries and the round agree at every commit.
"""

from collections.abc import Iterable

from django.db.models import Count

from assessments.models import (
    AgreedRating,
    Assessment,
    AssessmentStatus,
    Dimension,
    DimensionSummary,
    Response,
)


def summarise(rounds: Iterable[Assessment | int]) -> int:
    """Rewrites the summaries of `rounds`: published ones get one row per dimension of their
    framework, any other loses its rows. Four queries whatever the number of rounds."""
    ids = [r if isinstance(r, int) else r.pk for r in rounds]
    DimensionSummary.objects.filter(assessment__in=ids).delete()
    published = dict(
        Assessment.objects.filter(pk__in=ids, status=AssessmentStatus.PUBLISHED).values_list(
            "pk", "framework_id"
        )
    )
    if not published:
        return 0
    dimensions: dict[int, list[int]] = {}
    for pk, framework in Dimension.objects.filter(
        framework__in=set(published.values())
    ).values_list("pk", "framework_id"):
        dimensions.setdefault(framework, []).append(pk)
    levels: dict[tuple[int, int], list[int]] = {}
    for assessment, dimension, value in AgreedRating.objects.filter(
        assessment__in=published
    ).values_list("assessment_id", "element__dimension_id", "level__value"):
        levels.setdefault((assessment, dimension), []).append(value)
    rated = {
        (assessment, dimension): n
        for assessment, dimension, n in Response.objects.filter(assessment__in=published)
        .rated()
        .values("assessment_id", "element__dimension_id")
        .annotate(n=Count("id"))
        .values_list("assessment_id", "element__dimension_id", "n")
    }
    rows = [
        DimensionSummary(
            assessment_id=assessment,
            dimension_id=dimension,
            agreed_levels=sorted(levels.get((assessment, dimension), [])),
            rated_responses=rated.get((assessment, dimension), 0),
        )
        for assessment, framework in published.items()
        for dimension in dimensions.get(framework, [])
    ]
    DimensionSummary.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
