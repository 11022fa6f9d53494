"""Security events are logged as one JSON line each, never with a password or token."""

import json
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.continuum.conftest import FEEDS

SECRET_GUESS = "wrong-but-secret-guess-123"


@pytest.fixture
def audit_lines(caplog):
    caplog.set_level(logging.DEBUG)

    def lines(event: str | None = None) -> list[dict]:
        records = [json.loads(r.getMessage()) for r in caplog.records if r.name == "cradle.audit"]
        return [r for r in records if event is None or r["event"] == event]

    return lines


def sign_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_sign_in_success_and_failure_are_logged(client, lead_a, audit_lines):
    sign_in(client, "lead@a.example", SECRET_GUESS)
    sign_in(client, "lead@a.example", "correct-horse-battery-staple")
    [failure] = audit_lines("signin.failure")
    [success] = audit_lines("signin.success")
    assert failure["ip"] == "127.0.0.1"
    assert len(failure["username_hash"]) == 12
    assert success["user_id"] == lead_a.pk


def test_behind_a_proxy_the_log_names_the_forwarded_client(client, db, settings, audit_lines):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("login"),
        {"username": "x@example.org", "password": SECRET_GUESS},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.5",
    )
    [failure] = audit_lines("signin.failure")
    assert failure["ip"] == "203.0.113.5"


def test_a_lockout_is_logged(client, lead_a, audit_lines):
    for _ in range(6):
        sign_in(client, "lead@a.example", SECRET_GUESS)
    assert len(audit_lines("signin.lockout")) >= 1


def test_permission_denials_are_logged(client, viewer_a, outsider, partnership_a, audit_lines):
    client.force_login(viewer_a)
    client.get(reverse("partnership:edit", args=[partnership_a.slug]))
    client.force_login(outsider)
    client.get(partnership_a.get_absolute_url())
    denied = audit_lines("access.denied")
    assert [(d["status"], d["user_id"]) for d in denied] == [(403, viewer_a.pk), (404, outsider.pk)]


def test_no_log_line_holds_a_password_or_token(client, lead_a, caplog, mailoutbox):
    caplog.set_level(logging.DEBUG)
    for _ in range(6):
        sign_in(client, "lead@a.example", SECRET_GUESS)
    client.post(reverse("password_reset"), {"email": "lead@a.example"})
    token_link = mailoutbox[0].body.split("/accounts/password/reset/")[1].split()[0]
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert SECRET_GUESS not in text
    assert token_link not in text
    assert "correct-horse-battery-staple" not in text


def test_a_rejected_import_is_logged_without_its_contents(
    client, lead_a, partnership_a, audit_lines
):
    client.force_login(lead_a)
    feed = SimpleUploadedFile("feed.json", b'{"secret-looking": "abc123", ', "application/json")
    client.post(reverse("continuum:import", args=[partnership_a.slug]), {"feed": feed})
    client.post(reverse("continuum:import", args=[partnership_a.slug]), {})
    bad_file, no_file = audit_lines("import.rejected")
    assert bad_file["partnership"] == partnership_a.slug
    assert (bad_file["file"], bad_file["bytes"], bad_file["problems"]) == ("feed.json", 29, 1)
    assert bad_file["user_id"] == lead_a.pk
    assert "abc123" not in json.dumps(bad_file)
    assert (no_file["file"], no_file["problems"]) == ("", 1)


def test_an_accepted_import_logs_no_rejection(client, lead_a, partnership_a, audit_lines):
    client.force_login(lead_a)
    content = (FEEDS / "v1-council.json").read_bytes()
    feed = SimpleUploadedFile("feed.json", content, "application/json")
    client.post(reverse("continuum:import", args=[partnership_a.slug]), {"feed": feed})
    assert audit_lines("import.rejected") == []
