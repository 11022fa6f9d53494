"""Published partnerships, tokens, and the ORUK schemas every answer is checked against."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.cache import cache
from referencing import Registry, Resource

from api.models import ApiToken, Publication
from tests.continuum.conftest import other_a, service_a, service_b, taxonomies  # noqa: F401

SCHEMAS = Path(__file__).parent / "oruk-schemas"


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


PAGE = schema("openapi.json")["components"]["schemas"]["Page"]
REGISTRY = Registry().with_resources(
    (name, Resource.opaque(schema(name))) for name in ("taxonomy_term.json",)
)


def check(document: dict, schema_name: str) -> None:
    """Fails, naming each problem, unless `document` is valid against the ORUK schema."""
    validator = jsonschema.Draft7Validator(
        schema(schema_name), registry=REGISTRY, format_checker=jsonschema.FormatChecker()
    )
    problems = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
    assert problems == []


def check_page(document: dict, item_schema: str) -> None:
    check_against(document, PAGE)
    assert set(document) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    }
    for item in document["contents"]:
        check(item, item_schema)


def check_against(document: dict, raw_schema: dict) -> None:
    validator = jsonschema.Draft7Validator(raw_schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(document)] == []


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def publish(partnership, oruk: str = "public", results: bool = False) -> Publication:
    publication, _ = Publication.objects.update_or_create(
        partnership=partnership, defaults={"oruk": oruk, "results": results}
    )
    return publication


def issue(partnership, name: str = "Dashboard") -> str:
    return ApiToken.issue(partnership=partnership, name=name, by=None)[1]


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
