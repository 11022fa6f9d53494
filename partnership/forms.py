import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnership.language import language_of
from partnership.models import (
    Area,
    Membership,
    Organisation,
    Partnership,
    ProposalStatus,
    Role,
    Sector,
    User,
    validate_gss_code,
)
from partnership.wording import in_sentence

DATE_FORMAT = "%Y-%m-%d"
DATE_HELP = gettext_lazy("For example, 2027-03-31")
# A count of characters left is shown on text fields whose limit someone might reach by
# typing (names, notes, longer texts); short codes such as postcodes are checked only.
COUNTED_FROM = 100


class DateField(forms.DateField):
    """Every date in Cradle, entered and shown as year-month-day.

    A `type="date"` box takes only ISO values: the en-GB format (30/06/2028) shows as an empty
    box, and saving the form then loses the date.
    """

    widget = forms.DateInput(
        format=DATE_FORMAT, attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
    )
    input_formats = [DATE_FORMAT]

    def __init__(self, *, help_text: str = DATE_HELP, **kwargs):
        super().__init__(help_text=help_text or DATE_HELP, **kwargs)


# Control characters (category Cc) and the Unicode line and paragraph separators.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def refuse(pattern: re.Pattern, message: str):
    def check(value: str) -> None:
        if pattern.search(value):
            raise ValidationError(message, code="control")

    return check


def field_name(field: forms.Field) -> str:
    """The field's label as the subject of a message: "Service name must be ..."."""
    label = str(field.label or "")
    for optional in (" (optional)", " " + _("(optional)")):
        label = label.replace(optional, "")
    return label[:1].upper() + label[1:]


class GovukMessagesMixin:
    """Error messages in GOV.UK style, and the rules every form's fields share.

    "Enter your email address", not "This field is required": a field's own `required`
    message wins; otherwise the message is built from its label. Text is refused, with a
    message naming the field, when it is longer than the field's limit or holds control
    characters (line breaks too, outside multi-line boxes: a name ends up in email headers).
    Each message is one whole sentence with the label as a named value, so that Welsh can
    place it where its grammar allows; forms are built per request, so in its language.
    The browser never cuts text off at the limit; longer limits show a character count.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            self.govuk_rules(field)

    @staticmethod
    def govuk_rules(field: forms.Field) -> None:
        label = in_sentence(str(field.label or ""))
        name = field_name(field)
        if field.error_messages.get("required") in (
            None,
            forms.Field.default_error_messages["required"],
        ):
            if isinstance(field, forms.ChoiceField):
                required = _("Select %(label)s") % {"label": label}
            else:
                required = _("Enter %(label)s") % {"label": label}
            field.error_messages["required"] = required
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = _(
                "Enter an email address in the correct format, like name@example.org"
            )
        if isinstance(field, forms.URLField):
            field.error_messages["invalid"] = _(
                "Enter a web address in the correct format, like https://www.example.org"
            )
        if isinstance(field, forms.DateField):
            field.error_messages["invalid"] = _("%(name)s must be a real date, like 2027-03-31") % {
                "name": name
            }
        if isinstance(field, forms.IntegerField):
            # Django fills in %(limit_value)s when it raises the message: it is kept for it.
            values = {"name": name, "limit_value": "%(limit_value)s"}
            field.error_messages["invalid"] = _("%(name)s must be a whole number") % values
            field.error_messages["min_value"] = (
                _("%(name)s must be %(limit_value)s or more") % values
            )
            field.error_messages["max_value"] = (
                _("%(name)s must be %(limit_value)s or fewer") % values
            )
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
            GovukMessagesMixin.text_rules(field, name)

    @staticmethod
    def text_rules(field: forms.CharField, name: str) -> None:
        if field.max_length is not None:
            field.error_messages["max_length"] = _(
                "%(name)s must be %(limit)s characters or fewer"
            ) % {"name": name, "limit": f"{field.max_length:,}"}
            field.widget.attrs.pop("maxlength", None)
        # Django's own check for NUL is covered by the rule below, with a clearer message.
        field.validators = [
            v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        if isinstance(field.widget, forms.Textarea):
            message = _("%(name)s must not include hidden characters") % {"name": name}
            field.validators.append(refuse(CONTROL_IN_TEXT, message))
        else:
            message = _(
                "%(name)s must be on one line, with no line breaks or hidden characters"
            ) % {"name": name}
            field.validators.append(refuse(CONTROL, message))

    @property
    def helper(self) -> FormHelper:
        """How `{% crispy form %}` draws the fields: a character count where one helps."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(*(self.layout_field(n, f) for n, f in self.fields.items()))
        return helper

    def layout_field(self, name: str, field: forms.Field) -> Field:
        counted = (
            isinstance(field, forms.CharField)
            and (field.max_length or 0) >= COUNTED_FROM
            and isinstance(field.widget, forms.TextInput | forms.Textarea)
            and not isinstance(field.widget, forms.EmailInput | forms.URLInput)
        )
        if not counted:
            return Field(name)
        # crispy-forms-gds adds the count's message to a description it expects to exist.
        field.widget.attrs.setdefault("aria-describedby", "")
        return Field(
            name,
            css_class="govuk-js-character-count",
            context={"max_characters": field.max_length},
        )


class SignInForm(GovukMessagesMixin, auth_forms.AuthenticationForm):
    # The same message whether the email is unknown or the password wrong, so the form
    # does not tell an attacker which accounts exist.
    error_messages = {
        "invalid_login": gettext_lazy("Enter a correct email address and password"),
        "inactive": gettext_lazy("Enter a correct email address and password"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = gettext_lazy("Email address")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "autofocus": True}
        )
        self.fields["username"].error_messages["required"] = gettext_lazy(
            "Enter your email address"
        )
        self.fields["password"].label = gettext_lazy("Password")
        self.fields["password"].error_messages["required"] = gettext_lazy("Enter your password")


class PasswordChangeForm(GovukMessagesMixin, auth_forms.PasswordChangeForm):
    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": gettext_lazy("Your current password is not right. Enter it again"),
        "password_mismatch": gettext_lazy("The two new passwords do not match"),
    }

    def __init__(self, *args, request: HttpRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["old_password"].error_messages["required"] = gettext_lazy(
            "Enter your current password"
        )
        new_password_messages(self)

    def clean_old_password(self) -> str:
        # Through authenticate(), so that a wrong guess here counts towards the sign-in lockout,
        # and a locked-out account cannot go on guessing here instead.
        old_password = self.cleaned_data["old_password"]
        if authenticate(self.request, username=self.user.email, password=old_password) is None:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class PasswordResetForm(GovukMessagesMixin, auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = gettext_lazy("Email address")
        self.fields["email"].error_messages["required"] = gettext_lazy("Enter your email address")

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # In the language the person chose, where they have chosen one; otherwise in the
        # language the reset was asked for in, which is active while this runs.
        with translation.override(language_of(context["user"], translation.get_language())):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class SetPasswordForm(GovukMessagesMixin, auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": gettext_lazy("The two passwords do not match")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        new_password_messages(self)


def new_password_messages(form: forms.Form) -> None:
    """Cradle's words for the two new-password boxes: the messages GovukMessagesMixin would
    build from Django's labels read oddly in English ("Enter new password confirmation") and
    mix the languages in Welsh, and Django's own Welsh lacks "Enter the same password as
    before"."""
    form.fields["new_password1"].error_messages["required"] = gettext_lazy(
        "Enter your new password"
    )
    form.fields["new_password2"].help_text = gettext_lazy("Enter the same password again")
    form.fields["new_password2"].error_messages["required"] = gettext_lazy(
        "Enter your new password again"
    )


def split_codes(text: str) -> list[str]:
    return [code.upper() for code in re.split(r"[\s,;]+", text) if code]


class PartnershipForm(GovukMessagesMixin, forms.ModelForm):
    area_codes = forms.CharField(
        label=gettext_lazy("Area GSS codes"),
        required=False,
        help_text=gettext_lazy(
            "The ONS codes of the areas this partnership covers, separated by commas, "
            "for example E08000003. The areas decide which commissioners oversee the "
            "partnership, so an admin confirms a change before it applies"
        ),
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )

    class Meta:
        model = Partnership
        fields = ["name", "slug", "nation", "description"]
        labels = {
            "name": gettext_lazy("Partnership name"),
            "slug": gettext_lazy("Web address name"),
            "nation": gettext_lazy("Nation"),
            "description": gettext_lazy("Description"),
        }
        widgets = {"nation": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {"required": gettext_lazy("Enter partnership name")},
            "slug": {"required": gettext_lazy("Enter web address name")},
            "nation": {"required": gettext_lazy("Select nation")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].error_messages["invalid"] = _(
            "Web address name must only include lowercase letters, numbers and hyphens"
        )
        if self.instance.pk and not self.is_bound:
            waiting = self.instance.area_proposals.filter(status=ProposalStatus.PENDING).first()
            areas = (waiting or self.instance).areas.order_by("gss_code")
            self.initial["area_codes"] = ", ".join(areas.values_list("gss_code", flat=True))

    def clean_area_codes(self) -> list[Area]:
        codes = split_codes(self.cleaned_data["area_codes"])
        problems = []
        for code in codes:
            try:
                validate_gss_code(code)
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            raise ValidationError(problems)
        areas = {area.gss_code: area for area in Area.objects.filter(gss_code__in=codes)}
        unknown = [code for code in codes if code not in areas]
        if unknown:
            raise ValidationError(
                _("No area has the code %(codes)s. Check the code, or ask an admin to add the area")
                % {"codes": ", ".join(unknown)}
            )
        return list(areas.values())


class OrganisationForm(GovukMessagesMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "sector", "website"]
        labels = {"name": gettext_lazy("Organisation name"), "sector": gettext_lazy("Sector")}
        widgets = {"sector": forms.RadioSelect}
        error_messages = {
            "name": {"required": gettext_lazy("Enter organisation name")},
            "sector": {"required": gettext_lazy("Select sector")},
        }

    website = forms.URLField(
        label=gettext_lazy("Website (optional)"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["sector"].choices = Sector.choices

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Organisation.objects.filter(partnership=self.partnership, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This partnership already has an organisation with this name"))
        return name

    def save(self, commit: bool = True) -> Organisation:
        self.instance.partnership = self.partnership
        return super().save(commit=commit)


class MemberFields(forms.Form):
    """The organisation and role fields that adding and editing a member share."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=gettext_lazy("Organisation they speak for"),
        empty_label=gettext_lazy("Choose an organisation"),
        error_messages={"required": gettext_lazy("Select organisation they speak for")},
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=[
            (Role.LEAD, Role.LEAD.label),
            (Role.CONTRIBUTOR, Role.CONTRIBUTOR.label),
            (Role.VIEWER, Role.VIEWER.label),
        ],
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Leads manage the partnership and run assessments; contributors rate; viewers read."
        ),
        error_messages={"required": gettext_lazy("Select role")},
    )

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["organisation"].queryset = partnership.organisations.all()


class MemberAddForm(GovukMessagesMixin, MemberFields):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": gettext_lazy("Enter email address")},
    )
    full_name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("Needed only if they do not have a Cradle account yet"),
    )
    field_order = ["email", "full_name", "organisation", "role"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.filter(partnership=self.partnership, user__email=email).exists():
            raise ValidationError(
                _("%(email)s is already a member of this partnership") % {"email": email}
            )
        return email

    def clean(self) -> dict:
        cleaned = super().clean()
        email = cleaned.get("email")
        new_account = email and not User.objects.filter(email__iexact=email).exists()
        if new_account and not cleaned.get("full_name", "").strip():
            self.add_error(
                "full_name",
                _("Enter the full name of %(email)s: they are new to Cradle") % {"email": email},
            )
        return cleaned


class MemberEditForm(GovukMessagesMixin, MemberFields):
    def __init__(self, *args, membership: Membership, **kwargs):
        kwargs.setdefault(
            "initial", {"organisation": membership.organisation_id, "role": membership.role}
        )
        super().__init__(*args, partnership=membership.partnership, **kwargs)
        self.membership = membership
