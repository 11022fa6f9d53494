"""A real OpenID Connect provider (tests/sso/provider/, django-oauth-toolkit) for the whole
session, Cradle's configuration of it, and a browser that signs in through it."""

import json
import logging
import subprocess
import sys
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.conf import settings
from django.urls import reverse

from sso.models import IdentityProvider

SERVE = Path(__file__).parent / "provider" / "serve.py"
SECRET = "test-client-secret"
_serial = count(1)


@dataclass(frozen=True)
class Account:
    """An account at the provider: its username there, and the subject it gives out."""

    username: str
    sub: str


class ProviderServer:
    """The provider process, driven over HTTP as a real one would be."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.issuer = f"{self.base}/o"

    def _post(self, path: str, data: dict) -> dict:
        response = requests.post(self.base + path, data=json.dumps(data), timeout=10)
        response.raise_for_status()
        return response.json()

    def account(self, email: str, **claims) -> Account:
        """A new account; `email_verified` (default true), `xms_edov` and `name` as claims, and
        None for a claim the provider does not send."""
        return self.change(Account(f"person{next(_serial)}", ""), email, **claims)

    def change(self, account: Account, email: str, **claims) -> Account:
        answer = self._post("/people/", {"username": account.username, "email": email, **claims})
        return Account(account.username, answer["sub"])

    def served(self, path: str) -> int:
        """How many requests for `path` the provider has served so far."""
        return requests.get(self.base + "/served/", timeout=10).json().get(path, 0)

    def register(self, client_id: str) -> None:
        redirect = settings.SITE_URL.rstrip("/") + reverse("sso:callback")
        self._post(
            "/apps/",
            {"client_id": client_id, "client_secret": SECRET, "redirect_uri": redirect},
        )


@pytest.fixture(scope="session", autouse=True)
def provider_process():
    """The provider, started before anything else so that it boots while the test database is
    made."""
    process = subprocess.Popen(
        [sys.executable, str(SERVE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    yield process
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def provider_server(provider_process):
    line = provider_process.stdout.readline().strip()
    if not line.isdigit():
        raise RuntimeError(f"the test provider did not start: {provider_process.stderr.read()}")
    server = ProviderServer(int(line))
    # Two clients, as two organisations' providers would be: Cradle's provider rows use one each.
    server.register("cradle-a")
    server.register("cradle-b")
    return server


@pytest.fixture
def make_provider(db, provider_server):
    def make(name: str = "Ashworth Council", domains: str = "a.example", **fields):
        fields.setdefault("client_id", "cradle-a")
        fields.setdefault("client_secret", SECRET)
        fields.setdefault("issuer", provider_server.issuer)
        provider = IdentityProvider(name=name, email_domains=domains, **fields)
        provider.full_clean()
        provider.save()
        return provider

    return make


@pytest.fixture
def sign_in(provider_server):
    """Sign in to Cradle with `client` as `account`, through `provider`; Cradle's answer to
    the provider sending the browser back."""

    def sign_in(client, provider: IdentityProvider, account: Account, next_url: str = ""):
        query = {"next": next_url} if next_url else None
        start = client.get(reverse("sso:start", args=[provider.pk]), query_params=query)
        assert start.status_code == 302, start.content.decode()
        browser = requests.Session()
        browser.get(
            provider_server.base + "/login/", params={"username": account.username}, timeout=10
        ).raise_for_status()
        answer = browser.get(start["Location"], allow_redirects=False, timeout=10)
        assert answer.status_code == 302, answer.text
        back = urlsplit(answer.headers["Location"])
        assert back.path == reverse("sso:callback")
        return client.get(f"{back.path}?{back.query}")

    return sign_in


@pytest.fixture
def audit_lines(caplog):
    caplog.set_level(logging.DEBUG)

    def lines(event: str | None = None) -> list[dict]:
        records = [json.loads(r.getMessage()) for r in caplog.records if r.name == "cradle.audit"]
        return [r for r in records if event is None or r["event"] == event]

    return lines
