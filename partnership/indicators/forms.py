from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnership.forms import GovukMessagesMixin
from partnership.indicators.models import BUILT_IN, Indicator


class IndicatorFileForm(GovukMessagesMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Indicator file (CSV)"),
        error_messages={
            "required": gettext_lazy("Select the file to load"),
            "empty": gettext_lazy("The selected file is empty"),
        },
    )
    indicator = forms.ChoiceField(
        label=gettext_lazy("Indicator the figures are for"),
        required=False,
        help_text=gettext_lazy(
            "Only for a simple file of Area code, Period and Value. "
            "A Fingertips file names its own indicators."
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check the file without saving anything"), required=False
    )

    def __init__(self, *args, local: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(Indicator.objects.values_list("code", "name"))
        # Cradle's own indicators in the reader's language.
        names.update({code: _(fields["name"]) for code, fields in BUILT_IN.items()})
        choices = sorted(names.items(), key=lambda item: (item[0] not in BUILT_IN, item[1]))
        field = self.fields["indicator"]
        if local:
            field.required = True
            field.error_messages["required"] = _("Select the indicator the figures are for")
            field.help_text = _("The file has the columns Area code, Period and Value.")
            field.choices = [("", _("Choose an indicator")), *choices]
        else:
            field.choices = [("", _("None: a Fingertips file")), *choices]


class KeyIndicatorsForm(GovukMessagesMixin, forms.Form):
    indicators = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Indicators to show on the dashboard"),
        queryset=Indicator.objects.exclude(code__in=BUILT_IN),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Births and children under five are always shown."),
    )
