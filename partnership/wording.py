"""Small rules for placing one piece of text inside a sentence."""


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: "Service name" becomes "service name", while an
    acronym that starts it keeps its capitals ("GSS codes", "NHS trust", "THRIVE grouping")."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return label
    return label[:1].lower() + label[1:]
