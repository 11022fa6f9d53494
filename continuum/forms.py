import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from continuum.models import (
    LEVEL,
    Location,
    LocationKind,
    ReferralRoute,
    RouteKind,
    Service,
    Status,
    Term,
)
from continuum.taxonomies import SHORT, TAXONOMIES, axis_code
from partnership.forms import GovukMessagesMixin
from partnership.models import Partnership, Sector

FILTERED = [t for t in TAXONOMIES if t[0] not in ("risk-factor", "protective-factor")]
# A filter picks one term, so its label is singular (a Welsh plural is not an English one
# with its "s" taken off).
FILTER_LABELS = {
    "level": _("Continuum level"),
    "thrive": _("THRIVE grouping"),
    "nest": _("NEST theme"),
    "age": _("Age band"),
    "audience": _("Who it is for"),
    "reach": _("Reach"),
    "programme": _("National programme"),
}
ANY = _("Any")


class RouteForm(GovukMessagesMixin, forms.ModelForm):
    class Meta:
        model = ReferralRoute
        fields = ["to_service", "kind", "note"]
        labels = {
            "to_service": _("Service families go to"),
            "kind": _("Kind of route"),
            "note": _("Note (optional)"),
        }
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, from_service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.from_service = from_service
        field = self.fields["to_service"]
        field.queryset = Service.objects.for_partnership(from_service.partnership_id).current()
        field.empty_label = _("Choose a service")
        field.error_messages["required"] = _("Select the service families go to")
        field.error_messages["invalid_choice"] = _("Choose a service in this partnership")
        self.fields["kind"].choices = RouteKind.choices
        self.fields["kind"].error_messages["required"] = _("Select the kind of route")

    def clean(self) -> dict:
        cleaned = super().clean()
        to_service = cleaned.get("to_service")
        kind = cleaned.get("kind")
        if to_service and to_service.pk == self.instance.from_service.pk:
            self.add_error("to_service", _("A service cannot refer to itself. Choose another"))
        elif (
            to_service
            and ReferralRoute.objects.filter(
                from_service=self.instance.from_service, to_service=to_service, kind=kind
            ).exists()
        ):
            self.add_error("to_service", _("This route is already recorded"))
        return cleaned


POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


class LocationForm(GovukMessagesMixin, forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "kind", "address", "postcode"]
        labels = {
            "name": _("Location name"),
            "kind": _("Kind of place"),
            "address": _("Address (optional)"),
            "postcode": _("Postcode (optional)"),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 3}),
            "postcode": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        }

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["kind"].choices = LocationKind.choices
        self.fields["name"].error_messages["required"] = _("Enter the location name")
        self.fields["kind"].error_messages["required"] = _("Select the kind of place")

    def clean_postcode(self) -> str:
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        if postcode and not POSTCODE.match(postcode):
            raise ValidationError(_("Enter a real postcode, like AW1 2NG"))
        return postcode


class FilterForm(forms.Form):
    """The list's filters, read from GET so a filtered list can be bookmarked."""

    def __init__(self, *args, terms: dict[str, list[Term]], **kwargs):
        super().__init__(*args, **kwargs)
        for code, short, label in FILTERED:
            self.fields[short] = forms.ChoiceField(
                label=FILTER_LABELS.get(short, label),
                choices=[("", ANY)] + [(t.code, t.name) for t in terms[code]],
                required=False,
            )
        self.fields["sector"] = forms.ChoiceField(
            label=_("Provider sector"), choices=[("", ANY), *Sector.choices], required=False
        )
        self.fields["status"] = forms.ChoiceField(
            label=_("Status"), choices=[("", ANY), *Status.choices], required=False
        )
        self.fields["unplaced"] = forms.BooleanField(
            label=_("Only services that still need placing"), required=False
        )
        self.fields["archived"] = forms.BooleanField(
            label=_("Archived services instead"), required=False
        )

    def showing_archived(self) -> bool:
        self.is_valid()
        return bool(self.cleaned_data.get("archived"))

    def apply(self, services):
        """Current services matching the filters; archived ones only when asked for.

        A value the form does not know (an old bookmark) drops that filter only.
        """
        self.is_valid()
        data = self.cleaned_data
        services = services.filter(archived=True) if data.get("archived") else services.current()
        for code, short, _label in FILTERED:
            if data.get(short):
                services = services.filter(terms__taxonomy__code=code, terms__code=data[short])
        if data.get("sector"):
            services = services.filter(provider__sector=data["sector"])
        if data.get("status"):
            services = services.filter(status=data["status"])
        if data.get("unplaced"):
            services = services.needs_placing()
        return services.distinct()


class AxisField(forms.ChoiceField):
    """A taxonomy by its short name; its code, as older addresses wrote it, reads the same."""

    def __init__(self, **kwargs):
        super().__init__(choices=[(short, label) for _code, short, label in TAXONOMIES], **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        code = axis_code(value)
        return SHORT[code] if code else value


class MatrixForm(forms.Form):
    rows = AxisField(label=_("Rows"), required=False)
    cols = AxisField(label=_("Columns"), required=False)

    def axes(self) -> tuple[str, str]:
        """The chosen row and column taxonomy codes, falling back to the default.

        What counts as thin is the gap rules' threshold for each level, not a choice here.
        """
        data = self.cleaned_data if self.is_valid() else {}
        rows = axis_code(data.get("rows") or "level")
        cols = axis_code(data.get("cols") or "thrive")
        if rows == cols:
            cols = "thrive" if rows != "thrive" else LEVEL
        return rows, cols


class ImportForm(GovukMessagesMixin, forms.Form):
    feed = forms.FileField(
        label=_("Open Referral UK file"),
        help_text=_("A JSON file from an ORUK or HSDS feed, version 1 or 3"),
        error_messages={
            "required": _("Select the file to import"),
            "empty": _("The selected file is empty"),
        },
    )
    dry_run = forms.BooleanField(label=_("Check the file without saving anything"), required=False)
