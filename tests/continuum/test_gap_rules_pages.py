"""The gap rules page, and the lead's local adjustments: who may, what is kept, what shows."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from continuum.models import GapAdjustment
from tests.continuum.factories import make_service


@pytest.fixture
def rules(taxonomies):
    """The shipped gap rules (the `taxonomies` fixture loads them with the taxonomies)."""


def rules_url(partnership, name="gap-rules"):
    return reverse(f"continuum:{name}", args=[partnership.slug])


CELL = "continuum-level|thrive|treatment|getting-help"


def adjust_cell(client, partnership, expectation="not-expected", reason="The regional unit"):
    return client.post(
        rules_url(partnership, "gap-adjust-cell"),
        {"cell": CELL, "expectation": expectation, "reason": reason},
    )


@pytest.mark.parametrize("who", ["lead_a", "contributor_a", "viewer_a", "commissioner", "admin"])
def test_everyone_who_sees_the_partnership_reads_the_rules(client, personas, rules, who):
    partnership = personas["lead_a"].memberships.get().partnership
    client.force_login(personas[who])
    page = client.get(rules_url(partnership)).content.decode()
    assert "Gap rules" in page
    assert "version 1.0" in page
    assert "An assumption, not a published rule" in page
    assert "Getting Advice and Signposting also covers" in page
    assert ("Adjust whether a cell is expected" in page) == (who == "lead_a")


@pytest.mark.parametrize("who", ["outsider", "lead_b"])
def test_another_partnership_gets_a_404(client, personas, rules, partnership_a, who):
    client.force_login(personas[who])
    assert client.get(rules_url(partnership_a)).status_code == 404
    assert client.get(rules_url(partnership_a, "gap-adjust-cell")).status_code == 404
    assert adjust_cell(client, partnership_a).status_code == 404
    assert not GapAdjustment.objects.exists()


@pytest.mark.parametrize("who", ["contributor_a", "viewer_a", "commissioner", "admin"])
def test_only_the_lead_adjusts(client, personas, rules, partnership_a, who):
    client.force_login(personas[who])
    assert client.get(rules_url(partnership_a, "gap-adjust-cell")).status_code == 403
    assert adjust_cell(client, partnership_a).status_code == 403
    response = client.post(
        rules_url(partnership_a, "gap-adjust-threshold"),
        {"level": "treatment", "thin_below": "2", "reason": "x"},
    )
    assert response.status_code == 403
    assert not GapAdjustment.objects.exists()


def test_the_rules_page_is_read_only(client, lead_a, rules, partnership_a):
    client.force_login(lead_a)
    assert client.post(rules_url(partnership_a)).status_code == 405


def test_a_lead_makes_a_cell_not_expected_and_the_matrix_and_dashboard_say_so(
    client, lead_a, rules, partnership_a
):
    client.force_login(lead_a)
    form = client.get(rules_url(partnership_a, "gap-adjust-cell")).content.decode()
    assert f'value="{CELL}"' in form and "<optgroup" in form
    response = adjust_cell(client, partnership_a)
    assert response.status_code == 302
    assert response["Location"] == rules_url(partnership_a)
    entry = GapAdjustment.objects.get()
    assert (entry.partnership, entry.by, entry.expected) == (partnership_a, lead_a, False)

    matrix = client.get(reverse("continuum:matrix", args=[partnership_a.slug])).content.decode()
    assert (
        "Treatment or therapeutic support × Getting Help: not expected by local adjustment "
        "(The regional unit)"
    ) in matrix
    assert "No treatment or therapeutic support service for families getting help" not in matrix
    dashboard = client.get(reverse("dashboards:area", args=[partnership_a.slug]))
    assert "not expected by local adjustment (The regional unit)" in dashboard.content.decode()
    page = client.get(rules_url(partnership_a)).content.decode()
    assert "Alice Lead" in page and "The regional unit" in page


def test_a_cell_made_expected_is_a_gap_named_as_a_local_adjustment(
    client, lead_a, rules, partnership_a
):
    client.force_login(lead_a)
    client.post(
        rules_url(partnership_a, "gap-adjust-cell"),
        {
            "cell": "continuum-level|thrive|promotion|getting-help",
            "expectation": "expected",
            "reason": "Our hubs run help groups",
        },
    )
    for name in ["dashboards:area", "dashboards:report"]:
        page = client.get(reverse(name, args=[partnership_a.slug])).content.decode()
        assert (
            "No promotion service for families getting help "
            "(local adjustment: Our hubs run help groups)"
        ) in page, name


def test_going_back_to_the_library_keeps_the_history(client, lead_a, rules, partnership_a):
    client.force_login(lead_a)
    adjust_cell(client, partnership_a)
    adjust_cell(client, partnership_a, "library", "Unit closed")
    assert GapAdjustment.objects.count() == 2
    matrix = client.get(reverse("continuum:matrix", args=[partnership_a.slug])).content.decode()
    assert "No treatment or therapeutic support service for families getting help" in matrix
    assert "Local adjustment" not in matrix
    page = client.get(rules_url(partnership_a)).content.decode()
    history = page.split("History of local adjustments")[1]
    assert history.index("Unit closed") < history.index("The regional unit")
    assert "the library&#x27;s rule again" in history


def test_a_lead_changes_a_levels_threshold(client, lead_a, rules, partnership_a, council_a):
    make_service(
        partnership_a,
        "Perinatal team",
        "continuum-level/treatment",
        "thrive/getting-more-help",
        provider=council_a,
    )
    client.force_login(lead_a)
    response = client.post(
        rules_url(partnership_a, "gap-adjust-threshold"),
        {"level": "treatment", "thin_below": "2", "reason": "Two teams for our births"},
    )
    assert response.status_code == 302
    matrix = client.get(reverse("continuum:matrix", args=[partnership_a.slug])).content.decode()
    assert (
        "Only one treatment or therapeutic support service for families getting more help; "
        "2 or more expected (local adjustment: Two teams for our births)"
    ) in matrix


@pytest.mark.parametrize(
    "data,message",
    [
        ({"expectation": "expected", "reason": "x"}, "Choose the cell to adjust"),
        ({"cell": "thrive|nest|a|b", "expectation": "expected", "reason": "x"}, "Choose a cell"),
        ({"cell": CELL, "expectation": "expected", "reason": ""}, "Enter the reason"),
        ({"cell": CELL, "reason": "x"}, "Select in this partnership"),
    ],
)
def test_bad_input_is_explained_and_nothing_saved(
    client, lead_a, rules, partnership_a, data, message
):
    client.force_login(lead_a)
    response = client.post(rules_url(partnership_a, "gap-adjust-cell"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not GapAdjustment.objects.exists()


def test_a_threshold_below_one_is_refused(client, lead_a, rules, partnership_a):
    client.force_login(lead_a)
    response = client.post(
        rules_url(partnership_a, "gap-adjust-threshold"),
        {"level": "treatment", "thin_below": "0", "reason": "x"},
    )
    assert "must be 1 or more" in response.content.decode()
    assert not GapAdjustment.objects.exists()


def test_hostile_reasons_stay_text(client, lead_a, rules, partnership_a):
    client.force_login(lead_a)
    adjust_cell(client, partnership_a, "expected", "<script>alert(1)</script>")
    for name in ["continuum:gap-rules", "continuum:matrix", "dashboards:area"]:
        page = client.get(reverse(name, args=[partnership_a.slug])).content.decode()
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, name


def test_the_same_cell_has_the_same_status_on_every_page_and_download(
    client, lead_a, rules, partnership_a, council_a
):
    make_service(
        partnership_a,
        "Stay and play",
        "continuum-level/promotion",
        "thrive/thriving",
        provider=council_a,
    )
    client.force_login(lead_a)
    adjust_cell(client, partnership_a)
    slug = [partnership_a.slug]
    matrix = client.get(reverse("continuum:matrix", args=slug)).content.decode()
    dashboard = client.get(reverse("dashboards:area", args=slug)).content.decode()
    # The dashboard's coverage section: need against capacity has rows named by level too.
    dashboard = dashboard[dashboard.index('id="coverage"') :]
    report = client.get(reverse("dashboards:report", args=slug)).content.decode()
    csv = client.get(reverse("dashboards:coverage-csv", args=slug)).content.decode()
    expected = {
        # (row, column): (matrix tag, report words, download status)
        ("Promotion", "Thriving"): ("◐ Thin", "1, thin (fewer than 3)", "Thin"),
        ("Promotion", "Getting Help"): ("Not expected", "0, not expected", "Not expected"),
        ("Continuing care", "Getting More Help"): ("✕ Gap", "0, gap", "Gap"),
        ("Treatment or therapeutic support", "Getting Help"): (
            "Not expected",
            "0, not expected, by local adjustment",
            "Not expected",
        ),
    }
    cols = ["Thriving", "Getting Advice and Signposting", "Getting Help", "Getting More Help"]
    for (row, col), (tag, words, status) in expected.items():
        index = cols.index(col)
        for page in (matrix, dashboard):
            cells = row_cells(page, row)
            assert tag in cells[index], (row, col)
        assert words == row_cells(report, row)[index], (row, col)
        assert f"{row},{col},".lower() in csv.lower()
        line = next(line for line in csv.splitlines() if line.startswith(f"{row},{col},"))
        assert f",{status}," in line, (row, col)


def row_cells(page: str, row: str) -> list[str]:
    """The text of each cell of the first table row headed `row` in a coverage table."""
    found = re.search(
        rf'<th scope="row" class="govuk-table__header">{row}</th>(.*?)</tr>', page, re.S
    )
    cells = re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]


@pytest.mark.parametrize("size", [1, 12])
def test_the_rules_page_runs_a_fixed_number_of_queries(
    client, lead_a, rules, partnership_a, django_assert_max_num_queries, size
):
    client.force_login(lead_a)
    for i in range(size):
        adjust_cell(client, partnership_a, reason=f"Reason {i}")
    with django_assert_max_num_queries(10):
        assert client.get(rules_url(partnership_a)).status_code == 200


def test_reloading_the_library_keeps_local_adjustments(client, lead_a, rules, partnership_a):
    client.force_login(lead_a)
    adjust_cell(client, partnership_a)
    call_command("load_gap_rules", stdout=StringIO())
    matrix = client.get(reverse("continuum:matrix", args=[partnership_a.slug])).content.decode()
    assert "not expected by local adjustment (The regional unit)" in matrix


def test_the_rules_read_in_welsh_from_the_library_file(client, lead_a, partnership_a, rules):
    client.force_login(lead_a)
    english = client.get(rules_url(partnership_a)).content.decode()
    welsh = client.get(rules_url(partnership_a), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Promotion is for every family" in english
    # The thresholds' reasons, the axes' confidence and the terms, from the `_cy` fields.
    assert "Mae hybu ar gyfer pob teulu" in welsh
    assert "Promotion is for every family" not in welsh
    assert "Tybiaeth. Mae grwpiau THRIVE yn disgrifio anghenion" in welsh
    assert "Ymyrraeth gynnar" in welsh
