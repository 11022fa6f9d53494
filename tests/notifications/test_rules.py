"""Each reminder rule on plain dates: sent on its day, to the right people, and only once."""

import datetime
import socket
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from assessments.models import ActionStatus, AssessmentStatus
from notifications.models import Notification, Preferences
from partnership.models import Role
from tests.assessments.factories import make_action, make_response
from tests.factories import make_member, make_organisation
from tests.notifications.world import CLOSING, OPENED, opened_round

DAY = datetime.timedelta(days=1)


def run(day: datetime.date) -> str:
    out = StringIO()
    call_command("send_reminders", today=day.isoformat(), stdout=out)
    return out.getvalue()


def sent_to(subject_part: str = "") -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if subject_part in m.subject)


def opt_out(user, **fields) -> None:
    Preferences.objects.create(user=user, **fields)


def rate_everything(assessment, user) -> None:
    for element in assessment.framework.elements.all():
        make_response(assessment, element, user, 3)


class TestRoundOpened:
    def test_it_tells_everyone_who_rates_on_the_day_it_opens(self, round_a):
        run(OPENED)
        assert sent_to("is open for your ratings") == ["contributor@a.example", "lead@a.example"]

    def test_it_leaves_out_viewers_and_other_partnerships(self, round_a):
        run(OPENED)
        assert "viewer@a.example" not in sent_to()
        assert "lead@b.example" not in sent_to()

    def test_it_catches_up_the_next_day(self, round_a):
        run(OPENED + DAY)
        assert sent_to("is open") == ["contributor@a.example", "lead@a.example"]

    def test_it_says_nothing_before_or_two_days_after(self, round_a):
        run(OPENED - DAY)
        run(OPENED + 2 * DAY)
        assert sent_to("is open") == []

    def test_it_does_not_repeat_the_next_day(self, round_a):
        run(OPENED)
        run(OPENED + DAY)
        assert len(sent_to("is open")) == 2

    def test_it_says_nothing_of_a_round_closed_again(self, round_a):
        round_a.status = AssessmentStatus.CLOSED
        round_a.save(update_fields=["status"])
        run(OPENED)
        assert sent_to("is open") == []

    def test_it_respects_an_opt_out(self, round_a, contributor_a):
        opt_out(contributor_a, round_opened=False)
        run(OPENED)
        assert sent_to("is open") == ["lead@a.example"]

    def test_it_links_to_the_round_from_site_url(self, round_a, settings):
        settings.SITE_URL = "https://cradle.example.org"
        run(OPENED)
        message = mail.outbox[0]
        link = f"https://cradle.example.org/partnerships/ashworth/assessments/{round_a.pk}/"
        assert link in message.body
        html = message.alternatives[0].content
        assert f'href="{link}"' in html
        assert "https://cradle.example.org/accounts/notifications/" in message.body


class TestClosingSoon:
    SOON = CLOSING - 3 * DAY

    def test_it_reminds_those_who_have_not_finished_three_days_before(self, round_a):
        run(self.SOON)
        assert sent_to("closes in 3 days") == ["contributor@a.example", "lead@a.example"]

    def test_it_leaves_out_those_who_finished(self, round_a, lead_a, contributor_a):
        rate_everything(round_a, lead_a)
        make_response(round_a, round_a.framework.elements.first(), contributor_a, 2)
        run(self.SOON)
        assert sent_to("closes in 3 days") == ["contributor@a.example"]
        assert "You have rated 1 of 10 elements" in mail.outbox[0].body

    def test_it_counts_only_elements_in_scope(self, round_a, lead_a):
        rate_everything(round_a, lead_a)
        # A rating of an element later left out of scope does not count.
        element = round_a.framework.elements.last()
        round_a.out_of_scope.create(element=element, reason="Commissioned regionally")
        run(self.SOON)
        assert "lead@a.example" not in sent_to("closes in 3 days")

    def test_it_says_nothing_on_other_days(self, round_a):
        for day in [self.SOON - DAY, self.SOON + DAY, CLOSING]:
            run(day)
        assert sent_to("closes in 3 days") == []

    def test_it_respects_an_opt_out(self, round_a, lead_a):
        opt_out(lead_a, closing_soon=False)
        run(self.SOON)
        assert sent_to("closes in 3 days") == ["contributor@a.example"]


class TestRoundClosing:
    def test_it_tells_the_leads_on_the_closing_date(self, round_a):
        run(CLOSING)
        assert sent_to("reaches its closing date") == ["lead@a.example"]
        assert "0 of 2 people have finished" in mail.outbox[0].body

    def test_it_tells_them_of_a_round_closed_early(self, round_a):
        round_a.status = AssessmentStatus.CLOSED
        round_a.save(update_fields=["status"])
        run(CLOSING)
        assert sent_to("reaches its closing date") == ["lead@a.example"]
        assert "The round is closed" in mail.outbox[0].body

    def test_it_says_nothing_the_day_before_or_after(self, round_a):
        run(CLOSING - DAY)
        run(CLOSING + DAY)
        assert sent_to("reaches its closing date") == []

    def test_it_cannot_be_turned_off(self, round_a, lead_a):
        opt_out(lead_a, round_opened=False, closing_soon=False, weekly_digest=False)
        run(CLOSING)
        assert sent_to("reaches its closing date") == ["lead@a.example"]


class TestActionsOverdue:
    DUE = datetime.date(2027, 5, 10)

    @pytest.fixture
    def action(self, round_a, contributor_a):
        owner = contributor_a.memberships.get().organisation
        element = round_a.framework.elements.first()
        return make_action(round_a, element, owner, due_date=self.DUE, title="Map the hubs")

    def test_it_tells_the_owner_organisation_the_day_after_it_was_due(self, action):
        run(self.DUE + DAY)
        assert sent_to("are overdue") == ["contributor@a.example"]
        assert "Map the hubs" in mail.outbox[0].body

    def test_it_tells_the_leads_when_nobody_speaks_for_the_owner(self, round_a, partnership_a):
        nobody = make_organisation(partnership_a, "Ashworth Libraries")
        make_action(round_a, round_a.framework.elements.first(), nobody, due_date=self.DUE)
        run(self.DUE + DAY)
        assert sent_to("are overdue") == ["lead@a.example"]

    def test_it_puts_several_actions_in_one_email(self, action, round_a, contributor_a):
        owner = contributor_a.memberships.get().organisation
        element = round_a.framework.elements.last()
        make_action(round_a, element, owner, due_date=self.DUE - DAY, title="Train the team")
        run(self.DUE + DAY)
        assert sent_to("are overdue") == ["contributor@a.example"]
        assert "Map the hubs" in mail.outbox[0].body
        assert "Train the team" in mail.outbox[0].body

    def test_it_says_nothing_on_the_due_date_or_of_finished_actions(self, action):
        run(self.DUE)
        action.status = ActionStatus.DONE
        action.save(update_fields=["status"])
        run(self.DUE + DAY)
        assert sent_to("are overdue") == []

    def test_it_does_not_repeat_and_stops_after_a_week(self, action):
        for offset in range(1, 12):
            run(self.DUE + offset * DAY)
        assert sent_to("are overdue") == ["contributor@a.example"]

    def test_it_leaves_alone_actions_overdue_for_over_a_week(self, action):
        run(self.DUE + 8 * DAY)
        assert sent_to("are overdue") == []

    def test_it_tells_again_when_the_due_date_moves(self, action):
        run(self.DUE + DAY)
        action.due_date = self.DUE + 10 * DAY
        action.save(update_fields=["due_date"])
        run(self.DUE + 11 * DAY)
        assert sent_to("are overdue") == ["contributor@a.example"] * 2

    def test_it_cannot_be_turned_off(self, action, contributor_a):
        opt_out(contributor_a, round_opened=False, closing_soon=False, weekly_digest=False)
        run(self.DUE + DAY)
        assert sent_to("are overdue") == ["contributor@a.example"]


class TestWeeklyDigest:
    MONDAY = OPENED + 7 * DAY

    def test_it_goes_to_leads_of_partnerships_with_something_to_report(self, round_a):
        run(self.MONDAY)
        # Brookfield's lead has no round or action: no email.
        assert sent_to("This week in") == ["lead@a.example"]
        body = mail.outbox[0].body
        assert "Rounds open for ratings" in body
        assert "0 of 2 people have finished" in body

    def test_it_lists_overdue_actions_and_those_due_soon(self, round_a, council_a):
        element = round_a.framework.elements.first()
        make_action(round_a, element, council_a, due_date=self.MONDAY - 30 * DAY, title="Old")
        make_action(round_a, element, council_a, due_date=self.MONDAY + 5 * DAY, title="Soon")
        make_action(round_a, element, council_a, due_date=self.MONDAY + 60 * DAY, title="Later")
        run(self.MONDAY)
        body = [m for m in mail.outbox if "This week" in m.subject][0].body
        assert "Overdue actions (1)" in body
        assert "Actions due in the next two weeks (1)" in body
        assert "Later" not in body

    def test_it_lists_ten_actions_and_counts_the_rest(self, round_a, council_a):
        element = round_a.framework.elements.first()
        for n in range(13):
            make_action(round_a, element, council_a, due_date=self.MONDAY - DAY, title=f"A{n}")
        run(self.MONDAY)
        digest = [m for m in mail.outbox if "This week" in m.subject][0]
        assert "Overdue actions (13)" in digest.body
        assert digest.body.count("/actions/") == 10
        assert "and 3 more" in digest.body
        assert "and 3 more" in digest.alternatives[0].content

    def test_it_goes_only_on_mondays(self, round_a):
        for offset in range(1, 7):
            run(self.MONDAY + offset * DAY)
        assert sent_to("This week in") == []

    def test_it_goes_once_a_week(self, round_a):
        run(self.MONDAY)
        run(self.MONDAY)
        run(self.MONDAY + 7 * DAY)
        assert sent_to("This week in") == ["lead@a.example"] * 2

    def test_it_respects_an_opt_out(self, round_a, lead_a):
        opt_out(lead_a, weekly_digest=False)
        run(self.MONDAY)
        assert sent_to("This week in") == []

    def test_it_goes_to_every_lead_of_the_partnership(self, round_a, partnership_a):
        second = make_member(partnership_a, Role.LEAD).user
        run(self.MONDAY)
        assert sorted(sent_to("This week in")) == sorted(["lead@a.example", second.email])


class TestTheCommand:
    def test_a_rerun_sends_nothing_new(self, round_a):
        first = run(OPENED)
        again = run(OPENED)
        assert len(mail.outbox) == 3  # two openings and Monday's digest
        assert "sent 3 emails" in first
        assert "sent 0 emails; 3 notifications were already sent" in again
        assert Notification.objects.filter(sent__isnull=False).count() == 3

    def test_an_inactive_account_gets_nothing(self, round_a, contributor_a):
        contributor_a.is_active = False
        contributor_a.save(update_fields=["is_active"])
        run(OPENED)
        assert "contributor@a.example" not in sent_to()

    def test_a_dry_run_sends_and_records_nothing(self, round_a):
        out = StringIO()
        call_command("send_reminders", today=OPENED.isoformat(), dry_run=True, stdout=out)
        assert "3 emails due on 2027-03-01; none sent." in out.getvalue()
        assert mail.outbox == []
        assert not Notification.objects.exists()

    def test_it_refuses_a_date_it_cannot_read(self, db):
        with pytest.raises(CommandError, match="--today must be a date like 2027-03-31"):
            call_command("send_reminders", today="31/03/2027")

    def test_a_failed_send_is_tried_again_next_run(self, round_a, settings):
        settings.EMAIL_BACKEND = "tests.failing_email.EmailBackend"
        with pytest.raises(CommandError, match="3 emails could not be sent"):
            run(OPENED)
        assert not Notification.objects.exists()
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert "sent 3 emails" in run(OPENED)

    def test_a_mail_server_that_refuses_connections_loses_nothing(self, round_a, settings):
        with socket.socket() as closed:
            closed.bind(("127.0.0.1", 0))
            port = closed.getsockname()[1]  # nothing listens here once the socket closes
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
        with pytest.raises(CommandError, match="3 emails could not be sent"):
            run(OPENED)
        assert not Notification.objects.exists()
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert "sent 3 emails" in run(OPENED)

    def test_it_escapes_names_in_the_html(self, framework, partnership_a, lead_a):
        opened_round(partnership_a, framework, name="<b>Spring</b> & summer", by=lead_a)
        run(OPENED)
        html = mail.outbox[0].alternatives[0].content
        assert "&lt;b&gt;Spring&lt;/b&gt; &amp; summer" in html
        assert "<b>Spring</b>" not in html
        # The plain-text part is not HTML: it keeps the name as typed.
        assert "<b>Spring</b> & summer" in mail.outbox[0].body
