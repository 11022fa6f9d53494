"""What A's people can reach never shows B's data, and stored markup is always shown as text."""

import pytest
from django.test import Client

from partnership.downloads import XLSX_TYPE
from tests.downloads import pdf_text, xlsx_text
from tests.factories import make_area, make_oversight, make_user
from tests.security.conftest import CANARY, build_framework, build_world
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
]


@pytest.fixture
def hostile_world(db):
    """Partnership A where every text field a user can type holds attack strings."""
    england = make_area("E92000001", "England")
    region = make_area("E12000002", "North West", parent=england)
    framework = build_framework()
    world = build_world(
        "alpha", make_area("E08000990", "Alpha", parent=region), framework, text=" ".join(PAYLOADS)
    )
    commissioner = make_user("commissioner@nw.example")
    make_oversight(commissioner, area=region)
    return world, commissioner


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_stored_markup_is_escaped_on_every_page(hostile_world, route):
    world, commissioner = hostile_world
    url = url_for(route, world)
    for user in [world.lead, world.contributor, world.viewer, commissioner]:
        client = Client()
        client.force_login(user)
        response = client.get(url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue  # downloads are data, served as attachments with nosniff
        html = body_of(response)
        assert '<script>alert("x")' not in html, (user, url)
        assert "<img src=x onerror" not in html, (user, url)
        assert 'href="javascript:' not in html, (user, url)


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
