"""Library text in English and Welsh, read in the language of the request.

A library row (framework, element, scale level, taxonomy term, survey statement...) keeps its
English in the field itself and its Welsh in a sibling column, `<field>_cy`, on the same row, so
a page reads both with the queries it already makes. Reading `element.title` gives the Welsh
while Welsh is active and the row has it, and the English otherwise; writing and saving always
touch the English column, whatever the language of the request.

Queries that skip model instances (`values()`, aggregation) get the English; they pick the
language with `in_language(row, "title")`.

Django reads a field with `getattr` in two places that then write what they read: a model's
`clean_fields()` (so every model form and `full_clean()`) and `QuerySet.bulk_update()`. Both
would copy the Welsh into the English column while Welsh is active; the field's `clean()` and
`BilingualQuerySet.bulk_update()` make them read the English.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.query_utils import DeferredAttribute
from django.utils import translation

WELSH = "cy"

# Set while Django copies field values from one place to another, so reads give the English.
_reading_english = ContextVar("reading_english", default=False)


@contextmanager
def english_reads():
    """Reads of bilingual fields give the English column, whatever the language."""
    token = _reading_english.set(True)
    try:
        yield
    finally:
        _reading_english.reset(token)


def welsh_active() -> bool:
    return translation.get_language() == WELSH


def in_language(row: dict, field: str) -> str:
    """The Welsh of `field` from a values() row (or a library file's dict) while Welsh is
    active and the row has it; the English otherwise."""
    if welsh_active():
        welsh = row.get(f"{field}_cy")
        if welsh:
            return welsh
    return row.get(field, "")


class BilingualAttribute(DeferredAttribute):
    """A data descriptor, so that reads always come through here (Django's own is not)."""

    def __get__(self, instance, cls=None):
        english = super().__get__(instance, cls)
        if instance is None or _reading_english.get() or not welsh_active():
            return english
        return instance.__dict__.get(f"{self.field.attname}_cy") or english

    def __set__(self, instance, value) -> None:
        instance.__dict__[self.field.attname] = value


class BilingualMixin:
    """The English column of a bilingual pair. Its migrations see a plain Char or TextField."""

    descriptor_class = BilingualAttribute
    plain: type[models.Field]

    def english(self, instance) -> str:
        if self.attname not in instance.__dict__:
            instance.refresh_from_db(fields=[self.attname])
        return instance.__dict__[self.attname]

    def value_from_object(self, obj):
        return self.english(obj)

    def pre_save(self, model_instance, add):
        return self.english(model_instance)

    def clean(self, value, model_instance):
        # `Model.clean_fields()` passes what `getattr` shows (the Welsh, on a Welsh page) and
        # stores what this returns in the English column: validate the English instead.
        if model_instance is not None:
            value = self.english(model_instance)
        return super().clean(value, model_instance)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, f"django.db.models.{self.plain.__name__}", args, kwargs


class BilingualCharField(BilingualMixin, models.CharField):
    plain = models.CharField


class BilingualTextField(BilingualMixin, models.TextField):
    plain = models.TextField


class BilingualQuerySet(models.QuerySet):
    """The queryset of every model with bilingual fields."""

    def bulk_update(self, objs, fields, batch_size=None):
        # Django reads each value with `getattr`: make that the English.
        with english_reads():
            return super().bulk_update(objs, fields, batch_size=batch_size)


class BilingualModel(models.Model):
    """A library row with `<field>` / `<field>_cy` pairs."""

    objects = BilingualQuerySet.as_manager()

    class Meta:
        abstract = True


class WelshStatus(models.TextChoices):
    """What a library file says of its Welsh: none (English only), draft, or reviewed by a
    qualified translator."""

    ENGLISH_ONLY = "", "English only"
    DRAFT = "draft", "Draft"
    REVIEWED = "reviewed", "Reviewed"


def welsh_status_field() -> models.CharField:
    return models.CharField(
        max_length=10,
        choices=WelshStatus.choices,
        blank=True,
        help_text="Blank: the file is in English only.",
    )


def shown(path: str):
    """The expression a query reads a bilingual field through, in the request's language:
    `values_list("code", shown("title"))`, `shown("element__dimension__title")`."""
    if not welsh_active():
        return F(path)
    return Coalesce(NullIf(F(f"{path}_cy"), Value("")), F(path), output_field=models.TextField())


def pick(english: str, welsh: str) -> str:
    """One of a pair already read: the Welsh while Welsh is active and there is some."""
    return welsh if welsh and welsh_active() else english
