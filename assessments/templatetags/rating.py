"""The rating page's radio items, the page's most repeated markup.

A dimension's page shows a rating and an evidence strength for each of its elements: dozens of
GOV.UK radio items. Written as a loop of template nodes, they took most of the page's rendering
time; built here in one pass, with every value escaped by `format_html`, they cost a fraction.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ITEM = (
    '<div class="govuk-radios__item">'
    '<input class="govuk-radios__input" id="{id}" name="{name}" type="radio" value="{value}"'
    "{checked}{described}>"
    '<label class="govuk-label govuk-radios__label" for="{id}">{label}</label>'
    "{hint}</div>\n"
)
HINT = '<div id="{id}" class="govuk-hint govuk-radios__hint">{text}</div>'


@register.simple_tag
def radio_items(id_prefix: str, name: str, choices) -> SafeString:
    """GOV.UK radio items for `choices`, each (value, label, hint, checked).

    The items are numbered from 1 (`<id_prefix>-1`, `-2` ...), so that an error summary can
    link to the first; a hint is tied to its radio by aria-describedby.
    """
    items = []
    for number, (value, label, hint, checked) in enumerate(choices, start=1):
        item_id = f"{id_prefix}-{number}"
        hint_id = f"{item_id}-hint"
        items.append(
            format_html(
                ITEM,
                id=item_id,
                name=name,
                value=value,
                checked=mark_safe(" checked") if checked else "",  # noqa: S308 (a constant)
                described=format_html(' aria-describedby="{}"', hint_id) if hint else "",
                label=label,
                hint=format_html(HINT, id=hint_id, text=hint) if hint else "",
            )
        )
    return mark_safe("".join(items))  # noqa: S308 (each item built by format_html)
