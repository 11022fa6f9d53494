"""Made-up areas for the scale data: nations, regions, ICBs and upper-tier areas.

Names are built from English and Welsh-sounding syllables, so no real place is implied; codes
follow the GSS pattern of each kind (E06/E08/E09/E10 and W06) in the numbers England and Wales
have of each. Welsh areas are served by Wales's real health boards, in turn.
"""

from partnership import wales
from partnership.models import Area

ENGLAND, WALES = ("E92000001", "England"), ("W92000004", "Wales")
REGIONS = [
    ("E12000001", "North East"),
    ("E12000002", "North West"),
    ("E12000003", "Yorkshire and The Humber"),
    ("E12000004", "East Midlands"),
    ("E12000005", "West Midlands"),
    ("E12000006", "East of England"),
    ("E12000007", "London"),
    ("E12000008", "South East"),
    ("E12000009", "South West"),
]
ICBS_PER_REGION = 4
# How many of each kind of upper-tier area England and Wales have, roughly; a smaller run
# takes them in turn so that even two areas mix kinds and nations.
KINDS = [("W06", 22), ("E09", 33), ("E08", 36), ("E10", 21), ("E06", 63)]
PLACE_STARTS = [
    "Ash",
    "Brook",
    "Calder",
    "Dun",
    "Elm",
    "Fair",
    "Glen",
    "Hart",
    "Ivy",
    "Kings",
    "Lang",
    "Mar",
    "North",
    "Oak",
    "Pen",
    "Queens",
    "Red",
    "Stan",
    "Thorn",
    "Ux",
    "West",
    "Wold",
    "Yar",
    "Bram",
]
PLACE_ENDS = [
    "ford",
    "ley",
    "bury",
    "ton",
    "field",
    "wick",
    "mouth",
    "dale",
    "ham",
    "stead",
    "worth",
    "mere",
]
WELSH_STARTS = [
    "Aber",
    "Bryn",
    "Caer",
    "Cwm",
    "Llan",
    "Pont",
    "Tre",
    "Ystrad",
    "Dol",
    "Rhos",
    "Bont",
    "Glyn",
]
WELSH_ENDS = ["gwyn", "fach", "mawr", "wen", "dwr", "coed", "nant"]


def area_codes(n: int) -> list[tuple[str, str]]:
    """`n` unique (GSS code, name) pairs, taking the kinds of area in turn."""
    counters = {prefix: 0 for prefix, _ in KINDS}
    codes: list[tuple[str, str]] = []
    while len(codes) < n:
        for prefix, quota in KINDS:
            if len(codes) < n and (counters[prefix] < quota or prefix == "E06"):
                counters[prefix] += 1
                codes.append((f"{prefix}{counters[prefix]:06d}", place_name(len(codes), prefix)))
    return codes


def place_name(i: int, prefix: str) -> str:
    starts, ends = (WELSH_STARTS, WELSH_ENDS) if prefix == "W06" else (PLACE_STARTS, PLACE_ENDS)
    name = starts[i % len(starts)] + ends[(i // len(starts)) % len(ends)]
    lap = i // (len(starts) * len(ends))
    return f"{name} {lap + 1}" if lap else name


def places(n: int) -> list[tuple[Area, str]]:
    nations = {code: area_row(code, name) for code, name in (ENGLAND, WALES)}
    regions = [area_row(code, name, parent=nations[ENGLAND[0]]) for code, name in REGIONS]
    icbs = [
        area_row(f"E54{100 + i:06d}", f"NHS {REGIONS[i % 9][1]} {i // 9 + 1} Integrated Care Board")
        for i in range(len(REGIONS) * ICBS_PER_REGION)
    ]
    boards = list(wales.health_boards().values())
    rows = []
    for i, (code, name) in enumerate(area_codes(n)):
        if code.startswith("W"):
            board = boards[i % len(boards)]
            rows.append(
                Area(gss_code=code, name=name, parent=nations[WALES[0]], health_board=board)
            )
        else:
            rows.append(
                Area(gss_code=code, name=name, parent=regions[i % 9], icb=icbs[i % len(icbs)])
            )
    Area.objects.bulk_create(rows, ignore_conflicts=True)
    by_code = Area.objects.in_bulk([row.gss_code for row in rows], field_name="gss_code")
    return [
        (by_code[row.gss_code], "wales" if row.gss_code.startswith("W") else "england")
        for row in rows
    ]


def area_row(code: str, name: str, parent: Area | None = None) -> Area:
    return Area.objects.get_or_create(gss_code=code, defaults={"name": name, "parent": parent})[0]
