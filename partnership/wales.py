"""Wales's seven local health boards and the regional partnership boards on their footprints.

Codes are ONS GSS codes (W11) as they stand since the Bridgend boundary change of April 2019;
each regional partnership board plans health and social care on one health board's footprint
and has no GSS code of its own. Source and confidence: docs/sources.md, "Welsh health boards
and regional partnership boards".
"""

from partnership.models import Area

WALES = ("W92000004", "Wales")

# (GSS code, health board, regional partnership board on the same footprint)
HEALTH_BOARDS = [
    (
        "W11000023",
        "Betsi Cadwaladr University Health Board",
        "North Wales Regional Partnership Board",
    ),
    ("W11000024", "Powys Teaching Health Board", "Powys Regional Partnership Board"),
    ("W11000025", "Hywel Dda University Health Board", "West Wales Regional Partnership Board"),
    (
        "W11000028",
        "Aneurin Bevan University Health Board",
        "Gwent Regional Partnership Board",
    ),
    (
        "W11000029",
        "Cardiff and Vale University Health Board",
        "Cardiff and Vale Regional Partnership Board",
    ),
    (
        "W11000030",
        "Cwm Taf Morgannwg University Health Board",
        "Cwm Taf Morgannwg Regional Partnership Board",
    ),
    (
        "W11000031",
        "Swansea Bay University Health Board",
        "West Glamorgan Regional Partnership Board",
    ),
]
HYWEL_DDA = "W11000025"


def health_boards() -> dict[str, Area]:
    """The seven health boards by GSS code, created where missing; existing rows are kept."""
    wales, _ = Area.objects.get_or_create(gss_code=WALES[0], defaults={"name": WALES[1]})
    found = {}
    for code, name, board in HEALTH_BOARDS:
        found[code], _ = Area.objects.get_or_create(
            gss_code=code, defaults={"name": name, "parent": wales, "partnership_board": board}
        )
    return found
