"""Frameworks offered in Wales speak of Welsh bodies too: an England-only body is named only
where the same sentence says it is England's, or names the Welsh body that does the job."""

import json
import re
from pathlib import Path

import pytest

FRAMEWORKS = Path(__file__).resolve().parents[2] / "fixtures" / "frameworks"

# England-only bodies and programmes, each with what marks a sentence as covering Wales too.
ENGLAND_ONLY = {
    r"\bintegrated care boards?\b|\bICBs?\b": r"\bhealth boards?\b|\bEngland\b|\bEnglish\b",
    r"\bintegrated care partnerships?\b|\bhealth and wellbeing boards?\b": (
        r"\bregional partnership boards?\b|\bEngland\b|\bEnglish\b"
    ),
    r"\blocal maternity and neonatal systems?\b|\bLMNS\b": r"\bEngland\b|\bEnglish\b",
    r"\bStart for Life\b|\bBest Start Family Hubs?\b": r"\bEngland\b|\bEnglish\b",
    r"\bNHS Talking Therapies\b|\bIAPT\b": r"\bEngland\b|\bEnglish\b",
    r"\bOfsted\b": r"\bCare Inspectorate Wales\b|\bEstyn\b|\bEngland\b",
}


# A Welsh sentence (a `_cy` field) is marked by naming England (Lloegr), in any mutation, or
# the Welsh body: a health board, a regional partnership board, the Welsh inspectorates.
WELSH_MARKS = (
    r"\b[Ll]loegr\b|\b[Ss]aesneg\b|\b(?:[bf]wrdd|[Bb]yrddau) (?:iechyd|partneriaeth)\b"
    r"|\bEstyn\b|\bArolygiaeth Gofal Cymru\b"
)


def texts(node, path="$"):
    """Every piece of text in a framework file, with its JSON path."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{path}[{index}]")


def frameworks_for_wales() -> list[Path]:
    return [
        path
        for path in sorted(FRAMEWORKS.glob("*.json"))
        if "wales" in json.loads(path.read_text(encoding="utf-8"))["nations"]
    ]


def unmarked_england_only_bodies(data: dict) -> list[str]:
    found = []
    for path, text in texts(data):
        for sentence in re.split(r"(?<=[.;:!?])\s+", text):
            for body, marked in ENGLAND_ONLY.items():
                if "_cy" in path:
                    marked = f"{marked}|{WELSH_MARKS}"
                if re.search(body, sentence) and not re.search(marked, sentence):
                    found.append(f"{path}: {sentence}")
    return found


def test_wales_is_served_by_more_than_one_framework_including_nest():
    codes = {json.loads(p.read_text(encoding="utf-8"))["code"] for p in frameworks_for_wales()}
    assert "nest" in codes
    assert len(codes) >= 5


@pytest.mark.parametrize("path", frameworks_for_wales(), ids=lambda p: p.name)
def test_a_framework_for_wales_names_no_england_only_body_unmarked(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert unmarked_england_only_bodies(data) == []


def test_the_check_catches_an_unmarked_body():
    data = {"summary": "The ICB funds it. The ICB (England) or health board (Wales) funds it."}
    assert unmarked_england_only_bodies(data) == ["$.summary: The ICB funds it."]
