"""Gap sentences a partnership board reads, for any pair of axes.

Each pair of taxonomies has its own whole sentences, one for a gap and one (with its plural)
for a thin cell, with named placeholders for the terms: "No %(level)s service addresses
%(risk)s". A language other than English then words and orders the whole sentence as it
needs to, and a term's name only ever stands for a whole noun phrase: nothing is spliced
into a sentence word by word. Pure functions over names, tested on every pair.
"""

from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from continuum.gap_rules import GAP, LEVEL

# The order terms join a sentence in, so that a sentence does not depend on which axis is
# rows: a pair's key is its two taxonomy codes in this order.
ORDER = [
    "reach",
    LEVEL,
    "thrive",
    "age-band",
    "audience",
    "nest",
    "programme",
    "risk-factor",
    "protective-factor",
]

# Each taxonomy's placeholder in the sentences below.
SLOTS = {
    "reach": "reach",
    LEVEL: "level",
    "thrive": "families",
    "age-band": "age",
    "audience": "audience",
    "nest": "nest",
    "programme": "programme",
    "risk-factor": "risk",
    "protective-factor": "protective",
}
# Names that keep their capitals in a sentence: a theme or a programme is a proper name.
PROPER = {"nest", "programme"}

# (gap sentence, thin sentence in the singular and plural), by pair of taxonomies. Terms
# read: %(level)s and %(reach)s a continuum level and a reach ("prevention", "universal");
# %(families)s the families of a THRIVE grouping ("families getting more help"); %(age)s an
# age band; %(audience)s who it is for; %(nest)s a NEST/NYTH theme; %(programme)s a
# national programme; %(risk)s a risk factor; %(protective)s a protective factor.
# %(count)s is how many services there are, %(expected)s how many are expected.
SENTENCES = {
    ("reach", LEVEL): (
        _("No %(reach)s %(level)s service"),
        ngettext_lazy(
            "Only one %(reach)s %(level)s service; %(expected)s or more expected",
            "Only %(count)s %(reach)s %(level)s services; %(expected)s or more expected",
            "count",
        ),
    ),
    ("reach", "thrive"): (
        _("No %(reach)s service for %(families)s"),
        ngettext_lazy(
            "Only one %(reach)s service for %(families)s; %(expected)s or more expected",
            "Only %(count)s %(reach)s services for %(families)s; %(expected)s or more expected",
            "count",
        ),
    ),
    ("reach", "age-band"): (
        _("No %(reach)s service covering %(age)s"),
        ngettext_lazy(
            "Only one %(reach)s service covering %(age)s; %(expected)s or more expected",
            "Only %(count)s %(reach)s services covering %(age)s; %(expected)s or more expected",
            "count",
        ),
    ),
    ("reach", "audience"): (
        _("No %(reach)s service for the %(audience)s"),
        ngettext_lazy(
            "Only one %(reach)s service for the %(audience)s; %(expected)s or more expected",
            "Only %(count)s %(reach)s services for the %(audience)s; %(expected)s or more expected",
            "count",
        ),
    ),
    ("reach", "nest"): (
        _("No %(reach)s service with the NEST theme %(nest)s"),
        ngettext_lazy(
            "Only one %(reach)s service with the NEST theme %(nest)s; %(expected)s or more "
            "expected",
            "Only %(count)s %(reach)s services with the NEST theme %(nest)s; %(expected)s or "
            "more expected",
            "count",
        ),
    ),
    ("reach", "programme"): (
        _("No %(reach)s service delivered through %(programme)s"),
        ngettext_lazy(
            "Only one %(reach)s service delivered through %(programme)s; %(expected)s or more "
            "expected",
            "Only %(count)s %(reach)s services delivered through %(programme)s; %(expected)s "
            "or more expected",
            "count",
        ),
    ),
    ("reach", "risk-factor"): (
        _("No %(reach)s service addresses %(risk)s"),
        ngettext_lazy(
            "Only one %(reach)s service addresses %(risk)s; %(expected)s or more expected",
            "Only %(count)s %(reach)s services address %(risk)s; %(expected)s or more expected",
            "count",
        ),
    ),
    ("reach", "protective-factor"): (
        _("No %(reach)s service builds %(protective)s"),
        ngettext_lazy(
            "Only one %(reach)s service builds %(protective)s; %(expected)s or more expected",
            "Only %(count)s %(reach)s services build %(protective)s; %(expected)s or more expected",
            "count",
        ),
    ),
    (LEVEL, "thrive"): (
        _("No %(level)s service for %(families)s"),
        ngettext_lazy(
            "Only one %(level)s service for %(families)s; %(expected)s or more expected",
            "Only %(count)s %(level)s services for %(families)s; %(expected)s or more expected",
            "count",
        ),
    ),
    (LEVEL, "age-band"): (
        _("No %(level)s service covering %(age)s"),
        ngettext_lazy(
            "Only one %(level)s service covering %(age)s; %(expected)s or more expected",
            "Only %(count)s %(level)s services covering %(age)s; %(expected)s or more expected",
            "count",
        ),
    ),
    (LEVEL, "audience"): (
        _("No %(level)s service for the %(audience)s"),
        ngettext_lazy(
            "Only one %(level)s service for the %(audience)s; %(expected)s or more expected",
            "Only %(count)s %(level)s services for the %(audience)s; %(expected)s or more expected",
            "count",
        ),
    ),
    (LEVEL, "nest"): (
        _("No %(level)s service with the NEST theme %(nest)s"),
        ngettext_lazy(
            "Only one %(level)s service with the NEST theme %(nest)s; %(expected)s or more "
            "expected",
            "Only %(count)s %(level)s services with the NEST theme %(nest)s; %(expected)s or "
            "more expected",
            "count",
        ),
    ),
    (LEVEL, "programme"): (
        _("No %(level)s service delivered through %(programme)s"),
        ngettext_lazy(
            "Only one %(level)s service delivered through %(programme)s; %(expected)s or more "
            "expected",
            "Only %(count)s %(level)s services delivered through %(programme)s; %(expected)s "
            "or more expected",
            "count",
        ),
    ),
    (LEVEL, "risk-factor"): (
        _("No %(level)s service addresses %(risk)s"),
        ngettext_lazy(
            "Only one %(level)s service addresses %(risk)s; %(expected)s or more expected",
            "Only %(count)s %(level)s services address %(risk)s; %(expected)s or more expected",
            "count",
        ),
    ),
    (LEVEL, "protective-factor"): (
        _("No %(level)s service builds %(protective)s"),
        ngettext_lazy(
            "Only one %(level)s service builds %(protective)s; %(expected)s or more expected",
            "Only %(count)s %(level)s services build %(protective)s; %(expected)s or more expected",
            "count",
        ),
    ),
    ("thrive", "age-band"): (
        _("No service for %(families)s covering %(age)s"),
        ngettext_lazy(
            "Only one service for %(families)s covering %(age)s; %(expected)s or more expected",
            "Only %(count)s services for %(families)s covering %(age)s; %(expected)s or more "
            "expected",
            "count",
        ),
    ),
    ("thrive", "audience"): (
        _("No service for %(families)s for the %(audience)s"),
        ngettext_lazy(
            "Only one service for %(families)s for the %(audience)s; %(expected)s or more expected",
            "Only %(count)s services for %(families)s for the %(audience)s; %(expected)s or "
            "more expected",
            "count",
        ),
    ),
    ("thrive", "nest"): (
        _("No service for %(families)s with the NEST theme %(nest)s"),
        ngettext_lazy(
            "Only one service for %(families)s with the NEST theme %(nest)s; %(expected)s or "
            "more expected",
            "Only %(count)s services for %(families)s with the NEST theme %(nest)s; "
            "%(expected)s or more expected",
            "count",
        ),
    ),
    ("thrive", "programme"): (
        _("No service for %(families)s delivered through %(programme)s"),
        ngettext_lazy(
            "Only one service for %(families)s delivered through %(programme)s; %(expected)s "
            "or more expected",
            "Only %(count)s services for %(families)s delivered through %(programme)s; "
            "%(expected)s or more expected",
            "count",
        ),
    ),
    ("thrive", "risk-factor"): (
        _("No service for %(families)s addresses %(risk)s"),
        ngettext_lazy(
            "Only one service for %(families)s addresses %(risk)s; %(expected)s or more expected",
            "Only %(count)s services for %(families)s address %(risk)s; %(expected)s or more "
            "expected",
            "count",
        ),
    ),
    ("thrive", "protective-factor"): (
        _("No service for %(families)s builds %(protective)s"),
        ngettext_lazy(
            "Only one service for %(families)s builds %(protective)s; %(expected)s or more "
            "expected",
            "Only %(count)s services for %(families)s build %(protective)s; %(expected)s or "
            "more expected",
            "count",
        ),
    ),
    ("age-band", "audience"): (
        _("No service covering %(age)s for the %(audience)s"),
        ngettext_lazy(
            "Only one service covering %(age)s for the %(audience)s; %(expected)s or more expected",
            "Only %(count)s services covering %(age)s for the %(audience)s; %(expected)s or "
            "more expected",
            "count",
        ),
    ),
    ("age-band", "nest"): (
        _("No service covering %(age)s with the NEST theme %(nest)s"),
        ngettext_lazy(
            "Only one service covering %(age)s with the NEST theme %(nest)s; %(expected)s or "
            "more expected",
            "Only %(count)s services covering %(age)s with the NEST theme %(nest)s; "
            "%(expected)s or more expected",
            "count",
        ),
    ),
    ("age-band", "programme"): (
        _("No service covering %(age)s delivered through %(programme)s"),
        ngettext_lazy(
            "Only one service covering %(age)s delivered through %(programme)s; %(expected)s "
            "or more expected",
            "Only %(count)s services covering %(age)s delivered through %(programme)s; "
            "%(expected)s or more expected",
            "count",
        ),
    ),
    ("age-band", "risk-factor"): (
        _("No service covering %(age)s addresses %(risk)s"),
        ngettext_lazy(
            "Only one service covering %(age)s addresses %(risk)s; %(expected)s or more expected",
            "Only %(count)s services covering %(age)s address %(risk)s; %(expected)s or more "
            "expected",
            "count",
        ),
    ),
    ("age-band", "protective-factor"): (
        _("No service covering %(age)s builds %(protective)s"),
        ngettext_lazy(
            "Only one service covering %(age)s builds %(protective)s; %(expected)s or more "
            "expected",
            "Only %(count)s services covering %(age)s build %(protective)s; %(expected)s or "
            "more expected",
            "count",
        ),
    ),
    ("audience", "nest"): (
        _("No service for the %(audience)s with the NEST theme %(nest)s"),
        ngettext_lazy(
            "Only one service for the %(audience)s with the NEST theme %(nest)s; %(expected)s "
            "or more expected",
            "Only %(count)s services for the %(audience)s with the NEST theme %(nest)s; "
            "%(expected)s or more expected",
            "count",
        ),
    ),
    ("audience", "programme"): (
        _("No service for the %(audience)s delivered through %(programme)s"),
        ngettext_lazy(
            "Only one service for the %(audience)s delivered through %(programme)s; "
            "%(expected)s or more expected",
            "Only %(count)s services for the %(audience)s delivered through %(programme)s; "
            "%(expected)s or more expected",
            "count",
        ),
    ),
    ("audience", "risk-factor"): (
        _("No service for the %(audience)s addresses %(risk)s"),
        ngettext_lazy(
            "Only one service for the %(audience)s addresses %(risk)s; %(expected)s or more "
            "expected",
            "Only %(count)s services for the %(audience)s address %(risk)s; %(expected)s or "
            "more expected",
            "count",
        ),
    ),
    ("audience", "protective-factor"): (
        _("No service for the %(audience)s builds %(protective)s"),
        ngettext_lazy(
            "Only one service for the %(audience)s builds %(protective)s; %(expected)s or more "
            "expected",
            "Only %(count)s services for the %(audience)s build %(protective)s; %(expected)s "
            "or more expected",
            "count",
        ),
    ),
    ("nest", "programme"): (
        _("No service with the NEST theme %(nest)s delivered through %(programme)s"),
        ngettext_lazy(
            "Only one service with the NEST theme %(nest)s delivered through %(programme)s; "
            "%(expected)s or more expected",
            "Only %(count)s services with the NEST theme %(nest)s delivered through "
            "%(programme)s; %(expected)s or more expected",
            "count",
        ),
    ),
    ("nest", "risk-factor"): (
        _("No service with the NEST theme %(nest)s addresses %(risk)s"),
        ngettext_lazy(
            "Only one service with the NEST theme %(nest)s addresses %(risk)s; %(expected)s or "
            "more expected",
            "Only %(count)s services with the NEST theme %(nest)s address %(risk)s; "
            "%(expected)s or more expected",
            "count",
        ),
    ),
    ("nest", "protective-factor"): (
        _("No service with the NEST theme %(nest)s builds %(protective)s"),
        ngettext_lazy(
            "Only one service with the NEST theme %(nest)s builds %(protective)s; %(expected)s "
            "or more expected",
            "Only %(count)s services with the NEST theme %(nest)s build %(protective)s; "
            "%(expected)s or more expected",
            "count",
        ),
    ),
    ("programme", "risk-factor"): (
        _("No service delivered through %(programme)s addresses %(risk)s"),
        ngettext_lazy(
            "Only one service delivered through %(programme)s addresses %(risk)s; %(expected)s "
            "or more expected",
            "Only %(count)s services delivered through %(programme)s address %(risk)s; "
            "%(expected)s or more expected",
            "count",
        ),
    ),
    ("programme", "protective-factor"): (
        _("No service delivered through %(programme)s builds %(protective)s"),
        ngettext_lazy(
            "Only one service delivered through %(programme)s builds %(protective)s; "
            "%(expected)s or more expected",
            "Only %(count)s services delivered through %(programme)s build %(protective)s; "
            "%(expected)s or more expected",
            "count",
        ),
    ),
    ("risk-factor", "protective-factor"): (
        _("No service addresses %(risk)s and builds %(protective)s"),
        ngettext_lazy(
            "Only one service addresses %(risk)s and builds %(protective)s; %(expected)s or "
            "more expected",
            "Only %(count)s services address %(risk)s and build %(protective)s; %(expected)s "
            "or more expected",
            "count",
        ),
    ),
}


def lowered(name: str) -> str:
    """Lower case, word by word: "Getting More Help" reads "getting more help" in a sentence;
    an acronym ("NEST", "CAMHS") keeps its capitals."""
    return " ".join(
        word if len(word) > 1 and word.isupper() else word.lower() for word in name.split(" ")
    )


def families(name: str) -> str:
    """A THRIVE grouping names a need, not people: "families getting help", a whole noun
    phrase in the reader's language."""
    need = lowered(name)
    if need.startswith("getting"):
        return gettext("families %(need)s") % {"need": need}
    return gettext("%(need)s families") % {"need": need}


def term(taxonomy: str, name: str) -> str:
    """How one term reads in a sentence."""
    if taxonomy == "thrive":
        return families(name)
    return name if taxonomy in PROPER else lowered(name)


def gap_sentence(
    kind: str,
    count: int,
    thin_below: int,
    axes: tuple[str, str],
    names: tuple[str, str],
) -> str:
    """How a gap or thin cell reads: "No prevention service addresses prematurity", "Only
    one promotion service for thriving families; 3 or more expected".

    `axes` are the row and column taxonomy codes, `names` the row and column term names.
    """
    position = {code: i for i, code in enumerate(ORDER)}
    ordered = sorted(
        zip(axes, names, strict=True), key=lambda pair: position.get(pair[0], len(ORDER))
    )
    key = tuple(taxonomy for taxonomy, _name in ordered)
    numbers = {"count": count, "expected": thin_below}
    if key in SENTENCES:
        gap, thin = SENTENCES[key]
        values = {SLOTS[taxonomy]: term(taxonomy, name) for taxonomy, name in ordered}
    else:
        # A pair with no sentences of its own (a taxonomy added since): the terms by name.
        gap, thin = OTHER
        values = {"first": ordered[0][1], "second": ordered[1][1]}
    if kind == GAP:
        return gap % values
    return thin % {**values, **numbers}


OTHER = (
    _("No service tagged %(first)s and %(second)s"),
    ngettext_lazy(
        "Only one service tagged %(first)s and %(second)s; %(expected)s or more expected",
        "Only %(count)s services tagged %(first)s and %(second)s; %(expected)s or more expected",
        "count",
    ),
)


def with_adjustment(sentence: str, reason: str | None) -> str:
    """A sentence whose cell a local adjustment decides says so, with the reason."""
    if not reason:
        return sentence
    return gettext("%(sentence)s (local adjustment: %(reason)s)") % {
        "sentence": sentence,
        "reason": reason,
    }
