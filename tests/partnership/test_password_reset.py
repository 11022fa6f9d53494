"""Password reset says and does the same before answering, whether or not the account exists,
and sends no more than a few emails an hour."""

import re

from django.core import mail
from django.db import connection
from django.test.client import ClientHandler
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

# Values in a statement (email hashes, times, savepoint names) differ from one request to the next.
VALUES = re.compile(r"'[^']*'|\"s\w+\"|\b\d+(\.\d+)?\b")


class AnswerWatchingHandler(ClientHandler):
    """Notes what had happened when the answer was ready, before the server sent it and called
    close() (the test client, like a WSGI server, closes the response after sending it)."""

    def get_response(self, request):
        with CaptureQueriesContext(connection) as queries:
            response = super().get_response(request)
        self.queries = [VALUES.sub("?", q["sql"]) for q in queries]
        self.emails_when_answered = len(mail.outbox)
        return response


def ask_for_reset(client, email, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


def test_the_email_is_sent_only_after_the_answer(client, lead_a):
    client.handler = AnswerWatchingHandler(enforce_csrf_checks=False)
    response = ask_for_reset(client, "lead@a.example")
    assert response.status_code == 302
    assert client.handler.emails_when_answered == 0
    assert len(mail.outbox) == 1


def test_known_and_unknown_emails_do_the_same_database_work_before_the_answer(client, lead_a):
    client.handler = AnswerWatchingHandler(enforce_csrf_checks=False)
    known = ask_for_reset(client, "lead@a.example", REMOTE_ADDR="10.0.0.1")
    known_queries = client.handler.queries
    unknown = ask_for_reset(client, "nobody@example.org", REMOTE_ADDR="10.0.0.2")
    assert known_queries == client.handler.queries
    assert known_queries
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_many_requests_for_one_address_send_at_most_three_emails(client, lead_a):
    answers = {
        (r.status_code, r["Location"])
        for n in range(10)
        for r in [ask_for_reset(client, "Lead@A.example", REMOTE_ADDR=f"10.0.0.{n}")]
    }
    assert answers == {(302, reverse("password_reset_done"))}
    assert len(mail.outbox) == 3


def test_one_client_address_gets_ten_requests_an_hour(client, lead_a):
    for n in range(10):
        ask_for_reset(client, f"nobody{n}@example.org", REMOTE_ADDR="10.0.0.1")
    throttled = ask_for_reset(client, "lead@a.example", REMOTE_ADDR="10.0.0.1")
    assert throttled.status_code == 302
    assert mail.outbox == []
    ask_for_reset(client, "lead@a.example", REMOTE_ADDR="10.0.0.2")
    assert len(mail.outbox) == 1


def test_the_limits_follow_the_settings(client, lead_a, settings):
    settings.PASSWORD_RESET_EMAIL_LIMIT = 1
    for n in range(3):
        ask_for_reset(client, "lead@a.example", REMOTE_ADDR=f"10.0.0.{n}")
    assert len(mail.outbox) == 1


def test_the_form_still_asks_for_an_email(client, db):
    page = client.get(reverse("password_reset")).content.decode()
    assert "Enter the email address you sign in with" in page
    html = client.post(reverse("password_reset"), {"email": ""}).content.decode()
    assert "Enter your email address" in html
