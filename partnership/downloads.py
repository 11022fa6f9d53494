"""What every download shares: formula-safe cells, safe file names, the CSV and XLSX writers.

It lives in the base app because the service map, the assessments and the dashboards all
export what users typed, and a spreadsheet runs any cell that starts like a formula.

Headers and sheet titles are the caller's, in the request's language (lazy translations are
welcome: they are read as the file is written); what people typed is written as they typed it.
"""

import csv
import datetime
import io
import numbers
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel refuses these in sheet titles and cuts titles at 31 characters.
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
WIDTH_MIN, WIDTH_MAX = 8, 60


def safe(value: str) -> str:
    """Spreadsheets run a cell that starts like a formula: a leading quote stops that."""
    return "'" + value if value.startswith(FORMULA_START) else value


def download_name(*parts: str, suffix: str = "csv") -> str:
    """Only lowercase letters, digits and hyphens, whatever the slug or table name holds."""
    stem = "-".join(re.sub(r"[^a-z0-9-]", "", part.lower()) for part in parts)
    return f"{stem.strip('-') or 'cradle'}.{suffix}"


def attachment(response: HttpResponse, *parts: str, suffix: str) -> HttpResponse:
    response["Content-Disposition"] = (
        f'attachment; filename="{download_name(*parts, suffix=suffix)}"'
    )
    return response


def csv_cell(value) -> str:
    if value is None:
        return ""
    return safe(str(value)) if isinstance(value, str | Promise) else str(value)


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """The rows under their header as CSV, every text cell formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(h) for h in header])
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return out.getvalue()


def csv_response(header: Sequence[str], rows: Iterable[Sequence], *parts: str) -> HttpResponse:
    """A CSV attachment named from `parts`; the byte order mark makes Excel read UTF-8."""
    response = HttpResponse(
        "\ufeff" + csv_text(header, rows), content_type="text/csv; charset=utf-8"
    )
    return attachment(response, *parts, suffix="csv")


@dataclass
class Sheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]


def xlsx_value(value):
    """Numbers, dates and booleans stay themselves; text is made inert and XML-legal."""
    if value is None or isinstance(value, bool | datetime.date | datetime.time):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            # Excel has no time zones: write the local time people saw on the page.
            return timezone.make_naive(value)
        return value
    if isinstance(value, numbers.Number):  # numpy's too, from the dashboards' DataFrames
        return None if value != value else value  # NaN is no number Excel can hold
    return safe(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def sheet_title(title: str, taken: set[str]) -> str:
    base = SHEET_TITLE_FORBIDDEN.sub(" ", str(title)).strip()[:31] or _("Sheet")
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base[: 31 - len(str(n)) - 1]} {n}"
    taken.add(candidate.lower())
    return candidate


def write_sheet(worksheet, sheet: Sheet) -> None:
    """A bold, frozen header row and columns as wide as their longest value (within limits)."""
    widths = [len(str(h)) for h in sheet.header]
    worksheet.append([xlsx_value(h) for h in sheet.header])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        values = [xlsx_value(v) for v in row]
        worksheet.append(values)
        for i, value in enumerate(values[: len(widths)]):
            longest = max((len(line) for line in str(value or "").splitlines()), default=0)
            widths[i] = max(widths[i], longest)
    worksheet.freeze_panes = "A2"
    for i, width in enumerate(widths, 1):
        worksheet.column_dimensions[get_column_letter(i)].width = min(
            max(width + 2, WIDTH_MIN), WIDTH_MAX
        )


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for sheet in sheets:
        write_sheet(book.create_sheet(sheet_title(sheet.title, taken)), sheet)
    if not sheets:
        book.create_sheet(_("Empty"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(sheets: Sequence[Sheet], *parts: str) -> HttpResponse:
    """An XLSX attachment with one sheet per `Sheet`, named from `parts` like the CSVs."""
    return attachment(
        HttpResponse(workbook_bytes(sheets), content_type=XLSX_TYPE), *parts, suffix="xlsx"
    )
