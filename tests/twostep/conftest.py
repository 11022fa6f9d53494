"""Tests of the second step sign in with force_login as the first step alone (`password_only`)."""

import json
import logging

import pytest


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
