"""The CSV to CSV fast path: what makes a counsellor's million rows take seconds, kept apart from
the general path it must match byte for byte (``ENABLED = False`` sends every row through the
general path: csv.reader, the row core, csv.writer; tests compare both on hostile files).

Two savings, both ordinary closures over the row core:

- **plain lines pass through**: a line without a quote character, with the header's number of
  cells and no cell a spreadsheet could run, is what csv.writer would write back: it is split at
  the delimiter and written as it was read; any other line goes to csv.reader and csv.writer;
- **texts made once per result shape**: a row's result cells are eligible, a few amounts and
  the warnings and reasons, which depend on a few branches of the rule. Each text (a note's
  words, a category, quoted as csv.writer quotes them) is made once and remembered; an amount is
  its digits.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import IO, Any

from esncli.errors import EsnError
from esncli.money import cents_text
from esncli.present.serialise import LIST_SEPARATOR, steps_cell
from esncli.rules.kinds import REGISTRY
from esncli.rules.model import Notes, note_texts

from .core import ZONE, ZONE_COLUMNS, Estimated, Located, RowCore, internal_error
from .memo import Memo
from .readers import Input, csv_rows, too_many_cells
from .writers import FORMULA_STARTS, csv_writer, neutralise, output_header

ENABLED = True
BLOCK = 256  # lines gathered per write


class _Sink:
    """A csv.writer target that keeps what it is given."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.write = self.parts.append


class LineEnds:
    """A row's result cells as the end of its CSV line (the delimiter, the cells, the line end),
    as csv.writer writes them."""

    def __init__(self, core: RowCore, columns: tuple[str, ...], delimiter: str) -> None:
        self.core = core
        self.params = core.params
        self.delimiter = delimiter
        sink = _Sink()
        self._written = sink.parts.pop
        self._writerow = csv_writer(sink, delimiter).writerow  # type: ignore[arg-type]
        self.width = len(columns) + 1  # and error
        self.at = {name: i for i, name in enumerate(columns)}
        self._texts = Memo()  # a text -> the cell csv.writer writes
        self._notes = Memo()  # notes -> their cell
        self._layouts: dict[str, tuple[int, tuple[int, ...]]] = {
            kind: (self.at["eligible"], tuple(self.at[spec.name] for spec in estimate.output_fields)) for kind, estimate in REGISTRY.items()
        }
        self._zone = tuple(self.at[name] for name in ZONE_COLUMNS)

    def cell(self, text: str) -> str:
        """A text cell (already neutralised) as csv.writer writes it in a row of several cells."""
        found = self._texts.values.get(text)
        if found is None:
            if not text:
                return ""
            self._writerow((text, ""))
            found = self._texts.put(text, self._written()[:-2], size=len(text))
        return found  # type: ignore[no-any-return]

    def notes(self, notes: Notes) -> str:
        found = self._notes.values.get(notes)
        if found is None:
            text = neutralise(LIST_SEPARATOR.join(note_texts(notes, self.params)))
            found = self._notes.put(notes, self.cell(text), size=len(text))
        return found  # type: ignore[no-any-return]

    def __call__(self, answer: Estimated | Located) -> str:
        cells = [""] * self.width
        at = self.at
        if isinstance(answer, Located):
            for position, name in zip(self._zone, ZONE_COLUMNS, strict=True):
                value = answer.record[name]
                if value is not None:
                    cells[position] = self.cell(neutralise(value))
            cells[at["warnings"]] = self.cell(neutralise(LIST_SEPARATOR.join(answer.warnings)))
        else:
            outcome = answer.outcome
            eligible_at, positions = self._layouts[answer.estimate.kind]
            cells[eligible_at] = "true" if outcome.eligible else "false"
            for position, value in zip(positions, outcome.outputs, strict=True):
                if type(value) is Decimal:
                    cells[position] = cents_text(value)
                elif type(value) is str:
                    cells[position] = self.cell(neutralise(value))
                elif value is not None:
                    cells[position] = self.cell(neutralise(str(value)))  # a count
            cells[at["warnings"]] = self.notes(outcome.warnings)
            cells[at["reasons"]] = self.notes(outcome.reasons)
            if answer.steps is not None:
                self._writerow((neutralise(steps_cell(answer.steps)), ""))
                cells[at["steps"]] = self._written()[:-2]
        return self.delimiter + self.delimiter.join(cells) + "\n"

    def failure(self, message: str) -> str:
        cells = [""] * self.width
        cells[-1] = self.cell(neutralise(message))
        return self.delimiter + self.delimiter.join(cells) + "\n"


class _Lines:
    """The input's lines, with one that can be handed back: csv.reader reads from here the lines
    the fast path leaves to it (and the next ones when a quoted cell spans several)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.back: str | None = None

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.back
        if line is None:
            return next(self.lines)
        self.back = None
        return line


def csv_to_csv(
    core: RowCore,
    source: Input,
    header: list[str],
    delimiter: str,
    columns: tuple[str, ...],
    stream: IO[str],
    fail: Callable[[int], None],
    tick: Callable[[int], None] | None,
) -> int:
    """Every row of ``source`` (after its header) to ``stream``; returns the rows read."""
    ends = LineEnds(core, columns, delimiter)
    names = {name.strip(): i for i, name in enumerate(header)}
    kind_at = names["kind"]
    country_at = names.get("country")
    readers: dict[str, Callable[[list[str]], Any]] = {}  # kind -> reader of cells by position

    def end(row: list[str]) -> str:
        kind = core.kind(row[kind_at])
        if kind == ZONE:
            return ends(core.zone(row[country_at] if country_at is not None else None))
        reader = readers.get(kind)
        if reader is None:
            reader = readers[kind] = core.reader(kind, names)
        return ends(core.estimate(REGISTRY[kind], reader(row)))

    lines: list[str] = []
    append = lines.append
    sink = _Sink()
    written = sink.parts.pop
    csv_writer(sink, delimiter).writerow([neutralise(c) for c in output_header(header, columns)])  # type: ignore[arg-type]
    append(written())
    write_cells = csv_writer(sink, delimiter).writerow  # type: ignore[arg-type]
    lone_empty = len(header) == 1  # csv.writer quotes a lone empty cell (""), not one in a longer line
    width = len(header)
    # A line holding none of the characters that start a formula needs no cell-by-cell check;
    # one that does is checked at its start and after each delimiter.
    tab = "\t" if delimiter != "\t" else "="
    formula_starts = FORMULA_STARTS - {delimiter, "\r"}
    formula_inside = re.compile(re.escape(delimiter) + "[" + re.escape("".join(sorted(formula_starts))) + "]").search
    risky = re.compile("[=+\\-@\t\r]").search
    limit = csv.field_size_limit()  # a longer line goes to csv.reader, which may refuse it
    # Not for a one-column header: csv.writer writes a lone empty cell as "".
    fast = ENABLED and width > 1
    text = source.text
    feed = _Lines(text)
    general = csv_rows(feed, header, delimiter)
    number = 0
    for line in text:
        body = line.rstrip("\r\n")
        # The fast path: a line without a quote character is, for csv.reader, its text split at
        # the delimiter (once its line end is taken off: the stream, opened with newline="",
        # ends a line at "\n", "\r\n" or "\r", so a "\r" can only be its end).
        if fast and '"' not in body and "\r" not in body and len(body) <= limit:
            row = body.split(delimiter)
            if len(row) == width and not (
                ("=" in body or "+" in body or "-" in body or "@" in body or tab in body)
                and (body[0] in formula_starts or formula_inside(body))
            ):
                number += 1
                try:
                    append(body)
                    append(end(row))
                except EsnError as exc:
                    append(ends.failure(exc.message))
                    fail(number)
                except Exception as exc:  # noqa: BLE001 - a bug on one row must not lose the others
                    append(ends.failure(internal_error(exc)))
                    fail(number)
                if not number % BLOCK:
                    stream.write("".join(lines))
                    lines.clear()
                    if tick is not None:
                        tick(number)
                continue
        # The general path: csv.reader reads this line (and the next ones if a quoted cell spans them).
        feed.back = line
        found = next(general, None)
        if found is None:
            continue  # a blank line is not a row
        row, problem = found
        number += 1
        try:
            if problem is not None:
                raise EsnError(problem)
            result = end(row)
        except EsnError as exc:
            result = ends.failure(exc.message)
            fail(number)
        except Exception as exc:  # noqa: BLE001 - a bug on one row must not lose the others
            result = ends.failure(internal_error(exc))
            fail(number)
        write_cells(row)
        cells = written()
        if risky(cells) and any(cell and cell[0] in FORMULA_STARTS for cell in row):
            write_cells([neutralise(cell) for cell in row])
            cells = written()
        append(("" if lone_empty and cells == '""\n' else cells[:-1]) + result)
        if not number % BLOCK:
            stream.write("".join(lines))
            lines.clear()
            if tick is not None:
                tick(number)
    stream.write("".join(lines))
    return number


__all__ = ["ENABLED", "LineEnds", "csv_to_csv", "too_many_cells"]
