"""Pages outside any partnership, the health check, and what every page promises."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.dashboards.test_links import sign_in
from tests.factories import make_oversight

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["home", "accessibility", "privacy", "login", "password_reset"])
def test_public_pages_answer(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "Cradle" in response.content.decode()


def test_footer_links_to_accessibility_statement_and_privacy_notice(client, db):
    html = client.get(reverse("home")).content.decode()
    assert 'href="/accessibility/"' in html
    assert 'href="/privacy/"' in html
    assert 'class="govuk-skip-link"' in html
    assert "govuk-phase-banner" in html


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_healthz_answers_503_when_the_database_does_not():
    # A real failure: a server process pointed at a PostgreSQL port where nothing listens.
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "response = Client().get('/healthz');"
        "print(response.status_code, response.json()['database'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["503", "down"], result.stderr


def test_pages_carry_a_strict_csp_and_no_inline_script_or_style(client, lead_a, partnership_a):
    client.force_login(lead_a)
    for url in [
        reverse("home"),
        reverse("partnership:list"),
        partnership_a.get_absolute_url(),
        reverse("partnership:member-add", args=[partnership_a.slug]),
    ]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "object-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "<style" not in html
        assert not re.search(r"\sstyle=", html), url


def test_signed_in_pages_are_not_cached(client, lead_a):
    client.force_login(lead_a)
    response = client.get(reverse("partnership:list"))
    assert "no-store" in response["Cache-Control"]


def test_unknown_page_is_a_govuk_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_your_partnerships_lists_memberships_and_oversight(
    client, commissioner, partnership_a, partnership_b, lead_a
):
    client.force_login(commissioner)
    html = client.get(reverse("partnership:list")).content.decode()
    assert "Partnerships you oversee" in html
    assert "Ashworth Best Start" in html
    assert "Brookfield Early Years" not in html


def test_a_member_granted_oversight_sees_it_at_the_next_request(client, lead_a, partnership_b):
    client.force_login(lead_a)
    html = client.get(reverse("partnership:list")).content.decode()
    assert "Ashworth Best Start" in html
    assert "Partnerships you oversee" not in html
    make_oversight(lead_a, partnerships=[partnership_b])
    html = client.get(reverse("partnership:list")).content.decode()
    assert "Partnerships you oversee" in html
    assert "Brookfield Early Years" in html


def test_the_menu_kept_for_one_person_is_not_shown_to_another(
    client, contributor_a, commissioner, admin_user, settings
):
    """The signed-in menu and the footer are drawn once per language and set of links."""
    oversight, admin = f'href="{reverse("oversight:index")}"', f'href="{reverse("admin:index")}"'

    def menu(user):
        client.logout()
        sign_in(client, user)
        return client.get(reverse("partnership:list")).content.decode()

    page = menu(contributor_a)
    assert oversight not in page and admin not in page
    page = menu(commissioner)
    assert oversight in page and admin not in page
    page = menu(admin_user)
    assert oversight in page and admin in page
    page = menu(contributor_a)
    assert oversight not in page and admin not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = client.get(reverse("partnership:list")).content.decode()
    assert "Eich partneriaethau" in page and "Datganiad hygyrchedd" in page
    assert "Accessibility statement" not in page


def test_an_outsider_sees_how_to_join(client, outsider):
    client.force_login(outsider)
    html = client.get(reverse("partnership:list")).content.decode()
    assert "Ask your partnership lead to add you" in html
