from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnership.forms import GovukMessagesMixin


class ConfirmForm(GovukMessagesMixin, forms.Form):
    """Erasing cannot be undone: the admin types what is erased, exactly, to go on."""

    confirm = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, expected: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected
        self.fields["confirm"].error_messages["required"] = _("Enter %(expected)s to confirm") % {
            "expected": expected
        }

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"].strip()
        if typed.casefold() != self.expected.strip().casefold():
            raise ValidationError(
                _("Enter %(expected)s exactly as shown to confirm") % {"expected": self.expected}
            )
        return typed


class ConfirmPartnershipForm(ConfirmForm):
    confirm = forms.CharField(
        label=gettext_lazy("Type the partnership's name to confirm"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ConfirmPersonForm(ConfirmForm):
    confirm = forms.CharField(
        label=gettext_lazy("Type the person's email address to confirm"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class FindPersonForm(GovukMessagesMixin, forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        # Worded here, not built from the label, so that it reads well in Welsh too.
        error_messages={"required": gettext_lazy("Enter the person's email address")},
    )
