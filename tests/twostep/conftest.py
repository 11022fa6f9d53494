"""Tests of the second step sign in with force_login as the first step alone (`password_only`),
and make authenticator apps and recovery codes with known secrets."""

import json
import logging

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# A fixed 20-byte key: the tests compute the codes an app would show.
KEY = "3132333435363738393031323334353637383930"


def code_now(key: str = KEY, steps_ahead: int = 0) -> str:
    totp = TOTP(bytes.fromhex(key))
    totp.time = totp.time + steps_ahead * 30
    return f"{totp.token():06d}"


def wrong_code(key: str = KEY) -> str:
    right = {code_now(key, step) for step in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)


def make_device(user, key: str = KEY) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", key=key)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/twostep/" in str(item.fspath):
            item.add_marker(pytest.mark.password_only)


@pytest.fixture
def audit_lines(caplog):
    caplog.set_level(logging.INFO, logger="cradle.audit")

    def lines(event: str | None = None) -> list[dict]:
        records = [json.loads(r.getMessage()) for r in caplog.records if r.name == "cradle.audit"]
        return [r for r in records if event is None or r["event"] == event]

    return lines
