"""Labels and hints are text: a label built from a library title (an element's, a taxonomy's)
shows its markup as characters, whatever kind of field carries it (Cradle's GOV.UK field
templates escape what crispy-forms-gds's own mark safe)."""

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.utils import render_crispy_form
from django import forms

TITLE = 'Plans <b>bold</b> & "strategy"'


class Marked(forms.Form):
    text = forms.CharField(label=TITLE, help_text=f"Hint {TITLE}", max_length=500)
    choice = forms.ChoiceField(label=TITLE, choices=[("a", "A")], widget=forms.RadioSelect)
    ticks = forms.MultipleChoiceField(
        label=TITLE, choices=[("a", "A")], widget=forms.CheckboxSelectMultiple
    )
    tick = forms.BooleanField(label=TITLE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


@pytest.mark.parametrize("name", ["text", "choice", "ticks", "tick"])
def test_a_label_with_markup_is_shown_as_text(name):
    form = Marked()
    form.fields = {name: form.fields[name]}
    html = render_crispy_form(form)
    assert "<b>bold</b>" not in html
    assert "Plans &lt;b&gt;bold&lt;/b&gt; &amp;" in html
