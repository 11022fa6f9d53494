"""A round: its states, who may open it or read its results, its scope and its status moves."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments import analysis
from assessments.models.library import Element, Framework
from partnership.models import Partnership


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    OPEN = "open", gettext_lazy("Open")
    CLOSED = "closed", gettext_lazy("Closed")
    AGREED = "agreed", gettext_lazy("Agreed")
    PUBLISHED = "published", gettext_lazy("Published")


# Rounds whose ratings have been talked through: the workshop has at least closed them. The
# dashboards show these rounds' ratings, and only their responses move a partnership's data
# version (partnership migration 0009).
SETTLED = [AssessmentStatus.CLOSED, AssessmentStatus.AGREED, AssessmentStatus.PUBLISHED]

# The moves a lead may make. Reopening a closed round (late ratings) and going back from
# agreed to closed (a correction before publishing) are allowed; publishing is final.
MOVES: dict[str, list[str]] = {
    AssessmentStatus.DRAFT: [AssessmentStatus.OPEN],
    AssessmentStatus.OPEN: [AssessmentStatus.CLOSED],
    AssessmentStatus.CLOSED: [AssessmentStatus.OPEN, AssessmentStatus.AGREED],
    AssessmentStatus.AGREED: [AssessmentStatus.CLOSED, AssessmentStatus.PUBLISHED],
    AssessmentStatus.PUBLISHED: [],
}


# A published round's results are for everyone who reads the partnership, commissioners with
# oversight comparing areas included.
PUBLIC = frozenset({AssessmentStatus.PUBLISHED})


def round_statuses(access) -> frozenset[str]:
    """The states of a round in which a person may open it at all.

    Leads see every round, contributors all but drafts (they rate and keep the action plan),
    everyone else (viewers, commissioners with oversight, admins) only published rounds.
    """
    if access.is_lead:
        return frozenset(AssessmentStatus.values)
    if access.can_contribute:
        return frozenset(AssessmentStatus.values) - {AssessmentStatus.DRAFT}
    return PUBLIC


def results_statuses(access) -> frozenset[str]:
    """The states in which a person may read a round's results: agreed levels, targets, spread.

    Leads read them at every stage; for everyone else they exist once the lead publishes.
    Every page and download that shows results asks this, the dashboards included.
    """
    if access.is_lead:
        return frozenset(AssessmentStatus.values)
    return PUBLIC


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, access) -> "AssessmentQuerySet":
        """The partnership's rounds this person may open (see `round_statuses`)."""
        return self.filter(partnership=access.partnership, status__in=round_statuses(access))

    def results_visible_to(self, access) -> "AssessmentQuerySet":
        """The partnership's rounds whose results this person may read (`results_statuses`)."""
        return self.filter(partnership=access.partnership, status__in=results_statuses(access))

    def published(self) -> "AssessmentQuerySet":
        """Rounds whose results anyone who reads a partnership may see, across areas too."""
        return self.filter(status__in=PUBLIC)

    def same_framework_as(self, assessment: "Assessment") -> "AssessmentQuerySet":
        return self.filter(
            partnership=assessment.partnership_id, framework__code=assessment.framework.code
        ).exclude(pk=assessment.pk)


class Assessment(models.Model):
    """One round of one framework version in one partnership ("Baseline, spring 2027")."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="assessments"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    name = models.CharField(max_length=200)
    status = models.CharField(
        max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    created = models.DateTimeField(auto_now_add=True)
    closing_date = models.DateField(null=True, blank=True)
    anonymous = models.BooleanField(
        default=False, help_text=gettext_lazy("Leads see sectors, never names, beside ratings.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.partnership})"

    def get_absolute_url(self) -> str:
        return reverse("assessments:round", args=[self.partnership.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == AssessmentStatus.OPEN

    @property
    def is_published(self) -> bool:
        return self.status == AssessmentStatus.PUBLISHED

    def results_visible_to(self, access) -> bool:
        return self.status in results_statuses(access)

    def breakdown(self, rows, *, within: str | None = None) -> list[dict]:
        """Rows (`sector`, `respondent`, ...) ready to break down by sector.

        In an anonymous round, sectors with too few people are pooled or hidden
        (`analysis.pool_small_sectors`); a named round's rows come back as they are.
        """
        if not self.anonymous:
            return [dict(row) for row in rows]
        size = settings.ANONYMOUS_MIN_GROUP_SIZE
        return analysis.pool_small_sectors(rows, size, within=within)

    @property
    def anonymity_note(self) -> str:
        """What a breakdown of an anonymous round's ratings leaves out, in plain words."""
        if not self.anonymous:
            return ""
        size = settings.ANONYMOUS_MIN_GROUP_SIZE
        return _(
            "Sectors with fewer than %(size)s people are shown together as other sectors, so "
            "that nobody can be identified. Where other sectors are still fewer than %(size)s "
            "people, their sector is not shown."
        ) % {"size": size}

    @property
    def in_workshop(self) -> bool:
        """Agreed ratings, barriers and actions change only while the round is closed."""
        return self.status == AssessmentStatus.CLOSED

    def next_statuses(self) -> list[AssessmentStatus]:
        return [AssessmentStatus(s) for s in MOVES[self.status]]


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
