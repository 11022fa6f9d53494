"""What families say, in Welsh: what a Welsh reader notices on the survey and the lead's pages.

These read the Welsh catalogue (locale/cy, compiled into django.mo)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.voice.factories import add_responses

pytestmark = pytest.mark.django_db
WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}


def test_a_family_reads_the_survey_in_welsh(client, survey):
    page = client.get(reverse("have-your-say:survey", args=[survey.token]), **WELSH).text
    assert '<html lang="cy"' in page
    assert "Dywedwch wrthym am y cymorth a gawsoch chi a’ch plentyn" in page
    assert "Ddim yn berthnasol i mi" in page
    assert "Anfon eich atebion" in page


def test_the_survey_says_what_is_missing_in_welsh(client, survey):
    page = client.post(reverse("have-your-say:survey", args=[survey.token]), {}, **WELSH)
    assert page.status_code == 400
    assert "Atebwch o leiaf un cwestiwn cyn anfon eich atebion" in page.text


def test_a_lead_reads_the_date_error_and_the_results_download_in_welsh(
    client, lead_a, partnership_a, survey, settings
):
    client.force_login(lead_a)
    today = timezone.localdate()
    page = client.post(
        reverse("voice:survey-new", args=[partnership_a.slug]),
        {
            "title": "Barn teuluoedd",
            "statement_set": survey.statement_set_id,
            "opens": (today + datetime.timedelta(days=5)).isoformat(),
            "closes": (today + datetime.timedelta(days=1)).isoformat(),
            "cap": "200",
        },
        **WELSH,
    )
    assert "Rhaid i’r dyddiad cau fod ar y dyddiad agor neu ar ei ôl" in page.text
    settings.VOICE_MIN_RESPONSES = 5
    add_responses(survey, 2)
    args = [partnership_a.slug, survey.pk]
    csv = client.get(reverse("voice:results-csv", args=args), **WELSH).content.decode()
    assert csv.startswith("\ufeffDatganiad,Teuluoedd a atebodd,Yn cytuno,Canran sy’n cytuno")
    assert "Llai na 5 o atebion: heb eu dangos" in csv
    closed = client.post(reverse("voice:survey-close", args=args), follow=True, **WELSH)
    assert "wedi cau: nid yw ei ddolen yn derbyn atebion mwyach" in closed.text


def test_english_stays_english(client, survey):
    page = client.get(reverse("have-your-say:survey", args=[survey.token])).text
    assert "Tell us about the help you and your child got" in page
    assert "Does not apply to me" in page
