"""axe on every page, for every role, and on every form in its error state.

The pages are not listed here: they come from the URL resolver, with arguments filled from a
partnership with a full object graph (tests/security/routes.py), so a new page is checked as
soon as it exists. A round's state decides which forms and tables its pages show, so each round
page is opened for a round in every state. Each role opens, in Chromium against the live server,
every page it may see (200); axe must find nothing serious or critical under WCAG 2.0, 2.1 and
2.2 A and AA. The same page, narrowed to a phone's 375 pixels, must not scroll sideways (a wide
table scrolls inside its own region, a chart redraws to the new width), and must not offer the
same download twice. Then the lead submits every form emptied and axe checks the page that
answers.

A URL that answers no role with a page fails the test, unless it is a download (by its content
type: CSV, XLSX, PDF, JSON) or takes POSTs only (405 to everyone signed in). Pages that only
ever answer with an error status (`ERROR_PAGES`, such as a refused sign-in) are checked too.
"""

import time
from collections import Counter, defaultdict
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve

from tests.browser.axe import load_axe_in_every_page, serious_violations
from tests.browser.conftest import SUMMARY
from tests.browser.screens import DESKTOP, PHONE, width_on_a_phone
from tests.english_text import EnglishFinder, runs_of
from tests.security.routes import ERROR_PAGES
from tests.site_graph import AWAITING_CODE, Site, build_site, urls_by_route
from twostep.gate import SESSION_KEY

FORMS = "main form[method=post]"
HTML_LANG = {"en-gb": "en-GB", "cy": "cy"}
# Forms that neither emptying nor overfilling can make refuse, and where their error state is
# checked instead.
NO_ERROR_STATE = {
    "notifications:preferences": "any ticks are valid; see test_notification_preferences.py",
}
FIELDS = (
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=radio]),"
    " textarea, select"
)


@pytest.fixture
def site(transactional_db) -> Site:
    return build_site()


def browser_page_as(browser, base_url: str, user, second_step: bool = True, language: str = ""):
    """A page in a fresh browser context, signed in as `user` through a session cookie (past
    the second step of signing in, unless `second_step` is False), in `language` if given (as
    the header's switch leaves it)."""
    context = browser.new_context(base_url=base_url, viewport=DESKTOP)
    load_axe_in_every_page(context)
    if language:
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
        )
    if user is not None:
        client = Client()
        client.force_login(user)
        if not second_step:
            session = client.session
            del session[SESSION_KEY]
            session.save()
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}]
        )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def look(page, name: str, url: str) -> tuple[str, int, bool]:
    """Status and whether it is an HTML page, before the browser opens it (downloads do not).

    A redirect to the same URL pattern is the same page: the reset link moves its token into
    the session and redirects to itself without it.
    """
    response = page.request.get(url, max_redirects=0)
    location = response.headers.get("location", "")
    if response.status == 302 and location:
        path = urlsplit(location).path
        if resolve(path).view_name == name:
            url = path
            response = page.request.get(url, max_redirects=0)
    is_html = response.headers.get("content-type", "").startswith("text/html")
    return url, response.status, is_html


def doubled_downloads(page) -> list[str]:
    """Links to the same download that appear more than once on the page."""
    hrefs = page.locator("a[download]").evaluate_all("links => links.map(a => a.href)")
    return sorted(href for href, n in Counter(hrefs).items() if n > 1)


@pytest.mark.parametrize("language", ["en-gb", "cy"], ids=["English", "Welsh"])
def test_every_page_for_every_role_passes_axe(browser, live_server, site, language):
    started = time.monotonic()
    wrong_language = []
    urls = urls_by_route(site.rounds)
    answers = defaultdict(set)  # route name → the answers any role got
    checked, downloads, problems = Counter(), 0, []
    too_wide, doubled, widest, phone_seconds = [], [], (0, ""), 0.0
    for role, user in site.people.items():
        page = browser_page_as(
            browser, live_server.url, user, second_step=role != AWAITING_CODE, language=language
        )
        for name, route_urls in urls.items():
            for url in route_urls:
                url, status, is_html = look(page, name, url)
                error_page = status >= 400 and is_html and name in ERROR_PAGES
                if status != 200 and not error_page:
                    answers[name].add(status)
                elif not is_html:
                    answers[name].add("download")
                    downloads += 1
                else:
                    answers[name].add("page")
                    page.goto(url)
                    if page.locator("html").get_attribute("lang") != HTML_LANG[language]:
                        wrong_language.append(f"{url} ({role})")
                    problems += [f"{role} {url}: {v}" for v in serious_violations(page)]
                    doubled += [f"{url} ({role}): {href}" for href in doubled_downloads(page)]
                    phone_started = time.monotonic()
                    width = width_on_a_phone(page)
                    phone_seconds += time.monotonic() - phone_started
                    widest = max(widest, (width, f"{url} ({role})"))
                    if width > PHONE["width"]:
                        too_wide.append(f"{url} ({role}): {width} px")
                    checked[role] += 1
        page.context.close()
    seconds = time.monotonic() - started
    SUMMARY.append(
        f"axe in {HTML_LANG[language]}: {checked.total()} pages (URL × role) in {seconds:.0f} s "
        f"({', '.join(f'{role} {n}' for role, n in checked.items())}); "
        f"{downloads} downloads skipped by content type; widest at {PHONE['width']} px: "
        f"{widest[0]} px, {widest[1]} (the phone-width check took {phone_seconds:.0f} s)"
    )
    assert problems == []
    assert wrong_language == [], f"pages not in {HTML_LANG[language]}"
    assert not too_wide, f"sideways scrolling at {PHONE['width']} px:\n" + "\n".join(too_wide)
    assert not doubled, "the same download twice:\n" + "\n".join(doubled)
    # The read API answers JSON to the holders of a token, never pages: tests/api checks it.
    unchecked = {
        name: sorted(map(str, seen))
        for name, seen in answers.items()
        if not seen & {"page", "download"} and seen - {302} != {405} and not name.startswith("api:")
    }
    assert unchecked == {}, "no role could open these as pages: describe them in routes.py"


def empty(form) -> None:
    """Clears what a person can clear: text, choices with an empty option, tick boxes."""
    for field in fields_of(form):
        tag = field.evaluate("f => f.tagName.toLowerCase()")
        kind = (field.get_attribute("type") or "").lower()
        if tag == "select":
            if field.locator("option[value='']").count():
                field.select_option("")
        elif kind == "checkbox":
            field.uncheck()
        elif kind != "file":
            field.fill("")


def overfill(form) -> None:
    """Text longer than any field takes, for forms where nothing is required."""
    for field in fields_of(form):
        kind = (field.get_attribute("type") or "text").lower()
        if kind in ("text", "email", "url", "search", "tel", "password", "textarea"):
            field.fill("x" * 20_000)


def fields_of(form) -> list:
    fields = form.locator(FIELDS)
    return [fields.nth(index) for index in range(fields.count())]


def shows_an_error_after(page, url: str, index: int) -> bool:
    """Submits the page's form emptied, else overfilled; True once an error summary shows."""
    for spoil in (empty, overfill):
        page.goto(url)
        form = page.locator(FORMS).nth(index)
        spoil(form)
        form.locator("[type=submit]").first.click()
        page.wait_for_load_state()
        if page.locator(".govuk-error-summary").count():
            return True
    return False


@pytest.mark.parametrize("language", ["en-gb", "cy"], ids=["English", "Welsh"])
def test_every_form_in_its_error_state_passes_axe(browser, live_server, site, language):
    """In Welsh, the page that answers must also have no English left: error messages, the
    error summary and the form around them (tests/english_text.py)."""
    started = time.monotonic()
    page = browser_page_as(browser, live_server.url, site.people["lead"], language=language)
    is_english = EnglishFinder()
    seen_forms = set()
    problems, without_error, english, checked = [], [], [], 0
    for name, route_urls in urls_by_route(site.rounds).items():
        for url in route_urls:
            url, status, is_html = look(page, name, url)
            if status != 200 or not is_html:
                continue
            page.goto(url)
            forms = page.locator(FORMS)
            for index in range(forms.count()):
                fields = forms.nth(index).locator(FIELDS)
                names = fields.evaluate_all("fs => fs.map(f => f.name)")
                ticks_only = fields.evaluate_all("fs => fs.every(f => f.type === 'checkbox')")
                signature = (name, tuple(names))
                if not names or signature in seen_forms or name in NO_ERROR_STATE:
                    continue  # a confirmation button, or a form already seen in another round
                if ticks_only:
                    continue  # choices and tick boxes only: nothing to empty or overfill
                seen_forms.add(signature)
                if not shows_an_error_after(page, url, index):
                    without_error.append(f"{name} form {index}: {page.url}")
                    continue
                problems += [f"{name} form {index}: {v}" for v in serious_violations(page)]
                if language == "cy":
                    english += [
                        f"{name} form {index}: {run!r}"
                        for run in runs_of(page.content())
                        if is_english(run)
                    ]
                checked += 1
    seconds = time.monotonic() - started
    SUMMARY.append(
        f"axe in {HTML_LANG[language]}: {checked} forms in their error state in {seconds:.0f} s"
    )
    page.context.close()
    assert problems == []
    assert english == [], "English on Welsh pages in their error state:\n" + "\n".join(english)
    assert without_error == [], "neither emptied nor overfilled, these forms showed no error"
