"""The forms a partnership lead uses to adjust the gap rules locally, with a reason."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from continuum.gap_rules import LEVEL, Rules
from continuum.models import GapAdjustment
from continuum.taxonomies import LABEL
from partnership.forms import GovukMessagesMixin

LIBRARY = "library"
EXPECTATIONS = [
    ("expected", _("A service is expected in this cell")),
    ("not-expected", _("No service is expected in this cell")),
    (LIBRARY, _("Use the library's rule again")),
]


class ReasonMixin(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_(
            "Say why, so that the board and the next lead can see it: for example "
            "“the regional unit covers this for our families”"
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Enter the reason for the adjustment")},
    )


def cell_choices(rules: Rules, names: dict[str, dict[str, str]]) -> list:
    """Every cell of every pair of axes the rules list, grouped by pair, with the library's
    expectation beside it."""
    groups = []
    for axis in rules.axes:
        rows, cols = axis["rows"], axis["cols"]
        options = []
        for row, row_name in names.get(rows, {}).items():
            for col, col_name in names.get(cols, {}).items():
                library = Rules(axes=[axis]).expectation(rows, cols, row, col).expected
                names_ = {"row": row_name, "col": col_name}
                if library:
                    text = gettext("%(row)s × %(col)s (library: expected)") % names_
                else:
                    text = gettext("%(row)s × %(col)s (library: not expected)") % names_
                options.append((f"{rows}|{cols}|{row}|{col}", text))
        groups.append(
            (
                gettext("%(rows)s × %(cols)s")
                % {"rows": LABEL.get(rows, rows), "cols": LABEL.get(cols, cols)},
                options,
            )
        )
    return groups


class CellAdjustmentForm(GovukMessagesMixin, ReasonMixin):
    cell = forms.ChoiceField(label=_("Cell of the coverage matrix"))
    expectation = forms.ChoiceField(
        label=_("In this partnership"), choices=EXPECTATIONS, widget=forms.RadioSelect
    )

    field_order = ["cell", "expectation", "reason"]

    def __init__(self, *args, rules: Rules, names: dict[str, dict[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].choices = [("", gettext("Choose a cell")), *cell_choices(rules, names)]
        self.fields["cell"].error_messages["required"] = _("Choose the cell to adjust")
        self.fields["cell"].error_messages["invalid_choice"] = _("Choose a cell from the list")

    def entry(self) -> GapAdjustment:
        rows, cols, row, col = self.cleaned_data["cell"].split("|")
        expectation = self.cleaned_data["expectation"]
        return GapAdjustment(
            rows=rows,
            cols=cols,
            row=row,
            col=col,
            expected=None if expectation == LIBRARY else expectation == "expected",
            withdrawn=expectation == LIBRARY,
            reason=self.cleaned_data["reason"],
        )


class ThresholdAdjustmentForm(GovukMessagesMixin, ReasonMixin):
    level = forms.ChoiceField(label=_("Continuum level"))
    thin_below = forms.IntegerField(
        label=_("Thin below this many services"),
        help_text=_(
            "An expected cell with fewer services than this is thin; 1 means a cell "
            "with any service is never thin. Leave it empty to use the library's threshold "
            "again."
        ),
        min_value=1,
        max_value=50,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )

    field_order = ["level", "thin_below", "reason"]

    def __init__(self, *args, rules: Rules, names: dict[str, dict[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            ("", gettext("Choose a level")),
            *[
                (
                    code,
                    gettext("%(level)s (library: thin below %(threshold)s)")
                    % {"level": name, "threshold": rules.thresholds.get(code, "–")},
                )
                for code, name in names.get(LEVEL, {}).items()
            ],
        ]
        self.fields["level"].error_messages["required"] = _("Choose the level to adjust")
        self.fields["level"].error_messages["invalid_choice"] = _("Choose a level from the list")

    def entry(self) -> GapAdjustment:
        thin_below = self.cleaned_data["thin_below"]
        return GapAdjustment(
            level=self.cleaned_data["level"],
            thin_below=thin_below,
            withdrawn=thin_below is None,
            reason=self.cleaned_data["reason"],
        )
