"""Every response carries the security headers; cookies are Secure, HttpOnly and SameSite."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD
from tests.security.routes import all_routes, url_for


@pytest.fixture
def production(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def test_plain_http_is_redirected_to_https(client, production, db):
    response = client.get(reverse("home"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.parametrize("name", ["home", "login", "accessibility", "healthz"])
def test_public_responses_carry_the_headers(client, production, db, name):
    response = client.get(reverse(name), secure=True)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "unsafe-inline" not in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_cookies_are_secure_httponly_and_samesite(client, production, lead_a):
    client.get(reverse("login"), secure=True)
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    client.post(reverse("login"), {"username": "lead@a.example", "password": PASSWORD}, secure=True)
    session = client.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def test_signed_in_pages_are_no_store(client, production, lead_a, partnership_a):
    client.force_login(lead_a)
    for url in [reverse("partnership:list"), partnership_a.get_absolute_url(), "/frameworks/"]:
        response = client.get(url, secure=True)
        assert "no-store" in response["Cache-Control"], url


def check_headers(response, where) -> list[str]:
    """What is missing from one response's security headers."""
    csp = response.get("Content-Security-Policy", "")
    expected = {
        "a CSP without unsafe-inline": csp and "unsafe-inline" not in csp,
        "no unsafe-eval": "unsafe-eval" not in csp,
        "object-src 'none'": "object-src 'none'" in csp,
        "frame-ancestors 'none'": "frame-ancestors 'none'" in csp,
        "HSTS": response.get("Strict-Transport-Security", "").startswith("max-age=31536000"),
        "nosniff": response.get("X-Content-Type-Options") == "nosniff",
        "a referrer policy": response.get("Referrer-Policy") == "same-origin",
    }
    return [f"{where}: {name}" for name, present in expected.items() if not present]


def test_every_response_of_every_url_carries_the_headers(client, production, worlds):
    """Pages, downloads, refusals and redirects alike, as the lead and signed out."""
    a, _, personas = worlds
    missing = []
    for user in [personas["lead"], personas["commissioner"], None]:
        client.logout()
        if user is not None:
            client.force_login(user)
        for route in all_routes():
            url = url_for(route, a)
            response = client.get(url, secure=True)
            missing += check_headers(response, f"{url} ({response.status_code})")
            if user is not None and "no-store" not in response.get("Cache-Control", ""):
                missing.append(f"{url} ({response.status_code}): Cache-Control no-store")
    assert missing == []
