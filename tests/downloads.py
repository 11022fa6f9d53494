"""Reading downloads as a person would: every cell of an XLSX file, the text of a PDF."""

import io

import openpyxl
import pypdf

from partnership.downloads import XLSX_TYPE


def xlsx_book(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def xlsx_download(response) -> openpyxl.Workbook:
    """The workbook of a successful XLSX response."""
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    return xlsx_book(response.content)


def rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def xlsx_text(content: bytes) -> str:
    """Every non-empty cell of every sheet, one per line."""
    return "\n".join(
        str(value)
        for sheet in xlsx_book(content).worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def pdf_text(content: bytes) -> str:
    """The PDF's text without whitespace: a long line may wrap anywhere, hyphens included."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text() for page in reader.pages).split())
