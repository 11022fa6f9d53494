"""The scale-out run's smoke version, at demo scale: nginx in front of two gunicorn servers on
one PostgreSQL database. A contributor signs in through the proxy and saves a rating; one
server is killed; the same session carries on through the other, and the save is there.

The servers serve the test database itself (committed data, so they see it), started through
the release step as in `make scaleout`. Skipped where nginx is missing, except in CI.
"""

import os
import re
import signal
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from assessments.models import Assessment, AssessmentStatus, Response
from partnership.demo import DEMO_PASSWORD
from partnership.models import Membership, Role
from perf import scaleout, serving

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="two app servers share one PostgreSQL"
    ),
]
ANSWER = re.compile(r'name="(e\d+)-(version|digest)" value="([^"]*)"')


@pytest.fixture
def nginx():
    if not scaleout.nginx_installed():
        message = f"nginx not found at {scaleout.NGINX}: install it with `apt-get install nginx`"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{message} (CI runs the scale-out smoke test, never skips it)")
        pytest.skip(message)


@pytest.fixture
def folder():
    with tempfile.TemporaryDirectory(prefix="cradle-scaleout-test-") as name:
        yield Path(name)


def open_round_and_contributor():
    assessment = Assessment.objects.filter(
        partnership__slug="ashworth", status=AssessmentStatus.OPEN
    ).select_related("partnership", "framework")[0]
    member = Membership.objects.filter(
        partnership=assessment.partnership, role=Role.CONTRIBUTOR
    ).select_related("user")[0]
    return assessment, member.user


def save_a_rating(client: serving.HttpClient, url: str, token: str) -> str:
    page = client.request("GET", url)
    assert page.status == 200, page.status
    fields: dict[str, dict[str, str]] = {}
    for prefix, name, value in ANSWER.findall(page.body.decode()):
        fields.setdefault(prefix, {})[name] = value
    prefix, shown = sorted(fields.items())[0]
    saved = client.request(
        "POST",
        url,
        {
            "csrfmiddlewaretoken": client.csrf_token(),
            f"{prefix}-level": "2",
            f"{prefix}-evidence": f"Seen at the family hub ({token})",
            f"{prefix}-links": "",
            f"{prefix}-strength": "evidenced",
            f"{prefix}-version": shown.get("version", "0"),
            f"{prefix}-digest": shown.get("digest", ""),
        },
    )
    assert saved.status == 302, saved.body[-2000:]
    return prefix


def test_a_session_and_a_save_survive_one_server_being_killed(nginx, transactional_db, folder):
    started = time.monotonic()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assessment, contributor = open_round_and_contributor()
    # The tests hash passwords with a fast hasher the servers' production settings do not know.
    hasher = PBKDF2PasswordHasher()
    contributor.password = hasher.encode(DEMO_PASSWORD, hasher.salt())
    contributor.save(update_fields=["password"])
    dimension = assessment.framework.dimensions.order_by("order")[0].code
    url = reverse("assessments:rate", args=[assessment.partnership.slug, assessment.pk, dimension])
    env = scaleout.server_env(serving.database_url())
    serving.ensure_static(env)

    with (
        scaleout.app_servers(env, folder, workers=1) as (a, b),
        scaleout.proxy([a.port, b.port], folder / "proxy.log") as port,
    ):
        client = serving.HttpClient(port)
        client.sign_in(contributor.email, DEMO_PASSWORD)
        # Signed in once through the proxy: each server, asked directly, knows the session.
        assert scaleout.session_check_as(client, [a, b]) == {"a": 200, "b": 200}
        token = f"smoke-{uuid.uuid4().hex}"
        prefix = save_a_rating(client, url, token)

        b.stop(signal.SIGKILL)
        # The proxy sends every other request to B: refused, it passes them to A. Every page
        # answers, signed in, and the rating page shows the save.
        for _ in range(4):
            page = client.request("GET", reverse("partnership:list"))
            assert page.status == 200, page.status
        page = client.request("GET", url)
        assert page.status == 200 and token in page.body.decode()

    saved = Response.objects.get(
        assessment=assessment, respondent=contributor, element_id=int(prefix[1:])
    )
    assert token in saved.evidence
    log = scaleout.read_proxy_log(folder / "proxy.log")
    assert f"127.0.0.1:{b.port}" in {u for row in log for u in row["upstreams"]}
    assert all(row["status"] < 500 for row in log)
    assert time.monotonic() - started < 90
