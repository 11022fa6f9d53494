"""Adding and changing a service: one page, its placement on the continuum first.

A lead entering a service map from a spreadsheet places each service and moves on, so the
page asks where the service sits before anything else, then what it is, who can use it and
how to reach it; the themes, programmes and factors that fewer services carry wait behind a
"details" the lead opens when they apply (it is open whenever one of them is chosen).
"""

from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout, Size
from crispy_forms_gds.layout.containers import Div
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from continuum.models import DeliveryMode, Service, Status, Term
from continuum.taxonomies import TAXONOMIES
from partnership.forms import DateField, GovukMessagesMixin
from partnership.models import Partnership

# Ages a service is for, in months of the child: from conception (-9) to 25 years, the oldest
# age at which support for a young person with special educational needs can go on. Imported
# feeds keep what they say ("all ages" is often 99 years); only a person typing is held to it.
AGE_MONTHS = (-9, 300)

# The page's sections, in order: (heading, questions). `terms_<short>` are taxonomy
# checkboxes; a pair of short questions sits side by side on a wide screen.
PLACEMENT = ["terms_level", "terms_thrive", "terms_audience"]
SECTIONS = [
    (_("About the service"), ["name", "provider", "status", "description"]),
    (
        _("Who can use it, and how"),
        [
            "eligibility_description",
            ("min_age_months", "max_age_months"),
            *("terms_age", "terms_reach", "delivery_modes", "locations"),
            ("capacity", "waiting_weeks"),
        ],
    ),
    (_("Contact and review"), ["url", "email", "last_reviewed"]),
]
# Behind "details", each open when one of its terms is chosen: fewer services carry them.
MORE = [
    (_("NEST themes and national programmes (optional)"), ["terms_nest", "terms_programme"]),
    (_("Risk factors and protective factors (optional)"), ["terms_risk", "terms_protective"]),
]


def names(questions: list) -> list[str]:
    return [name for q in questions for name in ((q,) if isinstance(q, str) else q)]


# Each age question's message when the age is out of bounds, as a whole sentence.
AGE_BOUNDS_MESSAGES = {
    "min_age_months": _(
        "Minimum age must be between -9 months (the start of pregnancy) and "
        "%(oldest)s months (25 years)"
    ),
    "max_age_months": _(
        "Maximum age must be between -9 months (the start of pregnancy) and "
        "%(oldest)s months (25 years)"
    ),
}


def ages_within(bounds: tuple[int, int], name: str):
    message = AGE_BOUNDS_MESSAGES[name]

    def check(months: int) -> None:
        if not bounds[0] <= months <= bounds[1]:
            raise ValidationError(message % {"oldest": bounds[1]})

    return check


class Section(Div):
    """A heading and its questions; `hint` says how to answer them all."""

    template = "continuum/layout/section.html"

    def __init__(self, heading: str, *fields, hint: str = "", **kwargs):
        super().__init__(*fields, **kwargs)
        self.heading, self.hint = heading, hint


class Details(Div):
    """A GOV.UK details component holding optional questions."""

    template = "continuum/layout/details.html"

    def __init__(self, summary: str, *fields, open: bool = False, **kwargs):
        super().__init__(*fields, **kwargs)
        self.summary, self.open = summary, open


class ServiceForm(GovukMessagesMixin, forms.ModelForm):
    url = forms.URLField(
        label=_("Website (optional)"),
        help_text=_("For example, https://www.example.org/baby-massage"),
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(
            attrs={"class": "govuk-input", "spellcheck": "false", "autocomplete": "url"}
        ),
    )
    last_reviewed = DateField(label=_("Last reviewed (optional)"), required=False)
    # When the editor opened the form: a save over someone else's later save is refused.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    delivery_modes = forms.MultipleChoiceField(
        label=_("How it is delivered (optional)"),
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
            "name": _("Service name"),
            "provider": _("Provider organisation"),
            "description": _("Description (optional)"),
            # "Who it is for" is the audience question in the placement; this is the rest.
            "eligibility_description": _("Eligibility (optional)"),
            "min_age_months": _("Minimum age in months (optional)"),
            "max_age_months": _("Maximum age in months (optional)"),
            "capacity": _("Families a year (optional)"),
            "waiting_weeks": _("Waiting time in weeks (optional)"),
            "email": _("Email address (optional)"),
        }
        help_texts = {
            "eligibility_description": _(
                "Anything else that decides who can use it, such as where families live or "
                "whether they need a referral"
            ),
            "min_age_months": _(
                "Of the child. Use negative numbers for pregnancy: -9 is the start"
            ),
            "max_age_months": _("For example, 60 for a child's fifth birthday"),
            "capacity": _("How many families it can support in a year"),
            "waiting_weeks": _("Usually, from referral to first contact"),
        }
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
        self.fields["provider"].empty_label = _("Choose an organisation")
        self.fields["provider"].error_messages["required"] = _("Select the provider organisation")
        self.fields["provider"].error_messages["invalid_choice"] = _(
            "Choose an organisation in this partnership"
        )
        self.fields["name"].error_messages["required"] = _("Enter the service name")
        self.fields["status"].choices = Status.choices
        self.fields["status"].error_messages["required"] = _("Select the service status")
        for name in ("min_age_months", "max_age_months"):
            self.fields[name].error_messages["invalid"] = _(
                "Enter the age as a whole number of months"
            )
            self.fields[name].validators.append(ages_within(AGE_MONTHS, name))
        chosen = set(self.instance.terms.values_list("pk", flat=True)) if self.instance.pk else ()
        for code, short, label in TAXONOMIES:
            options = terms[code]
            self.fields[f"terms_{short}"] = forms.TypedMultipleChoiceField(
                label=gettext("%(taxonomy)s (optional)") % {"taxonomy": label},
                choices=[(t.pk, t.name) for t in options],
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=[t.pk for t in options if t.pk in chosen],
            )
        self.term_field_names = [f"terms_{short}" for _code, short, _label in TAXONOMIES]
        self.fields["locations"] = forms.ModelMultipleChoiceField(
            label=_("Where it runs (optional)"),
            queryset=partnership.locations.all(),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=list(self.instance.locations.all()) if self.instance.pk else [],
        )
        # The error summary lists problems in the order the page asks the questions.
        questions = [*PLACEMENT, *(q for _heading, qs in SECTIONS + MORE for q in qs)]
        self.order_fields([*names(questions), "seen"])

        if self.instance.pk:
            self.initial["seen"] = self.instance.modified.isoformat()

    @property
    def helper(self) -> FormHelper:
        helper = super().helper
        helper.layout = Layout(
            Section(
                gettext("Where it sits on the continuum"),
                HTML('{% include "continuum/_feed_description.html" with service=form.instance %}'),
                *(self.question(name) for name in PLACEMENT),
                hint=gettext(
                    "Choose the levels of need it is designed to meet, its THRIVE groupings "
                    "and who it is for. You can choose more than one in each group."
                ),
            ),
            *(Section(heading, *map(self.question, questions)) for heading, questions in SECTIONS),
            *(
                Details(summary, *map(self.question, questions), open=self.filled(questions))
                for summary, questions in MORE
            ),
            Field("seen"),
        )
        return helper

    def filled(self, questions: list[str]) -> bool:
        """Whether any of these questions has an answer or a problem to show."""
        return any(self[name].value() or self.errors.get(name) for name in questions)

    def question(self, name: str | tuple[str, str]) -> Field | Div:
        """One question as the page shows it: checkbox groups small, with a bold legend."""
        if not isinstance(name, str):
            half = "govuk-grid-column-one-half"
            return Div(
                *(Div(self.question(n), css_class=half) for n in name), css_class="govuk-grid-row"
            )
        field = self.fields[name]
        if isinstance(field.widget, forms.CheckboxSelectMultiple):
            return Field.checkboxes(name, legend_size=Size.SMALL, small=True)
        if isinstance(field.widget, forms.RadioSelect):
            return Field.radios(name, legend_size=Size.SMALL, small=True, inline=True)
        shown = self.layout_field(name, field)
        shown.context["label_size"] = Size.for_label(Size.SMALL)
        # crispy-forms-gds marks only text boxes, lists and text areas in red when wrong.
        marked_here = forms.URLInput | forms.EmailInput | forms.DateInput
        if self.errors.get(name) and isinstance(field.widget, marked_here):
            shown.add_class("govuk-input--error")
        return shown

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
                    gettext(
                        "Someone else saved changes to this service after you opened it. Check "
                        "the service page in another tab, then save again to keep your version"
                    )
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
