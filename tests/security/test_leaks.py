"""What A's people can reach never shows B's data, and stored markup is always shown as text."""

import io
import zipfile

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.test import Client

from assessments.models import Change, OutOfScope
from continuum.models import GapAdjustment, Term
from partnership.downloads import XLSX_TYPE
from partnership.indicators.models import Indicator, IndicatorValue, KeyIndicator
from tests.downloads import pdf_text, xlsx_text
from tests.factories import make_area, make_oversight, make_user
from tests.security.conftest import CANARY, build_framework, build_round, build_world
from tests.security.routes import all_routes, url_for

ROUTES = all_routes()
A_PERSONAS = ["lead", "contributor", "viewer", "commissioner"]


def body_of(response) -> str:
    """What a person would read in the response: the page, or every cell or line of a file.

    XLSX files are zipped and PDF text is compressed, so their raw bytes would hide a leak.
    """
    content = getattr(response, "content", None)
    if content is None:  # a streamed download
        content = b"".join(response.streaming_content)
    kind = response.get("Content-Type", "")
    if kind == XLSX_TYPE:
        return xlsx_text(content)
    if kind == "application/pdf":
        return pdf_text(content)
    if kind == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(content))
        return "\n".join(
            xlsx_text(archive.read(n)) if n.endswith(".xlsx") else archive.read(n).decode()
            for n in archive.namelist()
        )
    return content.decode("utf-8", errors="replace")


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_no_page_or_download_reachable_by_a_shows_b(worlds, route):
    a, b, personas = worlds
    url = url_for(route, a)
    for persona in A_PERSONAS:
        client = Client()
        client.force_login(personas[persona])
        response = client.get(url)
        assert CANARY not in body_of(response), (persona, url)


PAYLOADS = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    '=HYPERLINK("http://evil.example","x")',
    "<svg/onload=alert()>",  # fits a 20-character field
]
# What must never reach a page raw: each would run if the payload were not escaped.
RAW = ['<script>alert("x")', "<img src=x onerror", 'href="javascript:', "<svg/onload"]
CORPUS = " ".join(PAYLOADS)
CRADLE_APPS = ["partnership", "continuum", "assessments", "dashboards"]
# Text fields that do not take the corpus, and why. Slugs, email addresses and choices are not
# free text (they are validated on the way in) and are left out by type.
NOT_FREE_TEXT = {
    "partnership.User.password": "stored hashed, never shown",
    "partnership.Area.gss_code": "the nine-character ONS code, loaded from ONS files",
    "continuum.Location.postcode": "ten characters cannot hold markup that runs",
    "assessments.Framework.version": "part of the library's URLs, loaded from shipped files",
    "partnership.ResetLimit.key": "a keyed hash or a client address, written only by Cradle",
    "partnership.IndicatorValue.area_code": "letters and digits only, checked on every import",
}


def free_text_fields() -> list:
    """Every free-text field of Cradle's models (URLs included: a link can carry a script)."""
    fields = []
    for app in CRADLE_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                label = f"{model._meta.label}.{field.name}"
                if (
                    isinstance(field, models.CharField | models.TextField)
                    and not isinstance(field, models.SlugField | models.EmailField)
                    and not field.choices
                    and label not in NOT_FREE_TEXT
                ):
                    fields.append((model, field))
    return fields


def corpus_for(field) -> str:
    """As much of the corpus as the field holds: all of it, else the longest payload that fits."""
    if isinstance(field, models.URLField):
        return "javascript:alert(1)//"
    limit = field.max_length or len(CORPUS)
    fitting = [p for p in [CORPUS, *sorted(PAYLOADS, key=len, reverse=True)] if len(p) <= limit]
    return fitting[0]


def hostile_value(field):
    """The corpus, then the row's id where there is room: some names are unique."""
    corpus = corpus_for(field)
    if field.max_length and len(corpus) + 8 > field.max_length:
        return Value(corpus)
    return Concat(Value(corpus + " #"), Cast("pk", output_field=models.CharField()))


@pytest.fixture
def hostile_world(db):
    """Partnership A where every free-text field of every model holds attack strings."""
    england = make_area("E92000001", "England")
    region = make_area("E12000002", "North West", parent=england)
    framework = build_framework()
    world = build_world(
        "alpha", make_area("E08000990", "Alpha", parent=region), framework, text=CORPUS
    )
    # Rows the world does not otherwise have: the taxonomies a service is tagged with, an
    # out-of-scope element and a history line (in a second round), an oversight's note.
    call_command("load_taxonomies", verbosity=0)
    call_command("load_gap_rules", verbosity=0)
    world.service.terms.add(*Term.objects.all()[:5])
    # A local adjustment whose reason the matrix, the dashboard and the report all show.
    GapAdjustment.objects.create(
        partnership=world.partnership,
        rows="continuum-level",
        cols="thrive",
        row="promotion",
        col="getting-help",
        expected=True,
        reason="x",
        by=world.lead,
    )
    draft, _ = build_round(world, status="draft", name="Draft")
    OutOfScope.objects.create(assessment=draft, element=world.element, reason="")
    Change.objects.create(
        assessment=world.assessment,
        element=world.element,
        subject="action",
        object_id=1,
        field="title",
        by=world.lead,
    )
    # Local need: an indicator the partnership follows, with a value and its comparator.
    indicator = Indicator.objects.create(code="hostile", name="Hostile", source="File")
    for code in ("E08000990", "E92000001"):
        IndicatorValue.objects.create(
            indicator=indicator,
            area_code=code,
            period="2023",
            value=1,
            comparator=code.startswith("E92"),
        )
    KeyIndicator.objects.create(partnership=world.partnership, indicator=indicator)
    commissioner = make_user("commissioner@nw.example")
    make_oversight(commissioner, area=region)
    admin = make_user("admin@example.org", is_staff=True, is_superuser=True)
    for model, field in free_text_fields():
        model.objects.update(**{field.name: hostile_value(field)})
    people = [None, world.lead, world.contributor, world.viewer, commissioner, admin]
    return world, people


def test_the_corpus_reaches_every_free_text_field(hostile_world):
    # Without this, a new model or field would be missed by the page walk below.
    missing = [
        f"{model._meta.label}.{field.name}"
        for model, field in free_text_fields()
        if not model.objects.filter(**{f"{field.name}__startswith": corpus_for(field)}).exists()
    ]
    assert missing == [], "give the hostile world a row for these (or list them as not free text)"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_stored_markup_is_escaped_on_every_page(hostile_world, route):
    world, people = hostile_world
    url = url_for(route, world)
    for user in people:
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue  # downloads are data, served as attachments with nosniff
        html = body_of(response)
        assert [raw for raw in RAW if raw in html] == [], (user, url)


def test_the_canary_is_there_to_be_found(worlds):
    # Without this, the crawl above would pass by finding nothing anywhere.
    _, b, _ = worlds
    client = Client()
    client.force_login(b.lead)
    for route in ROUTES:
        # The last two are a PDF and an XLSX file: proof that the crawl reads inside them.
        if route.name in {
            "partnership:overview",
            "continuum:service-list",
            "assessments:actions",
            "dashboards:report-pdf",
            "assessments:round-xlsx",
        }:
            assert CANARY in body_of(client.get(url_for(route, b))), route.name
