import re

from django import forms
from django.core.exceptions import ValidationError

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


class RouteForm(GovukMessagesMixin, forms.ModelForm):
    class Meta:
        model = ReferralRoute
        fields = ["to_service", "kind", "note"]
        labels = {
            "to_service": "Service families go to",
            "kind": "Kind of route",
            "note": "Note (optional)",
        }
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, from_service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.from_service = from_service
        field = self.fields["to_service"]
        field.queryset = Service.objects.for_partnership(from_service.partnership_id).current()
        field.empty_label = "Choose a service"
        field.error_messages["required"] = "Select the service families go to"
        field.error_messages["invalid_choice"] = "Choose a service in this partnership"
        self.fields["kind"].choices = RouteKind.choices
        self.fields["kind"].error_messages["required"] = "Select the kind of route"

    def clean(self) -> dict:
        cleaned = super().clean()
        to_service = cleaned.get("to_service")
        kind = cleaned.get("kind")
        if to_service and to_service.pk == self.instance.from_service.pk:
            self.add_error("to_service", "A service cannot refer to itself. Choose another")
        elif (
            to_service
            and ReferralRoute.objects.filter(
                from_service=self.instance.from_service, to_service=to_service, kind=kind
            ).exists()
        ):
            self.add_error("to_service", "This route is already recorded")
        return cleaned


POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


class LocationForm(GovukMessagesMixin, forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "kind", "address", "postcode"]
        labels = {
            "name": "Location name",
            "kind": "Kind of place",
            "address": "Address (optional)",
            "postcode": "Postcode (optional)",
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
        self.fields["name"].error_messages["required"] = "Enter the location name"
        self.fields["kind"].error_messages["required"] = "Select the kind of place"

    def clean_postcode(self) -> str:
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        if postcode and not POSTCODE.match(postcode):
            raise ValidationError("Enter a real postcode, like AW1 2NG")
        return postcode


class FilterForm(forms.Form):
    """The list's filters, read from GET so a filtered list can be bookmarked."""

    def __init__(self, *args, terms: dict[str, list[Term]], **kwargs):
        super().__init__(*args, **kwargs)
        for code, short, label in FILTERED:
            self.fields[short] = forms.ChoiceField(
                label=label.rstrip("s") if short != "audience" else label,
                choices=[("", "Any")] + [(t.code, t.name) for t in terms[code]],
                required=False,
            )
        self.fields["sector"] = forms.ChoiceField(
            label="Provider sector", choices=[("", "Any"), *Sector.choices], required=False
        )
        self.fields["status"] = forms.ChoiceField(
            label="Status", choices=[("", "Any"), *Status.choices], required=False
        )
        self.fields["unplaced"] = forms.BooleanField(
            label="Only services that still need placing", required=False
        )
        self.fields["archived"] = forms.BooleanField(
            label="Archived services instead", required=False
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
        for code, short, _ in FILTERED:
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
        super().__init__(choices=[(short, label) for _, short, label in TAXONOMIES], **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        code = axis_code(value)
        return SHORT[code] if code else value


class MatrixForm(forms.Form):
    rows = AxisField(label="Rows", required=False)
    cols = AxisField(label="Columns", required=False)

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
        label="Open Referral UK file",
        help_text="A JSON file from an ORUK or HSDS feed, version 1 or 3",
        error_messages={
            "required": "Select the file to import",
            "empty": "The selected file is empty",
        },
    )
    dry_run = forms.BooleanField(label="Check the file without saving anything", required=False)
