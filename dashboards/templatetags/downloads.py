"""Template filters for the dashboards' download links."""

from django import template
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

register = template.Library()


@register.filter
def xlsx_twin(href: str) -> str:
    """The XLSX download of the table a CSV link downloads, with the same query, or "".

    Every CSV URL named `…csv` has an XLSX sibling named `…xlsx` taking the same arguments,
    so the one download-links partial serves every table without being told both URLs.
    """
    path, _, query = href.partition("?")
    try:
        match = resolve(path)
        if not match.view_name.endswith("csv"):
            return ""
        # The URL's own arguments (the slug), not the fixed ones its pattern adds (the table).
        own = {k: v for k, v in match.kwargs.items() if k not in match.extra_kwargs}
        twin = reverse(match.view_name[: -len("csv")] + "xlsx", args=match.args, kwargs=own)
    except (Resolver404, NoReverseMatch):
        return ""
    return f"{twin}?{query}" if query else twin
