"""Template helpers for GOV.UK Frontend markup that crispy-forms-gds does not cover."""

from urllib.parse import urlsplit

from django import forms, template

register = template.Library()


@register.filter
def error_anchor(bound_field: forms.BoundField) -> str:
    """The id an error summary link must point at to move focus to the field.

    crispy-forms-gds numbers radio and checkbox inputs from 1 (`id_role_1`), so the field's
    own id would point at nothing.
    """
    if isinstance(bound_field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"id_{bound_field.html_name}_1"
    return bound_field.id_for_label or bound_field.auto_id


@register.filter
def is_web_address(url: str) -> bool:
    """Whether a stored address may be a link: http or https only, never `javascript:`.

    Forms and importers validate addresses on the way in; this holds for rows that came
    another way (the admin, a shipped file, an older import).
    """
    return urlsplit(str(url or "")).scheme.lower() in ("http", "https")
