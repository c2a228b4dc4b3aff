"""Reading the batch's input: the file or stdin, its format (by extension, ``--format`` or a
look at its first bytes), and its rows: a CSV header then lists of cells, or JSON objects.

Text is UTF-8 (a byte-order mark is skipped). CSV may be separated by commas, semicolons (French
spreadsheets) or tabs, told from the header line. Blank lines are not rows.

Sizes are bounded, so that a hostile file costs a row, not the memory: a line is read at most
``LINE_LIMIT`` characters at a time (a longer one is skipped to its end and its row fails), a CSV
cell holds at most ``CELL_LIMIT`` characters (a spreadsheet cell's own limit).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import IO, Any, NamedTuple

from esncli import i18n
from esncli.errors import EsnError
from esncli.i18n import _

FORMATS = ("csv", "jsonl", "xlsx")
EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx"}
UTF8_BOM = b"\xef\xbb\xbf"
_SNIFF = 1 << 16  # bytes of stdin looked at for its encoding
LINE_LIMIT = 4 << 20  # characters of one line (a header of 100 000 columns is under 1 Mi)
CELL_LIMIT = 32_767  # characters of one CSV cell: a spreadsheet cell's limit (Excel's)


class LineTooLong(Exception):
    """A line longer than LINE_LIMIT (read to its end and dropped, never held whole)."""


class Lines:
    """The lines of a text stream, each at most LINE_LIMIT characters; ``next`` raises
    LineTooLong in place of a longer one (the iteration goes on after it, at the next line)."""

    __slots__ = ("read",)

    def __init__(self, text: IO[str]) -> None:
        self.read = partial(text.readline, LINE_LIMIT)

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        line = self.read()
        if len(line) < LINE_LIMIT:
            if not line:
                raise StopIteration
            return line
        return self.whole(line)

    def whole(self, line: str) -> str:
        """``line``, as ``read`` gave it, if it ends within the limit; otherwise LineTooLong,
        with the rest of the line read and dropped a piece at a time."""
        if line[-1] in "\r\n":
            return line
        while (rest := self.read()) and len(rest) == LINE_LIMIT and rest[-1] not in "\r\n":
            pass
        raise LineTooLong


def line_too_long() -> str:
    return _("this line is longer than {limit} characters: it was not read").format(limit=i18n.number(LINE_LIMIT))


@dataclass
class Input:
    name: str  # for messages: the path, or "stdin"
    format: str
    text: IO[str]
    binary: IO[bytes]
    size: int | None  # bytes, for the progress bar; None for a pipe
    close: Callable[[], None]
    encoding: str = "utf-8"  # a Python codec name: "utf-8", "cp1252", or what --encoding named
    guessed: bool = False  # the encoding was guessed (not UTF-8, so cp1252): say so
    bom: bool = False  # the input started with a UTF-8 byte-order mark
    crlf: bool = False  # its first line ends with CR LF
    path: str | None = None  # a file that can be read again (a first pass), None for stdin

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


def open_input(path: str, given: str | None, encoding: str | None = None) -> Input:
    """Open INPUT for streaming; EsnError (exit 2) when it cannot be read. ``encoding`` forces
    the text's encoding (``--encoding``); otherwise valid UTF-8 is UTF-8 and anything else is
    cp1252, what Excel and LibreOffice write in France (a file is checked whole, stdin on its
    first 64 KiB)."""
    if encoding is not None:
        encoding = codec_name(encoding)
    if path == "-":
        if sys.stdin is None:  # closed ("<&-")
            raise EsnError(_("cannot read stdin: it is closed"))
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
        start = binary.peek(64)[:64]
        is_json = start.lstrip(UTF8_BOM + b" \t\r\n").startswith(b"{")
        fmt = "xlsx" if start.startswith(b"PK\x03\x04") else "jsonl" if is_json else "csv"  # a zip: an .xlsx
    if fmt == "xlsx":
        if not own:
            raise EsnError(_("cannot read an .xlsx workbook from stdin: give its file name"))
        return Input(name, fmt, io.StringIO(), binary, size, binary.close, path=path)
    head = binary.peek(_SNIFF)[:_SNIFF]
    bom = head.startswith(UTF8_BOM)
    guessed = False
    if encoding is None:
        readable = own and _seekable(binary)
        utf8 = bom or (_utf8_file(binary) if readable else _utf8_start(head, size is not None and len(head) >= size))
        encoding, guessed = ("utf-8", False) if utf8 else ("cp1252", True)
    newline_at = head.find(b"\n")
    crlf = newline_at > 0 and head[newline_at - 1 : newline_at] == b"\r"
    # CSV: csv.reader's own line ends ("\n", "\r\n", "\r"; a quoted cell may hold any);
    # JSON Lines: "\n" only (a bare "\r" inside an object is whitespace, not a line end).
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    text = io.TextIOWrapper(binary, encoding=codec, newline="" if fmt == "csv" else "\n")

    def close() -> None:
        if own:
            text.close()
        else:
            with contextlib.suppress(ValueError):
                text.detach()  # leave sys.stdin open

    return Input(name, fmt, text, binary, size, close, encoding, guessed, bom, crlf, path if own else None)


def codec_name(given: str) -> str:
    """``--encoding``'s value as a codec name ("utf8", "UTF-8", "windows-1252", "latin-1"...), or
    EsnError."""
    import codecs

    try:
        found = codecs.lookup(given.strip()).name
    except LookupError:
        raise EsnError(_("unknown --encoding {encoding!r}: use utf-8 or cp1252, for instance").format(encoding=given)) from None
    return "utf-8" if found in ("utf-8", "utf-8-sig") else found


def _seekable(binary: Any) -> bool:
    try:
        return bool(binary.seekable())
    except (OSError, ValueError):
        return False


def _utf8_file(binary: Any) -> bool:
    """Whether the whole file is UTF-8 (read a block at a time, then back to its start)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while block := binary.read(1 << 20):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        binary.seek(0)
    return True


def _utf8_start(head: bytes, whole: bool) -> bool:
    """Whether stdin's first bytes are UTF-8 (a character cut at the end of them is not a fault)."""
    import codecs

    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
    except UnicodeDecodeError:
        return False
    return True


# --------------------------------------------------------------------------------------------
# CSV


def csv_header(source: Input, lines: Iterator[str]) -> tuple[list[str], str, int]:
    """The header (its names as written: a quoted name may hold a line break), the delimiter and
    the blank lines before it, read from ``lines`` (``Lines`` of the source); EsnError when there
    is no header with a ``kind`` column."""
    blank = 0
    try:
        record = next(lines, "")
        while record and not record.strip():
            blank += 1
            record = next(lines, "")
        # A quoted name may hold a line break: the header goes on until its quotes are closed.
        while record.count('"') % 2 and len(record) < LINE_LIMIT and (more := next(lines, "")):
            record += more
    except LineTooLong:
        raise EsnError(_("cannot read {name}: {problem}").format(name=source.name, problem=line_too_long())) from None
    if not record:
        raise EsnError(_("cannot read {name}: it is empty (a CSV header with a kind column is needed)").format(name=source.name))
    try:
        # The separator most used outside quoted names; on a tie ("kind;,,;country"), the one
        # that gives a kind column.
        candidates = _delimiters(_QUOTED.sub("", record))

        def reading(delimiter: str) -> tuple[str, list[str]]:
            return delimiter, next(csv.reader([record], delimiter=delimiter))

        # Read lazily, the likeliest first; without a kind column, the message below shows the
        # likeliest reading's names.
        with_kind = (found for found in map(reading, candidates) if "kind" in (name.strip() for name in found[1]))
        delimiter, header = next(with_kind, None) or reading(candidates[0])
        names = [name.strip() for name in header]
    except (csv.Error, StopIteration):
        raise EsnError(_("cannot read {name}: the first line is not a CSV header").format(name=source.name)) from None
    if "kind" not in names:
        shown = ", ".join(repr(n) for n in names[:8]) + (", ..." if len(names) > 8 else "")
        raise EsnError(_("cannot read {name}: no 'kind' column in the header (columns: {columns})").format(name=source.name, columns=shown))
    duplicates = [name for name, count in Counter(names).items() if name and count > 1]  # linear: a header may be wide
    if duplicates:
        raise EsnError(
            _("cannot read {name}: column {column!r} appears more than once in the header").format(name=source.name, column=duplicates[0])
        )
    return header, delimiter, blank


_QUOTED = re.compile(r'"[^"]*"')  # a quoted name ("" inside it: two quoted runs side by side)


def _delimiters(line: str) -> list[str]:
    """The separators a header line may use, the most used first (French spreadsheets export
    with ";"); a comma when it holds none."""
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    used = sorted((d for d in counts if counts[d]), key=lambda d: -counts[d])
    return used or [","]


def too_many_cells(cells: int, width: int) -> str:
    return _("this row has {cells} cells but the header has {width}: the cells after the last column were dropped").format(
        cells=cells, width=width
    )


def csv_rows(lines: Iterator[str], header: list[str], delimiter: str) -> Iterator[tuple[list[str], str | None]]:
    """Each row's cells (as many as the header: short rows padded, as spreadsheets drop trailing
    empty cells; none for a blank line) and the problem of a row that cannot be read whole: too
    many cells (cut to the header's width), a cell or a line too long, or not CSV (its cells
    empty, the run goes on)."""
    width = len(header)
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except LineTooLong:
            yield [""] * width, line_too_long()
            continue
        except csv.Error as exc:
            if "field limit" in str(exc):
                problem = _("a cell is longer than {limit} characters, a spreadsheet cell's limit: the row was not read")
            else:
                problem = _("this row is not CSV ({problem}): it was not read")
            yield [""] * width, problem.format(limit=i18n.number(CELL_LIMIT), problem=exc)
            continue
        if len(row) == width:
            yield row, None
        elif not row:
            yield row, None  # a blank line: an empty row, written back empty
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
    braced: bool = True  # JSON Lines: the line starts with "{" (an object, if a broken one)


def csv_records(lines: Iterator[str], header: list[str], delimiter: str, block: tuple[int, int] | None = None) -> Iterator[Record]:
    """Each row as a Record; an empty row (a blank line, or only empty cells: ``;;;;``) with no
    values. The cells of esn's own result block (``block``) are not values: never read as inputs."""
    names = [name.strip() for name in header]
    if block is not None:
        names[block[0] : block[1]] = [""] * (block[1] - block[0])
    for cells, problem in csv_rows(lines, header, delimiter):
        if problem is None and is_blank(cells):
            yield Record(None, cells)
        else:
            yield Record(dict(zip(names, cells, strict=True)), cells, None, problem)


def is_blank(cells: list[str]) -> bool:
    """An empty row: no cell, or only empty or blank ones (``;;;;``, what spreadsheets leave)."""
    return all(not cell or cell.isspace() for cell in cells)


# JSON Lines: one object per line, numbers read as Decimal so that 1234.10 stays exact.


def jsonl_records(lines: Lines) -> Iterator[Record]:
    """Each line's object, or the problem with the line (blank lines are not rows). What Python's
    json reads but JSON is not (NaN, Infinity) and what it cannot read (nesting past the
    interpreter's depth) fail their row."""
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except LineTooLong:
            yield Record(None, problem=line_too_long())
            continue
        text = line.strip()
        if not text:
            continue
        braced = text.startswith("{")
        try:
            value = json.loads(text, parse_float=Decimal, parse_constant=_not_json)
        except ValueError as exc:
            yield Record(None, problem=_("this line is not valid JSON: {problem}").format(problem=exc), braced=braced)
            continue
        except RecursionError:
            yield Record(None, problem=_("this line is not read: its arrays or objects are nested too deeply"), braced=braced)
            continue
        if isinstance(value, dict):
            # Outside its strings (which hold no raw control character), a "\r" is whitespace:
            # written back as a space, so that no reader ends the line there.
            yield Record(value, text=text.replace("\r", " ") if "\r" in text else text)
        else:
            yield Record(None, problem=_("this line is a JSON {type}, not an object").format(type=type(value).__name__), braced=braced)


def _not_json(name: str) -> Any:
    raise ValueError(_("{name} is not a JSON number").format(name=name))


FIRST_OBJECT_WITHIN = 1000  # lines: past them without an object, the input is not JSON Lines


def first_jsonl(source: Input, records: Iterator[Record]) -> tuple[list[Record], Record]:
    """The first object, which must have a ``kind`` key (it tells JSON Lines from anything else,
    and gives a CSV output its columns), and the broken lines before it (rows that fail; a first
    line that is not even an attempt at an object means the input is not JSON Lines)."""
    broken: list[Record] = []
    for record in records:
        if record.values is not None:
            if "kind" not in record.values:
                raise EsnError(_("cannot read {name}: the first object has no 'kind' key").format(name=source.name))
            return broken, record
        if (not record.braced and not broken) or len(broken) >= FIRST_OBJECT_WITHIN:
            raise EsnError(
                _(
                    "cannot read {name}: the first line is not a JSON object, so this is not JSON Lines (use a .csv name or --format csv for CSV)"
                ).format(name=source.name)
            )
        broken.append(record)
    if broken:
        raise EsnError(_("cannot read {name}: no line is a JSON object ({problem})").format(name=source.name, problem=broken[0].problem))
    raise EsnError(_("cannot read {name}: it is empty (JSON Lines objects with a kind key are needed)").format(name=source.name))
