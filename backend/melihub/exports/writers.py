"""CSV and XLSX writers: rows in, bytes out, a batch at a time (never the whole file in memory).

CSV is what Brazilian Excel opens by double-click: UTF-8 with a BOM (else it reads Windows-1252), ``;``
between fields (Excel pt-BR's list separator, since the comma is its decimal mark), decimal comma, no
thousands separator, dates ``dd/mm/aaaa`` and ``dd/mm/aaaa hh:mm``: each such cell becomes a number or a
date in Excel pt-BR. Text cells starting with ``= + - @`` get a leading apostrophe, so a buyer's question
cannot become a formula (CSV injection).

XLSX goes through xlsxwriter in ``constant_memory`` mode: each row is flushed to a scratch file as it is
written (the workbook is zipped from it at the end and the scratch removed; nothing stays on the
worker's disk). The header row is bold and frozen, numbers are numbers, dates are dates, money has its
currency's format (``"R$" #,##0.00`` shows as ``R$ 1.234,56`` in a pt-BR Excel: the file stores the
format in Excel's neutral notation and Excel localises the separators). A sheet holds 1,048,576 rows;
longer exports continue on further sheets, each with the header.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

import xlsxwriter

from melihub.exports.columns import CellType, Column

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_576
READ_PIECE = 1 << 20

# Symbols a Brazilian reader knows; other currencies show their ISO code.
CURRENCY_SYMBOLS = {"BRL": "R$", "USD": "US$", "EUR": "€"}
ZERO_DECIMAL_CURRENCIES = frozenset({"CLP", "PYG"})
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"

Row = Sequence[Any]


def money_format(currency: str | None) -> str:
    """Excel's number format for an amount of ``currency``: ``"R$" #,##0.00`` for reais."""
    code = (currency or "").upper()
    symbol = CURRENCY_SYMBOLS.get(code, code)
    digits = "#,##0" if code in ZERO_DECIMAL_CURRENCIES else "#,##0.00"
    return f'"{symbol}" {digits}' if symbol else digits


class FileWriter(Protocol):
    content_type: str
    extension: str

    def write_rows(self, rows: Sequence[Row]) -> bytes:
        """Write a batch; the bytes of the file that are final now (maybe none)."""

    def finish(self) -> Iterator[bytes]:
        """Close the file; its remaining bytes, in pieces."""

    def discard(self) -> None:
        """Drop whatever scratch the writer holds (the export failed)."""


# ---- CSV ------------------------------------------------------------------------------------------


CellFormat = Callable[[Any, Row], Any]


def _text(value: Any, _row: Row) -> str:
    shown = value if isinstance(value, str) else str(value)
    return "'" + shown if shown.startswith(FORMULA_STARTS) else shown


def _decimal(value: Any, _row: Row) -> str:
    return format(value, "f").replace(".", ",")


def _datetime(value: Any, row: Row) -> str:
    if isinstance(value, str):
        return _text(value, row)
    return f"{value.day:02d}/{value.month:02d}/{value.year} {value.hour:02d}:{value.minute:02d}"


def _date(value: Any, row: Row) -> str:
    if isinstance(value, str):
        return _text(value, row)
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def _plain(value: Any, _row: Row) -> Any:
    return value


def _money(currency_of: int | None) -> CellFormat:
    def money(value: Any, row: Row) -> str:
        # A column mixing money and plain numbers (KPIS) has no currency on the plain ones.
        if currency_of is not None and not row[currency_of]:
            return _decimal(value, row)
        return f"{value:.2f}".replace(".", ",")

    return money


def csv_format(column: Column) -> CellFormat:
    """How a column's cells read in the CSV (None is always an empty cell)."""
    formats: dict[CellType, CellFormat] = {
        CellType.TEXT: _text,
        CellType.DECIMAL: _decimal,
        CellType.DATETIME: _datetime,
        CellType.DATE: _date,
        CellType.INTEGER: _plain,
    }
    return _money(column.currency_of) if column.type is CellType.MONEY else formats[column.type]


class CsvWriter:
    content_type = CSV_TYPE
    extension = "csv"

    def __init__(self, columns: tuple[Column, ...], headers: list[str], *, preformatted: bool = False) -> None:
        # ``preformatted``: the rows are the CSV's fields already (``sources.csv_rows_statement``).
        self.preformatted = preformatted
        self.formats = [(index, csv_format(column)) for index, column in enumerate(columns)]
        self._header: str | None = BOM + self._line([headers])

    def _line(self, rows: Sequence[Row]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
        return buffer.getvalue()

    def write_rows(self, rows: Sequence[Row]) -> bytes:
        formats = self.formats
        if self.preformatted:
            shown: Sequence[Row] = rows
        else:
            shown = [["" if row[i] is None else show(row[i], row) for i, show in formats] for row in rows]
        head, self._header = self._header or "", None
        return (head + self._line(shown)).encode("utf-8")

    def finish(self) -> Iterator[bytes]:
        if self._header is not None:  # no rows: the file is the header alone
            yield self._header.encode("utf-8")
            self._header = None

    def discard(self) -> None:
        self._header = None


# ---- XLSX -----------------------------------------------------------------------------------------


class XlsxWriter:
    content_type = XLSX_TYPE
    extension = "xlsx"

    def __init__(self, columns: tuple[Column, ...], headers: list[str], sheet_name: str) -> None:
        self.columns = columns
        self.headers = headers
        self.sheet_name = sheet_name[:25]
        self._scratch = tempfile.TemporaryDirectory(prefix="melihub-export-")
        self.path = os.path.join(self._scratch.name, "export.xlsx")
        self.book = xlsxwriter.Workbook(
            self.path, {"constant_memory": True, "tmpdir": self._scratch.name, "remove_timezone": True}
        )
        self.bold = self.book.add_format({"bold": True})
        self.date = self.book.add_format({"num_format": DATE_FORMAT})
        self.datetime = self.book.add_format({"num_format": DATETIME_FORMAT})
        self.money: dict[str, Any] = {}
        self.sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        self.sheets += 1
        name = self.sheet_name if self.sheets == 1 else f"{self.sheet_name} ({self.sheets})"
        self.sheet = self.book.add_worksheet(name)
        for index, (column, header) in enumerate(zip(self.columns, self.headers, strict=True)):
            self.sheet.set_column(index, index, column.width)
            self.sheet.write_string(0, index, header, self.bold)
        self.sheet.freeze_panes(1, 0)
        self.next_row = 1

    def _money(self, currency: Any) -> Any:
        code = str(currency or "")
        found = self.money.get(code)
        if found is None:
            found = self.money[code] = self.book.add_format({"num_format": money_format(code)})
        return found

    def write_rows(self, rows: Sequence[Row]) -> bytes:
        columns = self.columns
        for row in rows:
            if self.next_row >= XLSX_MAX_ROWS:
                self._new_sheet()
            at, sheet = self.next_row, self.sheet
            for index, (column, value) in enumerate(zip(columns, row, strict=True)):
                if value is not None:
                    self._cell(sheet, at, index, column, value, row)
            self.next_row += 1
        return b""

    def _cell(self, sheet: Any, at: int, index: int, column: Column, value: Any, row: Row) -> None:
        kind = column.type
        if kind is CellType.TEXT or isinstance(value, str):
            sheet.write_string(at, index, str(value))
        elif kind is CellType.MONEY:
            currency = row[column.currency_of] if column.currency_of is not None else "?"
            sheet.write_number(at, index, float(value), self._money(currency) if currency else None)
        elif kind in (CellType.INTEGER, CellType.DECIMAL):
            sheet.write_number(at, index, float(value) if isinstance(value, Decimal) else value)
        elif kind is CellType.DATETIME and isinstance(value, datetime):
            sheet.write_datetime(at, index, value, self.datetime)
        elif kind is CellType.DATE and isinstance(value, date):
            sheet.write_datetime(at, index, value, self.date)
        else:
            sheet.write(at, index, value)

    def finish(self) -> Iterator[bytes]:
        self.book.close()
        try:
            with open(self.path, "rb") as built:
                while piece := built.read(READ_PIECE):
                    yield piece
        finally:
            self._scratch.cleanup()

    def discard(self) -> None:
        self._scratch.cleanup()


def writer_for(
    file_format: str, columns: tuple[Column, ...], headers: list[str], sheet_name: str, *, preformatted: bool = False
) -> FileWriter:
    if file_format == "XLSX":
        return XlsxWriter(columns, headers, sheet_name)
    return CsvWriter(columns, headers, preformatted=preformatted)
