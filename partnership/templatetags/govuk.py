"""Template helpers for GOV.UK Frontend markup that crispy-forms-gds does not cover."""

from urllib.parse import urlsplit

from django import forms, template
from django.utils.html import format_html

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


@register.tag
def scroll_region(parser, token):
    """`{% scroll_region "Services" %}<table>…</table>{% endscroll_region %}`.

    A table wider than a phone's screen scrolls sideways inside this region rather than
    widening the page. The region is named (the label, read out as "Services, region") and
    takes keyboard focus so it can be scrolled from the keyboard.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the region's label")
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(parser.compile_filter(bits[1]), nodelist)


class ScrollRegionNode(template.Node):
    def __init__(self, label, nodelist):
        self.label = label
        self.nodelist = nodelist

    def render(self, context) -> str:
        return format_html(
            '<div class="app-table-scroll" role="region" aria-label="{}" tabindex="0">{}</div>',
            self.label.resolve(context),
            self.nodelist.render(context),
        )
