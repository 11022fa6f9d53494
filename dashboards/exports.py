"""Dashboard tables as CSV downloads, formula-safe through the shared `safe`."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from partnership.downloads import attachment, safe


def cell(value) -> str:
    if value is None:
        return ""
    return safe(str(value)) if isinstance(value, str) else str(value)


def csv_response(header: Sequence[str], rows: Iterable[Sequence], *parts: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    # The byte order mark makes Excel read the file as UTF-8.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    return attachment(response, *parts, suffix="csv")
