"""Forms of a round: opening it, its scope, ratings, agreed ratings, barriers and actions."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import (
    EVIDENCE_LIMIT,
    LINKS_LIMIT,
    Action,
    ActionStatus,
    AgreedRating,
    Assessment,
    Element,
    EvidenceStrength,
    Framework,
    Response,
    ScaleLevel,
)
from partnership.forms import DateField, GovukMessagesMixin

NOT_APPLICABLE = "na"
DONT_KNOW = "dk"


class RoundForm(GovukMessagesMixin, forms.Form):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.active(),
        label=gettext_lazy("Framework"),
        empty_label=gettext_lazy("Choose a framework"),
        error_messages={"required": gettext_lazy("Select framework")},
    )
    name = forms.CharField(
        label=gettext_lazy("Round name"),
        max_length=200,
        help_text=gettext_lazy("For example, Baseline, spring 2027"),
        error_messages={"required": gettext_lazy("Enter round name")},
    )
    closing_date = DateField(
        label=gettext_lazy("Closing date for ratings"),
        error_messages={
            "required": gettext_lazy("Enter closing date for ratings"),
        },
    )
    anonymous = forms.TypedChoiceField(
        label=gettext_lazy("Can the lead see who gave each rating?"),
        choices=[
            ("0", gettext_lazy("Yes, ratings are named")),
            ("1", gettext_lazy("No, ratings are anonymous to the lead")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select whether ratings are named or anonymous")},
    )

    def clean_closing_date(self):
        closing = self.cleaned_data["closing_date"]
        if closing < timezone.localdate():
            raise ValidationError(_("The closing date must be today or in the future"))
        return closing


class ScopeForm(GovukMessagesMixin, forms.Form):
    element = forms.ModelChoiceField(
        queryset=Element.objects.none(),
        label=gettext_lazy("Element"),
        empty_label=gettext_lazy("Choose an element"),
        error_messages={"required": gettext_lazy("Select element")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Why it is out of scope"),
        max_length=500,
        help_text=gettext_lazy("For example, commissioned and assessed by the region"),
        error_messages={"required": gettext_lazy("Enter why it is out of scope")},
    )

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["element"].queryset = assessment.framework.elements.all()


def answer_digest(level: str, evidence: str, links: str, strength: str) -> str:
    """A fingerprint of the answer a page showed, to tell which elements the person changed.

    Only changed elements are saved, so a page left open never writes back old values.
    """
    text = "\x1f".join(
        [level, evidence.replace("\r\n", "\n"), links.replace("\r\n", "\n"), strength]
    )
    return hashlib.sha256(text.encode()).hexdigest()


def response_level_code(response: Response | None) -> str:
    if response is None:
        return ""
    if response.not_applicable:
        return NOT_APPLICABLE
    if response.dont_know:
        return DONT_KNOW
    return str(response.level.value) if response.level_id else ""


class AnswerForm(forms.Form):
    """One element on the rating page; its prefix is the element's id."""

    level = forms.ChoiceField(required=False, widget=forms.RadioSelect)
    evidence = forms.CharField(required=False, widget=forms.Textarea)
    links = forms.CharField(required=False, widget=forms.Textarea)
    strength = forms.ChoiceField(
        required=False, choices=[("", "")] + EvidenceStrength.choices, widget=forms.RadioSelect
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    digest = forms.CharField(required=False, widget=forms.HiddenInput)
    use_saved = forms.BooleanField(required=False)

    def __init__(self, *args, element: Element, levels: list[ScaleLevel], scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.element = element
        self.scale = scale
        self.levels = {str(level.value): level for level in levels}
        choices = [(value, level.label) for value, level in self.levels.items()]
        if scale.allows_not_applicable:
            choices.append((NOT_APPLICABLE, _("Not applicable")))
        if scale.allows_dont_know:
            choices.append((DONT_KNOW, _("Don’t know")))
        title = element.title
        self.fields["level"].choices = [("", "")] + choices
        self.fields["level"].error_messages["invalid_choice"] = _(
            "Select a rating on the scale for %(title)s"
        ) % {"title": title}
        self.fields["strength"].error_messages["invalid_choice"] = _(
            "Select how strong the evidence for %(title)s is"
        ) % {"title": title}
        self.fields["evidence"].max_length = EVIDENCE_LIMIT
        self.fields["evidence"].validators.append(
            _limit(
                EVIDENCE_LIMIT,
                _("Evidence for %(title)s must be 10,000 characters or fewer") % {"title": title},
            )
        )
        self.fields["links"].validators.append(
            _limit(
                LINKS_LIMIT,
                _("Links for %(title)s must be 2,000 characters or fewer") % {"title": title},
            )
        )

    def clean(self):
        data = super().clean()
        if not data.get("level") and (data.get("evidence") or data.get("strength")):
            self.add_error(
                "level", _("Select a rating for %(title)s") % {"title": self.element.title}
            )
        return data

    @property
    def changed(self) -> bool:
        data = self.cleaned_data
        digest = answer_digest(data["level"], data["evidence"], data["links"], data["strength"])
        return digest != data.get("digest") and not data.get("use_saved")

    def answer_values(self) -> dict:
        code = self.cleaned_data["level"]
        return {
            "level": self.levels.get(code),
            "not_applicable": code == NOT_APPLICABLE,
            "dont_know": code == DONT_KNOW,
            "evidence": self.cleaned_data["evidence"],
            "links": self.cleaned_data["links"],
            "strength": self.cleaned_data["strength"],
        }


def _limit(limit: int, message: str):
    def check(value: str) -> None:
        if len(value) > limit:
            raise ValidationError(message)

    return check


def answer_initial(response: Response | None) -> dict:
    code = response_level_code(response)
    evidence = response.evidence if response else ""
    links = response.links if response else ""
    strength = response.strength if response else ""
    return {
        "level": code,
        "evidence": evidence,
        "links": links,
        "strength": strength,
        "version": response.version if response else 0,
        "digest": answer_digest(code, evidence, links, strength),
    }


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, level: ScaleLevel) -> str:
        return f"{level.value}: {level.label}"


class AgreedRatingForm(GovukMessagesMixin, forms.ModelForm):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    level = LevelChoiceField(
        queryset=ScaleLevel.objects.none(),
        label=gettext_lazy("Agreed level"),
        widget=forms.RadioSelect,
    )
    target_level = LevelChoiceField(
        queryset=ScaleLevel.objects.none(),
        label=gettext_lazy("Target level (optional)"),
        required=False,
        empty_label=gettext_lazy("No target"),
    )
    target_date = DateField(label=gettext_lazy("Target date (optional)"), required=False)

    class Meta:
        model = AgreedRating
        fields = ["level", "rationale", "dissent", "target_level", "target_date"]
        labels = {
            "rationale": gettext_lazy("Why the partnership agreed this level"),
            "dissent": gettext_lazy("Dissent (optional)"),
        }
        help_texts = {
            "dissent": gettext_lazy("Any partner's disagreement, in their words (optional)")
        }
        widgets = {
            "rationale": forms.Textarea(attrs={"rows": 4}),
            "dissent": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        levels = assessment.framework.scale.levels.all()
        self.fields["level"].queryset = levels
        self.fields["target_level"].queryset = levels
        self.fields["level"].error_messages["required"] = _("Select the agreed level")
        self.fields["rationale"].error_messages["required"] = _(
            "Enter why the partnership agreed it"
        )
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0

    def clean(self):
        data = super().clean()
        level, target = data.get("level"), data.get("target_level")
        if level and target and target.value < level.value:
            self.add_error("target_level", _("The target cannot be below the agreed level"))
        if data.get("target_date") and not target:
            self.add_error("target_level", _("Select a target level for the target date"))
        return data


class AgreementForm(forms.Form):
    """One element on the one-page workshop; its prefix is the element's id.

    Levels are plain values, not querysets: ten elements cost no query each. An element left
    without a level is not agreed by this save.
    """

    level = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, widget=forms.RadioSelect
    )
    target_level = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    target_date = DateField(required=False, help_text="")
    rationale = forms.CharField(
        required=False, max_length=EVIDENCE_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, element: Element, levels: list[ScaleLevel], **kwargs):
        super().__init__(*args, **kwargs)
        self.element = element
        self.levels = {level.value: level for level in levels}
        title = element.title
        choices = [(str(level.value), str(level)) for level in levels]
        self.fields["level"].choices = choices
        self.fields["level"].label = _("Agreed level for %(title)s") % {"title": title}
        self.fields["target_level"].choices = [("", _("No target"))] + choices
        self.fields["target_level"].label = _("Target level for %(title)s (optional)") % {
            "title": title
        }
        self.fields["target_date"].label = _("Target date for %(title)s (optional)") % {
            "title": title
        }
        self.fields["rationale"].label = _(
            "Why the partnership agreed this level for %(title)s"
        ) % {"title": title}
        for field in self.fields.values():
            GovukMessagesMixin.govuk_rules(field)
        for name in ("level", "target_level"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Select a level on the scale for %(title)s"
            ) % {"title": title}

    def clean(self):
        data = super().clean()
        title = self.element.title
        level, target = data.get("level"), data.get("target_level")
        if level is None:
            if data.get("rationale") or target is not None or data.get("target_date"):
                self.add_error(
                    "level", _("Select the agreed level for %(title)s") % {"title": title}
                )
            return data
        if not data.get("rationale", "").strip() and "rationale" not in self.errors:
            self.add_error(
                "rationale",
                _("Enter why the partnership agreed this level for %(title)s") % {"title": title},
            )
        if target is not None and target < level:
            self.add_error(
                "target_level",
                _("The target for %(title)s cannot be below its level") % {"title": title},
            )
        if data.get("target_date") and target is None:
            self.add_error(
                "target_level",
                _("Select a target level for the target date of %(title)s") % {"title": title},
            )
        return data

    @property
    def agreed(self) -> bool:
        return self.cleaned_data.get("level") is not None

    def agreement(self) -> dict:
        """What the form says, as `agreement.Agreement` takes it."""
        data = self.cleaned_data
        target = data["target_level"]
        return {
            "element": self.element,
            "version": data["version"],
            "level": self.levels[data["level"]],
            "rationale": data["rationale"],
            "target_level": self.levels[target] if target is not None else None,
            "target_date": data["target_date"],
        }


class BarrierForm(GovukMessagesMixin, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Barrier"),
        error_messages={"required": gettext_lazy("Enter barrier")},
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActionForm(GovukMessagesMixin, forms.ModelForm):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput, required=False)
    due_date = DateField(
        label=gettext_lazy("Due date"),
        error_messages={
            "required": gettext_lazy("Enter due date"),
        },
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "owner_organisation",
            "owner_name",
            "due_date",
            "status",
            "progress_note",
        ]
        labels = {
            "title": gettext_lazy("Action"),
            "owner_organisation": gettext_lazy("Owner organisation"),
            "owner_name": gettext_lazy("Named owner"),
            "progress_note": gettext_lazy("Progress (optional)"),
            "status": gettext_lazy("Status"),
        }
        error_messages = {
            "title": {"required": gettext_lazy("Enter action")},
            "owner_organisation": {"required": gettext_lazy("Select owner organisation")},
            "owner_name": {"required": gettext_lazy("Enter named owner")},
            "status": {"required": gettext_lazy("Select status")},
        }
        help_texts = {
            "progress_note": gettext_lazy(
                "What has happened since the last update. Earlier notes stay in the history."
            )
        }
        widgets = {"status": forms.RadioSelect, "progress_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = partnership.organisations.all()
        self.fields["owner_organisation"].empty_label = _("Choose an organisation")
        self.fields["status"].choices = ActionStatus.choices
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["status"]
            del self.fields["progress_note"]

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if not self.instance.pk and due < timezone.localdate():
            raise ValidationError(_("The due date must be today or in the future"))
        return due
