"""Serving Cradle as production does, on loopback, for the benchmark and the load test.

gunicorn with production settings on a free port, and a tiny HTTP client that signs in through
the real form and keeps its own cookies.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.urls import reverse


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**extra: str) -> dict[str, str]:
    """Production settings on loopback: only the HTTPS redirect is off (there is no TLS here)."""
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url(),
        LOG_LEVEL="WARNING",
        # The measured servers time pages, not signing in: their clients sign in with a
        # password alone (a second step's codes cannot be replayed across many clients).
        TWO_STEP_ENFORCED="0",
    )
    env.update(extra)
    return env


def database_url() -> str:
    """This process's database as a URL, so gunicorn serves the very same one."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def ensure_static(env: dict[str, str]) -> None:
    """The manifest storage needs collected files; collect them once if they are missing."""
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if "Manifest" in backend and not manifest.exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
        )


@contextmanager
def gunicorn(*, workers: int, env: dict[str, str], folder: Path, access_log: bool = False):
    """Serves Cradle with gunicorn on a free loopback port until the block ends; yields the port.

    Its own log goes to `folder/gunicorn.log`, shown if it fails to start.
    """
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "120",
    ]  # fmt: skip
    if access_log:
        command += ["--access-logfile", str(folder / "access.log")]
        command += ["--access-logformat", LOG_FORMAT]
    log = folder / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 (a fixed command line)
            command, cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        try:
            wait_until_up(port, process)
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n{log.read_text()[-3000:]}") from error
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with exit code {process.returncode}")
        try:
            if HttpClient(port).request("GET", "/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz in time")


LOG_FORMAT = "%({x-bench-id}i)s %(s)s %(D)s"


@dataclass
class Reply:
    status: int
    body: bytes
    headers: list[tuple[str, str]]


@dataclass
class HttpClient:
    """A tiny client that keeps its own cookies, so secure cookies travel over plain loopback."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, data: dict | None = None, tag: str = "") -> Reply:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if tag:
            headers["X-Bench-Id"] = tag
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            reply = Reply(response.status, response.read(), response.getheaders())
        finally:
            conn.close()
        for name, value in reply.headers:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return reply

    def sign_in(self, email: str, password: str) -> None:
        """Through the real sign-in form, with its CSRF token."""
        page = self.request("GET", reverse("login"))
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        if token is None:
            raise RuntimeError("The sign-in page has no CSRF token")
        data = {"csrfmiddlewaretoken": token.group(1).decode(), "username": email}
        reply = self.request("POST", reverse("login"), {**data, "password": password})
        if reply.status != 302:
            raise RuntimeError(f"Signing in as {email} failed with status {reply.status}")

    def csrf_token(self) -> str:
        return self.cookies.get("csrftoken", "")
