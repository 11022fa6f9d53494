"""The pages outside any partnership, the error pages and the form furniture, in Welsh."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path, reverse
from django.utils import translation

from config.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh(client):
    client.cookies["cradle_language"] = "cy"
    return client


def page(client, url: str, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_page_in_welsh(welsh):
    html = page(welsh, reverse("home"))
    assert '<html lang="cy"' in html
    assert "Gweld y bylchau yn y cymorth i fabanod, plant ifanc a’u teuluoedd" in html
    assert ">Mewngofnodi</a>" in html
    assert "See the gaps" not in html
    # The footer too.
    assert ">Datganiad hygyrchedd</a>" in html
    assert ">Hysbysiad preifatrwydd</a>" in html


def test_the_privacy_notice_in_welsh_names_the_language_cookie(welsh):
    html = page(welsh, reverse("privacy"))
    assert '<h1 class="govuk-heading-xl">Hysbysiad preifatrwydd</h1>' in html
    assert "mae un yn cofio’r iaith a ddewisoch" in html
    english = page(Client(), reverse("privacy"))
    assert "one remembers the language you chose" in english


def test_the_accessibility_statement_in_welsh_says_what_is_draft_and_what_is_english_only(welsh):
    html = page(welsh, reverse("accessibility"))
    assert "Datganiad hygyrchedd ar gyfer Cradle" in html
    assert '<h2 class="govuk-heading-l" id="welsh-language">Y Gymraeg</h2>' in html
    assert "nid yw wedi’i hadolygu eto gan gyfieithydd cymwysedig" in html
    for draft in [
        "tudalennau’r gwasanaeth",
        "pob fframwaith yn y llyfrgell fframweithiau",
        "lefelau’r continwwm, grwpiau THRIVE a gwerthoedd NEST/NYTH",
        "y datganiadau yn yr arolygon o farn teuluoedd",
        "y rheolau bylchau",
    ]:
        assert draft in html
    assert "o’r llinell orchymyn" in html
    assert "yr API data agored a’i ffrwd Open Referral UK" in html


def test_the_accessibility_statement_in_english_has_the_same_welsh_language_section(client):
    html = page(client, reverse("accessibility"))
    assert '<h2 class="govuk-heading-l" id="welsh-language">Welsh language</h2>' in html
    assert "it has not yet been reviewed by a qualified translator" in html
    assert "the gap rules and the figures for expected need" in html
    assert "from the command line" in html


def test_a_missing_page_in_welsh_is_a_welsh_404(welsh):
    response = welsh.get("/dim-tudalen/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="cy"' in html
    assert "Heb ddod o hyd i’r dudalen" in html
    assert ">Mynd i hafan Cradle</a>" in html
    assert "Page not found" not in html


def test_a_form_error_in_welsh_is_prefixed_gwall_under_a_welsh_summary(welsh):
    response = welsh.post(reverse("login"), {"username": "", "password": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 class="govuk-error-summary__title">Mae problem wedi codi</h2>' in html
    assert '<span class="govuk-visually-hidden">Gwall:</span>' in html
    assert "<title>Gwall:" in html
    assert ">Error:<" not in html


def test_a_form_error_in_english_is_prefixed_error(client):
    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
    assert '<span class="govuk-visually-hidden">Error:</span>' in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en-gb", '<span aria-current="true" lang="en">English</span>'),
        ("cy", '<span aria-current="true" lang="cy">Cymraeg</span>'),
    ],
)
def test_the_current_language_is_named_in_its_own_language(client, language, expected):
    client.cookies["cradle_language"] = language
    assert expected in page(client, reverse("home"))


def test_the_save_button_and_messages_banners_in_welsh():
    messages = [
        Message(constants.SUCCESS, "Wedi’i gadw"),
        Message(constants.INFO, "Nodyn"),
        Message(constants.ERROR, "Methwyd"),
    ]
    with translation.override("cy"):
        html = render_to_string("includes/messages.html", {"messages": messages})
    assert "Llwyddiant" in html
    assert "Pwysig" in html
    assert "Mae problem wedi codi" in html


def test_a_body_too_large_in_welsh_is_a_welsh_413(welsh, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = welsh.post(reverse("login"), {"username": "a" * 2000, "password": "x"})
    assert response.status_code == 413
    html = response.content.decode()
    assert "Mae’r hyn a anfonwyd gennych yn rhy fawr" in html
    assert "hyd at 1000" in html


# A server error: a URL whose view fails, with the site's own 500 handler.
def fails(request):
    raise RuntimeError("the view failed")


urlpatterns = [path("fails/", fails), *site_urlpatterns]
handler500 = "partnership.views.site.server_error"


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


def test_a_server_error_in_welsh_is_a_welsh_500(failing_site):
    failing_site.cookies["cradle_language"] = "cy"
    response = failing_site.get("/fails/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="cy"' in html
    assert "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth" in html
    # The page has no CSRF token to give the language switch's form, so it has no switch.
    assert 'name="language"' not in html


def test_a_server_error_in_english_is_an_english_500(failing_site):
    response = failing_site.get("/fails/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_the_500_page_is_sent_even_when_its_template_fails(failing_site, monkeypatch):
    from partnership.views import site

    def broken(name):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(site.loader, "get_template", broken)
    failing_site.cookies["cradle_language"] = "cy"
    response = failing_site.get("/fails/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="cy">' in html
    assert "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth" in html


def test_the_500_page_is_sent_even_when_the_plain_one_fails(failing_site, monkeypatch):
    from partnership.views import site

    def broken(*args, **kwargs):
        raise OSError("The catalogue cannot be read")

    monkeypatch.setattr(site.translation, "override", broken)
    response = failing_site.get("/fails/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert '<p lang="cy">Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth.' in html


def test_the_500_handler_reads_the_language_of_a_request_that_failed_early(rf):
    # Failing before LocaleMiddleware ran: the cookie still says Welsh.
    from partnership.views.site import server_error

    request = rf.get("/")
    request.COOKIES["cradle_language"] = "cy"
    response = server_error(request)
    assert response.status_code == 500
    assert "Mae’n ddrwg gennym" in response.content.decode()


def test_a_character_count_counts_in_welsh_before_and_while_javascript_runs(
    welsh, lead_a, partnership_a
):
    welsh.force_login(lead_a)
    html = page(welsh, reverse("partnership:edit", args=[partnership_a.slug]))
    assert "Gallwch roi hyd at 200 nod" in html
    # GOV.UK Frontend's script rewrites the message as a person types, from these.
    assert 'data-i18n.characters-under-limit.other="Mae gennych %{count} nod ar ôl"' in html
    assert 'data-i18n.characters-under-limit.two="Mae gennych %{count} nod ar ôl"' in html
    assert 'data-i18n.characters-over-limit.one="Mae gennych %{count} nod yn ormod"' in html
    assert "You can enter up to" not in html


def test_a_character_count_counts_in_english(client, lead_a, partnership_a):
    client.force_login(lead_a)
    html = page(client, reverse("partnership:edit", args=[partnership_a.slug]))
    assert "You can enter up to 200 characters" in html
    assert 'data-i18n.characters-under-limit.one="You have %{count} character remaining"' in html
    assert 'data-i18n.characters-under-limit.other="You have %{count} characters remaining"' in html
