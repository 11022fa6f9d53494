"""The pages families reach by a survey's link: no sign-in, no cookie but the form's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from voice.models import Answer, Comment, SurveyResponse

pytestmark = pytest.mark.django_db


def url(survey, name="survey"):
    return reverse(f"have-your-say:{name}", args=[survey.token])


def answers(**extra):
    return {"knew-where": "2", "listened": "5", "comment": "More evening groups", **extra}


def test_it_shows_the_survey_without_signing_in(client, survey):
    page = client.get(url(survey))
    assert page.status_code == 200
    assert "I knew where to go for help" in page.text
    assert "Does not apply to me" in page.text
    assert set(page.cookies) <= {"csrftoken"}


def test_it_shows_the_easy_read_version(client, survey):
    page = client.get(url(survey, "easy-read"))
    assert page.status_code == 200
    assert "Easy: I knew where to go for help" in page.text
    assert "This did not happen to me" in page.text


def test_it_saves_answers_and_the_comment_apart(client, survey):
    sent = client.post(url(survey), answers(relationship="father", age_band="1-2-years"))
    assert sent.status_code == 302
    assert sent["Location"] == url(survey, "thanks")
    response = SurveyResponse.objects.get()
    assert (response.relationship, response.age_band, response.on_paper) == (
        "father",
        "1-2-years",
        False,
    )
    assert sorted(Answer.objects.values_list("value", flat=True)) == [2, 5]
    comment = Comment.objects.get()
    assert comment.text == "More evening groups" and comment.status == "unread"
    assert not hasattr(comment, "response")
    assert set(sent.cookies) <= {"csrftoken"}


def test_it_asks_for_at_least_one_answer(client, survey):
    page = client.post(url(survey), {})
    assert page.status_code == 400
    assert "Answer at least one question" in page.text
    assert not SurveyResponse.objects.exists()


def test_it_names_a_bad_answer(client, survey):
    page = client.post(url(survey), {"knew-where": "9"})
    assert page.status_code == 400
    assert "Select one of the answers given" in page.text
    assert not SurveyResponse.objects.exists()


def test_a_filled_trap_keeps_nothing_and_says_thanks(client, survey):
    sent = client.post(url(survey), answers(website="http://spam.example"))
    assert sent.status_code == 302
    assert not SurveyResponse.objects.exists() and not Comment.objects.exists()


def test_it_throttles_one_address(client, survey, settings):
    settings.VOICE_ADDRESS_LIMIT = 2
    for _ in range(2):
        assert client.post(url(survey), answers(), REMOTE_ADDR="10.0.0.1").status_code == 302
    refused = client.post(url(survey), answers(), REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429
    assert "Too many answers" in refused.text
    assert client.post(url(survey), answers(), REMOTE_ADDR="10.0.0.2").status_code == 302
    assert SurveyResponse.objects.count() == 3


def test_it_throttles_one_link(client, survey, settings):
    settings.VOICE_LINK_LIMIT = 2
    for address in ("10.0.0.1", "10.0.0.2"):
        assert client.post(url(survey), answers(), REMOTE_ADDR=address).status_code == 302
    assert client.post(url(survey), answers(), REMOTE_ADDR="10.0.0.3").status_code == 429
    assert SurveyResponse.objects.count() == 2


def test_it_stops_at_the_cap(client, survey):
    survey.cap = 1
    survey.save()
    assert client.post(url(survey), answers()).status_code == 302
    full = client.post(url(survey), answers(), REMOTE_ADDR="10.0.0.9")
    assert full.status_code == 404
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("name", ["survey", "easy-read", "thanks", "privacy"])
def test_a_closed_survey_is_a_not_found_page_that_says_so(client, survey, name):
    survey.closed_early = timezone.now()
    survey.save()
    page = client.get(url(survey, name))
    assert page.status_code == 404
    assert "This survey is closed" in page.text
    assert client.post(url(survey), answers()).status_code in (404, 405)
    assert not SurveyResponse.objects.exists()


def test_a_survey_past_its_dates_is_closed(client, survey):
    survey.closes = timezone.localdate() - datetime.timedelta(days=1)
    survey.save()
    assert client.get(url(survey)).status_code == 404


def test_a_survey_not_yet_open_is_closed(client, survey):
    survey.opens = timezone.localdate() + datetime.timedelta(days=1)
    survey.save()
    assert client.get(url(survey)).status_code == 404


def test_an_unknown_link_says_the_survey_is_closed(client, db):
    page = client.get(reverse("have-your-say:survey", args=["no-such-link"]))
    assert page.status_code == 404
    assert "This survey is closed" in page.text


def test_the_privacy_notice_says_what_is_kept_and_for_how_long(client, survey, settings):
    settings.VOICE_COMMENT_RETENTION_DAYS = 180
    page = client.get(url(survey, "privacy"))
    assert "deleted 180 days after you send it" in page.text
    assert "never ask for them" in page.text


def test_the_summary_is_only_public_when_the_lead_publishes_it(client, survey):
    assert client.get(url(survey, "summary")).status_code == 404
    survey.public_summary = True
    survey.closed_early = timezone.now()
    survey.save()
    page = client.get(url(survey, "summary"))
    assert page.status_code == 200
    assert "What families told us" in page.text


@pytest.mark.parametrize("name", ["survey", "easy-read", "privacy"])
def test_families_are_not_told_to_ask_a_partnership_lead(client, survey, name):
    page = client.get(url(survey, name))
    assert "This is a new service." in page.text
    assert "partnership lead" not in page.text


def test_staff_pages_keep_the_staff_banner(client, db):
    assert "Tell your partnership lead" in client.get(reverse("login")).text
