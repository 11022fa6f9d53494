"""Gap sentences a partnership board reads, for any pair of axes.

Each taxonomy says how its term joins the sentence: an adjective before "service" ("No
universal early intervention service"), a phrase after it ("for families getting more help"),
or a verb ending it ("addresses prematurity"). Pure functions over names, tested on every pair.
"""

from continuum.gap_rules import GAP, LEVEL, THIN

# taxonomy code: (where the term goes, how it reads), in the order terms join a sentence.
PHRASES = {
    "reach": ("before", "{name}"),
    LEVEL: ("before", "{name}"),
    "thrive": ("after", "{families}"),
    "age-band": ("after", "covering {name}"),
    "audience": ("after", "for the {name}"),
    "nest": ("after", "with the NEST theme {Name}"),
    "programme": ("after", "delivered through {Name}"),
    "risk-factor": ("verb", "{verb_s} {name}", ("addresses", "address")),
    "protective-factor": ("verb", "{verb_s} {name}", ("builds", "build")),
}


def lowered(name: str) -> str:
    """Lower case, word by word: "Getting More Help" reads "getting more help" in a sentence;
    an acronym ("NEST", "CAMHS") keeps its capitals."""
    return " ".join(
        word if len(word) > 1 and word.isupper() else word.lower() for word in name.split(" ")
    )


def families(name: str) -> str:
    """A THRIVE grouping names a need, not people: "for families getting help"."""
    need = lowered(name)
    if need.startswith("getting"):
        return f"for families {need}"
    return f"for {need} families"


def phrase(taxonomy: str, name: str, plural: bool) -> tuple[str, str]:
    """(where, text) for one term of one taxonomy."""
    where, template, *verbs = PHRASES.get(taxonomy, ("after", "tagged {Name}"))
    verb = ""
    if verbs:
        verb = verbs[0][1] if plural else verbs[0][0]
    text = template.format(name=lowered(name), Name=name, families=families(name), verb_s=verb)
    return where, text


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
    plural = kind == THIN and count != 1
    parts = {"before": [], "after": [], "verb": []}
    # Always in the order of PHRASES, so the sentence does not depend on which axis is rows.
    order = list(PHRASES)
    ordered = sorted(
        zip(axes, names, strict=True),
        key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order),
    )
    for taxonomy, name in ordered:
        where, text = phrase(taxonomy, name, plural)
        parts[where].append(text)
    noun = " ".join([*parts["before"], "services" if plural else "service"])
    tail = "".join(f" {text}" for text in [*parts["after"], *parts["verb"]])
    if kind == GAP:
        return f"No {noun}{tail}"
    number = "one" if count == 1 else str(count)
    return f"Only {number} {noun}{tail}; {thin_below} or more expected"


def with_adjustment(sentence: str, reason: str | None) -> str:
    """A sentence whose cell a local adjustment decides says so, with the reason."""
    return f"{sentence} (local adjustment: {reason})" if reason else sentence
