"""A partnership's own pages, messages, invitation email and downloads in Welsh.

These read the Welsh catalogue (locale/cy, compiled into django.mo). Names people
typed (partnerships, organisations, people) stay as typed in either language.
"""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.models import Membership
from tests.downloads import rows, xlsx_download
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def in_welsh(client):
    client.cookies["cradle_language"] = "cy"
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_partnership_list_in_welsh(client, lead_a, partnership_a):
    client.force_login(lead_a)
    html = page(in_welsh(client), reverse("partnership:list"))
    assert '<h1 class="govuk-heading-l">Eich partneriaethau</h1>' in html
    assert "Partneriaethau rydych chi’n perthyn iddynt" in html
    assert '<td class="govuk-table__cell">Arweinydd</td>' in html
    assert "Ashworth Best Start" in html


def test_a_commissioner_reads_the_nation_of_what_they_oversee_in_welsh(
    client, commissioner, partnership_a
):
    client.force_login(commissioner)
    html = page(in_welsh(client), reverse("partnership:list"))
    assert "Partneriaethau rydych chi’n eu goruchwylio (darllen yn unig)" in html
    assert '<td class="govuk-table__cell">Lloegr</td>' in html


def test_the_overview_in_welsh_names_sectors_and_roles_in_welsh(
    client, lead_a, contributor_a, viewer_a, partnership_a
):
    client.force_login(lead_a)
    html = page(in_welsh(client), partnership_a.get_absolute_url())
    assert "rydych chi’n arweinydd" in html
    assert '<h2 class="govuk-heading-m">Sefydliadau partner</h2>' in html
    # Sectors, as the organisations are grouped under them.
    assert '<h3 class="govuk-heading-s">Awdurdod lleol</h3>' in html
    assert '<h3 class="govuk-heading-s">Ymwelwyr iechyd</h3>' in html
    assert '<h3 class="govuk-heading-s">Cynrychiolwyr rhieni a gofalwyr</h3>' in html
    assert "(1 aelod)" in html
    assert "Arweinwyr (1)" in html
    assert "Cyfranwyr (1)" in html
    assert "Gwylwyr (1)" in html
    assert "Cod GSS" in html
    # What was typed stays as typed.
    assert "Ashworth Health Visiting" in html
    assert "Cara Contributor" in html


def test_the_overview_in_english_is_unchanged(client, lead_a, contributor_a, partnership_a):
    client.force_login(lead_a)
    html = page(client, partnership_a.get_absolute_url())
    assert "you are a lead" in html
    assert '<h3 class="govuk-heading-s">Health visiting</h3>' in html
    assert "Leads (1)" in html
    assert "(1 member)" in html


def test_a_viewer_is_told_their_role_in_welsh(client, viewer_a, partnership_a):
    client.force_login(viewer_a)
    assert "rydych chi’n wyliwr" in page(in_welsh(client), partnership_a.get_absolute_url())


def test_the_profile_form_in_welsh(client, lead_a, partnership_a):
    client.force_login(lead_a)
    url = reverse("partnership:edit", args=[partnership_a.slug])
    html = page(in_welsh(client), url)
    assert '<h1 class="govuk-heading-l">Golygu proffil y bartneriaeth</h1>' in html
    assert "Enw’r bartneriaeth" in html
    assert "Codau GSS yr ardaloedd" in html
    # The nation's choices, as radio labels.
    assert "Lloegr" in html and "Cymru" in html
    refused = client.post(
        url, {"name": "", "slug": "ashworth", "nation": "england", "area_codes": "E08000999"}
    )
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Rhowch enw’r bartneriaeth" in html
    assert "Nid oes ardal â’r cod E08000999" in html


def test_a_saved_profile_says_so_in_welsh(client, lead_a, partnership_a):
    client.force_login(lead_a)
    response = in_welsh(client).post(
        reverse("partnership:edit", args=[partnership_a.slug]),
        {
            "name": "Ashworth Best Start",
            "slug": "ashworth",
            "nation": "england",
            "area_codes": "E08000990",
        },
        follow=True,
    )
    assert "Cadwyd proffil y bartneriaeth" in response.content.decode()


def test_the_organisation_form_and_its_errors_in_welsh(client, lead_a, partnership_a):
    client.force_login(lead_a)
    url = reverse("partnership:organisation-add", args=[partnership_a.slug])
    html = page(in_welsh(client), url)
    assert '<h1 class="govuk-heading-l">Ychwanegu sefydliad partner</h1>' in html
    assert "Blynyddoedd cynnar ac addysg" in html
    refused = client.post(url, {"name": "x" * 201, "website": "not a web address"})
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Enw’r sefydliad: rhaid defnyddio 200 o nodau neu lai" in html
    assert "Dewiswch sector" in html
    assert "Rhowch gyfeiriad gwe yn y fformat cywir" in html
    added = client.post(url, {"name": "Ashworth Library", "sector": "voluntary"}, follow=True)
    assert "Ychwanegwyd Ashworth Library" in added.content.decode()
    assert '<h3 class="govuk-heading-s">Gwirfoddol a chymunedol</h3>' in added.content.decode()


def test_an_organisation_with_members_is_kept_and_the_lead_told_in_welsh(
    client, lead_a, partnership_a, council_a
):
    client.force_login(lead_a)
    edit = page(
        in_welsh(client),
        reverse("partnership:organisation-edit", args=[partnership_a.slug, council_a.pk]),
    )
    assert "Mae 1 aelod yn siarad ar ran y sefydliad hwn." in edit
    response = client.post(
        reverse("partnership:organisation-remove", args=[partnership_a.slug, council_a.pk]),
        follow=True,
    )
    assert "Ashworth Council: mae 1 aelod yn dal i siarad ar ei ran." in response.content.decode()


def test_the_member_pages_in_welsh(client, lead_a, contributor_a, partnership_a):
    client.force_login(lead_a)
    add = page(in_welsh(client), reverse("partnership:member-add", args=[partnership_a.slug]))
    assert '<h1 class="govuk-heading-l">Ychwanegu aelod at Ashworth Best Start</h1>' in add
    assert "Y sefydliad y maen nhw’n siarad ar ei ran" in add
    assert "Cyfrannwr" in add and "Gwyliwr" in add
    membership = Membership.objects.get(user=contributor_a)
    edit_url = reverse("partnership:member-edit", args=[partnership_a.slug, membership.pk])
    edit = page(client, edit_url)
    assert '<h1 class="govuk-heading-l">Newid Cara Contributor</h1>' in edit
    assert "Tynnu o’r bartneriaeth" in edit


def test_a_member_form_error_in_welsh(client, lead_a, partnership_a, council_a):
    client.force_login(lead_a)
    response = in_welsh(client).post(
        reverse("partnership:member-add", args=[partnership_a.slug]),
        {"email": "new.person@example.org", "organisation": council_a.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rhowch enw llawn new.person@example.org: maen nhw’n newydd i Cradle" in html
    assert "Dewiswch rôl" in html
    assert not Membership.objects.filter(user__email="new.person@example.org").exists()


def test_the_last_lead_is_kept_and_told_why_in_welsh(client, lead_a, partnership_a, council_a):
    client.force_login(lead_a)
    membership = Membership.objects.get(user=lead_a)
    response = in_welsh(client).post(
        reverse("partnership:member-edit", args=[partnership_a.slug, membership.pk]),
        {"organisation": council_a.pk, "role": "viewer"},
    )
    assert response.status_code == 200
    assert "Mae angen o leiaf un arweinydd ar bartneriaeth." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "lead"


def add_member(client, partnership, organisation, email, **fields):
    return client.post(
        reverse("partnership:member-add", args=[partnership.slug]),
        {"email": email, "organisation": organisation.pk, "role": "contributor", **fields},
        follow=True,
    )


def test_a_welsh_speaker_is_invited_in_welsh_whatever_the_leads_language(
    client, lead_a, partnership_a, council_a
):
    make_user("siaradwr@example.org", full_name="Siân Siaradwr", language="cy")
    client.force_login(lead_a)
    response = add_member(client, partnership_a, council_a, "siaradwr@example.org")
    # The lead reads English; the person added reads Welsh.
    assert "siaradwr@example.org added. We have emailed them how to sign in" in (
        response.content.decode()
    )
    [email] = mail.outbox
    assert email.subject == "Rydych chi wedi cael eich ychwanegu at Ashworth Best Start ar Cradle"
    assert "Mae Alice Lead wedi eich ychwanegu at Ashworth Best Start ar Cradle" in email.body
    assert "Mewngofnodwch gyda’ch cyfrif Cradle:" in email.body
    assert "Rydych chi’n mewngofnodi gyda’r cyfeiriad e-bost hwn: siaradwr@example.org" in (
        email.body
    )


def test_someone_new_is_invited_in_the_language_of_the_lead_who_added_them(
    client, lead_a, partnership_a, council_a
):
    client.force_login(lead_a)
    response = add_member(
        in_welsh(client), partnership_a, council_a, "newydd@example.org", full_name="Nia Newydd"
    )
    assert "Ychwanegwyd newydd@example.org." in response.content.decode()
    [email] = mail.outbox
    assert email.subject.startswith("Rydych chi wedi cael eich ychwanegu at")
    assert "Gosodwch eich cyfrinair i fewngofnodi (mae’r ddolen yn gweithio am 3 diwrnod):" in (
        email.body
    )


def test_someone_who_chose_english_is_invited_in_english_by_a_welsh_lead(
    client, lead_a, partnership_a, council_a
):
    make_user("english@example.org", full_name="Eddie English", language="en")
    client.force_login(lead_a)
    add_member(in_welsh(client), partnership_a, council_a, "english@example.org")
    [email] = mail.outbox
    assert email.subject == "You have been added to Ashworth Best Start on Cradle"
    assert "Sign in with your Cradle account:" in email.body


def test_the_oversight_download_has_welsh_headers_and_sheet_title(
    client, commissioner, partnership_a
):
    client.force_login(commissioner)
    book = xlsx_download(in_welsh(client).get(reverse("oversight:xlsx")))
    assert book.sheetnames == ["Ardaloedd"]
    table = rows(book["Ardaloedd"])
    assert table[0][:3] == ("Partneriaeth", "Rhanbarth", "Bwrdd gofal integredig neu fwrdd iechyd")
    # The partnership's name, as its lead typed it.
    assert table[1][0] == "Ashworth Best Start"
    csv = in_welsh(client).get(reverse("oversight:csv")).content.decode("utf-8-sig")
    assert csv.startswith("Partneriaeth,Rhanbarth,")


def test_the_framework_upload_page_in_welsh(client, admin_user):
    client.force_login(admin_user)
    html = page(in_welsh(client), reverse("admin:assessments_framework_upload"))
    assert "Lanlwythwch un ffeil fframwaith" in html
    assert "<code>docs/framework-format.md</code>" in html
    assert 'value="Gwirio’r ffeil"' in html


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_pages_make_the_same_queries_in_welsh_as_in_english(
    client, lead_a, contributor_a, viewer_a, partnership_a, council_a
):
    client.force_login(lead_a)
    membership = Membership.objects.get(user=contributor_a)
    urls = [
        reverse("partnership:list"),
        partnership_a.get_absolute_url(),
        reverse("partnership:edit", args=[partnership_a.slug]),
        reverse("partnership:organisation-add", args=[partnership_a.slug]),
        reverse("partnership:organisation-edit", args=[partnership_a.slug, council_a.pk]),
        reverse("partnership:member-add", args=[partnership_a.slug]),
        reverse("partnership:member-edit", args=[partnership_a.slug, membership.pk]),
    ]
    for url in urls:
        query_count(client, url)  # the session and caches warmed alike for both
        english = query_count(client, url)
        welsh = query_count(in_welsh(client), url)
        client.cookies.pop("cradle_language")
        assert welsh == english, url
