"""Wales's seven local health boards and the regional partnership boards on their footprints.

Codes are ONS GSS codes (W11) as they stand since the Bridgend boundary change of April 2019;
the Welsh names are the ones the boards use of themselves;
each regional partnership board plans health and social care on one health board's footprint
and has no GSS code of its own. Source and confidence: docs/sources.md, "Welsh health boards
and regional partnership boards".
"""

from partnership.models import Area

WALES = ("W92000004", "Wales", "Cymru")

# (GSS code, health board, regional partnership board on the same footprint), each name in
# English and in Welsh, as the boards name themselves.
HEALTH_BOARDS = [
    (
        "W11000023",
        ("Betsi Cadwaladr University Health Board", "Bwrdd Iechyd Prifysgol Betsi Cadwaladr"),
        (
            "North Wales Regional Partnership Board",
            "Bwrdd Partneriaeth Rhanbarthol Gogledd Cymru",
        ),
    ),
    (
        "W11000024",
        ("Powys Teaching Health Board", "Bwrdd Iechyd Addysgu Powys"),
        ("Powys Regional Partnership Board", "Bwrdd Partneriaeth Rhanbarthol Powys"),
    ),
    (
        "W11000025",
        ("Hywel Dda University Health Board", "Bwrdd Iechyd Prifysgol Hywel Dda"),
        ("West Wales Regional Partnership Board", "Bwrdd Partneriaeth Rhanbarthol Gorllewin Cymru"),
    ),
    (
        "W11000028",
        ("Aneurin Bevan University Health Board", "Bwrdd Iechyd Prifysgol Aneurin Bevan"),
        ("Gwent Regional Partnership Board", "Bwrdd Partneriaeth Rhanbarthol Gwent"),
    ),
    (
        "W11000029",
        ("Cardiff and Vale University Health Board", "Bwrdd Iechyd Prifysgol Caerdydd a’r Fro"),
        (
            "Cardiff and Vale Regional Partnership Board",
            "Bwrdd Partneriaeth Rhanbarthol Caerdydd a’r Fro",
        ),
    ),
    (
        "W11000030",
        ("Cwm Taf Morgannwg University Health Board", "Bwrdd Iechyd Prifysgol Cwm Taf Morgannwg"),
        (
            "Cwm Taf Morgannwg Regional Partnership Board",
            "Bwrdd Partneriaeth Rhanbarthol Cwm Taf Morgannwg",
        ),
    ),
    (
        "W11000031",
        ("Swansea Bay University Health Board", "Bwrdd Iechyd Prifysgol Bae Abertawe"),
        (
            "West Glamorgan Regional Partnership Board",
            "Bwrdd Partneriaeth Rhanbarthol Gorllewin Morgannwg",
        ),
    ),
]
HYWEL_DDA = "W11000025"


def health_boards() -> dict[str, Area]:
    """The seven health boards by GSS code, created where missing; existing rows are kept,
    and given their Welsh names where they have none."""
    wales, _ = Area.objects.get_or_create(gss_code=WALES[0], defaults={"name": WALES[1]})
    with_welsh(wales, name_cy=WALES[2])
    found = {}
    for code, (name, name_cy), (board, board_cy) in HEALTH_BOARDS:
        found[code], _ = Area.objects.get_or_create(
            gss_code=code, defaults={"name": name, "parent": wales, "partnership_board": board}
        )
        with_welsh(found[code], name_cy=name_cy, partnership_board_cy=board_cy)
    return found


def with_welsh(area: Area, **welsh: str) -> None:
    """Fills the Welsh names an area row lacks; a name already there is kept."""
    missing = {field: value for field, value in welsh.items() if not getattr(area, field)}
    if missing:
        for field, value in missing.items():
            setattr(area, field, value)
        area.save(update_fields=list(missing))
