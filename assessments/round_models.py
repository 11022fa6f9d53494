"""The rows a round gathers: scope, status moves, responses, agreed ratings, actions, history.

Every row people edit at the same time carries a `version`; services update it with a
version-checked UPDATE on the row's own primary key, so a stale save is refused, never applied.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus, Element, ScaleLevel
from partnership.models import Organisation, Sector


class OutOfScope(models.Model):
    """An element this round leaves out, and why ("commissioned regionally")."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="out_of_scope"
    )
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "element"], name="out_of_scope_once")
        ]

    def __str__(self) -> str:
        return f"{self.element.code} out of scope"


class StatusChange(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=10, choices=AssessmentStatus.choices)
    to_status = models.CharField(max_length=10, choices=AssessmentStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} to {self.to_status}"


class EvidenceStrength(models.TextChoices):
    SELF_RATED = "self-rated", "Self-rated"
    EVIDENCED = "evidenced", "Evidenced"
    EXTERNALLY_VALIDATED = "externally-validated", "Externally validated"


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
            return "Not applicable"
        if self.dont_know:
            return "Don\u2019t know"
        if self.level_id:
            return str(self.level)
        return "Not rated"


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


class Barrier(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="barriers")
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="barriers")
    text = models.TextField(max_length=2_000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not-started", "Not started"
    IN_PROGRESS = "in-progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


OPEN_ACTION_STATUSES = [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS]


class ActionQuerySet(models.QuerySet):
    def for_round(self, assessment: Assessment) -> "ActionQuerySet":
        """The round's own actions, and the open actions of earlier rounds of the same framework.

        Actions carry across by framework code, not version, so a new version of a framework
        keeps the action plan; the element is matched by code on the page.
        """
        earlier_open = models.Q(
            assessment__framework__code=assessment.framework.code,
            assessment__created__lt=assessment.created,
            status__in=OPEN_ACTION_STATUSES,
        )
        # The partnership filter holds for both sides of the OR; outside it, it lets the
        # database start from the partnership's rounds (an index) instead of every action.
        return self.filter(assessment__partnership=assessment.partnership_id).filter(
            models.Q(assessment=assessment) | earlier_open
        )


class Action(models.Model):
    """A priority action against an element, owned by one partner organisation."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="actions",
        help_text="The round the action was raised in.",
    )
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(max_length=300)
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="actions"
    )
    owner_name = models.CharField(max_length=150)
    due_date = models.DateField()
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    version = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(default=timezone.now)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES


class Change(models.Model):
    """One field of a response, agreed rating or action changing: the history leads read."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="changes")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=20)  # "response", "agreed rating", "action"
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=50)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_sector = models.CharField(max_length=20, choices=Sector.choices, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["assessment", "element"])]

    def __str__(self) -> str:
        return f"{self.subject} {self.field}"
