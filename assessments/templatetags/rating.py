"""The rating page's radio items, the page's most repeated markup.

A dimension's page shows a rating and an evidence strength for each of its elements: dozens of
GOV.UK radio items. Written as a loop of template nodes, they took most of the page's rendering
time; built here in one pass of plain string formatting, with every value escaped as
`conditional_escape` would (`_escaped`), they cost a fraction.
"""

from html import escape

from django import template
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


def _escaped(value) -> str:
    """`value` as HTML text: markup already marked safe kept, anything else escaped (quotes
    too), exactly as Django's `conditional_escape` does, without its per-call overhead."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value), quote=True)


@register.simple_tag
def radio_items(id_prefix: str, name: str, choices) -> SafeString:
    """GOV.UK radio items for `choices`, each (value, label, hint, checked).

    The items are numbered from 1 (`<id_prefix>-1`, `-2` ...), so that an error summary can
    link to the first; a hint is tied to its radio by aria-describedby.
    """
    prefix, name = _escaped(id_prefix), _escaped(name)
    items = []
    for number, (value, label, hint, checked) in enumerate(choices, start=1):
        item_id = f"{prefix}-{number}"
        hint_id = f"{item_id}-hint"
        items.append(
            ITEM.format(
                id=item_id,
                name=name,
                value=_escaped(value),
                checked=" checked" if checked else "",
                described=f' aria-describedby="{hint_id}"' if hint else "",
                label=_escaped(label),
                hint=HINT.format(id=hint_id, text=_escaped(hint)) if hint else "",
            )
        )
    return mark_safe("".join(items))  # noqa: S308 (every value in it escaped by _escaped)
