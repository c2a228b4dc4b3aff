"""Reading the batch's input: the file or stdin, its format (by extension, ``--format`` or a
look at its first bytes), and its rows: a CSV header then lists of cells, or JSON objects.

Text is UTF-8 (a byte-order mark is skipped). CSV may be separated by commas, semicolons (French
spreadsheets) or tabs, told from the header line. Blank lines are not rows.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, NamedTuple

from esncli.errors import EsnError
from esncli.i18n import _

FORMATS = ("csv", "jsonl")
EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass
class Input:
    name: str  # for messages: the path, or "stdin"
    format: str
    text: IO[str]
    binary: IO[bytes]
    size: int | None  # bytes, for the progress bar; None for a pipe
    close: Callable[[], None]

    def position(self) -> int | None:
        """Bytes read so far (for the progress bar), when known."""
        if self.size is None:
            return None
        try:
            return self.binary.tell()
        except (OSError, ValueError):
            return None


def format_of(path: str, given: str | None) -> str | None:
    if path != "-":
        found = EXTENSIONS.get(Path(path).suffix.lower())
        if found:
            return found
    return given


def open_input(path: str, given: str | None) -> Input:
    """Open INPUT for streaming; EsnError (exit 2) when it cannot be read."""
    if path == "-":
        binary: Any = sys.stdin.buffer
        name, size, own = "stdin", None, False
    else:
        name = path
        try:
            binary = Path(path).open("rb")  # noqa: SIM115 - closed by Input.close
        except FileNotFoundError:
            raise EsnError(_("cannot read {path}: no such file").format(path=path)) from None
        except IsADirectoryError:
            raise EsnError(_("cannot read {path}: it is a folder").format(path=path)) from None
        except OSError as exc:
            raise EsnError(_("cannot read {path}: {problem}").format(path=path, problem=exc.strerror)) from None
        own = True
        try:
            size = os.fstat(binary.fileno()).st_size
        except OSError:
            size = None
    if not hasattr(binary, "peek"):
        binary = io.BufferedReader(binary)  # e.g. BytesIO under CliRunner
    fmt = format_of(path, given)
    if fmt is None:
        start = binary.peek(64)[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
        fmt = "jsonl" if start.startswith(b"{") else "csv"
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")

    def close() -> None:
        if own:
            text.close()
        else:
            with contextlib.suppress(ValueError):
                text.detach()  # leave sys.stdin open

    return Input(name, fmt, text, binary, size, close)


# --------------------------------------------------------------------------------------------
# CSV


def csv_header(source: Input) -> tuple[list[str], str]:
    """The header (its names as written) and the delimiter; EsnError when there is no header
    with a ``kind`` column."""
    text = source.text
    first = text.readline()
    while first and not first.strip():
        first = text.readline()
    if not first:
        raise EsnError(_("cannot read {name}: it is empty (a CSV header with a kind column is needed)").format(name=source.name))
    delimiter = _delimiter(first)
    try:
        header = next(csv.reader([first], delimiter=delimiter))
    except (csv.Error, StopIteration):
        raise EsnError(_("cannot read {name}: the first line is not a CSV header").format(name=source.name)) from None
    names = [name.strip() for name in header]
    if "kind" not in names:
        shown = ", ".join(repr(n) for n in names[:8]) + (", ..." if len(names) > 8 else "")
        raise EsnError(_("cannot read {name}: no 'kind' column in the header (columns: {columns})").format(name=source.name, columns=shown))
    duplicates = sorted({n for n in names if n and names.count(n) > 1})
    if duplicates:
        raise EsnError(
            _("cannot read {name}: column {column!r} appears more than once in the header").format(name=source.name, column=duplicates[0])
        )
    return header, delimiter


def _delimiter(line: str) -> str:
    # Told from the header: names hold no separators. French spreadsheets export with ";".
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def too_many_cells(cells: int, width: int) -> str:
    return _("this row has {cells} cells but the header has {width}: the cells after the last column were dropped").format(
        cells=cells, width=width
    )


def csv_rows(lines: Iterator[str], header: list[str], delimiter: str) -> Iterator[tuple[list[str], str | None]]:
    """Each row's cells (as many as the header: short rows padded, as spreadsheets drop trailing
    empty cells) and the problem of a row with too many (cut to the header's width)."""
    width = len(header)
    for row in csv.reader(lines, delimiter=delimiter):
        if len(row) == width:
            yield row, None
        elif not row:
            continue  # a blank line is not a row
        elif len(row) < width:
            yield [*row, *[""] * (width - len(row))], None
        else:
            yield row[:width], too_many_cells(len(row), width)


# --------------------------------------------------------------------------------------------
# Records: what the row core and the writers take from any input.


class Record(NamedTuple):
    """One input row: its values by column name (None when the line could not be read), and as
    it was written: a CSV row's cells, or a JSON object's text (written back as it is)."""

    values: dict[str, Any] | None
    cells: list[str] | None = None
    text: str | None = None
    problem: str | None = None


def csv_records(source: Input, header: list[str], delimiter: str) -> Iterator[Record]:
    names = [name.strip() for name in header]
    for cells, problem in csv_rows(source.text, header, delimiter):
        yield Record(dict(zip(names, cells, strict=True)), cells, None, problem)


# JSON Lines: one object per line, numbers read as Decimal so that 1234.10 stays exact.


def jsonl_records(source: Input) -> Iterator[Record]:
    """Each line's object, or the problem with the line (blank lines are not rows)."""
    for line in source.text:
        text = line.strip()
        if not text:
            continue
        try:
            value = json.loads(text, parse_float=Decimal)
        except ValueError as exc:
            yield Record(None, problem=_("this line is not valid JSON: {problem}").format(problem=exc))
            continue
        if isinstance(value, dict):
            yield Record(value, text=text)
        else:
            yield Record(None, problem=_("this line is a JSON {type}, not an object").format(type=type(value).__name__))


def first_jsonl(source: Input, records: Iterator[Record]) -> Record:
    """The first object, which must have a ``kind`` key (it tells JSON Lines from anything else)."""
    first = next(records, None)
    if first is None:
        raise EsnError(_("cannot read {name}: it is empty (JSON Lines objects with a kind key are needed)").format(name=source.name))
    if first.values is None:
        raise EsnError(
            _(
                "cannot read {name}: the first line is not a JSON object, so this is not JSON Lines (use a .csv name or --format csv for CSV)"
            ).format(name=source.name)
        )
    if "kind" not in first.values:
        raise EsnError(_("cannot read {name}: the first object has no 'kind' key").format(name=source.name))
    return first
