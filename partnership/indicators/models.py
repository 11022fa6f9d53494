"""Indicators and their values by area, period and breakdown."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

# Indicators Cradle itself reads: expected need is worked out from births, and the under-five
# population puts capacity in proportion. Created on first use rather than by a migration, so
# a database emptied between tests still gets them.
BIRTHS = "live-births"
UNDER_FIVES = "under-fives"
BUILT_IN = {
    BIRTHS: {
        # Stored in English; shown in the reader's language (Indicator.shown_name).
        "name": gettext_noop("Live births"),
        "unit": gettext_noop("births a year"),
        "source": "Office for National Statistics, births in England and Wales by area of "
        "usual residence of mother",
        "source_url": "https://www.ons.gov.uk/peoplepopulationandcommunity/birthsdeathsandmarriages/livebirths",
        "higher_is": "neutral",
        "confidence": "Confirmed as a published series; the figures are whatever file was "
        "loaded, with its period.",
    },
    UNDER_FIVES: {
        "name": gettext_noop("Children under five"),
        "unit": gettext_noop("children"),
        "source": "Office for National Statistics, mid-year population estimates by single "
        "year of age",
        "source_url": "https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates",
        "higher_is": "neutral",
        "confidence": "Confirmed as a published series; the figures are whatever file was "
        "loaded, with its period.",
    },
}
# Comparator rows: a nation or a region, stored beside the areas they are compared with.
COMPARATOR_PREFIXES = ("E92", "W92", "E12", "K02", "K04")


class Polarity(models.TextChoices):
    HIGHER_BETTER = "higher-better", _("A higher value is better")
    LOWER_BETTER = "lower-better", _("A lower value is better")
    NEUTRAL = "neutral", _("Neither: it describes the population")
    NOT_STATED = "not-stated", _("Not stated")


class IndicatorQuerySet(models.QuerySet):
    def ensure_built_in(self) -> dict[str, "Indicator"]:
        """The built-in indicators, created if missing: two queries at most."""
        found = {i.code: i for i in self.filter(code__in=BUILT_IN)}
        for code, fields in BUILT_IN.items():
            if code not in found:
                found[code] = self.create(code=code, **fields)
        return found


class Indicator(models.Model):
    """A measure published for areas: a Fingertips indicator (its id as the code) or one of
    Cradle's own (births, under-fives, a local figure)."""

    code = models.CharField(max_length=50, unique=True)
    name = models.CharField(max_length=300)
    source = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500, blank=True)
    unit = models.CharField(max_length=100, blank=True)
    higher_is = models.CharField(
        "what a higher value means",
        max_length=20,
        choices=Polarity.choices,
        default=Polarity.NOT_STATED,
    )
    confidence = models.TextField(blank=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        app_label = "partnership"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def built_in(self) -> bool:
        return self.code in BUILT_IN

    @property
    def shown_name(self) -> str:
        """Cradle's own indicators in the reader's language; others as published."""
        return gettext(self.name) if self.built_in else self.name

    @property
    def shown_unit(self) -> str:
        return gettext(self.unit) if self.built_in and self.unit else self.unit


class IndicatorValueQuerySet(models.QuerySet):
    def for_codes(self, codes, partnership_ids=()) -> "IndicatorValueQuerySet":
        """National values for these area codes, and the local figures these partnerships
        uploaded for them."""
        return self.filter(area_code__in=codes).filter(
            Q(partnership=None) | Q(partnership__in=partnership_ids)
        )


class IndicatorValue(models.Model):
    """One published figure: an indicator for an area in a period.

    National values (`partnership` empty) come from files an admin loads; local figures from a
    lead's upload count only for that lead's partnership. A row for a region or a nation is a
    comparator, shown beside the areas within it.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    area_code = models.CharField("area code", max_length=20)
    area_name = models.CharField(max_length=200, blank=True)
    area = models.ForeignKey(
        "partnership.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicator_values",
        help_text="Empty for an area Cradle does not know; the code is kept.",
    )
    partnership = models.ForeignKey(
        "partnership.Partnership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="local_figures",
        help_text="Set for a lead's local figure; empty for a national value.",
    )
    period = models.CharField(max_length=40)
    # Orders periods written as "2021/22" or "2019 - 21": larger is later.
    period_sort = models.IntegerField(default=0)
    sex = models.CharField(max_length=40, blank=True)
    age = models.CharField(max_length=60, blank=True)
    category = models.CharField(max_length=200, blank=True)
    value = models.FloatField(null=True, blank=True)
    lower_ci = models.FloatField("lower 95% limit", null=True, blank=True)
    upper_ci = models.FloatField("upper 95% limit", null=True, blank=True)
    count = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    note = models.CharField("value note", max_length=300, blank=True)
    comparator = models.BooleanField(
        default=False, help_text="A region or nation, shown beside the areas within it."
    )
    synthetic = models.BooleanField(
        default=False, help_text="Made up for the demonstration; not a published figure."
    )
    source_file = models.CharField(max_length=200, blank=True)
    loaded = models.DateTimeField(auto_now_add=True)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        app_label = "partnership"
        ordering = ["indicator", "area_code", "-period_sort"]
        indexes = [models.Index(fields=["area_code", "indicator"])]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "period", "sex", "age", "category"],
                condition=Q(partnership=None),
                name="national_value_unique",
            ),
            models.UniqueConstraint(
                fields=["partnership", "indicator", "area_code", "period", "sex", "age"],
                condition=Q(partnership__isnull=False),
                name="local_value_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_code} {self.period}: {self.value}"


class KeyIndicator(models.Model):
    """An indicator a partnership chose to show on its dashboard and across areas."""

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="key_indicators"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="key_for")

    class Meta:
        app_label = "partnership"
        ordering = ["indicator__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "indicator"], name="key_indicator_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} ({self.partnership})"
