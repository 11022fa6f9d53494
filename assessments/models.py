from django.conf import settings
from django.db import models
from django.urls import reverse

from assessments import analysis
from continuum.models import Term
from partnership.models import Nation, Partnership


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    RETIRED = "retired", "Retired"


class FrameworkQuerySet(models.QuerySet):
    def active(self) -> "FrameworkQuerySet":
        return self.filter(status=FrameworkStatus.ACTIVE)


class Framework(models.Model):
    """One version of a self-assessment instrument, loaded from `fixtures/frameworks/`."""

    code = models.SlugField(max_length=50)
    version = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    basis = models.CharField("publisher or basis", max_length=300)
    source_url = models.URLField(max_length=500, blank=True)
    summary = models.TextField()
    confidence = models.TextField(blank=True)
    nations = models.JSONField(default=list, help_text="The nations it applies to.")
    status = models.CharField(
        max_length=10, choices=FrameworkStatus.choices, default=FrameworkStatus.ACTIVE
    )
    loaded = models.DateTimeField(auto_now=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["title", "code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="framework_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("library:framework-detail", args=[self.code, self.version])

    def nation_labels(self) -> list[str]:
        labels = dict(Nation.choices)
        return [labels.get(nation, nation) for nation in self.nations]


class Scale(models.Model):
    """The rating scale of one framework version."""

    framework = models.OneToOneField(Framework, on_delete=models.CASCADE, related_name="scale")
    name = models.CharField(max_length=100)
    allows_not_applicable = models.BooleanField(default=False)
    allows_dont_know = models.BooleanField(default=True)
    meets_from = models.SmallIntegerField(
        null=True, blank=True, help_text="The lowest level that counts as meeting the standard."
    )

    def __str__(self) -> str:
        return f"{self.name} ({self.framework})"


class RagBand(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ScaleLevel(models.Model):
    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="levels")
    value = models.SmallIntegerField()
    label = models.CharField(max_length=50)
    meaning = models.TextField()
    rag = models.CharField("RAG band", max_length=5, choices=RagBand.choices, blank=True)

    class Meta:
        ordering = ["scale", "value"]
        constraints = [models.UniqueConstraint(fields=["scale", "value"], name="scale_level_value")]

    def __str__(self) -> str:
        return f"{self.value}: {self.label}"


class Dimension(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="dimensions")
    code = models.SlugField(max_length=50)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="dimension_code")]

    def __str__(self) -> str:
        return self.title


class Element(models.Model):
    """One thing a partnership rates. Codes stay the same across versions, for comparisons."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="elements")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="elements")
    code = models.SlugField(max_length=50)
    title = models.CharField(max_length=200)
    good_practice = models.TextField("what good looks like")
    guidance = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    terms = models.ManyToManyField(Term, blank=True, related_name="elements")

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="element_code")]

    def __str__(self) -> str:
        return self.title


class Descriptor(models.Model):
    """What one element looks like at one level of the scale."""

    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="descriptors")
    level = models.ForeignKey(ScaleLevel, on_delete=models.CASCADE, related_name="descriptors")
    text = models.TextField()

    class Meta:
        ordering = ["element", "level__value"]
        constraints = [
            models.UniqueConstraint(fields=["element", "level"], name="descriptor_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.element.code} at {self.level.value}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    AGREED = "agreed", "Agreed"
    PUBLISHED = "published", "Published"


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
        default=False, help_text="Leads see sectors, never names, beside ratings."
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
        return (
            f"Sectors with fewer than {size} people are shown together as other sectors, so "
            f"that nobody can be identified. Where other sectors are still fewer than {size} "
            "people, their sector is not shown."
        )

    @property
    def in_workshop(self) -> bool:
        """Agreed ratings, barriers and actions change only while the round is closed."""
        return self.status == AssessmentStatus.CLOSED

    def next_statuses(self) -> list[AssessmentStatus]:
        return [AssessmentStatus(s) for s in MOVES[self.status]]


# The rows of a round live in their own module to keep this one readable; importing them here
# registers them with the app.
from assessments.round_models import (  # noqa: E402
    EVIDENCE_LIMIT,
    LINKS_LIMIT,
    OPEN_ACTION_STATUSES,
    Action,
    ActionStatus,
    AgreedRating,
    Barrier,
    Change,
    EvidenceStrength,
    OutOfScope,
    Response,
    StatusChange,
)

__all__ = [
    "EVIDENCE_LIMIT",
    "LINKS_LIMIT",
    "OPEN_ACTION_STATUSES",
    "Action",
    "ActionStatus",
    "AgreedRating",
    "Barrier",
    "Change",
    "EvidenceStrength",
    "OutOfScope",
    "Response",
    "StatusChange",
]
