from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnership.bilingual import (
    BilingualCharField,
    BilingualModel,
    BilingualQuerySet,
    BilingualTextField,
    welsh_status_field,
)


class Taxonomy(BilingualModel):
    """A named set of terms loaded from `fixtures/taxonomies/`: continuum levels, THRIVE..."""

    code = models.SlugField(max_length=50, unique=True)
    name = BilingualCharField(max_length=200)
    name_cy = models.CharField(max_length=300, blank=True)
    description = BilingualTextField(blank=True)
    description_cy = models.TextField(blank=True)
    source = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500, blank=True)
    confidence = BilingualTextField(blank=True)
    confidence_cy = models.TextField(blank=True)
    welsh_status = welsh_status_field()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class TermQuerySet(BilingualQuerySet):
    def of(self, taxonomy_code: str) -> "TermQuerySet":
        return self.filter(taxonomy__code=taxonomy_code)

    def leaves(self) -> "TermQuerySet":
        """Terms with no children: for the continuum, the five levels rather than the tiers."""
        return self.filter(children__isnull=True)


class Term(BilingualModel):
    """One term of a taxonomy, in the spirit of an HSDS `taxonomy_term`.

    Continuum levels are terms whose parents are the three tiers.
    """

    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.SlugField(max_length=50)
    name = BilingualCharField(max_length=200)
    name_cy = models.CharField(max_length=300, blank=True)
    description = BilingualTextField(blank=True)
    description_cy = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Attribution for one term, where it differs from its taxonomy's.
    source = models.CharField(max_length=300, blank=True)
    confidence = BilingualTextField(blank=True)
    confidence_cy = models.TextField(blank=True)

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


# The continuum-level taxonomy: a service with none of its terms still needs placing.
LEVEL = "continuum-level"


class Status(models.TextChoices):
    """HSDS 3's four service statuses, with its own spelling as the stored value."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class DeliveryMode(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    HOME_VISIT = "home-visit", _("Home visits")
    ONLINE = "online", _("Online")
    TELEPHONE = "telephone", _("Telephone")
    GROUP = "group", _("Groups")


class ServiceQuerySet(models.QuerySet):
    def for_partnership(self, partnership) -> "ServiceQuerySet":
        return self.filter(partnership=partnership)

    def current(self) -> "ServiceQuerySet":
        """Not archived, whatever their HSDS status."""
        return self.filter(archived=False)

    def active(self) -> "ServiceQuerySet":
        """Running now: the services the coverage matrix counts."""
        return self.current().filter(status=Status.ACTIVE)

    def with_terms(self) -> "ServiceQuerySet":
        """Provider and terms (with their tiers) in two queries, whatever the number of services."""
        return self.select_related("provider").prefetch_related(
            models.Prefetch("terms", queryset=Term.objects.select_related("taxonomy", "parent"))
        )

    def for_export(self) -> "ServiceQuerySet":
        return self.with_terms().prefetch_related("locations").order_by("name", "pk")

    def tags_on(self, *taxonomies: str):
        """One query: (service id, name, taxonomy code, term code, capacity) for every tag
        these services carry in these taxonomies; the coverage matrix's axes are read here."""
        return (
            self.filter(terms__taxonomy__code__in=taxonomies)
            .order_by()
            .values_list("id", "name", "terms__taxonomy__code", "terms__code", "capacity")
        )

    def needs_placing(self) -> "ServiceQuerySet":
        """No continuum level yet: imported services start here until a lead places them."""
        return self.exclude(terms__taxonomy__code=LEVEL)


class Service(models.Model):
    """Something the partnership offers families. Field names follow HSDS 3 where one exists."""

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="services"
    )
    provider = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("provider organisation"),
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    url = models.URLField("website", max_length=500, blank=True)
    email = models.EmailField(blank=True)
    eligibility_description = models.TextField("who it is for", blank=True)
    # HSDS ages are years; months make pregnancy (below zero) and the first year precise.
    minimum_age = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    maximum_age = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    min_age_months = models.IntegerField("minimum age in months", null=True, blank=True)
    max_age_months = models.IntegerField("maximum age in months", null=True, blank=True)
    capacity = models.PositiveIntegerField("families a year", null=True, blank=True)
    waiting_weeks = models.PositiveIntegerField("waiting time in weeks", null=True, blank=True)
    delivery_modes = models.JSONField(default=list, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="The feed it came from.")
    source_id = models.CharField(max_length=200, blank=True)
    # How the feed describes the service in its own words (its categories, audiences, how
    # people attend, who it is for, its ages in years), kept as the feed said it so a lead can
    # place the service against it.
    feed_description = models.JSONField(default=dict, blank=True)
    archived = models.BooleanField(default=False)
    archived_on = models.DateField(null=True, blank=True)
    terms = models.ManyToManyField("continuum.Term", related_name="services", blank=True)
    modified = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "source_id"],
                condition=~models.Q(source_id=""),
                name="service_source_id_unique_in_partnership",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("continuum:service-detail", args=[self.partnership.slug, self.pk])

    def clean(self) -> None:
        errors = {}
        if self.provider_id and self.provider.partnership_id != self.partnership_id:
            errors["provider"] = gettext("Choose an organisation in this partnership")
        if (
            self.min_age_months is not None
            and self.max_age_months is not None
            and self.max_age_months < self.min_age_months
        ):
            errors["max_age_months"] = gettext(
                "Maximum age must be the same as or more than minimum age"
            )
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = gettext("Last reviewed date must be today or in the past")
        if errors:
            raise ValidationError(errors)

    def archive(self) -> None:
        self.archived = True
        self.archived_on = timezone.localdate()
        self.save(update_fields=["archived", "archived_on", "modified"])

    def feed_ages(self) -> str:
        """The feed's age range, in the years feeds use: "0 to 1 years", "up to 5 years"."""
        low = self.feed_description.get("minimum_age")
        high = self.feed_description.get("maximum_age")
        if low is not None and high is not None:
            return gettext("%(low)s to %(high)s years") % {"low": low, "high": high}
        if low is not None:
            return gettext("from %(low)s years") % {"low": low}
        return gettext("up to %(high)s years") % {"high": high} if high is not None else ""

    def delivery_mode_labels(self) -> list[str]:
        labels = dict(DeliveryMode.choices)
        return [labels.get(mode, mode) for mode in self.delivery_modes]

    def terms_of(self, taxonomy_code: str) -> list:
        """From prefetched terms, so a list page asks the database nothing more per service."""
        return [t for t in self.terms.all() if t.taxonomy.code == taxonomy_code]


class LocationKind(models.TextChoices):
    FAMILY_HUB = "family-hub", _("Family hub")
    CLINIC = "clinic", _("Clinic")
    HOME = "home", _("Family home")
    ONLINE = "online", _("Online")
    OTHER = "other", _("Other")


class Location(models.Model):
    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=LocationKind.choices)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    services = models.ManyToManyField(Service, related_name="locations", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RouteKind(models.TextChoices):
    REFER = "refer", _("Refer")
    STEP_UP = "step-up", _("Step up")
    STEP_DOWN = "step-down", _("Step down")
    SIGNPOST = "signpost", _("Signpost")


class ReferralRouteQuerySet(models.QuerySet):
    def for_partnership(self, partnership) -> "ReferralRouteQuerySet":
        return self.filter(from_service__partnership=partnership)


class ReferralRoute(models.Model):
    """An edge of the pathway: families move from one service to another."""

    from_service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="routes_out")
    to_service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="routes_in")
    kind = models.CharField(max_length=20, choices=RouteKind.choices, default=RouteKind.REFER)
    note = models.CharField(max_length=500, blank=True)

    objects = ReferralRouteQuerySet.as_manager()

    class Meta:
        ordering = ["from_service__name", "to_service__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_service", "to_service", "kind"], name="route_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_service} → {self.to_service} ({self.get_kind_display().lower()})"

    def clean(self) -> None:
        if not (self.from_service_id and self.to_service_id):
            return
        if self.from_service_id == self.to_service_id:
            raise ValidationError({"to_service": "Choose a different service to refer to"})
        if self.from_service.partnership_id != self.to_service.partnership_id:
            raise ValidationError({"to_service": "Choose a service in this partnership"})


class GapRuleSet(BilingualModel):
    """The gap rules loaded from `fixtures/gap-rules/` by `load_gap_rules`: which cells of the
    coverage matrix are expected, and the thresholds below which a cell is thin.

    One row: loading a new version replaces it. `axes` and `thresholds` are the file's lists
    as validated (see continuum.gap_rules.Rules for their shape).
    """

    code = models.SlugField(max_length=50, unique=True)
    version = models.CharField(max_length=20)
    title = BilingualCharField(max_length=200)
    title_cy = models.CharField(max_length=300, blank=True)
    description = BilingualTextField(blank=True)
    description_cy = models.TextField(blank=True)
    source = models.CharField(max_length=500)
    source_url = models.URLField(max_length=500, blank=True)
    confidence = BilingualTextField()
    confidence_cy = models.TextField(blank=True)
    welsh_status = welsh_status_field()
    default_thin_below = models.PositiveSmallIntegerField(default=2)
    thresholds = models.JSONField(default=list)
    axes = models.JSONField(default=list)
    loaded = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gap rules")
        verbose_name_plural = _("gap rules")

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class GapAdjustmentQuerySet(models.QuerySet):
    def for_partnership(self, partnership) -> "GapAdjustmentQuerySet":
        return self.filter(partnership=partnership)


class GapAdjustment(models.Model):
    """One entry in a partnership's history of local changes to the gap rules.

    Entries are only ever added: the newest for a cell (`rows`, `cols`, `row`, `col`) or a
    level (`level`) is in force, and a `withdrawn` one hands the cell back to the library.
    Codes are stored as text, so reloading the library never touches a partnership's history.
    """

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="gap_adjustments"
    )
    rows = models.SlugField(max_length=50, blank=True)
    cols = models.SlugField(max_length=50, blank=True)
    row = models.SlugField(max_length=50, blank=True)
    col = models.SlugField(max_length=50, blank=True)
    level = models.SlugField(max_length=50, blank=True)
    expected = models.BooleanField(null=True, blank=True)
    thin_below = models.PositiveSmallIntegerField(null=True, blank=True)
    withdrawn = models.BooleanField(default=False)
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    objects = GapAdjustmentQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        where = self.level or f"{self.row} × {self.col}"
        return f"{self.partnership}: {where}"


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class ImportJobQuerySet(models.QuerySet):
    def for_partnership(self, partnership) -> "ImportJobQuerySet":
        return self.filter(partnership=partnership)


class ImportJob(models.Model):
    """A feed too large to import during a web request, imported by `run_import_jobs`.

    The feed's bytes are kept in the row until the job ends, then cleared: the report is
    what stays.
    """

    partnership = models.ForeignKey(
        "partnership.Partnership", on_delete=models.CASCADE, related_name="import_jobs"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    source = models.CharField("file name", max_length=200)
    size = models.PositiveIntegerField("bytes", default=0)
    data = models.BinaryField(default=b"")
    dry_run = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    # Services checked, then services saved, out of the feed's total.
    total = models.PositiveIntegerField(default=0)
    checked = models.PositiveIntegerField(default=0)
    saved = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["state", "created"], name="continuum_job_queue")]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.source} ({self.state})"

    def get_absolute_url(self) -> str:
        return reverse("continuum:import-job", args=[self.partnership.slug, self.pk])

    @property
    def ended(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    def error_text(self) -> str:
        """The failure in the reader's language: the worker's own messages are stored in
        English and translated here; a problem with the file was written in the uploader's."""
        return gettext(self.error) if self.error else ""
