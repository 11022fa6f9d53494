"""Reading indicator files: real-shaped Fingertips downloads and simple files, and bad input."""

import codecs
from pathlib import Path

from partnership.indicators.parsing import FINGERTIPS, SIMPLE, parse, period_order

FILES = Path(__file__).parent / "indicator_files"
HEADER = (
    "Indicator ID,Indicator Name,Area Code,Area Name,Sex,Age,Time period,Value,"
    "Lower CI 95.0 limit,Upper CI 95.0 limit,Value note"
)


def read(name: str, indicator: str = ""):
    return parse((FILES / name).read_bytes(), indicator=indicator)


def by_key(parsed):
    return {(r.indicator_code, r.area_code, r.period): r for r in parsed.rows}


def test_it_reads_a_fingertips_download_with_bom_and_windows_line_ends():
    parsed = read("fingertips_all_data.csv")
    assert parsed.problems == []
    assert parsed.shape == FINGERTIPS
    assert parsed.read == 17
    rows = by_key(parsed)
    ashworth = rows[("93085", "E08000990", "2022/23")]
    assert (ashworth.value, ashworth.lower_ci, ashworth.upper_ci) == (11.9, 11.5, 12.4)
    assert (ashworth.count, ashworth.denominator) == (410, 3300)
    assert ashworth.indicator_name == "Smoking status at time of delivery"
    assert ashworth.period_sort == 20220000


def test_it_keeps_quoted_area_names_with_commas():
    rows = by_key(read("fingertips_all_data.csv"))
    assert rows[("93085", "E06000023", "2021/22")].area_name == "Bristol, City of"
    assert rows[("93085", "E06000023", "2021/22")].value == 8.8


def test_it_keeps_several_periods():
    rows = by_key(read("fingertips_all_data.csv"))
    assert {p for (code, area, p) in rows if code == "93085" and area == "E08000990"} == {
        "2021/22",
        "2022/23",
    }


def test_it_marks_england_and_region_rows_as_comparators():
    rows = by_key(read("fingertips_all_data.csv"))
    assert rows[("93085", "E92000001", "2021/22")].comparator
    assert rows[("93085", "E12000002", "2021/22")].comparator
    assert not rows[("93085", "E08000990", "2021/22")].comparator


def test_it_skips_category_breakdowns_and_other_sexes_and_counts_them():
    parsed = read("fingertips_all_data.csv")
    assert parsed.skipped == {"a breakdown by category": 2, "another sex or age": 4}
    low_weight = [r for r in parsed.rows if r.indicator_code == "20101"]
    assert {r.sex for r in low_weight} == {"Persons"}
    # An indicator published only for women keeps its female rows.
    assert {r.sex for r in parsed.rows if r.indicator_code == "93085"} == {"Female"}


def test_it_keeps_an_empty_value_with_its_note():
    rows = by_key(read("fingertips_all_data.csv"))
    suppressed = rows[("20101", "E06000008", "2021")]
    assert suppressed.value is None
    assert suppressed.note == "Value suppressed for disclosure control due to small count"


def test_it_reads_a_newer_download_by_column_names_not_positions():
    parsed = read("fingertips_newer.csv")
    assert parsed.problems == []
    assert parsed.shape == FINGERTIPS
    rows = by_key(parsed)
    assert rows[("92517", "E08000990", "2022/23")].value == 73.4
    assert rows[("92517", "E92000001", "2020/21")].comparator
    assert len(parsed.rows) == 6


def test_it_reads_a_simple_file_for_the_named_indicator():
    parsed = read("births.csv", indicator="live-births")
    assert parsed.problems == []
    assert parsed.shape == SIMPLE
    rows = by_key(parsed)
    assert rows[("live-births", "E08000990", "2023")].value == 3120
    assert rows[("live-births", "E06000023", "2023")].area_name == "Bristol, City of"
    assert rows[("live-births", "E92000001", "2023")].comparator


def test_a_simple_file_needs_its_indicator_named():
    assert read("births.csv").problems == ["Name the indicator these figures are for"]


def test_a_value_that_is_not_a_number_names_its_row_and_column():
    data = f"{HEADER}\n1,A,E06000001,Hartlepool,Persons,All ages,2022,n/a,,,\n"
    data += "1,A,E06000002,Middlesbrough,Persons,All ages,2022,*,,,\n"
    problems = parse(data.encode()).problems
    assert problems[0].startswith("Row 2, column “Value”: “n/a” is not a number")
    assert problems[1].startswith("Row 3, column “Value”: “*” is not a number")


def test_a_confidence_limit_on_the_wrong_side_of_its_value_is_a_problem():
    data = f"{HEADER}\n1,A,E06000001,Hartlepool,Persons,All ages,2022,10,11,12,\n"
    data += "1,A,E06000002,Middlesbrough,Persons,All ages,2022,10,8,9.5,\n"
    assert parse(data.encode()).problems == [
        "Row 2, column “Lower CI 95.0 limit”: 11 is above the value 10",
        "Row 3, column “Upper CI 95.0 limit”: 9.5 is below the value 10",
    ]


def test_a_duplicate_row_is_a_problem():
    line = "1,A,E06000001,Hartlepool,Persons,All ages,2022,10,,,\n"
    problems = parse(f"{HEADER}\n{line}{line}".encode()).problems
    assert problems == [
        "Row 3: repeats row 2 (the same indicator, area, period, sex, age and category)"
    ]


def test_every_problem_is_reported_not_just_the_first():
    data = f"{HEADER}\n,A,,Nowhere,Persons,All ages,,x,,,\n"
    problems = parse(data.encode()).problems
    assert problems == [
        "Row 2, column “Area Code”: enter the area's code",
        "Row 2, column “Time period”: enter the period the figure is for",
        "Row 2, column “Value”: “x” is not a number (leave it empty where a figure is "
        "withheld, and say why in the value note)",
        "Row 2, column “Indicator ID”: enter the indicator's id",
    ]


def test_a_file_of_another_shape_is_refused_with_its_columns():
    problems = parse(b"name,email\nAlice,a@example.org\n").problems
    assert len(problems) == 1
    assert "not an indicator file" in problems[0]
    assert "“name”, “email”" in problems[0]


def test_a_fingertips_file_missing_a_column_names_it():
    data = b"Indicator ID,Indicator Name,Area Code,Area Name,Time period,Value\n"
    assert parse(data).problems == [
        "The file looks like a Fingertips download but has no “Sex”, “Age” column"
    ]


def test_a_file_that_is_not_text_is_refused():
    assert parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00").problems == [
        "The file is not a CSV file: it holds binary data"
    ]
    assert "not UTF-8" in parse("Area code,Period,Value\nE1,2022,£1".encode("latin-1")).problems[0]


def test_an_empty_file_is_refused():
    assert parse(codecs.BOM_UTF8).problems == [
        "The file is empty: the first row must name the columns"
    ]


def test_periods_sort_by_their_first_year():
    assert period_order("2021/22") < period_order("2022/23") < period_order("2023")
    assert period_order("2019 - 21") == 20190000
    assert period_order("no year") == 0
