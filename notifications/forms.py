from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import FIELDS, OPTIONAL, Kind, Preferences
from partnership.forms import GovukMessagesMixin

CHOICES = [
    (Kind.ROUND_OPENED.value, _("When a round I rate opens")),
    (
        Kind.CLOSING_SOON.value,
        _("Three days before a round closes, if I have not finished rating"),
    ),
    (Kind.WEEKLY_DIGEST.value, _("A weekly summary on Mondays of the partnerships I lead")),
]


class PreferencesForm(GovukMessagesMixin, forms.Form):
    send = forms.MultipleChoiceField(
        label=_("Which emails do you want?"),
        choices=CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply."),
        error_messages={"invalid_choice": _("Select only the emails listed")},
    )

    @staticmethod
    def initial_for(preferences: Preferences) -> dict:
        return {"send": [kind.value for kind in OPTIONAL if preferences.receives(kind)]}

    def apply(self, preferences: Preferences) -> list[str]:
        """Set the preference fields from the form; return the names of those that changed."""
        chosen = set(self.cleaned_data["send"])
        changed = []
        for kind, name in FIELDS.items():
            wanted = kind.value in chosen
            if getattr(preferences, name) != wanted:
                setattr(preferences, name, wanted)
                changed.append(name)
        return changed
