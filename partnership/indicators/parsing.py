"""Reading indicator files into plain rows, with one readable line per problem.

Two shapes, told apart by their column names (never their positions):

- the OHID Fingertips "all data" CSV, as its site and API download it, in any of its variants
  (the comparator column is named after the parent area; newer files add `Time period range`);
- a simple area, period, value CSV for one indicator named beside the file (ONS births, the
  under-five population, or any local figure).

Nothing here touches the database, so the rules are tested on plain bytes.
"""

import codecs
import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from partnership.indicators.models import COMPARATOR_PREFIXES

FINGERTIPS = "fingertips"
SIMPLE = "simple"
# Every column Cradle reads from a Fingertips file; others (trend, comparisons, new data) are
# ignored, whatever they are called.
FINGERTIPS_REQUIRED = [
    "Indicator ID",
    "Indicator Name",
    "Area Code",
    "Area Name",
    "Sex",
    "Age",
    "Time period",
    "Value",
]
FINGERTIPS_OPTIONAL = {
    "area_type": "Area Type",
    "category_type": "Category Type",
    "category": "Category",
    "lower_ci": "Lower CI 95.0 limit",
    "upper_ci": "Upper CI 95.0 limit",
    "count": "Count",
    "denominator": "Denominator",
    "note": "Value note",
    "sortable": "Time period Sortable",
}
# A simple file's columns, by the names people give them.
SIMPLE_COLUMNS = {
    "area_code": ["area code", "area_code", "gss code", "code", "geography code"],
    "area_name": ["area name", "area_name", "name", "geography"],
    "period": ["period", "time period", "year"],
    "value": ["value"],
    "lower_ci": ["lower ci", "lower ci 95.0 limit", "lower limit"],
    "upper_ci": ["upper ci", "upper ci 95.0 limit", "upper limit"],
    "count": ["count"],
    "denominator": ["denominator"],
    "note": ["note", "value note"],
}
SIMPLE_REQUIRED = ["area_code", "period", "value"]
# How problems name each column, in the words of the file's own header.
FINGERTIPS_LABELS = {
    "area_code": "Area Code",
    "period": "Time period",
    "value": "Value",
    "lower_ci": "Lower CI 95.0 limit",
    "upper_ci": "Upper CI 95.0 limit",
    "count": "Count",
    "denominator": "Denominator",
}
SIMPLE_LABELS = {
    "area_code": "Area code",
    "period": "Period",
    "value": "Value",
    "lower_ci": "Lower CI",
    "upper_ci": "Upper CI",
    "count": "Count",
    "denominator": "Denominator",
}
AREA_CODE = re.compile(r"^[A-Za-z0-9]{1,20}$")
MAX_PROBLEMS = 200
LIMITS = {"period": 40, "sex": 40, "age": 60, "category": 200, "area_name": 200, "note": 300}


@dataclass
class Row:
    row: int  # the file's row number, counting the header as row 1
    indicator_code: str
    indicator_name: str
    area_code: str
    area_name: str
    period: str
    period_sort: int
    sex: str = ""
    age: str = ""
    category: str = ""
    value: float | None = None
    lower_ci: float | None = None
    upper_ci: float | None = None
    count: float | None = None
    denominator: float | None = None
    note: str = ""
    comparator: bool = False

    @property
    def key(self) -> tuple:
        return (self.indicator_code, self.area_code, self.period, self.sex, self.age, self.category)


@dataclass
class Parsed:
    shape: str = ""
    rows: list[Row] = field(default_factory=list)
    read: int = 0
    # Rows left out on purpose, by reason: other sexes, ages and category breakdowns.
    skipped: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def problem(self, message: str) -> None:
        self.problems.append(message)


def parse(data: bytes, *, indicator: str = "") -> Parsed:
    """Rows of a Fingertips or simple file; `indicator` names a simple file's indicator."""
    parsed = Parsed()
    text = decode(data, parsed)
    if text is None:
        return parsed
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        parsed.problem(_("The file is not a readable CSV file: %(error)s") % {"error": error})
        return parsed
    if not records or not any(cell.strip() for cell in records[0]):
        parsed.problem(_("The file is empty: the first row must name the columns"))
        return parsed
    header = [cell.strip() for cell in records[0]]
    columns = {name.lower(): i for i, name in enumerate(header) if name}
    if "indicator id" in columns:
        parsed.shape = FINGERTIPS
        read_fingertips(records, columns, parsed)
    elif any(alias in columns for alias in SIMPLE_COLUMNS["value"]):
        parsed.shape = SIMPLE
        read_simple(records, columns, parsed, indicator)
    else:
        shown = ", ".join(f"“{name}”" for name in header[:8])
        parsed.problem(
            _(
                "The file is not an indicator file: it needs either the columns of a "
                "Fingertips “all data” download (Indicator ID, Area Code, Time period, Value …) "
                "or Area code, Period and Value. Its first row has %(columns)s"
            )
            % {"columns": shown}
        )
    if len(parsed.problems) > MAX_PROBLEMS:
        more = len(parsed.problems) - MAX_PROBLEMS
        parsed.problems = parsed.problems[:MAX_PROBLEMS] + [
            _("… and %(more)s more problems") % {"more": more}
        ]
    return parsed


def decode(data: bytes, parsed: Parsed) -> str | None:
    if b"\x00" in data[:4096]:
        parsed.problem(_("The file is not a CSV file: it holds binary data"))
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        parsed.problem(
            _(
                "The file is not UTF-8 text (a byte at position %(position)s is not UTF-8): "
                "save it as CSV UTF-8"
            )
            % {"position": error.start}
        )
        return None


def read_fingertips(records: list[list[str]], columns: dict[str, int], parsed: Parsed) -> None:
    missing = [name for name in FINGERTIPS_REQUIRED if name.lower() not in columns]
    if missing:
        parsed.problem(
            _("The file looks like a Fingertips download but has no %(columns)s column")
            % {"columns": ", ".join(f"“{name}”" for name in missing)}
        )
        return
    at = {name: columns[name.lower()] for name in FINGERTIPS_REQUIRED}
    at.update({key: columns.get(name.lower()) for key, name in FINGERTIPS_OPTIONAL.items()})
    found = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        parsed.read += 1
        cell = cells(record, at)
        category = " – ".join(c for c in (cell("category_type"), cell("category")) if c)
        row = base_row(parsed, number, cell, code=cell("Indicator ID"), category=category)
        row.indicator_name = cell("Indicator Name")
        row.sex, row.age = cell("Sex"), cell("Age")
        sortable = cell("sortable")
        if sortable.isdigit():
            row.period_sort = int(sortable)
        row.comparator = row.comparator or cell("area_type").lower() in {"england", "region"}
        if not row.indicator_code:
            parsed.problem(
                _("Row %(row)s, column “Indicator ID”: enter the indicator's id") % {"row": number}
            )
        check_lengths(parsed, number, row)
        found.append(row)
    check_duplicates(parsed, found)
    parsed.rows = headline(found, parsed)


def read_simple(
    records: list[list[str]], columns: dict[str, int], parsed: Parsed, indicator: str
) -> None:
    at = {}
    for key, aliases in SIMPLE_COLUMNS.items():
        at[key] = next((columns[a] for a in aliases if a in columns), None)
    missing = [key.replace("_", " ") for key in SIMPLE_REQUIRED if at[key] is None]
    if missing:
        parsed.problem(
            _("The file has no %(columns)s column: a simple file needs Area code, Period and Value")
            % {"columns": _(" or ").join(f"“{name}”" for name in missing)}
        )
        return
    if not indicator:
        parsed.problem(_("Name the indicator these figures are for"))
        return
    found = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        parsed.read += 1
        row = base_row(parsed, number, cells(record, at), code=indicator, category="")
        check_lengths(parsed, number, row)
        found.append(row)
    check_duplicates(parsed, found)
    parsed.rows = found


def cells(record: list[str], at: dict):
    def cell(key: str) -> str:
        index = at.get(key)
        return record[index].strip() if index is not None and index < len(record) else ""

    return cell


def base_row(parsed: Parsed, number: int, cell, *, code: str, category: str) -> Row:
    """The columns both shapes share, each checked; a problem names its row and column."""
    area_code = cell("Area Code") or cell("area_code")
    period = cell("Time period") or cell("period")
    labels = FINGERTIPS_LABELS if parsed.shape == FINGERTIPS else SIMPLE_LABELS
    if not AREA_CODE.match(area_code):
        values = {"row": number, "column": labels["area_code"], "code": area_code}
        if area_code:
            problem = _("Row %(row)s, column “%(column)s”: “%(code)s” is not an area code")
        else:
            problem = _("Row %(row)s, column “%(column)s”: enter the area's code")
        parsed.problem(problem % values)
    if not period:
        parsed.problem(
            _("Row %(row)s, column “%(column)s”: enter the period the figure is for")
            % {"row": number, "column": labels["period"]}
        )
    row = Row(
        row=number,
        indicator_code=code,
        indicator_name="",
        area_code=area_code.upper(),
        area_name=cell("Area Name") or cell("area_name"),
        period=period,
        period_sort=period_order(period),
        category=category,
        note=cell("note"),
        comparator=area_code.upper().startswith(COMPARATOR_PREFIXES),
    )
    for key in ["value", "lower_ci", "upper_ci", "count", "denominator"]:
        text = cell("Value" if key == "value" else key) or cell(key)
        setattr(row, key, number_in(parsed, number, labels[key], text))
    check_limits(parsed, number, row, labels)
    return row


def number_in(parsed: Parsed, number: int, column: str, text: str) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        parsed.problem(
            _(
                "Row %(row)s, column “%(column)s”: “%(text)s” is not a number "
                "(leave it empty where a figure is withheld, and say why in the value note)"
            )
            % {"row": number, "column": column, "text": text[:40]}
        )
        return None
    return value


def check_limits(parsed: Parsed, number: int, row: Row, labels: dict) -> None:
    if row.value is None:
        return
    if row.lower_ci is not None and row.lower_ci > row.value:
        parsed.problem(
            _("Row %(row)s, column “%(column)s”: %(limit)s is above the value %(value)s")
            % {
                "row": number,
                "column": labels["lower_ci"],
                "limit": f"{row.lower_ci:g}",
                "value": f"{row.value:g}",
            }
        )
    if row.upper_ci is not None and row.upper_ci < row.value:
        parsed.problem(
            _("Row %(row)s, column “%(column)s”: %(limit)s is below the value %(value)s")
            % {
                "row": number,
                "column": labels["upper_ci"],
                "limit": f"{row.upper_ci:g}",
                "value": f"{row.value:g}",
            }
        )


def check_lengths(parsed: Parsed, number: int, row: Row) -> None:
    for name, limit in LIMITS.items():
        if len(getattr(row, name)) > limit:
            label = name.replace("_", " ").capitalize()
            parsed.problem(
                _("Row %(row)s, column “%(column)s”: longer than %(limit)s characters")
                % {"row": number, "column": label, "limit": limit}
            )


def check_duplicates(parsed: Parsed, rows: list[Row]) -> None:
    first: dict[tuple, int] = {}
    for row in rows:
        if row.key in first:
            parsed.problem(
                _(
                    "Row %(row)s: repeats row %(first)s (the same indicator, area, period, sex, "
                    "age and category)"
                )
                % {"row": row.row, "first": first[row.key]}
            )
        else:
            first[row.key] = row.row


def headline(rows: list[Row], parsed: Parsed) -> list[Row]:
    """Each indicator's headline rows: no category breakdown, and one sex and age.

    Fingertips repeats an indicator for other sexes, ages and categories (deprivation deciles,
    ethnic groups). Cradle keeps the rows for persons where there are any, otherwise the sex
    and age the indicator is most often published for, and counts the rest as skipped.
    """
    pairs: dict[str, Counter] = {}
    for row in rows:
        if not row.category:
            pairs.setdefault(row.indicator_code, Counter())[(row.sex, row.age)] += 1
    chosen = {}
    for code, counts in pairs.items():
        persons = Counter({p: n for p, n in counts.items() if p[0].lower() == "persons"})
        chosen[code] = (persons or counts).most_common(1)[0][0]
    kept = []
    for row in rows:
        if row.category:
            parsed.skipped["a breakdown by category"] += 1
        elif (row.sex, row.age) != chosen.get(row.indicator_code):
            parsed.skipped["another sex or age"] += 1
        else:
            kept.append(row)
    return kept


def period_order(period: str) -> int:
    """A sortable number for a period: "2021/22" and "2021 - 23" sort by their first year."""
    years = re.findall(r"(?<!\d)(\d{4})(?!\d)", period)
    if not years:
        return 0
    quarter = re.search(r"\bQ([1-4])\b", period)
    return int(years[0]) * 10000 + (int(quarter.group(1)) * 100 if quarter else 0)
