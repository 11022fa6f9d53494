"""What people say in a round: each person's responses and the partnership's agreed ratings.

Every row people edit at the same time carries a `version`; services update it with a
version-checked UPDATE on the row's own primary key, so a stale save is refused, never applied.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models.library import Element, ScaleLevel
from assessments.models.rounds import Assessment
from partnership.models import Organisation, Sector


class EvidenceStrength(models.TextChoices):
    SELF_RATED = "self-rated", gettext_lazy("Self-rated")
    EVIDENCED = "evidenced", gettext_lazy("Evidenced")
    EXTERNALLY_VALIDATED = "externally-validated", gettext_lazy("Externally validated")


EVIDENCE_LIMIT = 10_000
LINKS_LIMIT = 2_000


# Answered: a level, "not applicable" or "don't know". Evidence alone is not a rating.
RATED = models.Q(level__isnull=False) | models.Q(not_applicable=True) | models.Q(dont_know=True)


class ResponseQuerySet(models.QuerySet):
    def rated(self) -> "ResponseQuerySet":
        return self.filter(RATED)


class Response(models.Model):
    """One person's rating of one element in one round. `version` guards against lost updates."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="responses")
    # PROTECT: deleting an account must not silently remove a partnership's evidence.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="responses"
    )
    # Recorded at save time: people move organisations, the round keeps who spoke for whom.
    organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="responses"
    )
    sector = models.CharField(max_length=20, choices=Sector.choices)
    level = models.ForeignKey(
        ScaleLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    not_applicable = models.BooleanField(default=False)
    dont_know = models.BooleanField(default=False)
    evidence = models.TextField(blank=True, max_length=EVIDENCE_LIMIT)
    links = models.TextField(blank=True, max_length=LINKS_LIMIT)
    strength = models.CharField(max_length=20, choices=EvidenceStrength.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(default=timezone.now)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "element", "respondent"], name="one_response_per_person"
            ),
            models.CheckConstraint(
                condition=~(models.Q(not_applicable=True) & models.Q(dont_know=True))
                & ~(
                    models.Q(level__isnull=False)
                    & (models.Q(not_applicable=True) | models.Q(dont_know=True))
                ),
                name="response_one_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element.code}: {self.answer_label()}"

    @property
    def is_rated(self) -> bool:
        return self.level_id is not None or self.not_applicable or self.dont_know

    def answer_label(self) -> str:
        if self.not_applicable:
            return _("Not applicable")
        if self.dont_know:
            return _("Don’t know")
        if self.level_id:
            return str(self.level)
        return _("Not rated")


class AgreedRating(models.Model):
    """The partnership's consensus on one element after the workshop, and where it aims to be."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="agreed_ratings"
    )
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="agreed_ratings")
    level = models.ForeignKey(ScaleLevel, on_delete=models.PROTECT, related_name="+")
    rationale = models.TextField(max_length=EVIDENCE_LIMIT)
    dissent = models.TextField(blank=True, max_length=EVIDENCE_LIMIT)
    target_level = models.ForeignKey(
        ScaleLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_date = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "element"], name="one_agreed_rating")
        ]

    def __str__(self) -> str:
        return f"{self.element.code} agreed at {self.level.value}"
