"""How sure we are, written for the people who read the library: a plain verdict first, then
what is published and what is ours, with no working codes or file jargon."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Framework

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FRAMEWORKS = sorted((FIXTURES / "frameworks").glob("*.json"))
VERDICTS = ("Confirmed:", "Partly confirmed:", "Not confirmed:")
# What a reader of the library should never meet in a confidence note.
JARGON = [
    r"\[[CPU]\]",  # the working notes' tags
    r"\bissue \d+",
    r"\breference notes\b",
    r"\bcrosswalk\b",
    r"\bdescriptors?\b",
    r"\bRAG\b",
    r"\btag(s|ged)?\b",
    r"\bfixtures?\b",
    r"\bpresumed\b",
]


def notes(path: Path):
    """The file's own confidence note and each of its items' notes."""
    data = json.loads(path.read_text(encoding="utf-8"))
    yield data["confidence"]
    for term in data.get("terms", []):
        if term.get("confidence"):
            yield term["confidence"]


def jargon_in(text: str) -> list[str]:
    return [word for word in JARGON if re.search(word, text, re.IGNORECASE)]


@pytest.mark.parametrize("path", FRAMEWORKS, ids=lambda p: p.name)
def test_a_framework_says_how_sure_we_are_in_plain_words(path):
    note = json.loads(path.read_text(encoding="utf-8"))["confidence"]
    assert note.startswith(VERDICTS)
    assert " ours" in note  # what the library wrote itself is said plainly
    assert jargon_in(note) == []


@pytest.mark.parametrize("path", sorted((FIXTURES / "taxonomies").glob("*.json")), ids=str)
def test_a_taxonomy_note_has_no_working_codes(path):
    for note in notes(path):
        assert jargon_in(note) == [], note


def test_the_check_catches_working_codes():
    assert jargon_in("Named in issue 22 [U]; the RAG bands are ours") == [
        r"\[[CPU]\]",
        r"\bissue \d+",
        r"\bRAG\b",
    ]


def test_the_framework_page_shows_how_sure_we_are(client, db, outsider):
    call_command("load_taxonomies", stdout=StringIO())
    call_command("load_frameworks", stdout=StringIO())
    framework = Framework.objects.get(code="nest")
    client.force_login(outsider)
    html = client.get(reverse("library:framework-detail", args=[framework.code, framework.version]))
    text = html.content.decode()
    assert "How sure we are" in text
    assert "Partly confirmed: the four themes" in text
