from django.db import models


class Taxonomy(models.Model):
    """A named set of terms loaded from `fixtures/taxonomies/`: continuum levels, THRIVE..."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500, blank=True)
    confidence = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class TermQuerySet(models.QuerySet):
    def of(self, taxonomy_code: str) -> "TermQuerySet":
        return self.filter(taxonomy__code=taxonomy_code)

    def leaves(self) -> "TermQuerySet":
        """Terms with no children: for the continuum, the five levels rather than the tiers."""
        return self.filter(children__isnull=True)


class Term(models.Model):
    """One term of a taxonomy, in the spirit of an HSDS `taxonomy_term`.

    Continuum levels are terms whose parents are the three tiers.
    """

    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.SlugField(max_length=50)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Attribution for one term, where it differs from its taxonomy's.
    source = models.CharField(max_length=300, blank=True)
    confidence = models.TextField(blank=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["taxonomy__code", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "code"], name="term_code_unique_in_taxonomy"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        """The term's reference in fixture files: `taxonomy-code/term-code`."""
        return f"{self.taxonomy.code}/{self.code}"
