"""Welsh councils, their local health boards and regional partnership boards, and oversight
through a health board as through an integrated care board."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from continuum.models import Term
from partnership.models import (
    Area,
    AreaKind,
    Nation,
    Oversight,
    Partnership,
    Role,
    User,
    validate_gss_code,
)
from partnership.wales import HEALTH_BOARDS, health_boards
from tests.factories import make_area, make_member, make_oversight, make_partnership, make_user


@pytest.fixture
def wales(db):
    nation = make_area("W92000004", "Wales")
    board = make_area(
        "W11000025",
        "Hywel Dda University Health Board",
        parent=nation,
        partnership_board="West Wales Regional Partnership Board",
    )
    glanmor = make_area("W06000990", "Glanmor", parent=nation, health_board=board)
    partnership = make_partnership("glanmor", "Glanmor Early Years", nation="wales")
    partnership.areas.add(glanmor)
    return {"nation": nation, "board": board, "glanmor": glanmor, "partnership": partnership}


def test_a_welsh_health_board_code_is_known():
    validate_gss_code("W11000025")
    board = Area(gss_code="W11000025", name="Hywel Dda University Health Board")
    assert board.kind == AreaKind.HEALTH_BOARD
    assert board.nation == Nation.WALES


@pytest.mark.parametrize(
    "code, message",
    [
        ("W1100002", "Enter a GSS code in the right format"),
        ("W110000255", "Enter a GSS code in the right format"),
        ("w11-00025", "Enter a GSS code in the right format"),
        ("W12000025", "W12000025 is not an area Cradle supports"),
    ],
)
def test_a_malformed_or_unknown_welsh_code_is_refused(code, message):
    with pytest.raises(ValidationError) as error:
        validate_gss_code(code)
    assert message in error.value.messages[0]
    if "not an area" in message:
        assert "W11" in error.value.messages[0]


def test_the_seven_health_boards_have_distinct_w11_codes_and_boards():
    codes = [code for code, _, _ in HEALTH_BOARDS]
    assert len(set(codes)) == 7
    for code, (name, name_cy), (board, board_cy) in HEALTH_BOARDS:
        validate_gss_code(code)
        assert code.startswith("W11")
        assert name.endswith("Health Board")
        assert name_cy.startswith("Bwrdd Iechyd")
        assert board.endswith("Regional Partnership Board")
        assert board_cy.startswith("Bwrdd Partneriaeth Rhanbarthol")


def test_a_council_names_the_health_body_of_its_own_nation(wales, areas):
    english = Area(gss_code="E08000991", name="Elsewhere", icb=areas["icb"])
    english.full_clean()
    english.health_board = wales["board"]
    with pytest.raises(ValidationError) as error:
        english.full_clean()
    assert error.value.message_dict["health_board"] == [
        "Local health boards are for areas in Wales"
    ]
    welsh = Area(gss_code="W06000991", name="Elsewhere", icb=areas["icb"])
    with pytest.raises(ValidationError) as error:
        welsh.full_clean()
    assert error.value.message_dict["icb"] == ["Integrated care boards are for areas in England"]
    welsh = Area(gss_code="W06000991", name="Elsewhere", health_board=wales["glanmor"])
    with pytest.raises(ValidationError) as error:
        welsh.full_clean()
    assert "Choose a local health board" in error.value.message_dict["health_board"]


def test_only_a_health_board_names_a_regional_partnership_board(wales):
    wales["glanmor"].partnership_board = "West Wales Regional Partnership Board"
    with pytest.raises(ValidationError) as error:
        wales["glanmor"].full_clean()
    assert "partnership_board" in error.value.message_dict
    wales["board"].full_clean()


def test_a_commissioner_oversees_through_a_health_board(client, wales, partnership_a):
    user = make_user("commissioner@hd.example")
    grant = make_oversight(user, area=wales["board"])
    grant.full_clean()
    assert list(Partnership.objects.overseen_by(user)) == [wales["partnership"]]
    assert list(Oversight.objects.for_partnership(wales["partnership"])) == [grant]
    assert not Oversight.objects.for_partnership(partnership_a).exists()
    client.force_login(user)
    assert client.get("/partnerships/glanmor/").status_code == 200
    assert client.get("/partnerships/ashworth/").status_code == 404


def test_the_overview_names_a_welsh_councils_health_board_and_regional_board(client, wales):
    user = make_user("commissioner@hd.example")
    make_oversight(user, area=wales["board"])
    client.force_login(user)
    page = client.get("/partnerships/glanmor/").content.decode()
    assert "Integrated care board or health board" in page
    assert "Hywel Dda University Health Board" in page
    assert "West Wales Regional Partnership Board" in page


def test_a_council_is_not_a_place_to_grant_oversight(wales):
    grant = Oversight(user=make_user("someone@hd.example"), area=wales["glanmor"])
    with pytest.raises(ValidationError) as error:
        grant.full_clean()
    assert error.value.message_dict["area"] == [
        "Choose an ICB, a Welsh health board, a region or a nation"
    ]


def test_a_lead_adds_a_health_board_as_an_organisation(client, lead_a, partnership_a):
    client.force_login(lead_a)
    add = reverse("partnership:organisation-add", args=[partnership_a.slug])
    assert "Health board" in client.get(add).content.decode()
    response = client.post(add, {"name": "Hywel Dda UHB", "sector": "health-board"})
    assert response.status_code == 302
    added = partnership_a.organisations.get(name="Hywel Dda UHB")
    assert added.get_sector_display() == "Health board"


def test_the_welsh_demo_has_its_health_board_and_regional_partnership_board(client, db):
    call_command("seed_demo", stdout=io.StringIO())
    glanmor = Area.objects.get(gss_code="W06000990")
    assert glanmor.health_board.gss_code == "W11000025"
    assert glanmor.health_board.name == "Hywel Dda University Health Board"
    assert glanmor.health_board.partnership_board == "West Wales Regional Partnership Board"
    assert Area.objects.filter(gss_code__startswith="W11").count() == 7
    partnership = Partnership.objects.get(slug="glanmor")
    assert partnership.organisations.filter(sector="health-board").count() >= 2
    commissioner = User.objects.get(email="commissioner@hyweldda.example")
    assert commissioner.oversights.get().area == glanmor.health_board
    assert list(Partnership.objects.overseen_by(commissioner)) == [partnership]


def test_the_programme_list_knows_the_welsh_programmes(db):
    call_command("load_taxonomies", stdout=io.StringIO())
    welsh = dict(Term.objects.of("programme").values_list("code", "name"))
    assert welsh["flying-start"] == "Flying Start (Wales)"
    assert welsh["healthy-child-wales"] == "Healthy Child Wales Programme (Wales)"


def test_wales_and_its_boards_have_their_welsh_names(db):
    boards = health_boards()
    hywel_dda = Area.objects.get(pk=boards["W11000025"].pk)
    assert hywel_dda.name_cy == "Bwrdd Iechyd Prifysgol Hywel Dda"
    assert hywel_dda.partnership_board_cy == "Bwrdd Partneriaeth Rhanbarthol Gorllewin Cymru"
    assert Area.objects.get(gss_code="W92000004").name_cy == "Cymru"


def test_a_board_made_before_its_welsh_name_is_given_it(wales):
    assert wales["board"].name_cy == ""
    health_boards()
    wales["board"].refresh_from_db()
    assert wales["board"].name_cy == "Bwrdd Iechyd Prifysgol Hywel Dda"


def test_a_welsh_partnership_names_its_boards_in_welsh(client, wales):
    health_boards()
    lead = make_member(wales["partnership"], Role.LEAD).user
    client.force_login(lead)
    url = reverse("partnership:overview", args=[wales["partnership"].slug])
    welsh = client.get(url, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Bwrdd Iechyd Prifysgol Hywel Dda" in welsh
    assert "Bwrdd Partneriaeth Rhanbarthol Gorllewin Cymru" in welsh
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Hywel Dda University Health Board" in english
    assert "Bwrdd Iechyd" not in english


def test_the_cross_area_filters_name_the_boards_in_welsh(client, wales):
    health_boards()
    commissioner = make_user("commissioner@wales.example")
    make_oversight(commissioner, area=wales["board"])
    client.force_login(commissioner)
    welsh = client.get(reverse("oversight:index"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Bwrdd Iechyd Prifysgol Hywel Dda" in welsh
    assert "Bwrdd Partneriaeth Rhanbarthol Gorllewin Cymru" in welsh
    english = client.get(reverse("oversight:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "West Wales Regional Partnership Board" in english
