"""The framework library: frameworks, their scales and levels, dimensions, elements, descriptors.

Loaded from `fixtures/frameworks/` (`assessments/loading.py`); rounds rate against it.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from continuum.models import Term
from partnership.bilingual import (
    BilingualCharField,
    BilingualModel,
    BilingualQuerySet,
    BilingualTextField,
    welsh_status_field,
)
from partnership.models import Nation


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    ACTIVE = "active", gettext_lazy("Active")
    RETIRED = "retired", gettext_lazy("Retired")


class FrameworkQuerySet(BilingualQuerySet):
    def active(self) -> "FrameworkQuerySet":
        return self.filter(status=FrameworkStatus.ACTIVE)


class Framework(BilingualModel):
    """One version of a self-assessment instrument, loaded from `fixtures/frameworks/`."""

    code = models.SlugField(max_length=50)
    version = models.CharField(max_length=20)
    title = BilingualCharField(max_length=200)
    title_cy = models.CharField(max_length=300, blank=True)
    basis = BilingualCharField(gettext_lazy("publisher or basis"), max_length=300)
    basis_cy = models.CharField(max_length=450, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    summary = BilingualTextField()
    summary_cy = models.TextField(blank=True)
    confidence = BilingualTextField(blank=True)
    confidence_cy = models.TextField(blank=True)
    welsh_status = welsh_status_field()
    nations = models.JSONField(default=list, help_text=gettext_lazy("The nations it applies to."))
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
        return _("%(title)s (version %(version)s)") % {"title": self.title, "version": self.version}

    def get_absolute_url(self) -> str:
        return reverse("library:framework-detail", args=[self.code, self.version])

    def nation_labels(self) -> list[str]:
        labels = dict(Nation.choices)
        return [labels.get(nation, nation) for nation in self.nations]


class Scale(BilingualModel):
    """The rating scale of one framework version."""

    framework = models.OneToOneField(Framework, on_delete=models.CASCADE, related_name="scale")
    name = BilingualCharField(max_length=100)
    name_cy = models.CharField(max_length=150, blank=True)
    allows_not_applicable = models.BooleanField(default=False)
    allows_dont_know = models.BooleanField(default=True)
    meets_from = models.SmallIntegerField(
        null=True,
        blank=True,
        help_text=gettext_lazy("The lowest level that counts as meeting the standard."),
    )

    def __str__(self) -> str:
        return f"{self.name} ({self.framework})"


class RagBand(models.TextChoices):
    RED = "red", gettext_lazy("Red")
    AMBER = "amber", gettext_lazy("Amber")
    GREEN = "green", gettext_lazy("Green")


class ScaleLevel(BilingualModel):
    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="levels")
    value = models.SmallIntegerField()
    label = BilingualCharField(max_length=50)
    label_cy = models.CharField(max_length=75, blank=True)
    meaning = BilingualTextField()
    meaning_cy = models.TextField(blank=True)
    rag = models.CharField(
        gettext_lazy("RAG band"), max_length=5, choices=RagBand.choices, blank=True
    )

    class Meta:
        ordering = ["scale", "value"]
        constraints = [models.UniqueConstraint(fields=["scale", "value"], name="scale_level_value")]

    def __str__(self) -> str:
        return f"{self.value}: {self.label}"


class Dimension(BilingualModel):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="dimensions")
    code = models.SlugField(max_length=50)
    title = BilingualCharField(max_length=200)
    title_cy = models.CharField(max_length=300, blank=True)
    description = BilingualTextField(blank=True)
    description_cy = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="dimension_code")]

    def __str__(self) -> str:
        return self.title


class Element(BilingualModel):
    """One thing a partnership rates. Codes stay the same across versions, for comparisons."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="elements")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="elements")
    code = models.SlugField(max_length=50)
    title = BilingualCharField(max_length=200)
    title_cy = models.CharField(max_length=300, blank=True)
    good_practice = BilingualTextField(gettext_lazy("what good looks like"))
    good_practice_cy = models.TextField(blank=True)
    guidance = BilingualTextField(blank=True)
    guidance_cy = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    terms = models.ManyToManyField(Term, blank=True, related_name="elements")

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="element_code")]

    def __str__(self) -> str:
        return self.title


class Descriptor(BilingualModel):
    """What one element looks like at one level of the scale."""

    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="descriptors")
    level = models.ForeignKey(ScaleLevel, on_delete=models.CASCADE, related_name="descriptors")
    text = BilingualTextField()
    text_cy = models.TextField(blank=True)

    class Meta:
        ordering = ["element", "level__value"]
        constraints = [
            models.UniqueConstraint(fields=["element", "level"], name="descriptor_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.element.code} at {self.level.value}"
