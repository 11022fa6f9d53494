"""Evidence as a lead reads it: a line that is a web address becomes a link."""

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def evidence_lines(text: str) -> list[dict[str, str]]:
    """The text's lines, each with the address it links to ("" when it is not a link).

    Only a line that is one http or https address, and nothing else, is a link: `javascript:`,
    `mailto:` and addresses inside a sentence stay text. The template escapes both.
    """
    lines = []
    for line in str(text or "").splitlines():
        address = line.strip()
        lines.append({"text": line, "href": address if _is_web_address(address) else ""})
    return lines


def _is_web_address(text: str) -> bool:
    if not text or any(character.isspace() for character in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
