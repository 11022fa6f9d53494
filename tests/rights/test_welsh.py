"""The data page, its download and the erasure pages in Welsh. The download is in the language
of the request, all of it: file names, sheet names, column headings (the JSON files' keys) and
the README; in English it is as it always was."""

import io
import json
import zipfile

from django.urls import reverse

from tests.downloads import xlsx_book

WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}

WELSH_FILES = [
    "proffil.json",
    "partneriaid.json",
    "aelodau.json",
    "gwasanaethau.json",
    "lleoliadau.json",
    "llwybrau-atgyfeirio.json",
    "newidiadau-i-reolau-bylchau.json",
    "ffigurau-lleol.json",
    "dangosyddion-allweddol.json",
    "rowndiau.json",
    "hanes-statws-rowndiau.json",
    "y-tu-allan-ir-cwmpas.json",
    "ymatebion.json",
    "sgorau-y-cytunwyd-arnynt.json",
    "rhwystrau.json",
    "camau-gweithredu.json",
    "hanes.json",
]


def welsh_download(client, partnership) -> zipfile.ZipFile:
    response = client.get(reverse("rights:download", args=[partnership.slug]), **WELSH)
    assert response.status_code == 200
    # The zip's own name is the same in both languages.
    assert response["Content-Disposition"] == f'attachment; filename="{partnership.slug}-data.zip"'
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_data_page_is_in_welsh(client, lead_a, partnership_a):
    client.force_login(lead_a)
    page = client.get(reverse("rights:data", args=[partnership_a.slug]), **WELSH)
    text = page.content.decode()
    assert "Data eich partneriaeth" in text
    assert "Lawrlwytho data’r bartneriaeth (zip)" in text
    # The page names the tables as the Welsh download does.
    assert ">Proffil</dt>" in text and ">Camau gweithredu</dt>" in text
    assert "Enw’r bartneriaeth, ei chenedl" in text
    assert "Download everything" not in text


def test_the_download_is_in_welsh_throughout(client, lead_a, filled, partnership_a):
    client.force_login(lead_a)
    archive = welsh_download(client, partnership_a)
    assert set(archive.namelist()) == {"DARLLENFI.txt", "ashworth-data.xlsx", *WELSH_FILES}
    readme = archive.read("DARLLENFI.txt").decode()
    assert readme.startswith("Ashworth Best Start: popeth sydd gan Cradle")

    book = xlsx_book(archive.read("ashworth-data.xlsx"))
    assert book.sheetnames[0] == "Proffil" and "Camau gweithredu" in book.sheetnames
    assert [c.value for c in book["Aelodau"][1]][:3] == ["Enw", "Cyfeiriad e-bost", "Rôl"]

    [profile] = json.loads(archive.read("proffil.json"))
    assert profile["Enw"] == "Ashworth Best Start"
    members = {m["Cyfeiriad e-bost"]: m for m in json.loads(archive.read("aelodau.json"))}
    assert members["contributor@a.example"]["Enw"] == "Cara Contributor"
    rounds = {r["Rownd"]: r for r in json.loads(archive.read("rowndiau.json"))}
    assert rounds["Named round"]["Statws"] == "Cyhoeddwyd"
    assert rounds["Anonymous round"]["Dienw"] is True
    # No English heading is left among the keys of any file.
    for name in WELSH_FILES:
        for record in json.loads(archive.read(name)):
            assert not {"Name", "Round", "Status", "Element", "Round id"} & set(record)


def test_the_erasure_pages_are_in_welsh(client, admin_user, contributor_a, partnership_a):
    client.force_login(admin_user)
    index = client.get(reverse("erasure:index"), **WELSH).content.decode()
    assert "Dileu data" in index and "Dod o hyd i’r unigolyn" in index
    assert "Dileu Ashworth Best Start" in index  # the link's full name, for screen readers
    missing = client.get(reverse("erasure:index"), {"email": "nobody@example.org"}, **WELSH)
    assert "Nid oes cyfrif â’r cyfeiriad e-bost hwn" in missing.content.decode()

    person_url = reverse("erasure:person", args=[contributor_a.pk])
    person = client.get(person_url, **WELSH).content.decode()
    assert "Dileu Cara Contributor" in person
    assert "Ni ellir dadwneud hyn." in person
    assert "Teipiwch gyfeiriad e-bost yr unigolyn i gadarnhau" in person
    wrong = client.post(person_url, {"confirm": "someone@else.example"}, **WELSH)
    assert "Rhowch contributor@a.example yn union fel y’i dangosir i gadarnhau" in (
        wrong.content.decode()
    )

    partnership_url = reverse("erasure:partnership", args=[partnership_a.slug])
    page = client.get(partnership_url, **WELSH).content.decode()
    assert "Dileu’r bartneriaeth" in page
    assert "Teipiwch enw’r bartneriaeth i gadarnhau" in page
    done = client.post(partnership_url, {"confirm": "Ashworth Best Start"}, follow=True, **WELSH)
    assert "Mae Ashworth Best Start a phopeth oedd ganddi wedi’u dileu" in done.content.decode()


def test_the_history_in_a_welsh_download_is_in_welsh(client, lead_a, filled, partnership_a):
    from django.utils import timezone

    from assessments.models import Assessment, Change

    named = Assessment.objects.get(partnership=partnership_a, name="Named round")
    element = named.framework.elements.first()
    level = named.framework.scale.levels.values("label", "label_cy").get(value=3)
    assert level["label_cy"] not in ("", level["label"])
    Change.objects.create(
        assessment=named,
        element=element,
        subject="agreed rating",
        object_id=1,
        field="agreed level",
        old="",
        new=f"3: {level['label']}",
        by=lead_a,
        at=timezone.now(),
    )
    client.force_login(lead_a)
    history = json.loads(welsh_download(client, partnership_a).read("hanes.json"))
    [change] = [c for c in history if f"3: {level['label_cy']}" in c.values()]
    assert "Sgôr y cytunwyd arni" in change.values()
    assert f"3: {level['label']}" not in change.values()
