"""The service map in Welsh: what a Welsh reader notices on its pages, forms, messages,
downloads and gap sentences. The Welsh is the catalogue's (draft) text."""

import pytest
from django.urls import reverse
from django.utils import translation

from continuum.gap_wording import gap_sentence, with_adjustment
from continuum.importers.store import ImportReport

WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}


def test_the_service_list_reads_in_welsh(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    page = client.get(
        reverse("continuum:service-list", args=[partnership_a.slug]), **WELSH
    ).content.decode()
    assert '<h1 class="govuk-heading-l">Gwasanaethau</h1>' in page
    assert "Hidlo gwasanaethau" in page
    assert "Gwasanaethau: <strong>1</strong>" in page


def test_the_matrix_reads_in_welsh(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    page = client.get(
        reverse("continuum:matrix", args=[partnership_a.slug]), **WELSH
    ).content.decode()
    assert '<h1 class="govuk-heading-l">Matrics darpariaeth</h1>' in page
    assert '<h2 class="govuk-heading-m">Bylchau a chelloedd tenau</h2>' in page
    assert "Lefelau’r continwwm × Grwpiau THRIVE" in page
    # Whole Welsh sentences, whatever language the term names come in.
    assert "<li>Dim gwasanaeth " in page


def test_a_form_error_is_in_welsh(client, lead_a, partnership_a):
    client.force_login(lead_a)
    response = client.post(
        reverse("continuum:location-add", args=[partnership_a.slug]),
        {"name": "", "kind": "clinic"},
        **WELSH,
    )
    assert response.status_code == 200
    assert "Rhowch enw’r lleoliad" in response.content.decode()


def test_a_message_is_in_welsh(client, lead_a, partnership_a, service_a, other_a):
    client.force_login(lead_a)
    response = client.post(
        reverse("continuum:route-add", args=[partnership_a.slug, service_a.pk]),
        {"to_service": other_a.pk, "kind": "step-up"},
        follow=True,
        **WELSH,
    )
    assert "Ychwanegwyd llwybr i Perinatal mental health team" in response.content.decode()


def test_the_csv_header_is_in_the_readers_language(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    response = client.get(reverse("continuum:export-csv", args=[partnership_a.slug]), **WELSH)
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Enw,Darparwr,Sector y darparwr,Statws,Lefelau’r continwwm,")
    assert header.endswith(",Angen ei leoli")


@pytest.mark.parametrize(
    ("axes", "names", "expected"),
    [
        (
            ("risk-factor", "continuum-level"),
            ("Cam-drin domestig", "Atal"),
            "Dim gwasanaeth atal sy’n mynd i’r afael â’r ffactor risg cam-drin domestig",
        ),
        (
            ("continuum-level", "thrive"),
            ("Atal", "Cael Mwy o Help"),
            "Dim gwasanaeth atal ar gyfer teuluoedd sy’n cael mwy o help",
        ),
        (
            ("continuum-level", "reach"),
            ("Ymyrraeth gynnar", "Cyffredinol"),
            "Dim gwasanaeth ymyrraeth gynnar cyffredinol",
        ),
        (
            ("programme", "nest"),
            ("Dechrau'n Deg (Cymru)", "Diogel"),
            "Dim gwasanaeth â’r thema NEST/NYTH Diogel a ddarperir drwy’r rhaglen "
            "Dechrau'n Deg (Cymru)",
        ),
    ],
)
def test_gap_sentences_are_whole_welsh_sentences(axes, names, expected):
    with translation.override("cy"):
        assert gap_sentence("gap", 0, 1, axes, names) == expected


def test_thin_sentences_agree_in_number_in_welsh():
    axes, names = ("continuum-level", "thrive"), ("Hybu", "Ffynnu")
    with translation.override("cy"):
        assert gap_sentence("thin", 1, 3, axes, names) == (
            "Dim ond un gwasanaeth hybu ar gyfer teuluoedd sy’n ffynnu; disgwylir 3 neu fwy"
        )
        assert gap_sentence("thin", 2, 3, axes, names) == (
            "Dim ond 2 o wasanaethau hybu ar gyfer teuluoedd sy’n ffynnu; disgwylir 3 neu fwy"
        )
        assert with_adjustment("Dim gwasanaeth", "Uned ranbarthol") == (
            "Dim gwasanaeth (addasiad lleol: Uned ranbarthol)"
        )


def test_an_import_summary_is_in_welsh():
    report = ImportReport(created=["A", "B"], updated=["C"], skipped=[])
    with translation.override("cy"):
        assert report.summary() == ("Gwasanaethau a grëwyd: 2; a ddiweddarwyd: 1; a hepgorwyd: 0")


@pytest.mark.parametrize(
    ("name", "with_service", "heading"),
    [
        ("service-list", False, "Gwasanaethau"),
        ("service-add", False, "Ychwanegu gwasanaeth"),
        ("service-edit", True, "Newid Family hub stay-and-play"),
        ("route-add", True, "Ychwanegu llwybr o’r gwasanaeth Family hub stay-and-play"),
        ("location-list", False, "Lleoliadau"),
        ("location-add", False, "Ychwanegu lleoliad"),
        ("matrix", False, "Matrics darpariaeth"),
        ("pathway", False, "Llwybr gofal"),
        ("gap-rules", False, "Rheolau bylchau"),
        ("gap-adjust-cell", False, "Addasu cell"),
        ("gap-adjust-threshold", False, "Addasu trothwy tenau"),
        ("import", False, "Mewnforio gwasanaethau o ffrwd"),
    ],
)
def test_every_service_map_page_has_its_heading_in_welsh(
    client, lead_a, partnership_a, service_a, route_a, name, with_service, heading
):
    client.force_login(lead_a)
    args = [partnership_a.slug, service_a.pk] if with_service else [partnership_a.slug]
    response = client.get(reverse(f"continuum:{name}", args=args), **WELSH)
    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in response.content.decode()


def test_a_service_page_reads_in_welsh(client, lead_a, partnership_a, service_a, route_a):
    client.force_login(lead_a)
    page = client.get(service_a.get_absolute_url(), **WELSH).content.decode()
    assert '<h2 class="govuk-heading-m">Am y gwasanaeth</h2>' in page
    assert "Llwybrau allan" in page and "Camu i fyny" in page
    assert "200" in page and "Teuluoedd y flwyddyn" in page
