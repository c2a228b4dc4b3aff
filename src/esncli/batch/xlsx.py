""".xlsx in and out (issue 12): python-calamine reads a sheet (Rust, imports in about a
millisecond, rows typed as the spreadsheet types them), xlsxwriter writes one in constant memory
(a row is written and forgotten). Both are imported here only, by the batch, when a workbook is
read or written: no other command pays for them (docs/design-notes.md, "Dependencies").

Reading: the first sheet or ``--sheet NAME``; the header is the first non-empty row; a number cell
is an ``int`` when whole (2140, not 2140.0) and a ``Decimal`` of its shortest text otherwise
(1051.5), a date cell a ``datetime.date`` (a ``datetime`` when it has a time), a boolean a
``bool``; every other cell is its text. Rows are numbered as the spreadsheet numbers them.

Writing: the header in bold and frozen, the columns sized to their header and first rows, amounts
as numbers shown with two decimals, counts as numbers, booleans as booleans, dates as dates, the
pass-through cells as they came (a CSV cell is text, a workbook cell keeps its type), and every
text as text: ``strings_to_formulas``, ``strings_to_urls`` and ``strings_to_numbers`` off, so that
``=HYPERLINK(...)`` is shown, never run. xlsxwriter's temporary files go to a private folder beside
the output (``tmpdir``), removed with it: nothing is left in TMPDIR or beside the output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

from esncli.errors import EsnError
from esncli.i18n import _

WIDTH_ROWS = 50  # rows looked at to size the columns
MAX_WIDTH = 60
MONEY_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"


class Sheet:
    """A workbook's sheet, its rows as lists of typed cells, and where its header is."""

    def __init__(self, path: str, name: str, sheet: str | None) -> None:
        try:
            from python_calamine import CalamineWorkbook
        except ImportError:  # pragma: no cover - a dependency of esn
            raise EsnError(_("cannot read {name}: python-calamine is not installed").format(name=name)) from None
        self.name = name
        try:
            workbook = CalamineWorkbook.from_path(path)
        except Exception as exc:  # noqa: BLE001 - calamine's errors are of several types, all "not a workbook"
            raise EsnError(_("cannot read {name}: not an .xlsx workbook ({problem})").format(name=name, problem=exc)) from None
        names = workbook.sheet_names
        if not names:
            raise EsnError(_("cannot read {name}: the workbook has no sheet").format(name=name))
        if sheet is None:
            sheet = names[0]
        elif sheet not in names:
            shown = ", ".join(repr(n) for n in names)
            raise EsnError(_("cannot read {name}: no sheet {sheet!r} (sheets: {sheets})").format(name=name, sheet=sheet, sheets=shown))
        try:
            self.sheet = workbook.get_sheet_by_name(sheet)
        except Exception as exc:  # noqa: BLE001
            raise EsnError(_("cannot read {name}: {problem}").format(name=name, problem=exc)) from None
        self.sheet_name = sheet

    def rows(self) -> Iterator[list[Any]]:
        """Every row from the sheet's first (row 1), its cells typed (see the module)."""
        for row in self.sheet.iter_rows():
            yield [typed(cell) for cell in row]


def typed(cell: Any) -> Any:
    if type(cell) is float:
        return int(cell) if cell.is_integer() and abs(cell) < 1e15 else Decimal(repr(cell))
    if isinstance(cell, dt.time | dt.timedelta):
        return str(cell)
    return cell


def is_empty(cells: Sequence[Any]) -> bool:
    return all(cell == "" or cell is None or (type(cell) is str and cell.isspace()) for cell in cells)


def text_of(cell: Any) -> str:
    """A workbook cell as the text a CSV cell would hold (header names, kinds, countries)."""
    if cell is None:
        return ""
    if cell is True or cell is False:
        return "true" if cell else "false"
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ") if cell.time() != dt.time(0) else cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


class Book:
    """The output workbook: one sheet, rows written in order and forgotten (constant_memory)."""

    def __init__(self, stream: IO[bytes], tmpdir: str, header: Sequence[str], money: Sequence[str], first_row: int = 0) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(
            stream,
            {
                "constant_memory": True,
                "tmpdir": tmpdir,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        self.sheet = self.book.add_worksheet("esn")
        self.money = self.book.add_format({"num_format": MONEY_FORMAT})
        self.date = self.book.add_format({"num_format": DATE_FORMAT})
        self.datetime = self.book.add_format({"num_format": DATE_FORMAT + " hh:mm"})
        bold = self.book.add_format({"bold": True})
        self.money_columns = frozenset(i for i, name in enumerate(header) if name in money)
        self.widths = [min(max(len(name), 4) + 2, MAX_WIDTH) for name in header]
        # The header on the input's header row (output row N is input row N), frozen.
        self.sheet.freeze_panes(first_row + 1, 0)
        for at, name in enumerate(header):
            self.sheet.write_string(first_row, at, name, bold)
        self.row = first_row + 1

    def write(self, cells: Sequence[Any]) -> None:
        row, sheet = self.row, self.sheet
        for at, value in enumerate(cells):
            if value is None or value == "":
                continue
            if type(value) is str:
                sheet.write_string(row, at, value)
            elif value is True or value is False:
                sheet.write_boolean(row, at, value)
            elif isinstance(value, int | Decimal | float):
                sheet.write_number(row, at, float(value), self.money if at in self.money_columns else None)
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(row, at, value, self.datetime)
            elif isinstance(value, dt.date):
                sheet.write_datetime(row, at, value, self.date)
            else:
                sheet.write_string(row, at, str(value))
        if row <= WIDTH_ROWS:
            widths = self.widths
            for at, value in enumerate(cells):
                if value is not None and value != "" and at < len(widths):
                    width = min(len(value) if type(value) is str else len(str(value)) + 1, MAX_WIDTH)
                    widths[at] = max(widths[at], width + 1)
        self.row = row + 1

    def close(self) -> None:
        for at, width in enumerate(self.widths):
            self.sheet.set_column(at, at, width)
        self.book.close()
