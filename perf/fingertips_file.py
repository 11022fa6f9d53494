"""A synthetic Fingertips "all data" CSV the size of a national download, to time imports.

Every upper-tier area of England and Wales (175, as `places.area_codes` makes them), with the
regions and nations, for each indicator and period; each indicator repeated for males and
females and for deprivation deciles, as real downloads are, and a few values withheld for small
numbers. The figures are made up.
"""

import csv
import io
import random

from perf.places import ENGLAND, REGIONS, WALES, area_codes

HEADER = [
    "Indicator ID",
    "Indicator Name",
    "Parent Code",
    "Parent Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
    "Value note",
    "Recent Trend",
    "Compared to England value or percentiles",
    "Compared to Region value or percentiles",
    "Time period Sortable",
    "New data",
    "Compared to goal",
    "Time period range",
]
UPPER_TIER = "Counties & UAs (from Apr 2023)"
WITHHELD = "Value suppressed for disclosure control due to small count"


def rows(areas: int, indicators: int, periods: int, seed: int = 1):
    rng = random.Random(seed)
    places = [(ENGLAND[0], ENGLAND[1], "England", "")]
    places += [
        (code, f"{name} region (statistical)", "Region", ENGLAND[0]) for code, name in REGIONS
    ]
    places += [(WALES[0], WALES[1], "Country", "")]
    places += [
        (code, name, UPPER_TIER, REGIONS[i % 9][0])
        for i, (code, name) in enumerate(area_codes(areas))
    ]
    for n in range(indicators):
        ind_id, name = str(90000 + n), f"Synthetic indicator {n + 1}, for timing"
        for p in range(periods):
            year = 2019 + p
            period = f"{year}/{(year + 1) % 100:02d}"
            for code, area_name, area_type, parent in places:
                for sex in ("Persons", "Male", "Female"):
                    value = round(rng.uniform(5, 80), 1)
                    note = ""
                    if area_type == UPPER_TIER and rng.random() < 0.03:
                        value, note = "", WITHHELD
                    lower = "" if value == "" else round(value - rng.uniform(0.2, 3), 1)
                    upper = "" if value == "" else round(value + rng.uniform(0.2, 3), 1)
                    yield [
                        ind_id,
                        name,
                        parent,
                        "",
                        code,
                        area_name,
                        area_type,
                        sex,
                        "All ages",
                        "",
                        "",
                        period,
                        value,
                        lower,
                        upper,
                        "",
                        "",
                        rng.randint(20, 900),
                        rng.randint(1000, 9000),
                        note,
                        "",
                        "",
                        "",
                        f"{year}0000",
                        "",
                        "",
                        "1y",
                    ]
            # England by deprivation decile: a breakdown, not a headline row.
            for decile in range(1, 11):
                yield [
                    ind_id,
                    name,
                    "",
                    "",
                    ENGLAND[0],
                    ENGLAND[1],
                    "England",
                    "Persons",
                    "All ages",
                    "County & UA deprivation deciles",
                    f"Decile {decile}",
                    period,
                    round(rng.uniform(5, 80), 1),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    f"{year}0000",
                    "",
                    "",
                    "1y",
                ]


def fingertips_csv(areas: int = 175, indicators: int = 10, periods: int = 5) -> bytes:
    """The file's bytes, as the site downloads it: a BOM and Windows line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(areas, indicators, periods))
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
