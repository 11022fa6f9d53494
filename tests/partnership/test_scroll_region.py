"""The `scroll_region` tag that lets a wide table scroll inside its own region."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def render(source: str, **context) -> str:
    return Template("{% load govuk %}" + source).render(Context(context))


def test_it_wraps_the_table_in_a_named_focusable_region():
    html = render('{% scroll_region "Services" %}<table></table>{% endscroll_region %}')
    assert html == (
        '<div class="app-table-scroll" role="region" aria-label="Services" tabindex="0">'
        "<table></table></div>"
    )


def test_it_escapes_a_label_from_the_context():
    html = render(
        "{% scroll_region caption %}<table><caption>{{ caption }}</caption></table>"
        "{% endscroll_region %}",
        caption='Alpha "><script>',
    )
    assert 'aria-label="Alpha &quot;&gt;&lt;script&gt;"' in html
    assert "<caption>Alpha &quot;&gt;&lt;script&gt;</caption>" in html
    assert "<script>" not in html


def test_it_needs_a_label():
    with pytest.raises(TemplateSyntaxError):
        render("{% scroll_region %}<table></table>{% endscroll_region %}")
