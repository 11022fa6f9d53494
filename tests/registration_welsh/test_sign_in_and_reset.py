"""Signing in, being locked out, passwords and their reset email, and an organisation's sign-in
refused: in Welsh for a person who reads Welsh, in English for everyone else."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from sso.models import IdentityProvider
from tests.factories import PASSWORD, make_user
from tests.security.routes import password_reset_link

pytestmark = pytest.mark.django_db


def in_welsh(client):
    client.cookies["cradle_language"] = "cy"
    return client


def text(html: str) -> str:
    """The page's words with the markup taken out and the spaces evened."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def labels(html: str) -> list[str]:
    found = re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    return [" ".join(label.split()) for label in found]


def error_summary(html: str) -> str:
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert match, "no error summary"
    return text(match.group(0))


def test_the_sign_in_page_in_welsh(client):
    html = in_welsh(client).get(reverse("login")).content.decode()
    assert '<html lang="cy"' in html
    assert labels(html) == ["Cyfeiriad e-bost", "Cyfrinair"]
    assert re.search(r'<button type="submit"[^>]*>Mewngofnodi</button>', html)
    assert "Mewngofnodi i Cradle" in html
    assert "Wedi anghofio eich cyfrinair?" in html


def test_the_sign_in_page_in_english(client):
    html = client.get(reverse("login")).content.decode()
    assert labels(html) == ["Email address", "Password"]
    assert re.search(r'<button type="submit"[^>]*>Sign in</button>', html)


def test_a_wrong_password_in_welsh_says_so_in_welsh(client, lead_a):
    response = in_welsh(client).post(
        reverse("login"), {"username": "lead@a.example", "password": "not-the-password"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rhowch gyfeiriad e-bost a chyfrinair cywir" in error_summary(html)
    assert "Enter a correct email address and password" not in html


def test_empty_boxes_in_welsh_say_what_to_enter(client, db):
    html = in_welsh(client).post(reverse("login"), {"username": "", "password": ""}).content
    summary = error_summary(html.decode())
    assert "Rhowch eich cyfeiriad e-bost" in summary
    assert "Rhowch eich cyfrinair" in summary


def test_a_password_sign_in_refused_for_an_organisation_in_welsh(client, lead_a):
    IdentityProvider.objects.create(
        name="Cyngor Ashworth",
        issuer="https://ashworth.example/idp",
        client_id="cradle",
        email_domains="a.example",
        password_sign_in_off=True,
    )
    html = in_welsh(client).post(
        reverse("login"), {"username": "lead@a.example", "password": PASSWORD}
    )
    summary = error_summary(html.content.decode())
    assert "Mae pobl yn a.example yn mewngofnodi gyda Cyngor Ashworth" in summary
    assert "“Mewngofnodi gyda Cyngor Ashworth”" in summary


def test_signing_in_keeps_the_language_chosen_before(client, contributor_a):
    assert contributor_a.language == ""
    response = in_welsh(client).post(
        reverse("login"), {"username": "contributor@a.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    contributor_a.refresh_from_db()
    assert contributor_a.language == "cy"


def test_signing_in_keeps_a_language_already_saved(client, contributor_a):
    contributor_a.language = "en-gb"
    contributor_a.save()
    in_welsh(client).post(
        reverse("login"), {"username": "contributor@a.example", "password": PASSWORD}
    )
    contributor_a.refresh_from_db()
    assert contributor_a.language == "en-gb"


def test_switching_just_before_signing_in_replaces_a_saved_language(client, contributor_a):
    contributor_a.language = "en-gb"
    contributor_a.save()
    client.post(reverse("language") + "?next=/accounts/login/", {"language": "cy"})
    response = client.post(
        reverse("login"), {"username": "contributor@a.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    contributor_a.refresh_from_db()
    assert contributor_a.language == "cy"
    page = client.get(reverse("partnership:list"))
    assert '<html lang="cy"' in page.content.decode()


def test_the_browsers_language_alone_is_not_saved(client, contributor_a):
    client.post(
        reverse("login"),
        {"username": "contributor@a.example", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="cy",
    )
    contributor_a.refresh_from_db()
    assert contributor_a.language == ""


def test_the_locked_out_page_in_welsh(client, lead_a):
    in_welsh(client)
    for _ in range(5):
        client.post(reverse("login"), {"username": "lead@a.example", "password": "wrong-guess"})
    response = client.post(reverse("login"), {"username": "lead@a.example", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Mae mewngofnodi wedi’i atal dros dro ar gyfer y cyfrif hwn" in html
    assert "Ailosodwch eich cyfrinair</a> os ydych wedi’i anghofio." in html


def test_the_reset_pages_in_welsh(client, db):
    in_welsh(client)
    form = client.get(reverse("password_reset")).content.decode()
    assert "Ailosod eich cyfrinair" in form
    assert labels(form) == ["Cyfeiriad e-bost"]
    assert "Anfon y ddolen" in form
    empty = client.post(reverse("password_reset"), {"email": ""}).content.decode()
    assert "Rhowch eich cyfeiriad e-bost" in error_summary(empty)
    done = client.get(reverse("password_reset_done")).content.decode()
    assert "Gwiriwch eich e-bost" in done


def ask_for_reset(client, email, **extra):
    response = client.post(reverse("password_reset"), {"email": email}, **extra)
    assert response.status_code == 302
    [email] = mail.outbox
    return email


def test_the_reset_email_is_in_welsh_for_a_welsh_speaker_asking_in_english(client, db):
    make_user("cymraeg@example.org", language="cy")
    email = ask_for_reset(client, "cymraeg@example.org")
    assert email.subject == "Gosod cyfrinair newydd ar gyfer Cradle"
    assert "Gofynnodd rhywun am gael gosod cyfrinair newydd ar gyfer cyfrif Cradle" in email.body
    assert "cymraeg@example.org" in email.body
    assert "I’w osod, agorwch y ddolen hon o fewn 3 diwrnod:" in email.body
    assert "/accounts/password/reset/" in email.body
    assert "Someone asked" not in email.body


def test_the_reset_email_is_in_english_for_an_english_speaker_asking_in_welsh(client, db):
    make_user("english@example.org", language="en-gb")
    email = ask_for_reset(in_welsh(client), "english@example.org")
    assert email.subject == "Set a new password for Cradle"
    assert "Someone asked to set a new password for the Cradle account" in email.body


def test_without_a_saved_language_the_reset_email_is_in_the_language_asked_in(client, db):
    make_user("unsure@example.org")
    email = ask_for_reset(in_welsh(client), "unsure@example.org")
    assert email.subject == "Gosod cyfrinair newydd ar gyfer Cradle"
    mail.outbox.clear()
    email = ask_for_reset(type(client)(), "unsure@example.org")
    assert email.subject == "Set a new password for Cradle"


def test_setting_a_new_password_in_welsh(client, db):
    make_user("cymraeg@example.org", language="cy")
    email = ask_for_reset(client, "cymraeg@example.org")
    link = re.search(r"https?://[^/]+(/\S+)", email.body).group(1)
    in_welsh(client)
    form_url = client.get(link)["Location"]
    form = client.get(form_url).content.decode()
    assert "Gosod eich cyfrinair" in form
    mismatch = client.post(
        form_url,
        {"new_password1": "a-long-new-password-1", "new_password2": "a-long-new-password-2"},
    ).content.decode()
    assert "Nid yw’r ddau gyfrinair yr un fath" in error_summary(mismatch)
    done = client.post(
        form_url,
        {"new_password1": "a-long-new-password-1", "new_password2": "a-long-new-password-1"},
    )
    assert "Mae eich cyfrinair wedi’i osod" in client.get(done["Location"]).content.decode()


def test_changing_a_password_in_welsh(client, lead_a):
    client.force_login(lead_a)
    in_welsh(client)
    html = client.post(
        reverse("password_change"),
        {"old_password": "not-it", "new_password1": "", "new_password2": ""},
    ).content.decode()
    summary = error_summary(html)
    assert "Nid yw eich cyfrinair presennol yn gywir. Rhowch ef eto" in summary
    assert "Rhowch eich cyfrinair newydd" in summary
    assert "Rhowch eich cyfrinair newydd eto" in summary


def test_a_refused_organisation_sign_in_in_welsh(client, db):
    response = in_welsh(client).get(reverse("sso:callback"), {"state": "forged", "code": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nid ydych wedi cael eich mewngofnodi" in html
    assert "Mae’r ddolen mewngofnodi hon wedi dod i ben" in html
    assert "Mynd i’r dudalen mewngofnodi" in html


@pytest.mark.parametrize(
    "new, welsh, english",
    [
        ("short1!", "Rhaid i’ch cyfrinair fod yn 12 nod o leiaf", "at least 12 characters long"),
        ("12345678901234", "Rhaid i’ch cyfrinair beidio â bod yn rhifau yn unig", "only numbers"),
        ("password1234", "Mae eich cyfrinair yn rhy gyffredin", "Your password is too common"),
    ],
)
def test_the_password_rules_speak_welsh_and_english(client, lead_a, new, welsh, english):
    client.force_login(lead_a)
    form = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    english_page = client.post(reverse("password_change"), form).content.decode()
    assert english in error_summary(english_page)
    welsh_page = in_welsh(client).post(reverse("password_change"), form).content.decode()
    assert welsh in error_summary(welsh_page)
    lead_a.refresh_from_db()
    assert lead_a.check_password(PASSWORD)


def test_the_password_rules_hints_are_in_welsh(client, lead_a):
    page = in_welsh(client).get(password_reset_link(lead_a), follow=True)
    html = text(page.content.decode())
    assert "Rhaid i’ch cyfrinair gynnwys 12 nod o leiaf." in html
    assert "Ni all eich cyfrinair fod yn rhifau i gyd." in html
    assert "Your password" not in html
