"""A lead downloads everything the partnership holds: a zip of JSON files and one workbook."""

import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import AssessmentStatus
from tests.assessments.factories import make_round
from tests.assessments.test_query_counts import add_raters
from tests.continuum.factories import make_service
from tests.downloads import rows, xlsx_book, xlsx_text
from tests.rights.conftest import EVIL

JSON_FILES = [
    "profile.json",
    "partners.json",
    "members.json",
    "services.json",
    "locations.json",
    "referral-routes.json",
    "gap-rule-changes.json",
    "local-figures.json",
    "key-indicators.json",
    "rounds.json",
    "round-status-history.json",
    "out-of-scope.json",
    "responses.json",
    "agreed-ratings.json",
    "barriers.json",
    "actions.json",
    "history.json",
]


def page_url(partnership) -> str:
    return reverse("rights:data", args=[partnership.slug])


def download_url(partnership) -> str:
    return reverse("rights:download", args=[partnership.slug])


def download(client, partnership) -> zipfile.ZipFile:
    response = client.get(download_url(partnership))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{partnership.slug}-data.zip"'
    )
    return zipfile.ZipFile(io.BytesIO(response.content))


def records(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return json.loads(archive.read(name))


def test_the_page_says_what_the_download_holds(client, lead_a, partnership_a):
    client.force_login(lead_a)
    response = client.get(page_url(partnership_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your partnership&#x27;s data" in page or "Your partnership's data" in page
    for title in ["Profile", "Members", "Services", "Responses", "Actions", "History"]:
        assert f">{title}</dt>" in page
    assert download_url(partnership_a) in page


def test_the_overview_links_leads_to_it(client, lead_a, viewer_a, partnership_a):
    client.force_login(lead_a)
    assert page_url(partnership_a) in client.get(partnership_a.get_absolute_url()).content.decode()
    client.force_login(viewer_a)
    assert (
        page_url(partnership_a) not in client.get(partnership_a.get_absolute_url()).content.decode()
    )


def test_every_file_is_there_and_opens(client, lead_a, filled, partnership_a):
    client.force_login(lead_a)
    archive = download(client, partnership_a)
    names = set(archive.namelist())
    assert {"README.txt", "ashworth-data.xlsx", *JSON_FILES} == names
    for name in JSON_FILES:
        assert isinstance(records(archive, name), list)
    book = xlsx_book(archive.read("ashworth-data.xlsx"))
    assert len(book.sheetnames) == len(JSON_FILES)
    assert book.sheetnames[0] == "Profile" and "Responses" in book.sheetnames

    [profile] = records(archive, "profile.json")
    assert profile["Name"] == "Ashworth Best Start"
    assert "Ashworth (E08000990)" in profile["Areas"]
    members = {m["Email address"]: m for m in records(archive, "members.json")}
    assert members["contributor@a.example"]["Name"] == "Cara Contributor"
    assert members["lead@a.example"]["Role"] == "Lead"
    services = {s["Service"] for s in records(archive, "services.json")}
    assert services == {"Family hub drop-in", EVIL}
    [route] = records(archive, "referral-routes.json")
    assert route["From service"] == "Family hub drop-in"
    [location] = records(archive, "locations.json")
    assert location["Service ids"] == str(filled["services"][0].pk)
    rounds = {r["Round"]: r for r in records(archive, "rounds.json")}
    assert rounds["Anonymous round"]["Anonymous"] is True
    assert rounds["Named round"]["Status"] == "Published"
    [action] = records(archive, "actions.json")
    assert action["Action"] == "Agree a workforce plan"
    [agreed] = records(archive, "agreed-ratings.json")
    assert agreed["Dissent"] == "Health visiting saw less"
    assert [r["Rows"] for r in records(archive, "gap-rule-changes.json")] == [""]
    [figure] = records(archive, "local-figures.json")
    assert figure["Value"] == 12.5 and figure["Note"] == "Local survey"
    [key] = records(archive, "key-indicators.json")
    assert key["Indicator code"] == "93014"


def test_the_workbook_holds_the_same_rows_with_formulas_inert(
    client, lead_a, filled, partnership_a
):
    client.force_login(lead_a)
    archive = download(client, partnership_a)
    book = xlsx_book(archive.read("ashworth-data.xlsx"))
    services = rows(book["Services"])
    assert services[0][:3] == ("Id", "Service", "Provider")
    names = [row[1] for row in services[1:]]
    assert "'" + EVIL in names
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"


def test_named_responses_say_who_and_anonymous_ones_do_not(
    client, lead_a, contributor_a, filled, partnership_a, settings
):
    settings.ANONYMOUS_MIN_GROUP_SIZE = 1
    client.force_login(lead_a)
    archive = download(client, partnership_a)
    responses = records(archive, "responses.json")
    named = [r for r in responses if r["Round"] == "Named round"]
    anonymous = [r for r in responses if r["Round"] == "Anonymous round"]
    assert {r["Name"] for r in named} == {"Alice Lead", "Cara Contributor"}
    assert {r["Organisation"] for r in named} == {"Ashworth Council", "Ashworth Health Visiting"}
    assert len(anonymous) == 2
    assert {r["Evidence"] for r in anonymous} == {"Lead's evidence", f"Seen {EVIL}"}
    for row in anonymous:
        assert row["Name"] == "" and row["Organisation"] == ""
        text = json.dumps(row)
        for identity in ["Alice", "Cara", "lead@a.example", "contributor@a.example", "Ashworth"]:
            assert identity not in text
    # The workbook's responses sheet keeps them apart the same way.
    book = xlsx_book(archive.read("ashworth-data.xlsx"))
    sheet = rows(book["Responses"])
    for row in sheet[1:]:
        if row[1] == "Anonymous round":
            assert row[5] is None and row[6] is None
            assert not {"Alice Lead", "Cara Contributor"} & set(row)


def test_an_anonymous_rounds_history_names_no_one(
    client, lead_a, contributor_a, filled, partnership_a, strategy
):
    from assessments.history import record

    anonymous = filled["anonymous"]
    response = anonymous.responses.get(respondent=contributor_a)
    record(
        assessment=anonymous,
        element=strategy,
        subject="response",
        obj=response,
        old={},
        new={"evidence": "Changed my mind"},
        by=contributor_a,
        sector="health-visiting",
    )
    named = filled["named"]
    record(
        assessment=named,
        element=strategy,
        subject="response",
        obj=named.responses.get(respondent=contributor_a),
        old={},
        new={"evidence": "Named change"},
        by=contributor_a,
        sector="health-visiting",
    )
    client.force_login(lead_a)
    history = {h["Became"]: h for h in records(download(client, partnership_a), "history.json")}
    assert history["Changed my mind"]["By"] == "A respondent"
    assert history["Named change"]["By"] == "Cara Contributor"


def test_another_partnerships_data_is_absent(
    client, lead_a, lead_b, filled, partnership_a, partnership_b, framework
):
    make_service(partnership_b, "Brookfield secret service")
    make_round(partnership_b, framework, name="Brookfield secret round", by=lead_b)
    client.force_login(lead_a)
    response = client.get(download_url(partnership_a))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    everything = "".join(archive.read(n).decode() for n in JSON_FILES)
    everything += xlsx_text(archive.read("ashworth-data.xlsx"))
    assert "Brookfield" not in everything and "lead@b.example" not in everything
    assert "Family hub drop-in" in everything


@pytest.mark.parametrize("name", ["rights:data", "rights:download"])
def test_only_a_lead_gets_in(
    client, name, partnership_a, contributor_a, viewer_a, lead_b, commissioner, admin_user
):
    url = reverse(name, args=[partnership_a.slug])
    for user, status in [
        (contributor_a, 403),
        (viewer_a, 403),
        (commissioner, 403),
        (admin_user, 403),
        (lead_b, 404),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.logout()
    assert client.get(url).status_code == 302


def test_the_download_rejects_post(client, lead_a, partnership_a):
    client.force_login(lead_a)
    assert client.post(download_url(partnership_a)).status_code == 405


def test_the_download_is_audited(client, lead_a, partnership_a, audit_lines):
    client.force_login(lead_a)
    client.get(download_url(partnership_a))
    [line] = audit_lines("rights.downloaded")
    assert line["partnership"] == partnership_a.pk and line["user_id"] == lead_a.pk


def grow(partnership, framework, lead, size: int) -> None:
    for i in range(size):
        make_service(partnership, f"Extra service {size}-{i}", "continuum-level/promotion")
    for status in (AssessmentStatus.PUBLISHED, AssessmentStatus.CLOSED):
        assessment = make_round(partnership, framework, status=status, by=lead)
        assessment.anonymous = status == AssessmentStatus.CLOSED
        assessment.save(update_fields=["anonymous"])
        add_raters(assessment, size)


def count_queries(client, partnership) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(download_url(partnership)).status_code == 200
    return len(captured)


def test_the_query_count_does_not_grow_with_the_data(
    client, lead_a, filled, partnership_a, framework
):
    client.force_login(lead_a)
    grow(partnership_a, framework, lead_a, 2)
    small = count_queries(client, partnership_a)
    grow(partnership_a, framework, lead_a, 12)
    large = count_queries(client, partnership_a)
    print(f"data download: {small} queries small, {large} large")
    assert small == large
