"""Saving a library row while Welsh is active keeps the English column English: validation,
model forms and bulk updates read and write the English, never the Welsh shown on the page."""

import pytest
from django import forms
from django.utils import translation

from continuum.models import Taxonomy, Term


@pytest.fixture
def term(db) -> Term:
    taxonomy = Taxonomy.objects.create(
        code="reach", name="Reach", name_cy="Cyrhaeddiad", welsh_status="draft"
    )
    return Term.objects.create(
        taxonomy=taxonomy, code="universal", name="Universal", name_cy="Cyffredinol"
    )


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["name", "description"]


def stored(term: Term) -> tuple[str, str]:
    return tuple(Term.objects.filter(pk=term.pk).values_list("name", "name_cy").get())


def test_a_row_read_in_welsh_shows_the_welsh_and_saves_the_english(term):
    with translation.override("cy"):
        term = Term.objects.get(pk=term.pk)
        assert term.name == "Cyffredinol"
        term.full_clean()
        term.save()
    assert stored(term) == ("Universal", "Cyffredinol")


def test_a_model_form_in_welsh_edits_the_english(term):
    with translation.override("cy"):
        form = TermForm(instance=Term.objects.get(pk=term.pk))
        assert form["name"].value() == "Universal"
        form = TermForm(
            {"name": "Universal services", "description": ""},
            instance=Term.objects.get(pk=term.pk),
        )
        assert form.is_valid(), form.errors
        form.save()
    assert stored(term) == ("Universal services", "Cyffredinol")


def test_a_bulk_update_in_welsh_writes_the_english(term):
    with translation.override("cy"):
        terms = list(Term.objects.all())
        for each in terms:
            each.order = 7
        Term.objects.bulk_update(terms, ["name", "order"])
    assert stored(term) == ("Universal", "Cyffredinol")
    assert Term.objects.get(pk=term.pk).order == 7
