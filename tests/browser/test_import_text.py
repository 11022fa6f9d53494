"""Imported descriptions against the browser's own reading of the same HTML: Chromium's
innerText is an extraction written apart from ours, so the words (and the lines) must agree."""

import json

import pytest

from continuum.importers.oruk import clean_text
from tests.continuum.conftest import FEEDS
from tests.continuum.test_import_fidelity import DESCRIPTIONS

FEED_DESCRIPTIONS = [
    item["description"]
    for name in ("v1-fidelity.json", "v1-council.json")
    for item in json.loads((FEEDS / name).read_text())
    if isinstance(item, dict) and item.get("description")
]


@pytest.fixture(scope="module")
def reader(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("html", DESCRIPTIONS + FEED_DESCRIPTIONS)
def test_imported_text_reads_as_the_browser_reads_the_html(reader, html):
    reader.set_content(f"<!doctype html><title>t</title><body>{html}</body>")
    shown = reader.locator("body").inner_text()
    assert clean_text(html).split() == shown.split()
    assert lines(clean_text(html)) == lines(shown)


def test_the_feeds_description_passes_axe_and_fits_a_phone(page, sign_in, lead_a, partnership_a):
    from continuum.importers.store import import_services
    from continuum.models import Service
    from tests.browser.axe import serious_violations

    feed = FEEDS / "v1-fidelity.json"
    import_services(
        partnership=partnership_a, data=feed.read_bytes(), source=feed.name, max_bytes=10**7
    )
    service = Service.objects.get(partnership=partnership_a, source_id="2001")
    sign_in("lead@a.example")
    page.set_viewport_size({"width": 375, "height": 800})
    for url in (service.get_absolute_url(), f"{service.get_absolute_url()}edit/"):
        page.goto(url)
        described = page.locator("#feed-description")
        assert "Parents, carers and babies" in described.inner_text()
        assert serious_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
