"""What families say: the library of statements, surveys, their answers and comments.

Answers and comments are stored apart, with no link between them, so that a comment can never
be read beside the answers (relationship, age band, locality) of the person who wrote it. Both
carry the day they arrived, never the time.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Action, Assessment
from partnership.bilingual import (
    BilingualCharField,
    BilingualModel,
    BilingualTextField,
    welsh_status_field,
)
from partnership.models import Partnership


class StatementSet(BilingualModel):
    """One version of the library's statements (`fixtures/statements/*.json`)."""

    code = models.SlugField(max_length=60)
    version = models.CharField(max_length=20)
    title = BilingualCharField(max_length=200)
    title_cy = models.CharField(max_length=300, blank=True)
    summary = BilingualTextField(blank=True)
    summary_cy = models.TextField(blank=True)
    source = models.TextField()
    confidence = BilingualTextField()
    confidence_cy = models.TextField(blank=True)
    welsh_status = welsh_status_field()
    loaded = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_statement_set")
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.version}"


class Statement(BilingualModel):
    """A sentence a family agrees or disagrees with, tied to framework elements.

    `finding` is the statement as a clause about families ("they knew where to go for help"),
    for sentences such as "38% of 64 families agreed that they knew where to go for help".
    `elements` are "framework code/element code" keys; element codes hold across versions.
    """

    statement_set = models.ForeignKey(
        StatementSet, on_delete=models.CASCADE, related_name="statements"
    )
    code = models.SlugField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)
    text = BilingualCharField(max_length=200)
    text_cy = models.CharField(max_length=300, blank=True)
    easy_read = BilingualCharField(max_length=200)
    easy_read_cy = models.CharField(max_length=300, blank=True)
    finding = BilingualCharField(max_length=200)
    finding_cy = models.CharField(max_length=300, blank=True)
    elements = models.JSONField(default=list, blank=True)
    nest_themes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["statement_set", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["statement_set", "code"], name="unique_statement")
        ]

    def __str__(self) -> str:
        return self.text


class Agreement(models.IntegerChoices):
    DOES_NOT_APPLY = 0, _("Does not apply to me")
    STRONGLY_DISAGREE = 1, _("Strongly disagree")
    DISAGREE = 2, _("Disagree")
    NEITHER = 3, _("Neither agree nor disagree")
    AGREE = 4, _("Agree")
    STRONGLY_AGREE = 5, _("Strongly agree")


EASY_READ_AGREEMENT = {
    0: _("This did not happen to me"),
    1: _("No, not at all"),
    2: _("No"),
    3: _("Not sure"),
    4: _("Yes"),
    5: _("Yes, a lot"),
}


class Relationship(models.TextChoices):
    MOTHER = "mother", _("Mother or birthing parent")
    FATHER = "father", _("Father or partner")
    FAMILY = "family", _("Another family member")
    CARER = "carer", _("Foster carer, kinship carer or guardian")
    OTHER = "other", _("Something else")


class AgeBand(models.TextChoices):
    PREGNANCY = "pregnancy", _("Expecting a baby")
    INFANT = "0-12-months", _("0 to 12 months")
    TODDLER = "1-2-years", _("1 to 2 years")
    YOUNG_CHILD = "2-5-years", _("2 to 5 years")


def new_token() -> str:
    return secrets.token_urlsafe(9)


SURVEY_STATES = {"open": _("Open"), "closed": _("Closed"), "not open yet": _("Not open yet")}


class SurveyQuerySet(models.QuerySet):
    def for_partnership(self, partnership: Partnership) -> "SurveyQuerySet":
        return self.filter(partnership=partnership)


class Survey(models.Model):
    """A survey a lead opens for a round, or standing for a year, reached by a public link."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="surveys")
    statement_set = models.ForeignKey(
        StatementSet, on_delete=models.PROTECT, related_name="surveys"
    )
    assessment = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
        help_text=_("The round the survey informs; leave empty for a survey standing all year."),
    )
    title = models.CharField(max_length=200)
    token = models.CharField(max_length=20, unique=True, default=new_token)
    opens = models.DateField()
    closes = models.DateField()
    closed_early = models.DateTimeField(null=True, blank=True)
    cap = models.PositiveIntegerField(default=500)
    localities = models.TextField(
        blank=True, help_text=_("Localities families may choose from, one a line.")
    )
    public_summary = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("voice:survey", args=[self.partnership.slug, self.pk])

    def public_path(self) -> str:
        return reverse("have-your-say:survey", args=[self.token])

    @property
    def is_open(self) -> bool:
        today = timezone.localdate()
        return self.closed_early is None and self.opens <= today <= self.closes

    @property
    def state(self) -> str:
        if self.closed_early is not None or timezone.localdate() > self.closes:
            return "closed"
        return "open" if self.is_open else "not open yet"

    @property
    def state_label(self) -> str:
        """The state as a person reads it, in their language."""
        return str(SURVEY_STATES[self.state])

    def locality_choices(self) -> list[str]:
        return [line.strip() for line in self.localities.splitlines() if line.strip()]


class SurveyResponse(models.Model):
    """One family's answers, without their comment (see the module's note)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    received = models.DateField(default=timezone.localdate)
    on_paper = models.BooleanField(default=False, help_text="Entered by staff from a paper form.")
    relationship = models.CharField(max_length=12, blank=True, choices=Relationship.choices)
    age_band = models.CharField(max_length=12, blank=True, choices=AgeBand.choices)
    locality = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey}"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(choices=Agreement.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "statement"], name="one_answer_each")
        ]

    def __str__(self) -> str:
        return f"{self.statement.code}: {self.value}"


class CommentStatus(models.TextChoices):
    UNREAD = "unread", _("Not read yet")
    SHOWN = "shown", _("Read and shown")
    HIDDEN = "hidden", _("Hidden")


class CommentQuerySet(models.QuerySet):
    def shown(self) -> "CommentQuerySet":
        return self.filter(status=CommentStatus.SHOWN)


class Comment(models.Model):
    """A family's free text. Never linked to their answers; read by a lead before it is shown."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(max_length=1_000)
    received = models.DateField(default=timezone.localdate)
    on_paper = models.BooleanField(default=False)
    status = models.CharField(
        max_length=8, choices=CommentStatus.choices, default=CommentStatus.UNREAD
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["received", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


class Citation(models.Model):
    """You said, we did: an action taken because of a statement's results or a comment."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="citations")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="citations")
    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(statement__isnull=False) ^ models.Q(comment__isnull=False),
                name="cites_a_statement_or_a_comment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} because of {self.statement or self.comment}"


class SubmissionLimit(models.Model):
    """Recent submissions per key (a hashed address, or a link), for the throttle."""

    key = models.CharField(max_length=100, unique=True)
    times = models.JSONField(default=list)
    updated = models.DateTimeField()

    def __str__(self) -> str:
        return self.key
