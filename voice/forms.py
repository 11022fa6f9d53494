"""The survey families fill in (on line, or from paper by staff) and the lead's forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from assessments.models import Action, Assessment
from partnership.forms import DateField, GovukMessagesMixin
from voice.models import (
    EASY_READ_AGREEMENT,
    AgeBand,
    Agreement,
    Comment,
    CommentStatus,
    Relationship,
    Statement,
    StatementSet,
    Survey,
)

COMMENT_LIMIT = 1_000
SCALE_ORDER = [5, 4, 3, 2, 1, 0]


class SurveyAnswersForm(GovukMessagesMixin, forms.Form):
    """Every statement (optional), the comment and the optional questions.

    `website` is a trap: people never see it, and a form that fills it in is a bot's.
    """

    comment = forms.CharField(
        label=gettext_lazy("What one thing would have helped you most?"),
        required=False,
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Please do not write anyone's name."),
    )
    relationship = forms.ChoiceField(
        label=gettext_lazy("Who are you to the child?"),
        required=False,
        choices=Relationship.choices,
        widget=forms.RadioSelect,
    )
    age_band = forms.ChoiceField(
        label=gettext_lazy("How old is the child?"),
        required=False,
        choices=AgeBand.choices,
        widget=forms.RadioSelect,
    )
    locality = forms.ChoiceField(
        label=gettext_lazy("Where do you live?"),
        required=False,
        choices=[],
        widget=forms.RadioSelect,
    )
    website = forms.CharField(
        label=gettext_lazy("Leave this box empty"), required=False, max_length=200
    )

    def __init__(self, *args, survey: Survey, statements: list[Statement], easy_read=False, **kw):
        super().__init__(*args, **kw)
        self.statements = statements
        labels = EASY_READ_AGREEMENT if easy_read else dict(Agreement.choices)
        for statement in statements:
            self.fields[statement.code] = forms.TypedChoiceField(
                label=statement.easy_read if easy_read else statement.text,
                required=False,
                coerce=int,
                choices=[(value, labels[value]) for value in SCALE_ORDER],
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Select one of the answers given")},
            )
        localities = survey.locality_choices()
        self.fields["locality"].choices = [(name, name) for name in localities]
        if not localities:
            del self.fields["locality"]
        for name in ("relationship", "age_band", "locality"):
            if name in self.fields:
                self.fields[name].error_messages["invalid_choice"] = _(
                    "Select one of the answers given"
                )

    def statement_fields(self):
        return [self[statement.code] for statement in self.statements]

    def answers(self) -> dict[Statement, int]:
        return {
            statement: self.cleaned_data[statement.code]
            for statement in self.statements
            if self.cleaned_data.get(statement.code) not in (None, "")
        }

    @property
    def is_trap_filled(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean(self):
        cleaned = super().clean()
        answered = any(cleaned.get(s.code) not in (None, "") for s in self.statements)
        if not self.errors and not answered and not cleaned.get("comment", "").strip():
            raise ValidationError(_("Answer at least one question before you send your answers"))
        return cleaned


class SurveyForm(GovukMessagesMixin, forms.ModelForm):
    """Opening a survey, or changing its dates, cap and summary."""

    opens = DateField(label=gettext_lazy("Opening date"))
    closes = DateField(label=gettext_lazy("Closing date"))

    class Meta:
        model = Survey
        fields = [
            "title",
            "statement_set",
            "assessment",
            "opens",
            "closes",
            "cap",
            "localities",
            "public_summary",
        ]
        labels = {
            "title": gettext_lazy("Survey name"),
            "statement_set": gettext_lazy("Statements"),
            "assessment": gettext_lazy("Round (optional)"),
            "cap": gettext_lazy("Most responses the link takes"),
            "localities": gettext_lazy("Localities (optional)"),
            "public_summary": gettext_lazy(
                "Publish a summary of what families said and what we did"
            ),
        }
        help_texts = {"title": gettext_lazy("For example, Families' views, spring 2027")}
        widgets = {"localities": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement_set"].queryset = StatementSet.objects.all()
        self.fields["statement_set"].empty_label = _("Choose a set of statements")
        self.fields["assessment"].queryset = Assessment.objects.filter(partnership=partnership)
        self.fields["assessment"].empty_label = _("None: a survey standing for the year")
        self.fields["cap"].min_value = 1
        self.fields["cap"].widget.attrs.update({"class": "govuk-input govuk-input--width-5"})
        if self.instance.pk:
            # The statements are fixed once families may have answered them.
            del self.fields["statement_set"]

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens"), cleaned.get("closes")
        if opens and closes and closes < opens:
            self.add_error("closes", _("The closing date must be on or after the opening date"))
        if closes and closes < timezone.localdate() and not self.instance.pk:
            self.add_error("closes", _("The closing date must be today or in the future"))
        cap = cleaned.get("cap")
        if cap is not None and self.instance.pk and cap < self.instance.responses.count():
            self.add_error("cap", _("The cap cannot be below the responses already received"))
        return cleaned


class ModerationForm(GovukMessagesMixin, forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Show or hide this comment"),
        choices=[
            (CommentStatus.SHOWN, pgettext_lazy("a comment", "Show it")),
            (CommentStatus.HIDDEN, gettext_lazy("Hide it")),
        ],
        widget=forms.RadioSelect,
    )


class CitationForm(GovukMessagesMixin, forms.Form):
    action = forms.ModelChoiceField(
        queryset=Action.objects.none(),
        label=gettext_lazy("Action"),
        help_text=gettext_lazy(
            "Families see it on the survey's pages once its round is published."
        ),
    )
    because = forms.ChoiceField(
        label=gettext_lazy("What families said that it answers"), choices=[]
    )

    def __init__(self, *args, survey: Survey, statements, comments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = Action.objects.filter(
            assessment__partnership=survey.partnership_id
        ).order_by("title")
        self.fields["action"].empty_label = _("Choose an action")
        self.fields["because"].choices = (
            [("", _("Choose a statement or a comment"))]
            + [
                (f"statement-{s.pk}", _("Statement: %(text)s") % {"text": s.text})
                for s in statements
            ]
            + [
                (f"comment-{c.pk}", _("Comment: %(text)s") % {"text": c.text[:80]})
                for c in comments
            ]
        )
        self.known = {f"statement-{s.pk}": ("statement", s) for s in statements} | {
            f"comment-{c.pk}": ("comment", c) for c in comments
        }

    def cited(self) -> dict:
        kind, row = self.known[self.cleaned_data["because"]]
        return {kind: row}


def comment_for(form: SurveyAnswersForm, survey: Survey, *, on_paper: bool) -> Comment | None:
    text = form.cleaned_data.get("comment", "").strip()
    return Comment(survey=survey, text=text, on_paper=on_paper) if text else None
