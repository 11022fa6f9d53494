"""A round's XLSX workbook: responses, agreed ratings and actions, for leads, names hidden in
anonymous rounds, hostile text inert."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import AssessmentStatus, Element, Response
from partnership.models import User
from tests.assessments.factories import level, make_action, make_agreed, make_response, make_round
from tests.assessments.test_query_counts import add_raters
from tests.downloads import rows, xlsx_download, xlsx_text

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    '=HYPERLINK("http://x","y")',
]


def url(assessment) -> str:
    return reverse("assessments:round-xlsx", args=[assessment.partnership.slug, assessment.pk])


@pytest.fixture
def strategy(framework):
    return framework.elements.get(code="plan-strategy")


def rated_round(partnership, framework, raters, strategy, *, anonymous: bool, lead):
    assessment = make_round(
        partnership, framework, status=AssessmentStatus.CLOSED, anonymous=anonymous, by=lead
    )
    for i, user in enumerate(raters):
        make_response(assessment, strategy, user, 2 + i, evidence=f"Seen in clinics {i}")
    make_agreed(
        assessment,
        strategy,
        3,
        rationale="Most partners rated it here",
        dissent="Health visiting saw less",
        target_level=level(framework, 4),
        target_date="2028-03-31",
    )
    return assessment


@pytest.fixture
def named(partnership_a, framework, lead_a, contributor_a, council_a, strategy):
    assessment = rated_round(
        partnership_a, framework, [lead_a, contributor_a], strategy, anonymous=False, lead=lead_a
    )
    make_action(assessment, strategy, council_a, title="Agree a joint workforce plan")
    return assessment


@pytest.fixture
def anonymous(partnership_a, framework, lead_a, contributor_a, strategy):
    return rated_round(
        partnership_a, framework, [lead_a, contributor_a], strategy, anonymous=True, lead=lead_a
    )


def test_a_lead_downloads_the_three_sheets(client, lead_a, named, strategy):
    client.force_login(lead_a)
    response = client.get(url(named))
    book = xlsx_download(response)
    assert response["Content-Disposition"] == (
        f'attachment; filename="ashworth-round-{named.pk}.xlsx"'
    )
    assert book.sheetnames == ["Responses", "Agreed ratings", "Actions"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])

    responses = rows(book["Responses"])
    assert responses[0] == (
        "Dimension",
        "Element code",
        "Element",
        "Name",
        "Organisation",
        "Sector",
        "Rating",
        "Evidence",
        "Strength of evidence",
        "Links",
    )
    by_name = {row[3]: row for row in responses[1:]}
    assert by_name["Cara Contributor"][4] == "Ashworth Health Visiting"
    assert by_name["Cara Contributor"][5] == "Health visiting"
    assert by_name["Cara Contributor"][7] == "Seen in clinics 1"
    assert by_name["Alice Lead"][2] == strategy.title

    agreed = rows(book["Agreed ratings"])
    assert agreed[0][3:5] == ("Agreed level", "Agreed rating")
    (row,) = agreed[1:]
    assert row[1] == "plan-strategy" and row[3] == 3 and row[5] == 4
    assert row[7].date().isoformat() == "2028-03-31"
    assert row[8:] == ("Most partners rated it here", "Health visiting saw less")
    assert book["Agreed ratings"]["D2"].data_type == "n"

    actions = rows(book["Actions"])
    assert actions[0][0] == "Action"
    assert actions[1][0] == "Agree a joint workforce plan"
    assert actions[1][4] == "Ashworth Council"
    assert actions[1][6] == "Not started"


def test_an_anonymous_round_names_no_one(client, lead_a, anonymous, settings):
    # One person a sector is enough to show it here: pooling small sectors is tested apart.
    settings.ANONYMOUS_MIN_GROUP_SIZE = 1
    client.force_login(lead_a)
    response = client.get(url(anonymous))
    book = xlsx_download(response)
    header = rows(book["Responses"])[0]
    assert "Name" not in header and "Organisation" not in header
    text = xlsx_text(response.content)
    for who in [
        "Alice Lead",
        "lead@a.example",
        "Cara Contributor",
        "contributor@a.example",
        "Ashworth Health Visiting",
        "Ashworth Council",
    ]:
        assert who not in text
    sectors = [row[header.index("Sector")] for row in rows(book["Responses"])[1:]]
    assert sorted(sectors) == ["Health visiting", "Local authority"]
    assert "Seen in clinics 1" in text  # the evidence itself is kept


def test_hostile_text_is_inert(client, lead_a, named, strategy, council_a, contributor_a):
    response = named.responses.get(respondent=contributor_a)
    response.evidence = "\n".join(PAYLOADS)
    response.links = PAYLOADS[3]
    response.save()
    agreed = named.agreed_ratings.get()
    agreed.rationale = PAYLOADS[3]
    agreed.save()
    for payload in PAYLOADS:
        make_action(named, strategy, council_a, title=payload)
    client.force_login(lead_a)
    book = xlsx_download(client.get(url(named)))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = [c.value for c in cells if isinstance(c.value, str)]
    assert "'" + PAYLOADS[3] in values
    assert PAYLOADS[3] not in values
    for payload in PAYLOADS[:3]:
        assert payload in values
    assert "'" + "\n".join(PAYLOADS) not in values  # starts with "<", so kept as typed
    assert "\n".join(PAYLOADS) in values


@pytest.mark.parametrize("who", ["contributor_a", "viewer_a", "commissioner", "admin"])
def test_only_leads_download_it(client, personas, named, who):
    named.status = AssessmentStatus.PUBLISHED
    named.save()
    client.force_login(personas[who])
    assert client.get(url(named)).status_code == 403


@pytest.mark.parametrize("who", ["outsider", "lead_b"])
def test_another_partnership_gets_not_found(client, personas, named, who):
    client.force_login(personas[who])
    assert client.get(url(named)).status_code == 404


def test_it_needs_sign_in_and_rejects_post(client, lead_a, named):
    assert client.get(url(named)).status_code == 302
    client.force_login(lead_a)
    assert client.post(url(named)).status_code == 405


def test_the_round_page_links_it_for_leads_only(client, lead_a, contributor_a, named):
    page = reverse("assessments:round", args=[named.partnership.slug, named.pk])
    client.force_login(lead_a)
    assert f'href="{url(named)}" download' in client.get(page).content.decode()
    client.force_login(contributor_a)
    assert url(named) not in client.get(page).content.decode()


@pytest.mark.parametrize("is_anonymous", [False, True])
def test_it_runs_the_same_queries_at_two_sizes(
    client, lead_a, partnership_a, framework, strategy, council_a, is_anonymous
):
    assessment = rated_round(
        partnership_a, framework, [lead_a], strategy, anonymous=is_anonymous, lead=lead_a
    )
    make_action(assessment, strategy, council_a)
    client.force_login(lead_a)
    add_raters(assessment, 2)
    # The process has read the round's framework once, as a server has after its first page.
    assert client.get(assessment.get_absolute_url()).status_code == 200
    with CaptureQueriesContext(connection) as small:
        assert len(rows(xlsx_download(client.get(url(assessment)))["Responses"])) == 1 + 1 + 2 * 10
    add_raters(assessment, 20)
    for element in framework.elements.exclude(pk=strategy.pk):
        make_agreed(assessment, element, 2)
        make_action(assessment, element, council_a)
    with CaptureQueriesContext(connection) as large:
        assert len(rows(xlsx_download(client.get(url(assessment)))["Responses"])) == 1 + 1 + 22 * 10
    assert len(large) == len(small)
    assert len(small) <= 12


def downloaded_text(client, assessment) -> str:
    response = client.get(url(assessment))
    xlsx_download(response)
    return xlsx_text(response.content)


def test_a_settled_rounds_workbook_is_kept_until_what_it_holds_changes(
    client, lead_a, contributor_a, named, strategy, council_a
):
    client.force_login(lead_a)
    first = client.get(url(named)).content
    with CaptureQueriesContext(connection) as repeat:
        assert client.get(url(named)).content == first
    # Signed in, the round and the data versions: nothing of the workbook is gathered again.
    assert not any("assessments_response" in q["sql"] for q in repeat.captured_queries)

    Response.objects.filter(assessment=named, respondent=contributor_a).update(
        evidence="Seen in the health visiting audit"
    )
    assert "Seen in the health visiting audit" in downloaded_text(client, named)
    User.objects.filter(pk=contributor_a.pk).update(full_name="Carys Renamed")
    assert "Carys Renamed" in downloaded_text(client, named)
    make_action(named, strategy, council_a, title="Map the perinatal pathway")
    assert "Map the perinatal pathway" in downloaded_text(client, named)
    Element.objects.filter(pk=strategy.pk).update(title="Strategy and shared plan")
    assert "Strategy and shared plan" in downloaded_text(client, named)


def test_an_open_rounds_workbook_is_drawn_each_time(client, lead_a, contributor_a, named, strategy):
    named.status = AssessmentStatus.OPEN
    named.save()
    client.force_login(lead_a)
    assert "Seen in clinics 1" in downloaded_text(client, named)
    # A contributor's save in an open round moves no data version, so nothing may be kept.
    Response.objects.filter(assessment=named, respondent=contributor_a).update(
        evidence="Rated again after the audit"
    )
    assert "Rated again after the audit" in downloaded_text(client, named)
