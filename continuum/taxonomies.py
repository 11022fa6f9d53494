"""The taxonomies a service is tagged with, and the names they go by in web addresses.

Every page that takes a taxonomy from its address (the service list's filters, the coverage
matrix's and the gap dashboard's `?rows=` and `?cols=`) uses the short names here.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from continuum.models import LEVEL, Term

# In the order the form and the list show them: (code, short name, label).
TAXONOMIES = [
    (LEVEL, "level", _("Continuum levels")),
    ("thrive", "thrive", _("THRIVE groupings")),
    ("nest", "nest", _("NEST themes")),
    ("age-band", "age", _("Age bands")),
    ("audience", "audience", _("Who it is for")),
    ("reach", "reach", _("Reach")),
    ("programme", "programme", _("National programme")),
    ("risk-factor", "risk", _("Risk factors addressed")),
    ("protective-factor", "protective", _("Protective factors built")),
]
LABEL = {code: label for code, _, label in TAXONOMIES}
SHORT = {code: short for code, short, _ in TAXONOMIES}
# Older dashboard addresses named an axis by its code (`?cols=age-band`): they still work.
AXIS_CODE = {short: code for code, short, _ in TAXONOMIES} | {code: code for code in SHORT}


def axis_code(value: str | None) -> str | None:
    """The taxonomy code a `?rows=` or `?cols=` value names, or None for anything else."""
    return AXIS_CODE.get(value or "")


def axis_label(rows: str, cols: str) -> str:
    """Two axes as a heading reads them: "Continuum levels × THRIVE groupings"."""
    return gettext("%(rows)s × %(cols)s") % {"rows": LABEL[rows], "cols": LABEL[cols]}


def terms_by_taxonomy() -> dict[str, list[Term]]:
    """Every taggable term in one query: for continuum levels the five levels, not the tiers."""
    found: dict[str, list[Term]] = {code: [] for code, _, _ in TAXONOMIES}
    terms = Term.objects.filter(taxonomy__code__in=found, children__isnull=True)
    for term in terms.select_related("taxonomy").order_by("order"):
        found[term.taxonomy.code].append(term)
    return found
