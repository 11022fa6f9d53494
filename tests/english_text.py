"""English text on a page meant to be in Welsh: the runs of text a person reads, and whether a
run is English. A run is English when it is exactly a string of the Welsh catalogue (Cradle's
or Django's) whose Welsh differs, such as a button's "Revoke"; or when it still has English
words in it once the data people typed into Cradle is taken out. A library row's English
counts as typed only where the row has no Welsh, so a page showing the English of a row that
has Welsh is caught too."""

import re
from functools import cache
from html.parser import HTMLParser

from django.apps import apps
from django.db import models
from django.utils.translation import trans_real

from partnership.bilingual import BilingualMixin

# Words that are English and not Welsh (Welsh has "a", "i", "at", "can", "or", "be", "is").
ENGLISH_WORDS = (
    "the and of to your you are for with this that these an in on not has have from it as "
    "was were will what who when how which there their they them our no yes please "
    "should would could been here"
)
ENGLISH = frozenset(ENGLISH_WORDS.split())
READ_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
SKIPPED_TAGS = {"script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class ReadText(HTMLParser):
    """The runs of text a person reads on a page, outside anything marked as another language."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.runs: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").lower()
        skipped = self.skipping or tag in SKIPPED_TAGS or (bool(lang) and not lang.startswith("cy"))
        if not skipped:
            self.runs += [attrs[name] for name in READ_ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
                self.runs += [attrs["value"]] if attrs.get("value") else []
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.runs.append(data)


def runs_of(html: str) -> list[str]:
    reader = ReadText()
    reader.feed(html)
    return [" ".join(run.split()) for run in reader.runs]


def typed_text() -> list[str]:
    """Every text value stored in the database, longest first: what people and fixtures typed.
    The English of a bilingual column counts only on rows without its Welsh."""
    values = set()
    for model in apps.get_models():
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        if not fields:
            continue
        names = [f.attname for f in fields]
        bilingual = {f.attname for f in fields if isinstance(f, BilingualMixin)}
        for row in model._base_manager.values(*names):
            for name, value in row.items():
                if not isinstance(value, str):
                    continue
                if name in bilingual and row.get(f"{name}_cy"):
                    continue  # shown in Welsh on a Welsh page
                values.add(" ".join(value.split()))
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


@cache
def catalogue_english() -> frozenset[str]:
    """The English strings the Welsh catalogues translate, without placeholders."""
    catalogue = trans_real.translation("cy")._catalog
    return frozenset(
        " ".join(key.split())
        for key, welsh in catalogue.items()
        if isinstance(key, str)
        and key
        and welsh != key
        and "%" not in key
        and re.search(r"[A-Za-z]{2}", key)
    )


class EnglishFinder:
    """Built once after the data is in place: `finder(run)` says whether `run` is English."""

    def __init__(self):
        self.typed = typed_text()
        self.typed_exactly = set(self.typed)
        self.everything_typed = "\n".join(self.typed)
        self.catalogue = catalogue_english()

    def __call__(self, run: str) -> bool:
        if run in self.catalogue and run not in self.typed_exactly:
            return True  # a whole string of the interface, left in English
        if run in self.everything_typed:
            return False  # part of a typed value, such as a publication's title from its source
        run = re.sub(r"https?://\S+", " ", run)
        for value in self.typed:
            if value in run:
                run = run.replace(value, " ")
        words = re.findall(r"\w+", run.lower())
        return len(words) >= 2 and bool(ENGLISH.intersection(words))
