"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Where Chromium is missing these tests are skipped, and the end of the run says so and how to
install it; in CI (CI=true) a missing browser fails the run instead.
"""

import os
import shutil

import pytest
from django.contrib.sessions.backends.db import SessionStore

from partnership.models import User
from twostep.gate import mark_passed

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct-horse-battery-staple"
MISSING = f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`"

# Lines for the end of the run: the browser tests' own figures, or why they did not run.
SUMMARY: list[str] = []


def chromium_is_installed() -> bool:
    return bool(shutil.which(CHROMIUM)) or os.path.exists(CHROMIUM)


@pytest.fixture(scope="session")
def browser():
    if not chromium_is_installed():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{MISSING} (CI runs the browser tests, never skips them)")
        if MISSING not in SUMMARY:
            SUMMARY.append(f"Browser tests SKIPPED. {MISSING}")
        pytest.skip(MISSING)
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop running in this thread for the whole session,
    # which makes Django's ORM refuse to run here; the tests' database calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    def sign_in_as(email: str, password: str = PASSWORD) -> None:
        sign_in_through_the_form(page, email, password)
        page.wait_for_url("**/partnerships/")

    return sign_in_as


def sign_in_through_the_form(page, email: str, password: str = PASSWORD) -> None:
    """Signs in with the password; a lead or an admin, asked for the second step, is taken
    past it to their partnerships (test_two_step_journey.py goes through it for real)."""
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/two-step/" in page.url:
        pass_second_step_in_browser(page)
        page.goto("/partnerships/")


def pass_second_step_in_browser(page) -> None:
    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=key)
    mark_passed(session, User.objects.get(pk=session["_auth_user_id"]))
    session.save()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    if SUMMARY:
        terminalreporter.section("browser")
        for line in SUMMARY:
            terminalreporter.write_line(line)
