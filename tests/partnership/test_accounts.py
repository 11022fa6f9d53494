"""Signing in and out, throttling, and passwords."""

import re

from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, pass_second_step


def sign_in(client, email, password=PASSWORD, **extra):
    """The password step; a success is taken past the second step (tests/twostep covers it)."""
    response = client.post(reverse("login"), {"username": email, "password": password}, **extra)
    if response.status_code == 302:
        pass_second_step(client)
    return response


def test_it_signs_in_and_lands_on_your_partnerships(client, lead_a):
    response = sign_in(client, "lead@a.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("partnership:list")
    page = client.get(reverse("partnership:list"))
    assert "Ashworth Best Start" in page.content.decode()


def test_it_accepts_the_email_in_any_case(client, lead_a):
    assert sign_in(client, "Lead@A.Example").status_code == 302


def test_it_gives_one_message_for_unknown_user_and_wrong_password(client, lead_a):
    unknown = sign_in(client, "nobody@example.org").content.decode()
    wrong = sign_in(client, "lead@a.example", "not-the-password").content.decode()
    message = "Enter a correct email address and password"
    assert message in unknown
    assert message in wrong
    assert "Error: Sign in" in wrong


def test_sign_in_fields_allow_autocomplete(client, db):
    html = client.get(reverse("login")).content.decode()
    assert 'autocomplete="email"' in html
    assert 'autocomplete="current-password"' in html
    assert "onpaste" not in html


def test_it_locks_out_after_five_failures(client, lead_a):
    for _ in range(5):
        sign_in(client, "lead@a.example", "wrong-password-guess")
    response = sign_in(client, "lead@a.example")
    assert response.status_code == 429
    assert "Sign in is paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_holds_when_guesses_come_from_many_addresses(client, lead_a):
    for n in range(5):
        sign_in(client, "lead@a.example", "wrong-password-guess", REMOTE_ADDR=f"10.0.0.{n + 1}")
    response = sign_in(client, "lead@a.example", REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429


def test_session_id_changes_at_sign_in(client, lead_a):
    client.get(reverse("login"))
    session = client.session
    session["probe"] = "before"
    session.save()
    before = session.session_key
    sign_in(client, "lead@a.example")
    assert client.session.session_key != before


def test_sign_out_is_a_post_and_ends_the_session(client, lead_a):
    client.force_login(lead_a)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("partnership:list")).status_code == 302


def test_password_reset_emails_a_working_link(client, lead_a):
    response = client.post(reverse("password_reset"), {"email": "lead@a.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    assert "Set your password" in form_page.content.decode()
    new_password = "a-brand-new-long-password"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    lead_a.refresh_from_db()
    assert lead_a.check_password(new_password)


def test_password_reset_for_unknown_email_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_refuses_a_short_password(client, lead_a):
    client.force_login(lead_a)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short1!", "new_password2": "short1!"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    lead_a.refresh_from_db()
    assert lead_a.check_password(PASSWORD)


def test_password_change_works(client, lead_a):
    client.force_login(lead_a)
    new = "another-long-password-2027"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    lead_a.refresh_from_db()
    assert lead_a.check_password(new)


def test_failures_for_one_account_do_not_lock_another(client, lead_a, contributor_a):
    for _ in range(5):
        sign_in(client, "lead@a.example", "wrong-password-guess")
    assert sign_in(client, "contributor@a.example", REMOTE_ADDR="10.1.1.1").status_code == 302


def test_failures_count_whatever_the_case_of_the_email(client, lead_a):
    for n in range(5):
        email = "LEAD@a.example" if n % 2 else "lead@a.example"
        sign_in(client, email, "wrong-password-guess", REMOTE_ADDR=f"10.0.0.{n + 1}")
    assert sign_in(client, "lead@a.example", REMOTE_ADDR="10.0.0.99").status_code == 429


def test_a_session_id_is_dead_after_sign_out(client, lead_a):
    """Whoever kept a copy of the session cookie is signed out too: the server forgot it."""
    sign_in(client, "lead@a.example")
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = stolen
    assert other.get(reverse("partnership:list")).status_code == 200
    client.post(reverse("logout"))
    assert other.get(reverse("partnership:list")).status_code == 302


def fail_from(client, forwarded_for, n=5, remote="10.9.9.9"):
    """Failed sign-ins for n different emails, so only the address can lock."""
    for i in range(n):
        sign_in(
            client,
            f"guess{i}@example.org",
            "wrong-password-guess",
            REMOTE_ADDR=remote,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )


def test_without_trusted_proxies_a_forged_forwarded_for_does_not_dodge_the_lockout(
    client, lead_a, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        sign_in(
            client,
            f"guess{n}@example.org",
            "wrong-password-guess",
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    response = sign_in(
        client, "lead@a.example", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert response.status_code == 429


def test_behind_one_proxy_one_clients_failures_do_not_lock_out_another(client, lead_a, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    fail_from(client, "203.0.113.5")
    other = sign_in(
        client, "lead@a.example", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert other.status_code == 302
    client.post(reverse("logout"))
    # A client that writes its own header still ends up at the address the proxy saw.
    forged = sign_in(
        client,
        "lead@a.example",
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.5",
    )
    assert forged.status_code == 429


def change_password(client, old):
    new = "another-long-password-2027"
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_wrong_current_passwords_on_the_change_page_lock_the_account(client, lead_a):
    client.force_login(lead_a)
    first = change_password(client, "wrong-password-guess")
    assert "Your current password is not right" in first.content.decode()
    for _ in range(4):
        change_password(client, "wrong-password-guess")
    assert change_password(client, PASSWORD).status_code == 429
    lead_a.refresh_from_db()
    assert lead_a.check_password(PASSWORD)
    assert sign_in(Client(), "lead@a.example", REMOTE_ADDR="10.2.2.2").status_code == 429
