from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnership.forms import GovukMessagesMixin


class CodeForm(GovukMessagesMixin, forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6 digits your app shows for Cradle, for example 123456"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-5",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Enter the code from your authenticator app")},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise ValidationError(_("Enter the code as 6 digits, for example 123456"))
        return code


class RecoveryCodeForm(GovukMessagesMixin, forms.Form):
    code = forms.CharField(
        label=_("Recovery code"),
        help_text=_("One of the codes you saved when you set up two-step verification"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-10",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Enter a recovery code")},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class ResetForm(GovukMessagesMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The person's sign-in email address"),
        error_messages={"required": _("Enter the person's email address")},
    )
