"""An import places services on the same terms whatever language the person importing reads
Cradle in, and whether the feed names the terms in English or in Welsh."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from continuum.importers.store import import_services
from continuum.models import Service
from tests.continuum.conftest import FEEDS

LIMIT = 10 * 1024 * 1024


def feed(*terms: tuple[str, str]) -> bytes:
    """One service tagged with (vocabulary, term name) pairs, in the v1 shape."""
    service = {
        "id": "2001",
        "name": "Cylch Ti a Fi",
        "status": "active",
        "organization": {"id": "org-1", "name": "Mudiad Meithrin"},
        "service_taxonomys": [
            {"taxonomy": {"name": name, "vocabulary": vocabulary}} for vocabulary, name in terms
        ],
    }
    return json.dumps([service]).encode()


def placed(partnership, data: bytes) -> set[str]:
    report = import_services(
        partnership=partnership, data=data, source="feed.json", max_bytes=LIMIT
    )
    assert report.ok
    service = Service.objects.get(source_id="2001")
    return {f"{t.taxonomy.code}/{t.code}" for t in service.terms.all()}


ENGLISH = feed(("Continuum of support", "Prevention"), ("THRIVE groupings", "Getting Help"))
WELSH = feed(("Continwwm cymorth", "Atal"), ("Grwpiau THRIVE", "Cael Help"))
EXPECTED = {"continuum-level/prevention", "thrive/getting-help"}


@pytest.mark.parametrize("language", ["en-gb", "cy"])
@pytest.mark.parametrize("data", [ENGLISH, WELSH], ids=["english-feed", "welsh-feed"])
def test_terms_match_in_either_language_of_the_feed_and_of_the_import(
    partnership_a, taxonomies, language, data
):
    with translation.override(language):
        assert placed(partnership_a, data) == EXPECTED


def test_the_council_feed_is_placed_the_same_under_welsh(partnership_a, taxonomies):
    with translation.override("cy"):
        report = import_services(
            partnership=partnership_a,
            data=(FEEDS / "v1-council.json").read_bytes(),
            source="v1-council.json",
            max_bytes=LIMIT,
        )
    assert report.ok
    placed_on = {
        s.source_id: {f"{t.taxonomy.code}/{t.code}" for t in s.terms.all()}
        for s in Service.objects.filter(source_id__in=["1001", "1003"])
    }
    assert placed_on == {"1001": {"thrive/getting-advice"}, "1003": {"continuum-level/prevention"}}


def test_a_lead_reading_cradle_in_welsh_imports_an_english_feed(
    client, lead_a, partnership_a, taxonomies
):
    lead_a.language = "cy"
    lead_a.save(update_fields=["language"])
    client.force_login(lead_a)
    response = client.post(
        reverse("continuum:import", args=[partnership_a.slug]),
        {"feed": SimpleUploadedFile("feed.json", ENGLISH, content_type="application/json")},
    )
    assert response.status_code == 200
    service = Service.objects.get(source_id="2001")
    assert {f"{t.taxonomy.code}/{t.code}" for t in service.terms.all()} == EXPECTED
