"""What a round plans: the barriers to an element and the actions against it.

An action carries a `version`, like the rows in `ratings`. Unlike ratings, actions stay open to
change after the round is published: the plan is followed up, not frozen.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from assessments.models.library import Element
from assessments.models.rounds import Assessment
from partnership.models import Organisation


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
    NOT_STARTED = "not-started", gettext_lazy("Not started")
    IN_PROGRESS = "in-progress", gettext_lazy("In progress")
    DONE = "done", gettext_lazy("Done")
    DROPPED = "dropped", gettext_lazy("Dropped")


PROGRESS_NOTE_LIMIT = 2_000
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
        help_text=gettext_lazy("The round the action was raised in."),
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
    # The latest word on progress; earlier notes stay in the round's history.
    progress_note = models.TextField(blank=True, max_length=PROGRESS_NOTE_LIMIT)
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
