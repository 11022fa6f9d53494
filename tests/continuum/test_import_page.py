"""The upload page: a lead imports a feed in the browser and never sees a server error."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from continuum.models import Service
from tests.continuum.conftest import FEEDS


def upload(client, partnership, name, content, **extra):
    return client.post(
        reverse("continuum:import", args=[partnership.slug]),
        {"feed": SimpleUploadedFile(name, content, content_type="application/json"), **extra},
    )


def test_a_lead_imports_a_feed_and_sees_the_report(client, lead_a, partnership_a, taxonomies):
    client.force_login(lead_a)
    response = upload(client, partnership_a, "feed.json", (FEEDS / "v1-council.json").read_bytes())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Import finished" in page
    assert "3 services were created, 0 updated and 5 skipped" in page
    assert "Service 1002 skipped: it has no name" in page
    assert Service.objects.for_partnership(partnership_a).count() == 3


def test_a_dry_run_from_the_page_saves_nothing(client, lead_a, partnership_a, taxonomies):
    client.force_login(lead_a)
    content = (FEEDS / "v1-council.json").read_bytes()
    page = upload(client, partnership_a, "feed.json", content, dry_run="on").content.decode()
    assert "Checked: nothing saved" in page
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    "content,message",
    [
        (b'{"a": ', "The file is not valid JSON"),
        (b'{"services": []}', "The file is JSON but not an Open Referral UK feed"),
        (b"\x89PNG\r\n\x1a\n", "The file is not text in UTF-8"),
    ],
)
def test_bad_files_are_field_errors(client, lead_a, partnership_a, taxonomies, content, message):
    client.force_login(lead_a)
    response = upload(client, partnership_a, "feed.json", content)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert not Service.objects.exists()


def test_no_file_is_a_field_error(client, lead_a, partnership_a):
    client.force_login(lead_a)
    response = client.post(reverse("continuum:import", args=[partnership_a.slug]), {})
    assert "Select the file to import" in response.content.decode()


def test_a_file_over_the_limit_is_refused(client, lead_a, partnership_a, taxonomies, settings):
    settings.SERVICE_IMPORT_MAX_BYTES = 1024
    client.force_login(lead_a)
    response = upload(client, partnership_a, "big.json", b"[" + b" " * 2048 + b"]")
    assert "must be smaller than" in response.content.decode()
    assert not Service.objects.exists()


def test_an_unexpected_failure_is_a_message_not_a_500(
    client, lead_a, partnership_a, taxonomies, monkeypatch
):
    from continuum.importers import store

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(store, "write", broken)
    client.force_login(lead_a)
    response = upload(client, partnership_a, "feed.json", (FEEDS / "v1-council.json").read_bytes())
    assert response.status_code == 200
    assert "The file could not be imported. Nothing was saved" in response.content.decode()


def test_a_long_report_is_shortened(client, lead_a, partnership_a, taxonomies):
    feed = json.dumps([{"id": str(i), "name": f"Service {i}"} for i in range(150)]).encode()
    client.force_login(lead_a)
    page = upload(client, partnership_a, "feed.json", feed).content.decode()
    assert "150 services were created" in page
    assert "and 50 more" in page
    assert Service.objects.count() == 150


def test_a_deeply_nested_file_is_a_field_error(client, lead_a, partnership_a, taxonomies):
    client.force_login(lead_a)
    response = upload(client, partnership_a, "deep.json", b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code == 200
    assert "deep.json: the file is nested too deeply" in response.content.decode()
    assert not Service.objects.exists()
