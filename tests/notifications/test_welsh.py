"""Emails go out in each recipient's language, whatever the language of the run that sends
them; the preferences page is in Welsh for a Welsh reader and says which language Cradle
writes to them in."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from assessments.models import Framework
from tests.notifications.world import CLOSING, OPENED

URL = "/accounts/notifications/"
WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}


def run(day: datetime.date) -> None:
    call_command("send_reminders", today=day.isoformat(), stdout=StringIO())


def email_to(address: str, about):
    """The one email to `address` about `about` (OPENED is a Monday: leads get a digest too)."""
    [message] = [m for m in mail.outbox if m.to == [address] and about.name in m.subject]
    return message


def speaks_welsh(user) -> None:
    user.language = "cy"
    user.save(update_fields=["language"])


class TestEmails:
    def test_round_opened_goes_in_welsh_and_in_english_in_the_same_run(
        self, round_a, contributor_a, lead_a
    ):
        speaks_welsh(contributor_a)
        run(OPENED)
        welsh = email_to("contributor@a.example", round_a)
        english = email_to("lead@a.example", round_a)
        name = round_a.name

        assert welsh.subject == f"Mae {name} ar agor ar gyfer eich sgorau"
        assert "Helo Cara," in welsh.body
        assert "Sgoriwch bob elfen erbyn 31 Mawrth 2027." in welsh.body
        assert "Dechrau sgorio:" in welsh.body
        assert "Dewiswch pa negeseuon e-bost a gewch" in welsh.body
        framework = Framework.objects.get(code="maternity-early-years")
        assert framework.title_cy in welsh.body
        html = welsh.alternatives[0].content
        assert '<html lang="cy">' in html
        assert "Dechrau sgorio" in html
        assert "Please rate" not in welsh.body + html

        assert english.subject == f"{name} is open for your ratings"
        assert "Hello Alice," in english.body
        assert "Please rate every element by 31 March 2027." in english.body
        assert framework.title_cy not in english.body
        assert '<html lang="en-GB">' in english.alternatives[0].content
        assert "Sgoriwch" not in english.body

    def test_the_language_of_the_run_does_not_leak_into_an_english_speakers_email(
        self, round_a, contributor_a, lead_a
    ):
        speaks_welsh(contributor_a)
        with translation.override("cy"):
            run(OPENED)
        assert email_to("lead@a.example", round_a).subject.endswith("is open for your ratings")
        assert email_to("contributor@a.example", round_a).subject.startswith("Mae ")

    def test_a_welsh_lead_hears_of_the_closing_date_in_welsh(self, round_a, lead_a):
        speaks_welsh(lead_a)
        run(CLOSING)
        message = email_to("lead@a.example", round_a)
        assert message.subject == f"Mae {round_a.name} yn cyrraedd ei dyddiad cau heddiw"
        # The progress summary is worded in the email's language, not the run's.
        assert "Mae 0 o 2 o bobl wedi gorffen" in message.body
        assert "people have finished" not in message.body
        assert "Ewch i’r rownd" in message.alternatives[0].content

    def test_the_weekly_digest_in_welsh(self, round_a, lead_a):
        speaks_welsh(lead_a)
        run(OPENED + datetime.timedelta(days=7))
        [digest] = [m for m in mail.outbox if m.to == ["lead@a.example"] and "wythnos" in m.subject]
        assert digest.subject == "Yr wythnos hon: Ashworth Best Start"
        assert "Rowndiau sydd ar agor i’w sgorio" in digest.body
        assert ", yn cau 31 Mawrth 2027" in digest.body


class TestPreferencesPage:
    def test_it_is_in_welsh(self, client, contributor_a):
        client.force_login(contributor_a)
        page = client.get(URL, **WELSH).content.decode()
        assert "Negeseuon e-bost gan Cradle" in page
        assert "Pan fydd rownd rwy’n ei sgorio yn agor" in page
        # The emails nobody can turn off, listed in Welsh too.
        assert "Mae rownd rydych chi’n ei harwain yn cyrraedd ei dyddiad cau" in page
        assert "Cadw’r dewisiadau e-bost" in page
        assert "Which emails do you want?" not in page

    def test_saving_and_errors_are_in_welsh(self, client, contributor_a):
        speaks_welsh(contributor_a)
        client.force_login(contributor_a)
        response = client.post(URL, {"send": ["weekly-digest"]}, follow=True)
        assert "Mae eich dewisiadau e-bost wedi’u cadw" in response.content.decode()
        refused = client.post(URL, {"send": ["round-closing"]}).content.decode()
        assert "Dewiswch y negeseuon e-bost a restrir yn unig" in refused

    def test_it_says_which_language_cradle_writes_in_and_changes_it(self, client, contributor_a):
        client.force_login(contributor_a)
        page = client.get(URL).content.decode()
        assert "Cradle writes to you in English." in page
        assert 'name="language" value="cy"' in page
        # The same switch as the top of every page: it saves the choice on the account.
        response = client.post(f"/language/?next={URL}", {"language": "cy"})
        assert response.status_code == 302 and response["Location"] == URL
        contributor_a.refresh_from_db()
        assert contributor_a.language == "cy"
        page = client.get(URL).content.decode()
        assert "Mae Cradle yn ysgrifennu atoch yn Gymraeg." in page
        assert "Anfonwch negeseuon e-bost ataf yn Saesneg" in page

    @pytest.mark.parametrize("browser", ["cy", "en-GB"])
    def test_a_welsh_browser_without_a_saved_choice_still_gets_english_emails(
        self, client, contributor_a, browser
    ):
        client.force_login(contributor_a)
        page = client.get(URL, HTTP_ACCEPT_LANGUAGE=browser).content.decode()
        # The page may be in Welsh, but nothing is saved: the emails are in English, and it
        # says so, with a way to save Welsh.
        assert 'name="language" value="cy"' in page
        assert (
            "Mae Cradle yn ysgrifennu atoch yn Saesneg." in page
            if browser == "cy"
            else "Cradle writes to you in English." in page
        )
