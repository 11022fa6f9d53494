import re

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnership.bilingual import BilingualCharField, BilingualModel, BilingualQuerySet


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("A user needs an email address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email: str) -> "User":
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address."""

    email = models.EmailField(gettext_lazy("email address"), unique=True)
    full_name = models.CharField(gettext_lazy("full name"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        gettext_lazy("staff status"),
        default=False,
        help_text=gettext_lazy("Can sign in to the admin site and load frameworks."),
    )
    is_active = models.BooleanField(gettext_lazy("active"), default=True)
    date_joined = models.DateTimeField(gettext_lazy("date joined"), default=timezone.now)
    language = models.CharField(
        gettext_lazy("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=gettext_lazy(
            "Pages and emails in this language. Blank: the language the browser asks for."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Nation(models.TextChoices):
    ENGLAND = "england", gettext_lazy("England")
    WALES = "wales", gettext_lazy("Wales")


class AreaKind(models.TextChoices):
    UNITARY = "unitary", gettext_lazy("Unitary authority")
    METROPOLITAN = "metropolitan", gettext_lazy("Metropolitan district")
    LONDON_BOROUGH = "london-borough", gettext_lazy("London borough")
    COUNTY = "county", gettext_lazy("County council")
    WELSH_PRINCIPAL = "welsh-principal", gettext_lazy("Welsh principal area")
    ICB = "icb", gettext_lazy("Integrated care board")
    HEALTH_BOARD = "health-board", gettext_lazy("Local health board")
    REGION = "region", gettext_lazy("Region")
    NATION = "nation", gettext_lazy("Nation")


# The GSS prefixes Cradle knows, with the kind of area each names.
GSS_PREFIXES = {
    "E06": AreaKind.UNITARY,
    "E08": AreaKind.METROPOLITAN,
    "E09": AreaKind.LONDON_BOROUGH,
    "E10": AreaKind.COUNTY,
    "W06": AreaKind.WELSH_PRINCIPAL,
    "E54": AreaKind.ICB,
    "W11": AreaKind.HEALTH_BOARD,
    "E12": AreaKind.REGION,
    "E92": AreaKind.NATION,
    "W92": AreaKind.NATION,
}
LOCAL_AUTHORITY_KINDS = {
    AreaKind.UNITARY,
    AreaKind.METROPOLITAN,
    AreaKind.LONDON_BOROUGH,
    AreaKind.COUNTY,
    AreaKind.WELSH_PRINCIPAL,
}
GSS_PATTERN = re.compile(r"^[EW]\d{8}$")


def validate_gss_code(value: str) -> None:
    if not GSS_PATTERN.match(value):
        raise ValidationError(
            _("Enter a GSS code in the right format, like E08000003: E or W followed by 8 digits"),
            code="gss_format",
        )
    if value[:3] not in GSS_PREFIXES:
        raise ValidationError(
            _("%(code)s is not an area Cradle supports: the code must start with one of %(known)s")
            % {"code": value, "known": ", ".join(sorted(GSS_PREFIXES))},
            code="gss_prefix",
        )


class AreaQuerySet(BilingualQuerySet):
    def local_authorities(self) -> "AreaQuerySet":
        prefixes = [p for p, kind in GSS_PREFIXES.items() if kind in LOCAL_AUTHORITY_KINDS]
        query = Q()
        for prefix in prefixes:
            query |= Q(gss_code__startswith=prefix)
        return self.filter(query)


class Area(BilingualModel):
    """A geography with an ONS GSS code: a council, an ICB, a Welsh health board, a region or a
    nation.

    The kind and the nation follow from the code, so they are properties rather than
    columns that could disagree with it. An English council names its integrated care board;
    a Welsh one its local health board, whose row names the regional partnership board that
    plans on the same footprint (regional partnership boards have no GSS code of their own).
    Welsh areas and boards keep their official Welsh names beside the English (wales.py).
    """

    name = BilingualCharField(gettext_lazy("name"), max_length=200)
    name_cy = models.CharField(gettext_lazy("name in Welsh"), max_length=200, blank=True)
    gss_code = models.CharField(
        gettext_lazy("GSS code"), max_length=9, unique=True, validators=[validate_gss_code]
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=gettext_lazy("parent"),
        help_text=gettext_lazy("The region or nation this area sits in."),
    )
    icb = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="icb_areas",
        limit_choices_to={"gss_code__startswith": "E54"},
        verbose_name=gettext_lazy("integrated care board"),
    )
    health_board = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="health_board_areas",
        limit_choices_to={"gss_code__startswith": "W11"},
        verbose_name=gettext_lazy("local health board"),
        help_text=gettext_lazy("For a Welsh council: the health board that serves it."),
    )
    partnership_board = BilingualCharField(
        gettext_lazy("regional partnership board"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy(
            "For a Welsh health board: the regional partnership board on its footprint."
        ),
    )
    partnership_board_cy = models.CharField(
        gettext_lazy("regional partnership board in Welsh"), max_length=200, blank=True
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.gss_code})"

    @property
    def kind(self) -> AreaKind | None:
        return GSS_PREFIXES.get(self.gss_code[:3])

    @property
    def nation(self) -> Nation:
        return Nation.WALES if self.gss_code.startswith("W") else Nation.ENGLAND

    def clean(self) -> None:
        if self.parent_id and self.parent.kind not in {AreaKind.REGION, AreaKind.NATION}:
            raise ValidationError({"parent": _("The parent must be a region or a nation")})
        if self.icb_id and self.icb.kind != AreaKind.ICB:
            raise ValidationError({"icb": _("Choose an integrated care board")})
        if self.icb_id and self.nation != Nation.ENGLAND:
            raise ValidationError({"icb": _("Integrated care boards are for areas in England")})
        if self.health_board_id and self.health_board.kind != AreaKind.HEALTH_BOARD:
            raise ValidationError({"health_board": _("Choose a local health board")})
        if self.health_board_id and self.nation != Nation.WALES:
            raise ValidationError({"health_board": _("Local health boards are for areas in Wales")})
        if self.partnership_board and self.kind != AreaKind.HEALTH_BOARD:
            raise ValidationError(
                {"partnership_board": _("Only a health board names a regional partnership board")}
            )


class Sector(models.TextChoices):
    LOCAL_AUTHORITY = "local-authority", gettext_lazy("Local authority")
    NHS_TRUST = "nhs-trust", gettext_lazy("NHS trust")
    ICB = "icb", gettext_lazy("Integrated care board")
    HEALTH_BOARD = "health-board", gettext_lazy("Health board")
    PRIMARY_CARE = "primary-care", gettext_lazy("Primary care")
    MATERNITY = "maternity", gettext_lazy("Maternity")
    HEALTH_VISITING = "health-visiting", gettext_lazy("Health visiting")
    EARLY_YEARS = "early-years", gettext_lazy("Early years and education")
    VOLUNTARY = "voluntary", gettext_lazy("Voluntary and community")
    PARENT_CARER = "parent-carer", gettext_lazy("Parent and carer representatives")
    OTHER = "other", gettext_lazy("Other")


class PartnershipQuerySet(models.QuerySet):
    def overseen_by(self, user: "User") -> "PartnershipQuerySet":
        """Partnerships a user's oversight grants cover, directly or through an area."""
        grants = Oversight.objects.filter(user=user)
        area_ids = grants.exclude(area=None).values("area_id")
        return self.filter(
            Q(oversights__in=grants)
            | Q(areas__in=area_ids)
            | Q(areas__parent__in=area_ids)
            | Q(areas__parent__parent__in=area_ids)
            | Q(areas__icb__in=area_ids)
            | Q(areas__health_board__in=area_ids)
        ).distinct()


class Partnership(models.Model):
    """The local whole-system partnership for one or more areas: Cradle's tenant."""

    name = models.CharField(gettext_lazy("name"), max_length=200)
    slug = models.SlugField(
        gettext_lazy("slug"),
        max_length=60,
        unique=True,
        help_text=gettext_lazy("Used in web addresses. Lowercase letters, numbers and hyphens."),
        error_messages={
            "unique": gettext_lazy("Another partnership already uses this web address")
        },
    )
    nation = models.CharField(
        gettext_lazy("nation"), max_length=10, choices=Nation.choices, default=Nation.ENGLAND
    )
    description = models.TextField(gettext_lazy("description"), blank=True)
    areas = models.ManyToManyField(
        Area, related_name="partnerships", blank=True, verbose_name=gettext_lazy("areas")
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership:overview", args=[self.slug])


class Organisation(models.Model):
    """A partner body in one partnership, with the sector it speaks for."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(gettext_lazy("name"), max_length=200)
    sector = models.CharField(gettext_lazy("sector"), max_length=20, choices=Sector.choices)
    website = models.URLField(gettext_lazy("website"), max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "partnership",
                models.functions.Lower("name"),
                name="organisation_name_unique_in_partnership",
                violation_error_message=gettext_lazy(
                    "This partnership already has an organisation with this name"
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    LEAD = "lead", gettext_lazy("Lead")
    CONTRIBUTOR = "contributor", gettext_lazy("Contributor")
    VIEWER = "viewer", gettext_lazy("Viewer")


# What each role may do, lowest first: a role may do everything the roles before it may.
ROLE_RANK = {Role.VIEWER: 1, Role.CONTRIBUTOR: 2, Role.LEAD: 3}


class Membership(models.Model):
    """A user's role in one partnership, and the organisation they speak for."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        gettext_lazy("role"), max_length=12, choices=Role.choices, default=Role.CONTRIBUTOR
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership"], name="one_membership_per_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.partnership})"

    def clean(self) -> None:
        if self.organisation_id and self.organisation.partnership_id != self.partnership_id:
            raise ValidationError(
                {"organisation": _("Choose one of this partnership's organisations")}
            )


class OversightQuerySet(models.QuerySet):
    def for_partnership(self, partnership: Partnership) -> "OversightQuerySet":
        """Grants that cover the partnership, directly or through one of its areas."""
        area_ids: set[int] = set()
        for row in partnership.areas.values_list(
            "id", "parent_id", "parent__parent_id", "icb_id", "health_board_id"
        ):
            area_ids.update(a for a in row if a)
        return self.filter(Q(partnerships=partnership) | Q(area_id__in=area_ids))


class Oversight(models.Model):
    """A commissioner's read-only grant over some partnerships.

    Either a list of partnerships, or an area (an ICB, a Welsh health board, a region or a
    nation): the grant then covers every partnership with an area inside it, including
    partnerships created later.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="oversights")
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="oversights",
        help_text=gettext_lazy(
            "An ICB, a Welsh health board, a region or a nation: covers every partnership "
            "with an area in it."
        ),
    )
    partnerships = models.ManyToManyField(Partnership, blank=True, related_name="oversights")
    note = models.CharField(gettext_lazy("note"), max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = OversightQuerySet.as_manager()

    class Meta:
        ordering = ["user__email"]

    def __str__(self) -> str:
        scope = self.area.name if self.area_id else _("chosen partnerships")
        return f"{self.user}: {scope}"

    def clean(self) -> None:
        if self.area_id and self.area.kind not in {
            AreaKind.ICB,
            AreaKind.HEALTH_BOARD,
            AreaKind.REGION,
            AreaKind.NATION,
        }:
            raise ValidationError(
                {"area": _("Choose an ICB, a Welsh health board, a region or a nation")}
            )


class ProposalStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("Waiting for an admin")
    CONFIRMED = "confirmed", gettext_lazy("Confirmed")
    DECLINED = "declined", gettext_lazy("Declined")
    REPLACED = "replaced", gettext_lazy("Replaced by a later proposal")


class AreaProposal(models.Model):
    """A lead's request to change the areas a partnership covers.

    The areas decide which commissioners oversee the partnership, so a lead only proposes; the
    areas change when an admin confirms the proposal in the admin site.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="area_proposals"
    )
    areas = models.ManyToManyField(Area, related_name="+", blank=True)
    proposed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        gettext_lazy("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return _("Areas proposed for %(partnership)s") % {"partnership": self.partnership}


class ResetLimit(models.Model):
    """When password-reset emails were let through for one email address, or one client address.

    One row per key, locked while it is read and written, so that the limits hold however many
    app servers share the database.
    """

    key = models.CharField(max_length=80, unique=True)
    times = models.JSONField(default=list, help_text="Unix times of the requests let through.")
    updated = models.DateTimeField()

    def __str__(self) -> str:
        return self.key


class DataVersion(models.Model):
    """How many times what a partnership's dashboards and reports read has changed.

    Moved on by database triggers (migration 0009), never by the application, so every path
    that writes counts; read by `partnership.versions`. Scope 0 is what all partnerships share.
    """

    scope = models.PositiveIntegerField(
        primary_key=True, help_text="A partnership's id, or 0 for what all partnerships share."
    )
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.scope}: {self.version}"


# Local need lives in its own package; imported here so Django registers its models.
from partnership.indicators.models import (  # noqa: E402, F401
    Indicator,
    IndicatorValue,
    KeyIndicator,
)
