from django import forms
from django.core.exceptions import ValidationError

from partnership.forms import GovukMessagesMixin


class ConfirmForm(GovukMessagesMixin, forms.Form):
    """Erasing cannot be undone: the admin types what is erased, exactly, to go on."""

    confirm = forms.CharField(
        label="Name",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, expected: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected
        self.fields["confirm"].error_messages["required"] = f"Enter {expected} to confirm"

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"].strip()
        if typed.casefold() != self.expected.strip().casefold():
            raise ValidationError(f"Enter {self.expected} exactly as shown to confirm")
        return typed


class ConfirmPartnershipForm(ConfirmForm):
    confirm = forms.CharField(
        label="Type the partnership's name to confirm",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ConfirmPersonForm(ConfirmForm):
    confirm = forms.CharField(
        label="Type the person's email address to confirm",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class FindPersonForm(GovukMessagesMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
