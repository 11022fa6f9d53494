"""A round's history in the reader's language: rows are stored in English (history.py)."""

from django import template
from django.utils.translation import gettext as _

from assessments.history import FIELDS, LABELLED, LEVELLED, SUBJECTS

register = template.Library()


@register.filter
def change_field(change) -> str:
    """The field that changed, as the reader's language names it ("status")."""
    return str(FIELDS.get(change.field, change.field))


@register.filter
def change_what(change) -> str:
    """What changed: "Response: rating"."""
    return _("%(subject)s: %(field)s") % {
        "subject": SUBJECTS.get(change.subject, change.subject.capitalize()),
        "field": change_field(change),
    }


@register.filter
def change_value(change, which: str) -> str:
    """The old or new value; a label of Cradle's own ("Done") and a scale level ("3: Developing",
    from the `level_names` the view gives the change) in the reader's language."""
    value = getattr(change, which)
    if value and change.field in LEVELLED:
        value = getattr(change, "level_names", {}).get(value, value)
    if value and change.field in LABELLED:
        return _(value)
    return value
