"""What a published round adds up to, kept beside it so pages across areas read a few rows.

A published round is final: its agreed ratings are set in the workshop before publishing and
its responses were given while it was open, so the figures written when it is published stay
true. `assessments.summaries` writes them in the same transaction that publishes the round.
"""

from django.db import models

from assessments.models.library import Dimension
from assessments.models.rounds import Assessment


class DimensionSummary(models.Model):
    """One dimension of one published round: its agreed levels and its rated responses."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="summaries")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="+")
    # The agreed level of every element of the dimension that has one, in ascending order:
    # medians and means are taken from these, exactly as from the agreed ratings.
    agreed_levels = models.JSONField(default=list)
    rated_responses = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="one_summary_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension} in {self.assessment_id}"
