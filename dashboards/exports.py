"""Dashboard tables as CSV downloads, formula-safe through the service map's own `safe`."""

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from continuum.export import safe


def cell(value) -> str:
    if value is None:
        return ""
    return safe(str(value)) if isinstance(value, str) else str(value)


def download_name(*parts: str) -> str:
    """Only lowercase letters, digits and hyphens, whatever the slug or table name holds."""
    stem = "-".join(re.sub(r"[^a-z0-9-]", "", part.lower()) for part in parts)
    return f"{stem.strip('-') or 'cradle'}.csv"


def csv_response(header: Sequence[str], rows: Iterable[Sequence], *parts: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    # The byte order mark makes Excel read the file as UTF-8.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{download_name(*parts)}"'
    return response
