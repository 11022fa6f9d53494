"""Loading indicator files into the database: by command, all or nothing, with a report."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from partnership.indicators.models import BIRTHS, Indicator, IndicatorValue
from partnership.indicators.store import import_indicators

FILES = Path(__file__).parent / "indicator_files"
LIMIT = 100 * 1024 * 1024


def load(name: str, **options):
    data = (FILES / name).read_bytes()
    return import_indicators(data=data, name=name, max_bytes=LIMIT, **options)


def test_it_stores_a_fingertips_file_and_reports_what_it_did(areas):
    report = load("fingertips_all_data.csv")
    assert report.ok, report.problems
    assert IndicatorValue.objects.count() == report.stored == 11
    assert report.read == 17
    assert report.comparators == 5
    assert report.unknown_areas == {"E06000023": 2, "E06000008": 1}
    assert report.lines()[:3] == [
        "17 rows read",
        "11 values stored, of which 5 for a region or nation (comparators)",
        "3 values kept for 2 areas Cradle does not know",
    ]
    assert "2 rows skipped: a breakdown by category" in report.lines()
    ashworth = IndicatorValue.objects.get(area_code="E08000990", period="2022/23")
    assert ashworth.area == areas["a"]
    assert ashworth.indicator.name == "Smoking status at time of delivery"
    assert ashworth.indicator.source.startswith("OHID Fingertips")
    unknown = IndicatorValue.objects.get(area_code="E06000008")
    assert unknown.area is None
    assert unknown.value is None
    assert unknown.note.startswith("Value suppressed")


def test_loading_the_same_file_again_replaces_its_values(areas):
    load("fingertips_all_data.csv")
    load("fingertips_all_data.csv")
    assert IndicatorValue.objects.count() == 11
    assert Indicator.objects.filter(code__in=["93085", "20101"]).count() == 2


def test_a_dry_run_writes_nothing(areas):
    report = load("fingertips_all_data.csv", dry_run=True)
    assert report.ok and report.stored == 11
    assert "11 values would be stored" in report.lines()[1]
    assert not IndicatorValue.objects.exists()


def test_a_file_with_one_bad_row_writes_nothing(areas):
    good = (FILES / "fingertips_all_data.csv").read_bytes()
    bad = good + b"93085,Smoking,,,E06000001,Hartlepool,UA,Female,All ages,,,2022/23,n/a\r\n"
    report = import_indicators(data=bad, name="bad.csv", max_bytes=LIMIT)
    assert report.problems == [
        "Row 19, column “Value”: “n/a” is not a number (leave it empty where a figure is "
        "withheld, and say why in the value note)"
    ]
    assert not IndicatorValue.objects.exists()
    assert not Indicator.objects.filter(code="93085").exists()


def test_a_simple_file_is_stored_for_its_named_indicator(areas):
    report = load("births.csv", indicator=BIRTHS)
    assert report.ok, report.problems
    births = IndicatorValue.objects.get(indicator__code=BIRTHS, area_code="E08000990")
    assert (births.value, births.period, births.partnership) == (3120, "2023", None)


@pytest.mark.parametrize("local", [False, True])
def test_a_file_with_nothing_to_load_changes_nothing(areas, partnership_a, local):
    load("fingertips_all_data.csv")
    load("births.csv", indicator=BIRTHS)
    ours = b"Area code,Period,Value\nE08000990,2022,2900\n"
    import_indicators(
        data=ours, name="ours.csv", max_bytes=LIMIT, indicator=BIRTHS, partnership=partnership_a
    )
    before = IndicatorValue.objects.count()
    header = (FILES / "births.csv").read_bytes().splitlines()[0] + b"\r\n"
    report = import_indicators(
        data=header,
        name="empty.csv",
        max_bytes=LIMIT,
        indicator=BIRTHS,
        partnership=partnership_a if local else None,
    )
    assert report.problems == [
        "The file has no rows to load: after its header every row was empty or a breakdown "
        "(by sex, age or category) that Cradle skips, so nothing was changed"
    ]
    assert IndicatorValue.objects.count() == before


def test_a_national_file_sent_as_local_figures_names_each_stranger_area_once(partnership_a):
    rows = "".join(f"E06000023,{year},{1000 + year}\n" for year in range(2000, 2300))
    data = f"Area code,Period,Value\n{rows}".encode()
    report = import_indicators(
        data=data, name="all.csv", max_bytes=LIMIT, indicator=BIRTHS, partnership=partnership_a
    )
    assert report.problems == [
        "Row 2 (and 299 more rows), column “Area code”: E06000023 is not one of this "
        "partnership's areas"
    ]


def test_an_unknown_indicator_is_refused(areas):
    report = load("births.csv", indicator="no-such-thing")
    assert report.problems[0].startswith("The indicator “no-such-thing” is not one Cradle knows")
    assert not IndicatorValue.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(areas):
    report = import_indicators(data=b"x" * 2048, name="big.csv", max_bytes=1024)
    assert report.problems == [
        "The file is 0.0 MB: the largest indicator file Cradle takes is 0 MB"
    ]


def test_local_figures_must_be_for_the_partnerships_own_areas(partnership_a):
    report = load("births.csv", indicator=BIRTHS, partnership=partnership_a)
    assert report.problems == [
        "Row 3, column “Area code”: E06000023 is not one of this partnership's areas",
        "Row 4, column “Area code”: E92000001 is not one of this partnership's areas",
    ]
    data = b"Area code,Period,Value\nE08000990,2023,3000\n"
    report = import_indicators(
        data=data, name="ours.csv", max_bytes=LIMIT, indicator=BIRTHS, partnership=partnership_a
    )
    assert report.ok
    assert IndicatorValue.objects.get().partnership == partnership_a


def test_local_figures_cannot_be_a_fingertips_file(partnership_a):
    report = load("fingertips_all_data.csv", partnership=partnership_a)
    assert report.problems[0].startswith("Local figures are loaded as a simple file")


def test_the_command_loads_a_file_and_prints_the_report(areas, capsys):
    call_command("import_indicators", str(FILES / "fingertips_newer.csv"))
    out = capsys.readouterr().out
    assert "6 values stored" in out
    assert IndicatorValue.objects.filter(indicator__code="92517").count() == 6


def test_the_command_dry_run_saves_nothing(areas, capsys):
    call_command("import_indicators", str(FILES / "births.csv"), "--indicator", BIRTHS, "--dry-run")
    assert "Dry run, nothing saved" in capsys.readouterr().out
    assert not IndicatorValue.objects.exists()


def test_the_command_fails_with_every_problem(areas, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Area code,Period,Value\nE08000990,2023,*\nE08000990,2023,5\n")
    with pytest.raises(CommandError) as error:
        call_command("import_indicators", str(bad), "--indicator", BIRTHS)
    message = str(error.value)
    assert "Nothing loaded from bad.csv" in message
    assert "Row 2, column “Value”: “*” is not a number" in message
    assert "Row 3: repeats row 2" in message
    assert not IndicatorValue.objects.exists()


def test_the_command_refuses_a_file_over_the_limit(areas, settings):
    settings.INDICATOR_UPLOAD_MAX_BYTES = 100
    with pytest.raises(CommandError, match="the largest indicator file Cradle takes"):
        call_command("import_indicators", str(FILES / "fingertips_all_data.csv"))
