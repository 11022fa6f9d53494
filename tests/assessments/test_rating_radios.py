"""The rating page's radio items: GOV.UK markup, numbered ids, hints tied to their radios, and
every value escaped."""

from django.template import Context, Template


def render(choices) -> str:
    template = Template('{% load rating %}{% radio_items "e7-level" "e7-level" choices %}')
    return template.render(Context({"choices": choices}))


def test_each_choice_is_a_numbered_radio_with_its_label_and_hint():
    html = render([("1", "1: Emerging", "Little yet", False), ("2", "2: Developing", "", True)])

    assert html.count('class="govuk-radios__item"') == 2
    assert (
        '<input class="govuk-radios__input" id="e7-level-1" name="e7-level" type="radio" '
        'value="1" aria-describedby="e7-level-1-hint">' in html
    )
    assert (
        '<label class="govuk-label govuk-radios__label" for="e7-level-1">1: Emerging</label>'
        in (html)
    )
    assert (
        '<div id="e7-level-1-hint" class="govuk-hint govuk-radios__hint">Little yet</div>' in html
    )
    # The second has no hint, so nothing describes it; it is the one chosen.
    assert 'id="e7-level-2" name="e7-level" type="radio" value="2" checked>' in html
    assert "e7-level-2-hint" not in html


def test_labels_hints_and_values_are_escaped():
    html = render([('"><script>', "<b>label</b>", "<img src=x onerror=alert(1)>", False)])

    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert 'value="&quot;&gt;&lt;script&gt;"' in html
    assert "&lt;b&gt;label&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
