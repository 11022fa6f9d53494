"""The permission matrix: every URL × method × persona answers as `permissions.csv` says.

A URL with no rows in the file fails the test: describe who may use a new page before it ships.
"""

import csv
from pathlib import Path

import pytest
from django.test import Client

from tests.security.routes import all_routes, url_for

MATRIX = Path(__file__).parent / "permissions.csv"
ROUTES = {route.name: route for route in all_routes()}


def read_matrix() -> dict[tuple[str, str], dict[str, int]]:
    with MATRIX.open(newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if not row["url_name"].startswith("#")]
    return {
        (row.pop("url_name"), row.pop("method")): {k: int(v) for k, v in row.items()}
        for row in rows
    }


EXPECTED = read_matrix()


def test_every_url_has_rows_for_get_and_post():
    missing = [
        f"{name} {method}"
        for name in ROUTES
        for method in ("GET", "POST")
        if (name, method) not in EXPECTED
    ]
    assert missing == [], f"add rows to {MATRIX.name} for: {missing}"
    stale = sorted({name for name, _ in EXPECTED} - set(ROUTES))
    assert stale == [], f"{MATRIX.name} has rows for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("name,method", sorted(EXPECTED))
def test_each_persona_gets_the_expected_status(worlds, name, method):
    a, _, personas = worlds
    url = url_for(ROUTES[name], a)
    wrong = []
    for persona, user in personas.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(url) if method == "GET" else client.post(url, {})
        expected = EXPECTED[(name, method)][persona]
        if response.status_code != expected:
            wrong.append(f"{persona}: {response.status_code}, expected {expected}")
    assert wrong == [], f"{method} {url}"
