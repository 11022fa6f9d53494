"""The indicator pages in Welsh: the heading, a load report and a file's problem.

These read the Welsh catalogue (locale/cy, compiled into django.mo)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnership.indicators.models import BIRTHS

pytestmark = pytest.mark.django_db
WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}
LOCAL = reverse("partnership:indicators", args=["ashworth"])


def upload(data: bytes):
    return SimpleUploadedFile("figures.csv", data, "text/csv")


def test_a_lead_reads_the_local_figures_page_in_welsh(client, lead_a, areas):
    client.force_login(lead_a)
    page = client.get(LOCAL, **WELSH).content.decode()
    assert '<h1 class="govuk-heading-l">Ffigurau angen lleol</h1>' in page
    assert "Dim ffigur wedi’i lwytho" in page
    ours = b"Area code,Period,Value\r\nE08000990,2024,3050\r\n"
    loaded = client.post(LOCAL, {"file": upload(ours), "indicator": BIRTHS}, **WELSH)
    assert "1 o werthoedd wedi’u storio" in loaded.content.decode()


def test_a_files_problem_reads_in_welsh(client, lead_a, areas):
    client.force_login(lead_a)
    theirs = b"Area code,Period,Value\nE09000990,2024,3050\n"
    page = client.post(LOCAL, {"file": upload(theirs), "indicator": BIRTHS}, **WELSH)
    assert "nid yw E09000990 yn un o ardaloedd y bartneriaeth hon" in page.content.decode()
    missing = client.post(LOCAL, {"file": upload(theirs)}, **WELSH).content.decode()
    assert "Dewiswch y dangosydd y mae’r ffigurau ar ei gyfer" in missing
