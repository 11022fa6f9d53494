"""Oversight opens on a framework the areas have published, and places Welsh areas by their
health board and regional partnership board."""

import csv
import io
import itertools
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import AssessmentStatus, Framework
from partnership.models import Role
from tests.assessments.factories import make_agreed, make_response, make_round
from tests.factories import (
    make_area,
    make_member,
    make_organisation,
    make_oversight,
    make_partnership,
    make_user,
)

URL = "/oversight/"
SERIAL = itertools.count()


@pytest.fixture
def frameworks(db, settings):
    call_command("load_taxonomies", stdout=io.StringIO())
    folder = settings.BASE_DIR / "fixtures" / "frameworks"
    for name in ["maternity-early-years-1.0.json", "continuum-of-support-1.0.json"]:
        call_command("load_frameworks", folder / name, verbosity=0)
    return {f.code: f for f in Framework.objects.all()}


@pytest.fixture
def glanmor(db):
    wales = make_area("W92000004", "Wales")
    board = make_area(
        "W11000025",
        "Hywel Dda University Health Board",
        parent=wales,
        partnership_board="West Wales Regional Partnership Board",
    )
    partnership = make_partnership("glanmor", "Glanmor Early Years", nation="wales")
    partnership.areas.add(make_area("W06000990", "Glanmor", parent=wales, health_board=board))
    return partnership


def published(partnership, framework, value=3, status=AssessmentStatus.PUBLISHED):
    """A round of the framework, every element rated and agreed at `value` by three members."""
    organisation = make_organisation(partnership)
    raters = [
        make_member(
            partnership,
            Role.LEAD,
            user=make_user(f"rater{i}-{partnership.slug}-{next(SERIAL)}@example.org"),
            organisation=organisation,
        ).user
        for i in range(3)
    ]
    assessment = make_round(partnership, framework, status=status, by=raters[0])
    for element in framework.elements.all():
        for rater in raters:
            make_response(assessment, element, rater, value)
        make_agreed(assessment, element, value)
    return assessment


def selected_framework(page: str) -> str:
    select = re.search(r'<select[^>]*id="id_framework".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="([^"]+)" selected>', select).group(1)


def table_rows(page: str, caption: str) -> dict[str, list[str]]:
    table = re.search(rf"<table[^>]*>\s*<caption[^>]*>{caption}.*?</table>", page, re.S).group(0)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]
    cells = [
        [
            re.sub(r"<[^>]+>", "", c).split("\n")[0].strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]
    return {row[0]: row[1:] for row in cells}


def test_it_opens_on_the_framework_the_overseen_areas_have_published(
    client, commissioner, partnership_a, frameworks
):
    published(partnership_a, frameworks["maternity-early-years"])
    client.force_login(commissioner)
    page = client.get(URL).content.decode()
    # "Continuum of support" comes first by title, but no area shown has published it.
    assert selected_framework(page) == "maternity-early-years"
    medians = table_rows(page, "Median agreed level")
    assert medians["Ashworth Best Start"] == ["3", "3", "3", "3"]
    # The picker still switches to any framework, even one with no round.
    page = client.get(URL + "?framework=continuum-of-support").content.decode()
    assert selected_framework(page) == "continuum-of-support"
    medians = table_rows(page, "Median agreed level")
    assert medians["Ashworth Best Start"] == ["– no published round"]


def test_the_default_counts_areas_then_rounds_then_goes_by_title(
    client, admin_user, partnership_a, partnership_b, frameworks
):
    maternity, continuum = frameworks["maternity-early-years"], frameworks["continuum-of-support"]
    published(partnership_a, maternity)
    published(partnership_b, continuum)
    published(partnership_b, maternity, status=AssessmentStatus.OPEN)  # not published: no count
    client.force_login(admin_user)
    # One area each and one round each: the first by title.
    assert selected_framework(client.get(URL).content.decode()) == "continuum-of-support"
    published(partnership_a, continuum)
    assert selected_framework(client.get(URL).content.decode()) == "continuum-of-support"
    published(partnership_b, maternity)
    published(partnership_b, maternity, value=2)
    # Both areas have each framework; maternity has more published rounds.
    assert selected_framework(client.get(URL).content.decode()) == "maternity-early-years"
    # Filtered to London (Brookfield only), the default follows the areas shown.
    london = partnership_b.areas.get().parent_id
    page = client.get(f"{URL}?region={london}").content.decode()
    assert selected_framework(page) == "maternity-early-years"


def test_a_welsh_area_shows_its_health_board_and_regional_partnership_board(
    client, admin_user, glanmor, partnership_a
):
    client.force_login(admin_user)
    page = client.get(URL).content.decode()
    rows = table_rows(page, "Areas side by side")
    assert rows["Glanmor Early Years"][:2] == [
        "West Wales Regional Partnership Board",
        "Hywel Dda University Health Board",
    ]
    assert rows["Ashworth Best Start"][:2] == ["North West", "NHS Test ICB"]
    board = glanmor.areas.get().health_board_id
    for query in [f"icb={board}", f"region=rpb-{board}"]:
        page = client.get(f"{URL}?{query}").content.decode()
        assert list(table_rows(page, "Areas side by side")) == ["Glanmor Early Years"]
    body = client.get(reverse("oversight:csv")).content.decode("utf-8")
    table = list(csv.reader(io.StringIO(body[1:])))
    assert table[0][:3] == ["Partnership", "Region", "Integrated care board or health board"]
    glanmor_row = next(row for row in table if row and row[0] == "Glanmor Early Years")
    assert glanmor_row[1:3] == [
        "West Wales Regional Partnership Board",
        "Hywel Dda University Health Board",
    ]


def test_a_commissioner_through_a_health_board_sees_only_welsh_areas_it_serves(
    client, glanmor, partnership_a, partnership_b
):
    commissioner = make_user("commissioner@hd.example")
    make_oversight(commissioner, area=glanmor.areas.get().health_board)
    client.force_login(commissioner)
    page = client.get(URL).content.decode()
    assert list(table_rows(page, "Areas side by side")) == ["Glanmor Early Years"]
    assert "Ashworth" not in page
    assert "Brookfield" not in page
    assert "Ashworth" not in client.get(reverse("oversight:csv")).content.decode()
    assert client.get(URL + "?area=ashworth").status_code == 200
    assert client.get(reverse("oversight:position-csv") + "?area=ashworth").status_code == 404
