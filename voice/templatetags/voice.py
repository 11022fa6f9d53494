"""The "What families say" panel, for pages of the floors below to include with one tag."""

from django import template

from voice import results

register = template.Library()


@register.inclusion_tag("voice/_families_say.html")
def families_say(access, assessment, element=None):
    """Families' views beside a round's agreed levels (of one element, or of all).

    Leads see a survey's results while it runs; everyone else who reads the partnership once
    it has closed. Agreed levels show only to those who may read the round's results.
    """
    show_levels = assessment is not None and assessment.results_visible_to(access)
    panel = results.panel(
        access.partnership,
        assessment,
        element=element,
        show_levels=show_levels,
        closed_only=not access.is_lead,
    )
    return {"panel": panel, "access": access, "element": element}
