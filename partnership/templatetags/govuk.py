"""Template helpers for GOV.UK Frontend markup that crispy-forms-gds does not cover."""

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
