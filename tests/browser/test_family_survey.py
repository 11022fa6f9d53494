"""A parent answers a survey on a phone with JavaScript off; axe on the survey pages.

axe is itself a script, so it checks the same pages in a phone-sized window with JavaScript
on; the journey runs with it off.
"""

import time

from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.browser.conftest import SUMMARY
from tests.browser.screens import PHONE
from tests.voice.factories import make_survey
from voice.models import Comment, SurveyResponse


def test_a_parent_answers_on_a_phone_without_javascript(browser, live_server, partnership_a):
    survey = make_survey(partnership_a, localities="North\nSouth")
    checked = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = checked.new_page()
    with_scripts = page_weight(page, survey.public_path())
    for path in (survey.public_path(), survey.public_path() + "easy-read/"):
        page.goto(path)
        assert serious_violations(page) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    checked.close()

    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    started = time.perf_counter()
    without_scripts = page_weight(page, survey.public_path())
    page.get_by_role("group", name="1. I knew where to go for help").get_by_label(
        "Agree", exact=True
    ).check()
    page.get_by_role("group", name="2. I was listened to").get_by_label(
        "Does not apply to me"
    ).check()
    page.get_by_label("What one thing would have helped you most?").fill("Groups at weekends")
    page.get_by_role("group", name="Where do you live?").get_by_label("South").check()
    page.get_by_role("button", name="Send your answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    took = time.perf_counter() - started
    context.close()

    response = SurveyResponse.objects.get()
    assert (response.locality, response.on_paper) == ("South", False)
    assert sorted(response.answers.values_list("value", flat=True)) == [0, 4]
    assert Comment.objects.get().text == "Groups at weekends"
    page = browser.new_page(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    page.goto(survey.public_path() + "easy-read/")
    expect(page.get_by_role("heading", name="Tell us about the help you got")).to_be_visible()
    page.close()
    SUMMARY.append(
        f"Family survey: answered in {took:.2f}s; the survey page weighs {with_scripts[0]} bytes "
        f"in {with_scripts[1]} files (HTML, CSS, JS), {without_scripts[0]} bytes in "
        f"{without_scripts[1]} files with JavaScript off"
    )


def page_weight(page, path: str) -> tuple[int, int]:
    """Bytes and files a first visit to `path` loads (the live server compresses nothing)."""
    loaded = []

    def note(request) -> None:
        loaded.append(request)

    page.on("requestfinished", note)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.remove_listener("requestfinished", note)
    return sum(request.sizes()["responseBodySize"] for request in loaded), len(loaded)
