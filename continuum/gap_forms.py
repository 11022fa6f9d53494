"""The forms a partnership lead uses to adjust the gap rules locally, with a reason."""

from django import forms

from continuum.gap_rules import LEVEL, Rules
from continuum.models import GapAdjustment
from continuum.taxonomies import LABEL
from partnership.forms import GovukMessagesMixin

LIBRARY = "library"
EXPECTATIONS = [
    ("expected", "A service is expected in this cell"),
    ("not-expected", "No service is expected in this cell"),
    (LIBRARY, "Use the library's rule again"),
]


class ReasonMixin(forms.Form):
    reason = forms.CharField(
        label="Reason",
        help_text="Say why, so that the board and the next lead can see it: for example "
        "“the regional unit covers this for our families”",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Enter the reason for the adjustment"},
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
                note = "expected" if library else "not expected"
                options.append(
                    (f"{rows}|{cols}|{row}|{col}", f"{row_name} × {col_name} (library: {note})")
                )
        groups.append((f"{LABEL.get(rows, rows)} × {LABEL.get(cols, cols)}", options))
    return groups


class CellAdjustmentForm(GovukMessagesMixin, ReasonMixin):
    cell = forms.ChoiceField(label="Cell of the coverage matrix")
    expectation = forms.ChoiceField(
        label="In this partnership", choices=EXPECTATIONS, widget=forms.RadioSelect
    )

    field_order = ["cell", "expectation", "reason"]

    def __init__(self, *args, rules: Rules, names: dict[str, dict[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].choices = [("", "Choose a cell"), *cell_choices(rules, names)]
        self.fields["cell"].error_messages["required"] = "Choose the cell to adjust"
        self.fields["cell"].error_messages["invalid_choice"] = "Choose a cell from the list"

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
    level = forms.ChoiceField(label="Continuum level")
    thin_below = forms.IntegerField(
        label="Thin below this many services",
        help_text="An expected cell with fewer services than this is thin; 1 means a cell "
        "with any service is never thin. Leave it empty to use the library's threshold again.",
        min_value=1,
        max_value=50,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )

    field_order = ["level", "thin_below", "reason"]

    def __init__(self, *args, rules: Rules, names: dict[str, dict[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            ("", "Choose a level"),
            *[
                (code, f"{name} (library: thin below {rules.thresholds.get(code, '–')})")
                for code, name in names.get(LEVEL, {}).items()
            ],
        ]
        self.fields["level"].error_messages["required"] = "Choose the level to adjust"
        self.fields["level"].error_messages["invalid_choice"] = "Choose a level from the list"

    def entry(self) -> GapAdjustment:
        thin_below = self.cleaned_data["thin_below"]
        return GapAdjustment(
            level=self.cleaned_data["level"],
            thin_below=thin_below,
            withdrawn=thin_below is None,
            reason=self.cleaned_data["reason"],
        )
