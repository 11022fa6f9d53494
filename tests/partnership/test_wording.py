"""A label inside a sentence: lowercased at the start, except an acronym."""

import pytest
from django import forms
from django.utils import translation

from partnership.forms import GovukMessagesMixin
from partnership.wording import in_sentence


@pytest.mark.parametrize(
    "label, shown",
    [
        ("Service name", "service name"),
        ("NHS trust", "NHS trust"),
        ("GSS codes of the areas", "GSS codes of the areas"),
        ("THRIVE grouping", "THRIVE grouping"),
        ("A", "a"),
        ("", ""),
    ],
)
def test_a_label_in_a_sentence(label, shown):
    assert in_sentence(label) == shown


def test_a_required_message_keeps_an_acronym_in_english_and_welsh():
    field = forms.CharField(label="GSS codes of the areas")
    GovukMessagesMixin.govuk_rules(field)
    assert field.error_messages["required"] == "Enter GSS codes of the areas"
    with translation.override("cy"):
        field = forms.CharField(label="GSS codes of the areas")
        GovukMessagesMixin.govuk_rules(field)
        assert "GSS" in field.error_messages["required"]
