import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from continuum.models import (
    LEVEL,
    DeliveryMode,
    Location,
    LocationKind,
    ReferralRoute,
    RouteKind,
    Service,
    Status,
    Term,
)
from continuum.taxonomies import SHORT, TAXONOMIES, axis_code
from partnership.forms import DateField, GovukMessagesMixin
from partnership.models import Partnership, Sector

FILTERED = [t for t in TAXONOMIES if t[0] not in ("risk-factor", "protective-factor")]


# Ages a service is for, in months of the child: from conception (-9) to 25 years, the oldest
# age at which support for a young person with special educational needs can go on. Imported
# feeds keep what they say ("all ages" is often 99 years); only a person typing is held to it.
AGE_MONTHS = (-9, 300)


def ages_within(bounds: tuple[int, int], field: forms.Field):
    label = field.label.replace(" in months (optional)", "")

    def check(months: int) -> None:
        if not bounds[0] <= months <= bounds[1]:
            raise ValidationError(
                f"{label} must be between -9 months (the start of pregnancy) and "
                f"{bounds[1]} months (25 years)"
            )

    return check


class ServiceForm(GovukMessagesMixin, forms.ModelForm):
    url = forms.URLField(
        label="Website (optional)", max_length=500, required=False, assume_scheme="https"
    )
    # When the editor opened the form: a save over someone else's later save is refused.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    delivery_modes = forms.MultipleChoiceField(
        label="How it is delivered (optional)",
        choices=DeliveryMode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "provider",
            "description",
            "status",
            "eligibility_description",
            "min_age_months",
            "max_age_months",
            "capacity",
            "waiting_weeks",
            "delivery_modes",
            "url",
            "email",
            "last_reviewed",
        ]
        labels = {
            "name": "Service name",
            "provider": "Provider organisation",
            "description": "Description (optional)",
            "eligibility_description": "Who it is for (optional)",
            "min_age_months": "Minimum age in months (optional)",
            "max_age_months": "Maximum age in months (optional)",
            "capacity": "Families a year (optional)",
            "waiting_weeks": "Waiting time in weeks (optional)",
            "url": "Website (optional)",
            "email": "Email address (optional)",
            "last_reviewed": "Last reviewed (optional)",
        }
        help_texts = {
            "min_age_months": "Of the child. Use negative numbers for pregnancy: -9 is the start",
            "max_age_months": "For example, 60 for a child's fifth birthday",
            "capacity": "How many families it can support in a year",
        }
        field_classes = {"last_reviewed": DateField}
        widgets = {
            "min_age_months": forms.TextInput(attrs={"class": "govuk-input--width-4"}),
            "max_age_months": forms.TextInput(attrs={"class": "govuk-input--width-4"}),
            "capacity": forms.TextInput(
                attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}
            ),
            "waiting_weeks": forms.TextInput(
                attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}
            ),
            "status": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "eligibility_description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, partnership: Partnership, terms: dict[str, list[Term]], **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["provider"].queryset = partnership.organisations.all()
        self.fields["provider"].empty_label = "Choose an organisation"
        self.fields["provider"].error_messages["required"] = "Select the provider organisation"
        self.fields["provider"].error_messages["invalid_choice"] = (
            "Choose an organisation in this partnership"
        )
        self.fields["name"].error_messages["required"] = "Enter the service name"
        self.fields["status"].choices = Status.choices
        self.fields["status"].error_messages["required"] = "Select the service status"
        for name in ("min_age_months", "max_age_months"):
            self.fields[name].error_messages["invalid"] = (
                "Enter the age as a whole number of months"
            )
            self.fields[name].validators.append(ages_within(AGE_MONTHS, self.fields[name]))
        chosen = set(self.instance.terms.values_list("pk", flat=True)) if self.instance.pk else ()
        for code, short, label in TAXONOMIES:
            options = terms[code]
            self.fields[f"terms_{short}"] = forms.TypedMultipleChoiceField(
                label=f"{label} (optional)",
                choices=[(t.pk, t.name) for t in options],
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=[t.pk for t in options if t.pk in chosen],
            )
        self.term_field_names = [f"terms_{short}" for _, short, _ in TAXONOMIES]
        self.fields["locations"] = forms.ModelMultipleChoiceField(
            label="Where it runs (optional)",
            queryset=partnership.locations.all(),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=list(self.instance.locations.all()) if self.instance.pk else [],
        )

        if self.instance.pk:
            self.initial["seen"] = self.instance.modified.isoformat()

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            latest = Service.objects.filter(pk=self.instance.pk).values_list("modified", flat=True)
            latest = latest.first()
            if latest and cleaned.get("seen") != latest.isoformat():
                # Shown again with the editor's own values, now marked as seen the latest
                # version, so saving once more is a deliberate choice to overwrite it.
                self.data = self.data.copy()
                self.data["seen"] = latest.isoformat()
                raise ValidationError(
                    "Someone else saved changes to this service after you opened it. Check "
                    "the service page in another tab, then save again to keep your version"
                )
        return cleaned

    def chosen_terms(self) -> list[int]:
        return [pk for name in self.term_field_names for pk in self.cleaned_data[name]]

    def save(self, commit: bool = True) -> Service:
        service = super().save(commit=False)
        # HSDS ages are years; keep them in step with the months the form edits.
        service.minimum_age = years(service.min_age_months)
        service.maximum_age = years(service.max_age_months)
        # Saved as shown, it writes nothing: `modified` is what other editors' saves are
        # checked against, and a save that changed nothing must not refuse theirs.
        if commit and (service._state.adding or self.has_changed()):
            service.save()
            service.terms.set(self.chosen_terms())
            service.locations.set(self.cleaned_data["locations"])
        return service


def years(months: int | None) -> Decimal | None:
    return None if months is None else round(Decimal(months) / 12, 2)


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
    thin = forms.IntegerField(
        label="Mark a cell as thin when it has this many services or fewer",
        min_value=0,
        max_value=50,
        required=False,
    )

    def axes(self) -> tuple[str, str, int]:
        """The chosen row and column taxonomy codes and threshold, falling back to the default."""
        data = self.cleaned_data if self.is_valid() else {}
        rows = axis_code(data.get("rows") or "level")
        cols = axis_code(data.get("cols") or "thrive")
        if rows == cols:
            cols = "thrive" if rows != "thrive" else LEVEL
        thin = data.get("thin")
        return rows, cols, 1 if thin is None else thin


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
